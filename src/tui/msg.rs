//! `Msg`: what happened (a key, a resize, a load that finished). `Effect`: what `update`
//! asks the runtime to do. Errors from the runtime arrive as text already worded for the
//! status line, inside the message of the operation that failed.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::archive::{IssueId, IssueMeta, SearchResults};
use crate::ingest::Article;

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Pasted(String),
    Resized {
        width: u16,
        height: u16,
    },
    /// The archive could not be opened; the reader shows why.
    ArchiveFailed(String),
    IssuesLoaded(Result<Vec<IssueMeta>, String>),
    ArticlesLoaded {
        issue: IssueId,
        articles: Result<Vec<Article>, String>,
    },
    RawLoaded {
        issue: IssueId,
        text: Result<String, String>,
    },
    SearchDone {
        generation: u64,
        /// Where these hits start in the whole result list.
        offset: usize,
        results: Result<SearchResults, String>,
    },
    /// SIGTERM, SIGHUP or SIGINT: leave as if `q` was pressed.
    Signalled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadArticles(IssueId),
    LoadRaw(IssueId),
    Search {
        generation: u64,
        query: String,
        scope: Option<IssueId>,
        offset: usize,
        limit: usize,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
}
