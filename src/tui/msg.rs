//! `Msg`: what happened (a key, a resize, a load that finished). `Effect`: what `update`
//! asks the runtime to do. Failures cross the thread boundary as the library's typed
//! errors, so `update` can tell a missing issue from a damaged archive.

use std::sync::Arc;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::archive::concordance::{KwicPage, KwicSort};
use crate::archive::export::{ExportError, Selection};
use crate::archive::timeline::Timeline;
use crate::archive::{ArchiveError, ArticleRef, IssueId, IssueMeta, Query, SearchResults, Sort};
use crate::config::state::StateError;
use crate::ingest::Article;

/// A failure as it arrives from a worker: shared, because messages are cloned.
pub type Failure = Arc<ArchiveError>;

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Pasted(String),
    Resized {
        width: u16,
        height: u16,
    },
    /// The library could not be opened; the reader shows why.
    LibraryFailed(Failure),
    IssuesLoaded(Result<Vec<IssueMeta>, Failure>),
    ArticlesLoaded {
        issue: IssueId,
        articles: Result<Vec<Article>, Failure>,
    },
    RawLoaded {
        issue: IssueId,
        /// Which of the issue's files.
        source: String,
        text: Result<String, Failure>,
    },
    SearchDone {
        generation: u64,
        /// Where these hits start in the whole result list.
        offset: usize,
        results: Result<SearchResults, Failure>,
    },
    /// The hits over time of the query of `generation` (after its first page of hits).
    TimelineDone {
        generation: u64,
        timeline: Result<Timeline, Failure>,
    },
    /// Concordance lines of the query of `generation`, read from hit `from` on.
    ConcordanceDone {
        generation: u64,
        from: usize,
        page: Result<KwicPage, Failure>,
    },
    /// An export is written (or why not).
    Exported(Result<Exported, Arc<ExportError>>),
    /// An article's texts in simplified characters, in `Article::texts` order.
    Simplified {
        article: ArticleRef,
        texts: Vec<String>,
    },
    /// A worker panicked on a job; it goes on with the next one.
    WorkerPanicked(Arc<WorkerPanic>),
    /// The reading state could not be written.
    StateNotSaved(Arc<StateError>),
    /// SIGTERM, SIGHUP or SIGINT: leave as if `q` was pressed.
    Signalled,
}

/// Which worker, on which job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    OpenLibrary,
    ListIssues,
    LoadArticles,
    LoadRaw,
    Search,
    Timeline,
    Concordance,
    Export,
    Simplify,
}

/// An export written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: std::path::PathBuf,
    pub articles: usize,
    /// Bookmarks no longer in the archive.
    pub missing: usize,
}

impl Job {
    pub fn describe(self) -> &'static str {
        match self {
            Job::OpenLibrary => "opening the archive",
            Job::ListIssues => "listing the issues",
            Job::LoadArticles => "loading an issue",
            Job::LoadRaw => "loading the original text",
            Job::Search => "searching",
            Job::Timeline => "counting the hits over time",
            Job::Concordance => "lining up the occurrences",
            Job::Export => "exporting",
            Job::Simplify => "converting to simplified characters",
        }
    }
}

/// A panic caught at a worker's job: what it was doing and what the panic said (a bug in
/// dubao, shown so it can be reported).
#[derive(Debug)]
pub struct WorkerPanic {
    pub job: Job,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadArticles(IssueId),
    /// One file of an issue as imported (the one an article came from).
    LoadRaw {
        issue: IssueId,
        source: String,
    },
    /// List the issues again (after an error said the list is stale).
    LoadIssues,
    Search {
        generation: u64,
        /// Parsed once, in `update`, where a query that cannot run is shown.
        query: Query,
        scope: Option<IssueId>,
        offset: usize,
        limit: usize,
        sort: Sort,
        /// Count the hits over time too (the first page of a new query).
        timeline: bool,
    },
    /// Concordance lines of `query` from hit `from` on, in `sort` order.
    Concordance {
        generation: u64,
        query: Query,
        scope: Option<IssueId>,
        sort: KwicSort,
        from: usize,
    },
    /// Write these articles, with citations, to a file in the data folder.
    Export(Selection),
    /// Convert an article's texts to simplified characters (OpenCC's phrases).
    Simplify {
        article: ArticleRef,
        texts: Vec<String>,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
}
