//! Driving the reader without a terminal: the sample archive read once, an `App` fed the
//! messages the runtime would send, and the effects `update` asks for carried out by hand
//! (loads answered from the archive, searches run only when a test says so).

use std::collections::HashMap;
use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;

use dubao::archive::{
    Archive, ArchiveError, IssueId, IssueMeta, Query, SearchOptions, SearchResults, query,
};
use dubao::ingest::Article;
use dubao::tui::app::StatusKind;
use dubao::tui::search::PAGE_HITS;
use dubao::tui::{App, Effect, Msg, update};

/// What the reader's loader would read from the sample archive, read once.
pub struct Sample {
    pub archive: Archive,
    pub issues: Vec<IssueMeta>,
    pub articles: HashMap<IssueId, Vec<Article>>,
    /// Each file of each issue, by (issue, file).
    pub raw: HashMap<(IssueId, String), String>,
}

impl Sample {
    /// The issue whose source file name starts with `prefix` ("001_").
    pub fn issue(&self, prefix: &str) -> &IssueMeta {
        self.issues
            .iter()
            .find(|i| file_name(&i.source).starts_with(prefix))
            .unwrap_or_else(|| panic!("no sample issue {prefix}"))
    }

    /// Index of that issue in the list (oldest first).
    pub fn index(&self, prefix: &str) -> usize {
        let id = &self.issue(prefix).id;
        self.issues.iter().position(|i| &i.id == id).unwrap()
    }

    pub fn articles_of(&self, prefix: &str) -> &[Article] {
        &self.articles[&self.issue(prefix).id]
    }

    /// What the search worker answers for a query.
    pub fn search(
        &self,
        text: &str,
        offset: usize,
        limit: usize,
    ) -> Result<SearchResults, Arc<ArchiveError>> {
        self.search_query(&q(text), offset, limit)
    }

    pub fn search_query(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<SearchResults, Arc<ArchiveError>> {
        let opts = SearchOptions {
            limit,
            offset,
            issue: None,
            ..SearchOptions::default()
        };
        self.archive.search(query, &opts).map_err(Arc::new)
    }
}

/// A query as the search pane parses it.
pub fn q(text: &str) -> Query {
    query::parse(text).expect("a query that parses")
}

pub fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

pub fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let archive = Archive::open(super::sample_archive()).expect("open the sample archive");
        let issues = archive.issues().expect("issues");
        let mut articles = HashMap::new();
        let mut raw = HashMap::new();
        for i in &issues {
            articles.insert(i.id.clone(), archive.articles(&i.id).expect("articles"));
            for f in i.files() {
                let text = archive.raw_file(&i.id, &f.path).expect("raw");
                raw.insert((i.id.clone(), f.path), text);
            }
        }
        Sample {
            archive,
            issues,
            articles,
            raw,
        }
    })
}

pub fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn alt(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn gone(id: &IssueId) -> Arc<ArchiveError> {
    Arc::new(ArchiveError::NoSuchIssue { id: id.clone() })
}

/// Answers the loads among `effects` as the runtime's loader would, and the loads those
/// answers ask for in turn. Returns every effect seen, loads included, in order.
pub fn serve(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let s = sample();
    let mut seen = Vec::new();
    let mut queue = effects;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for effect in queue {
            let reply = match &effect {
                Effect::LoadArticles(id) => Some(Msg::ArticlesLoaded {
                    issue: id.clone(),
                    articles: s.articles.get(id).cloned().ok_or_else(|| gone(id)),
                }),
                Effect::LoadRaw { issue, source } => Some(Msg::RawLoaded {
                    issue: issue.clone(),
                    source: source.clone(),
                    text: s
                        .raw
                        .get(&(issue.clone(), source.clone()))
                        .cloned()
                        .ok_or_else(|| gone(issue)),
                }),
                Effect::LoadIssues => Some(Msg::IssuesLoaded(Ok(s.issues.clone()))),
                Effect::Simplify { article, texts } => {
                    static OPENCC: OnceLock<opencc_fmmseg::OpenCC> = OnceLock::new();
                    let cc = OPENCC.get_or_init(opencc_fmmseg::OpenCC::new);
                    Some(Msg::Simplified {
                        article: article.clone(),
                        texts: texts.iter().map(|t| cc.t2s(t, false)).collect(),
                    })
                }
                Effect::Search { .. }
                | Effect::Concordance { .. }
                | Effect::Export(_)
                | Effect::Copy(_) => None,
            };
            seen.push(effect);
            if let Some(msg) = reply {
                next.extend(update(app, msg));
            }
        }
        queue = next;
    }
    seen
}

/// `update`, then the loads it asked for answered.
pub fn drive(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = update(app, msg);
    serve(app, effects)
}

/// Each message in turn through [`drive`]; all effects seen.
pub fn drive_all(app: &mut App, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| drive(app, m)).collect()
}

/// Keys typed as text, one `Msg::Key` a character.
pub fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(key).collect()
}

/// A reader of `width` × `height` with the sample's issues loaded, as at start: the latest
/// issue selected and its articles loaded.
pub fn app(width: u16, height: u16) -> App {
    let mut app = App::new(width, height);
    let effects = update(&mut app, Msg::IssuesLoaded(Ok(sample().issues.clone())));
    serve(&mut app, effects);
    app
}

/// A reader with the article `article` (0-based) of the issue `prefix` open.
pub fn reading(width: u16, height: u16, prefix: &str, article: usize) -> App {
    let mut app = app(width, height);
    let s = sample();
    drive(&mut app, key('g'));
    let steps = s.index(prefix);
    drive_all(&mut app, std::iter::repeat_n(key('j'), steps));
    drive(&mut app, code(KeyCode::Enter));
    drive_all(&mut app, std::iter::repeat_n(key('j'), article));
    drive(&mut app, code(KeyCode::Enter));
    let open = app.reader.open.as_ref().expect("an article is open");
    assert_eq!(open.issue, s.issue(prefix).id);
    assert_eq!(open.article as usize, article);
    app
}

/// The text of a laid-out reader line.
pub fn line_text(line: &dubao::tui::reader::ReaderLine) -> String {
    line.pieces.iter().map(|p| p.text.as_str()).collect()
}

/// The reader lines on screen (from the scroll position, `rows` of them).
pub fn shown_lines(app: &App, rows: usize) -> Vec<String> {
    app.reader
        .lines
        .iter()
        .skip(app.reader.scroll)
        .take(rows)
        .map(line_text)
        .collect()
}

/// The status line's message, or "".
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

pub fn is_error(app: &App) -> bool {
    app.status
        .as_ref()
        .is_some_and(|s| s.kind == StatusKind::Error)
}

/// The article open in the reader: its issue's file name prefix ("003_") and number.
pub fn open_ref(app: &App) -> (String, u32) {
    let open = app.reader.open.as_ref().expect("an article is open");
    let issue = sample()
        .issues
        .iter()
        .find(|i| i.id == open.issue)
        .expect("a sample issue");
    (file_name(&issue.source)[..4].to_owned(), open.article)
}

// ---- search: the test plays the search worker ----

/// The one search among `effects`: (generation, query, offset).
pub fn search_of(effects: &[Effect]) -> (u64, Query, usize) {
    let searches: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Search {
                generation,
                query,
                offset,
                limit,
                ..
            } => {
                assert_eq!(*limit, PAGE_HITS);
                Some((*generation, query.clone(), *offset))
            }
            _ => None,
        })
        .collect();
    assert_eq!(searches.len(), 1, "one search in {effects:?}");
    searches.into_iter().next().unwrap()
}

/// The worker's answer to a search effect, from the archive.
pub fn answer(effects: &[Effect]) -> Msg {
    let (generation, query, offset) = search_of(effects);
    Msg::SearchDone {
        generation,
        offset,
        results: sample().search_query(&query, offset, PAGE_HITS),
    }
}

/// The worker's second answer to a first-page search effect: the hits over time.
pub fn answer_timeline(effects: &[Effect]) -> Msg {
    let (generation, query, _) = search_of(effects);
    Msg::TimelineDone {
        generation,
        timeline: sample()
            .archive
            .timeline(&query, None, None)
            .map_err(Arc::new),
    }
}

/// The worker's answer to the concordance effect among `effects`.
pub fn answer_concordance(effects: &[Effect]) -> Msg {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Concordance {
                generation,
                query,
                scope,
                sort,
                from,
            } => Some((*generation, query.clone(), scope.clone(), *sort, *from)),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "one concordance request in {effects:?}");
    let (generation, query, scope, sort, from) = found.into_iter().next().unwrap();
    let library = dubao::archive::library::LocalLibrary::open(super::sample_archive())
        .expect("open the sample");
    Msg::ConcordanceDone {
        generation,
        from,
        page: dubao::archive::concordance::page(
            &library,
            &query,
            scope.as_ref(),
            sort,
            from,
            dubao::archive::concordance::CONTEXT_CHARS,
        )
        .map_err(Arc::new),
    }
}

/// Types `text` into the open search pane; returns the last effects (the newest query).
pub fn type_query(app: &mut App, text: &str) -> Vec<Effect> {
    let mut last = Vec::new();
    for msg in typed(text) {
        let fx = drive(app, msg);
        if !fx.is_empty() {
            last = fx;
        }
    }
    last
}

/// `/`, the query typed, and its answer fed back.
pub fn searched(app: &mut App, text: &str) {
    drive(app, key('/'));
    drive(app, ctrl('u'));
    let fx = type_query(app, text);
    drive(app, answer(&fx));
    drive(app, answer_timeline(&fx));
    assert_eq!(app.search.shown_query, text);
}
