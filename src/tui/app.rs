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
    pub issue_sel: usize,
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
