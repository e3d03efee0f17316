//! The live search pane's state. Every edit starts a query with a new generation number;
//! results of an older generation are dropped when they arrive, so what is shown always
//! answers what is typed.

use tui_input::Input;

use crate::archive::concordance::{KwicLine, KwicSort};
use crate::archive::timeline::Timeline;
use crate::archive::{Hit, IssueId, Query, Sort};

/// Hits asked for at a time; more load as the selection nears the end.
pub const PAGE_HITS: usize = 50;
/// Queries remembered for Up/Down.
pub const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Archive,
    /// Only this issue's articles (Tab toggles).
    Issue(IssueId),
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: Input,
    /// Generation of the newest query sent.
    pub generation: u64,
    /// The text whose results are shown.
    pub shown_query: String,
    /// The newest query sent (its generation is `generation`), parsed.
    pub sent: Option<Query>,
    /// The query whose results are shown, parsed: more hits and highlights come from it.
    pub shown: Option<Query>,
    /// The order of the hits (`Alt-s` cycles).
    pub sort: Sort,
    /// The hits of the shown query over time, once counted.
    pub timeline: Option<Timeline>,
    /// The chart shows each period's share of all its articles, not raw counts (`Alt-r`).
    pub chart_share: bool,
    /// `Alt-c`: a line per occurrence instead of a hit per article.
    pub kwic: Option<KwicView>,
    pub hits: Vec<Hit>,
    pub total: usize,
    pub selected: usize,
    /// A query is running (the newest generation has not answered yet).
    pub running: bool,
    /// More hits are being fetched for the shown query.
    pub loading_more: bool,
    /// A query that cannot run ("date:2023-13"), shown under the input.
    pub error: Option<String>,
    pub scope: Scope,
    /// The issue Tab narrows to: the one the search was opened from.
    pub scope_issue: Option<IssueId>,
    /// Start in "this issue" when opened from inside one (config `search_scope`).
    pub default_this_issue: bool,
    pub history: Vec<String>,
    /// Position while walking the history with Up/Down (`None`: editing a new query).
    pub history_pos: Option<usize>,
    /// What was typed before walking the history, to come back to.
    pub draft: String,
}

/// The concordance of the shown query.
#[derive(Debug, Clone, Default)]
pub struct KwicView {
    pub sort: KwicSort,
    pub lines: Vec<KwicLine>,
    pub selected: usize,
    /// The hit the next page of lines starts at; `None` when every hit is read.
    pub next_hit: Option<usize>,
    /// Lines are on their way (the first page or more).
    pub loading: bool,
    /// Articles matching in all.
    pub hits: usize,
}

impl SearchState {
    pub fn remember(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        self.history.retain(|q| q != query);
        self.history.push(query.to_owned());
        if self.history.len() > HISTORY_LIMIT {
            self.history.remove(0);
        }
    }
}
