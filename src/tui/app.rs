//! `App`: every piece of the reader's state, as plain data. `update` changes it, `view`
//! draws it; neither does I/O.

use std::collections::{BTreeSet, HashMap};

use tui_input::Input;

use super::keys::KeyMap;
use super::reader::ReaderLine;
use super::search::SearchState;
use super::view::theme::Palette;
use crate::archive::{ArticleRef, IssueId, IssueMeta};
use crate::config::state::{ReadingState, STATE_FORMAT, SavedBookmark, SavedPlace};
use crate::ingest::Article;
use crate::text::{LayoutCache, LayoutOptions};

/// The panes that can have the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Issues,
    Articles,
    Reader,
}

/// What covers the panes, if anything.
#[derive(Debug, Clone, Default)]
pub enum Overlay {
    #[default]
    None,
    /// `?` — the keys, scrolled down this many rows.
    Help { scroll: usize },
    /// `:` — a date typed to jump to.
    DateJump(Input),
    /// `'` — the bookmarks, with the selected row.
    Bookmarks { selected: usize },
    /// `/` — live search.
    Search,
    /// `P` — the papers, with their issues and date spans; `Enter` shows one (or all).
    Papers {
        rows: Vec<PaperRow>,
        selected: usize,
    },
    /// `C` — a month of the current paper's issues; the cursor is on a day.
    Calendar { cursor: crate::ingest::Date },
}

/// A row of the papers list: a paper (`None`: the issues that name none), or all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRow {
    /// `None` for the "all papers" row.
    pub paper: Option<PaperFilter>,
    pub issues: usize,
    pub first: Option<crate::ingest::Date>,
    pub last: Option<crate::ingest::Date>,
}

/// The issues of one paper (`None`: of no known paper).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PaperFilter(pub Option<String>);

impl PaperFilter {
    pub fn matches(&self, issue: &IssueMeta) -> bool {
        issue.paper == self.0
    }

    pub fn name(&self) -> &str {
        self.0.as_deref().unwrap_or("no known paper")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

/// A place to come back to: an article and how far down it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub article: ArticleRef,
    /// First line shown in the reader.
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    pub place: Place,
    /// Shown in the bookmark list: the title as it was when bookmarked.
    pub title: String,
    pub date: Option<crate::ingest::Date>,
}

/// Back and forward, like a browser: opening an article pushes where one was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
}

/// Most places kept in each direction.
pub const HISTORY_LIMIT: usize = 100;

/// The articles of the issue selected in the list, once loaded.
#[derive(Debug, Clone, Default)]
pub struct IssueArticles {
    pub issue: Option<IssueId>,
    pub articles: Vec<Article>,
    pub loading: bool,
}

/// The article view: which article, laid out for the current width.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// The article shown (`None`: nothing opened yet).
    pub open: Option<ArticleRef>,
    pub article: Option<Article>,
    /// `t`: traditional text shown in simplified characters.
    pub simplified: bool,
    /// The shown article is a story continued on another page: where that page's text
    /// begins in it.
    pub join: Option<crate::tui::reader::Join>,
    /// The article open, in simplified characters, once converted (same text positions).
    pub converted: Option<(ArticleRef, Article)>,
    pub lines: Vec<ReaderLine>,
    pub scroll: usize,
    /// Width the lines were laid out for; a resize to another width lays them out again.
    pub laid_out_cols: usize,
    /// `o`: the issue's raw text instead of the article.
    pub raw: Option<RawView>,
    /// Scroll to restore once the article arrives (history, bookmarks).
    pub pending_scroll: Option<usize>,
    /// Folded search terms to highlight, and where they are in the article.
    pub terms: Vec<Vec<char>>,
    pub matches: Vec<crate::archive::snippet::Match>,
    /// The match `n`/`N` last went to.
    pub current_match: Option<usize>,
    /// The occurrence to open at once the article arrives (from the concordance): which
    /// of its texts, and the match's first character there.
    pub pending_match: Option<(usize, usize)>,
    /// The article was opened from the search pane: Esc goes back to it.
    pub from_search: bool,
    pub cache: LayoutCache,
}

#[derive(Debug, Clone, Default)]
pub struct RawView {
    pub issue: Option<IssueId>,
    /// The file shown: the one the article came from.
    pub source: String,
    pub text: Option<String>,
    pub lines: Vec<ReaderLine>,
    pub scroll: usize,
    /// The raw line to show first once the text is laid out (the article's first line).
    pub anchor_line: usize,
}

#[derive(Debug)]
pub struct App {
    pub issues: Vec<IssueMeta>,
    pub issues_loaded: bool,
    /// Index into `issues` (always one of `visible`, when any is).
    pub issue_sel: usize,
    /// The paper the issue list shows (`None`: every paper).
    pub paper: Option<PaperFilter>,
    /// Indexes into `issues` of the rows the issue list shows, oldest first.
    pub visible: Vec<usize>,
    pub current: IssueArticles,
    pub article_sel: usize,
    pub focus: Pane,
    pub overlay: Overlay,
    pub reader: ReaderState,
    pub search: SearchState,
    pub bookmarks: Vec<Bookmark>,
    pub history: History,
    pub status: Option<Status>,
    /// Terminal size in cells.
    pub width: u16,
    pub height: u16,
    pub layout: LayoutOptions,
    /// Colours off (NO_COLOR): bold, reverse and underline carry the meaning instead.
    pub monochrome: bool,
    pub palette: Palette,
    pub keymap: KeyMap,
    /// Articles opened, by issue, for the read marks in the lists: the issue list asks
    /// for every row on every frame, so counting is a lookup, not a scan.
    pub read: HashMap<IssueId, BTreeSet<u32>>,
    /// Where the last session was, to go back to once the issues are listed.
    pub pending_restore: Option<Place>,
    /// Something the state file keeps changed: the runtime saves it.
    pub state_dirty: bool,
    /// Something visible changed since the last frame.
    pub dirty: bool,
    pub quit: bool,
}

impl App {
    pub fn new(width: u16, height: u16) -> App {
        App {
            issues: Vec::new(),
            issues_loaded: false,
            issue_sel: 0,
            paper: None,
            visible: Vec::new(),
            current: IssueArticles::default(),
            article_sel: 0,
            focus: Pane::Issues,
            overlay: Overlay::None,
            reader: ReaderState::default(),
            search: SearchState::default(),
            bookmarks: Vec::new(),
            history: History::default(),
            status: None,
            width,
            height,
            layout: LayoutOptions {
                indent: crate::text::Indent::AddTwoChars,
                ..LayoutOptions::default()
            },
            monochrome: false,
            palette: Palette::default(),
            keymap: KeyMap::default(),
            read: HashMap::new(),
            pending_restore: None,
            state_dirty: false,
            dirty: true,
            quit: false,
        }
    }

    pub fn selected_issue(&self) -> Option<&IssueMeta> {
        self.issues.get(self.issue_sel)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
        });
    }

    /// Index of an issue in the list.
    pub fn issue_index(&self, id: &IssueId) -> Option<usize> {
        self.issues.iter().position(|i| &i.id == id)
    }

    /// The rows the issue list shows again, after the issues or the paper changed. A
    /// paper with no issue left shows every paper.
    pub fn refresh_visible(&mut self) {
        let shown =
            |f: &Option<PaperFilter>, i: &IssueMeta| f.as_ref().is_none_or(|f| f.matches(i));
        if !self.issues.iter().any(|i| shown(&self.paper, i)) {
            self.paper = None;
        }
        let paper = self.paper.clone();
        self.visible = (0..self.issues.len())
            .filter(|&i| shown(&paper, &self.issues[i]))
            .collect();
    }

    /// Where an issue is among the rows shown.
    pub fn visible_pos(&self, index: usize) -> Option<usize> {
        self.visible.binary_search(&index).ok()
    }

    /// Whether the archive holds more than one paper (rows then name theirs).
    pub fn many_papers(&self) -> bool {
        self.issues
            .first()
            .is_some_and(|first| self.issues.iter().any(|i| i.paper != first.paper))
    }

    /// The papers, each with its issues and their span, "all papers" first.
    pub fn paper_rows(&self) -> Vec<PaperRow> {
        let mut by: std::collections::BTreeMap<Option<String>, PaperRow> = Default::default();
        for i in &self.issues {
            let row = by.entry(i.paper.clone()).or_insert_with(|| PaperRow {
                paper: Some(PaperFilter(i.paper.clone())),
                issues: 0,
                first: None,
                last: None,
            });
            row.issues += 1;
            if let Some(d) = i.date {
                row.first = Some(row.first.map_or(d, |f| f.min(d)));
                row.last = Some(row.last.map_or(d, |l| l.max(d)));
            }
        }
        let dated = self.issues.iter().filter_map(|i| i.date);
        let mut rows = vec![PaperRow {
            paper: None,
            issues: self.issues.len(),
            first: dated.clone().min(),
            last: dated.max(),
        }];
        rows.extend(by.into_values());
        rows
    }

    /// How many of an issue's articles were opened.
    pub fn read_count(&self, id: &IssueId) -> usize {
        self.read.get(id).map_or(0, BTreeSet::len)
    }

    pub fn is_read(&self, id: &IssueId, article: u32) -> bool {
        self.read.get(id).is_some_and(|r| r.contains(&article))
    }

    pub fn mark_read(&mut self, article: &ArticleRef) {
        self.read
            .entry(article.issue.clone())
            .or_default()
            .insert(article.article);
    }

    /// What the state file keeps of this session.
    pub fn to_state(&self, archive: String) -> ReadingState {
        let saved = |p: &Place| SavedPlace {
            issue: p.article.issue.0.clone(),
            article: p.article.article,
            scroll: p.scroll,
        };
        let mut read: Vec<String> = self
            .read
            .iter()
            .flat_map(|(issue, ns)| ns.iter().map(move |n| format!("{issue}/{n}")))
            .collect();
        read.sort();
        ReadingState {
            format: STATE_FORMAT,
            archive,
            place: self.reader.open.as_ref().map(|article| {
                saved(&Place {
                    article: article.clone(),
                    scroll: self.reader.scroll,
                })
            }),
            bookmarks: self
                .bookmarks
                .iter()
                .map(|b| SavedBookmark {
                    place: saved(&b.place),
                    title: b.title.clone(),
                    date: b.date.map(|d| d.to_string()),
                })
                .collect(),
            search_history: self.search.history.clone(),
            read,
        }
    }

    /// Takes up a saved session: bookmarks, search history and read marks at once, the
    /// place once the issues are listed.
    pub fn restore(&mut self, state: ReadingState) {
        let place = |p: SavedPlace| Place {
            article: ArticleRef {
                issue: IssueId(p.issue),
                article: p.article,
            },
            scroll: p.scroll,
        };
        self.pending_restore = state.place.map(place);
        self.bookmarks = state
            .bookmarks
            .into_iter()
            .map(|b| Bookmark {
                title: b.title,
                date: b.date.and_then(|d| d.parse().ok()),
                place: place(b.place),
            })
            .collect();
        self.search.history = state.search_history;
        self.read.clear();
        for r in &state.read {
            let parsed = r
                .split_once('/')
                .and_then(|(issue, n)| Some((issue, n.parse::<u32>().ok()?)));
            if let Some((issue, n)) = parsed {
                self.read
                    .entry(IssueId(issue.to_owned()))
                    .or_default()
                    .insert(n);
            }
        }
    }

    /// "人民日报 2023-01-01 第4版 要闻": where an article is, as a citation begins.
    pub fn citation(&self, at: &ArticleRef) -> String {
        let mut parts = Vec::new();
        if let Some(issue) = self.issue_index(&at.issue).map(|i| &self.issues[i]) {
            if let Some(p) = &issue.paper {
                parts.push(p.clone());
            }
            parts.push(
                issue
                    .date
                    .map_or_else(|| "no date".to_owned(), |d| d.to_string()),
            );
        }
        let article = self
            .has_articles_of(&at.issue)
            .then(|| self.current.articles.get(at.article as usize))
            .flatten();
        if let Some(page) = article.and_then(|a| a.page) {
            match article.and_then(|a| a.page_name.as_deref()) {
                Some(name) => parts.push(format!("第{page}版 {name}")),
                None => parts.push(format!("第{page}版")),
            }
        }
        parts.join(" ")
    }

    /// The articles pane holds this issue's articles.
    pub fn has_articles_of(&self, id: &IssueId) -> bool {
        self.current.issue.as_ref() == Some(id) && !self.current.loading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_marks_count_per_issue_and_survive_the_state_file() {
        let mut app = App::new(80, 24);
        let a = IssueId("a".into());
        for n in [3, 0, 3] {
            app.mark_read(&ArticleRef {
                issue: a.clone(),
                article: n,
            });
        }
        assert_eq!(app.read_count(&a), 2);
        assert!(app.is_read(&a, 3) && !app.is_read(&a, 1));
        assert_eq!(app.read_count(&IssueId("b".into())), 0);
        let state = app.to_state("/archive".into());
        assert_eq!(state.read, ["a/0", "a/3"]);
        let mut again = App::new(80, 24);
        again.restore(state);
        assert_eq!(again.read, app.read);
    }
}
