//! The live search pane: typing starts queries (never waits for them), results of older
//! queries are dropped, `Enter` opens a hit at its first match.

use crossterm::event::KeyEvent;
use tui_input::{Input, InputRequest};

use super::{concordance, input, navigate};
use crate::archive::export::Selection;
use crate::archive::snippet::folded_terms;
use crate::archive::timeline::Timeline;
use crate::archive::{ArticleRef, SearchResults, query};
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::keys::{Action, KeyScope};
use crate::tui::msg::{Effect, Failure};
use crate::tui::search::{PAGE_HITS, Scope};

/// Hits left below the selection when more are fetched.
const LOAD_MORE_MARGIN: usize = 10;

pub fn open(app: &mut App) -> Vec<Effect> {
    app.overlay = Overlay::Search;
    // From inside an issue, Tab can narrow the search to it.
    app.search.scope_issue = match app.focus {
        Pane::Articles | Pane::Reader => app.current.issue.clone(),
        Pane::Issues => None,
    };
    // A search narrowed to an issue follows to the issue it is opened from (or starts
    // there, with `search_scope = "issue"`), and widens to the whole archive from the
    // issue list; the hits shown must then be searched again, or they would be another
    // scope's under this one's title.
    let scope = match (&app.search.scope, &app.search.scope_issue) {
        (Scope::Issue(_), Some(id)) => Scope::Issue(id.clone()),
        (Scope::Archive, Some(id)) if app.search.default_this_issue => Scope::Issue(id.clone()),
        _ => Scope::Archive,
    };
    app.dirty = true;
    if scope != app.search.scope {
        app.search.scope = scope;
        return query_changed(app);
    }
    Vec::new()
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.dirty = true;
    let action = app.keymap.action_in(KeyScope::Search, &key);
    // In the concordance the same keys move over, open and sort its lines.
    if app.search.kwic.is_some() {
        match action {
            Some(Action::SearchOpenHit) => return concordance::open(app),
            Some(Action::SearchNextHit) => return concordance::move_selection(app, 1),
            Some(Action::SearchPrevHit) => return concordance::move_selection(app, -1),
            Some(Action::SearchPageDown) => return concordance::move_selection(app, 10),
            Some(Action::SearchPageUp) => return concordance::move_selection(app, -10),
            Some(Action::SearchSort) => return concordance::cycle_sort(app),
            _ => {}
        }
    }
    match action {
        Some(Action::SearchConcordance) => concordance::toggle(app),
        Some(Action::SearchExport) => export_hits(app),
        Some(Action::SearchClose) => {
            app.overlay = Overlay::None;
            Vec::new()
        }
        Some(Action::SearchOpenHit) => open_hit(app),
        Some(Action::SearchToggleScope) => toggle_scope(app),
        Some(Action::SearchOlderQuery) => walk_history(app, -1),
        Some(Action::SearchNewerQuery) => walk_history(app, 1),
        Some(Action::SearchNextHit) => move_selection(app, 1),
        Some(Action::SearchPrevHit) => move_selection(app, -1),
        Some(Action::SearchPageDown) => move_selection(app, 10),
        Some(Action::SearchPageUp) => move_selection(app, -10),
        Some(Action::SearchSort) => {
            app.search.sort = app.search.sort.next();
            query_changed(app)
        }
        Some(Action::SearchPaper) => toggle_paper(app),
        Some(Action::SearchChartShare) => {
            app.search.chart_share = !app.search.chart_share;
            Vec::new()
        }
        _ => {
            let before = app.search.input.value().to_owned();
            input::edit(&mut app.search.input, action, &key);
            if app.search.input.value() != before {
                app.search.history_pos = None;
                return query_changed(app);
            }
            Vec::new()
        }
    }
}

/// A paste is one edit: one query, however long the text.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        app.search.input.handle(InputRequest::InsertChar(c));
    }
    app.search.history_pos = None;
    app.dirty = true;
    query_changed(app)
}

fn scope_id(app: &App) -> Option<crate::archive::IssueId> {
    match &app.search.scope {
        Scope::Archive => None,
        Scope::Issue(id) => Some(id.clone()),
    }
}

/// Parses what is typed (the one place a query is parsed); a query that cannot run shows
/// why instead of emptying the list.
pub fn query_changed(app: &mut App) -> Vec<Effect> {
    let text = app.search.input.value().to_owned();
    // Whatever is still running answers a query no longer typed.
    app.search.generation += 1;
    match query::parse(&text) {
        Err(e) => {
            app.search.error = Some(e.to_string());
            app.search.running = false;
            app.search.sent = None;
            Vec::new()
        }
        Ok(q) if q.is_empty() => {
            app.search.error = None;
            app.search.running = false;
            app.search.sent = None;
            app.search.shown = None;
            app.search.hits.clear();
            app.search.total = 0;
            app.search.selected = 0;
            app.search.shown_query.clear();
            Vec::new()
        }
        Ok(q) => {
            app.search.error = None;
            app.search.running = true;
            app.search.loading_more = false;
            app.search.sent = Some(q.clone());
            app.search.timeline = None;
            let mut effects = vec![Effect::Search {
                generation: app.search.generation,
                query: q,
                scope: scope_id(app),
                offset: 0,
                limit: PAGE_HITS,
                sort: app.search.sort,
                timeline: true,
            }];
            effects.extend(concordance::restart(app));
            effects
        }
    }
}

pub use concordance::done as concordance_done;

pub fn done(
    app: &mut App,
    generation: u64,
    offset: usize,
    results: Result<SearchResults, Failure>,
) -> Vec<Effect> {
    if generation != app.search.generation {
        // An older query finished late: what is typed now asked something else.
        return Vec::new();
    }
    app.dirty = true;
    app.search.running = false;
    app.search.loading_more = false;
    match results {
        Ok(r) => {
            app.search.error = None;
            app.search.total = r.total;
            if offset == 0 {
                app.search.hits = r.hits;
                app.search.selected = 0;
                app.search.shown_query = app.search.input.value().to_owned();
                app.search.shown = app.search.sent.clone();
            } else if offset == app.search.hits.len() {
                app.search.hits.extend(r.hits);
            }
        }
        Err(e) => app.search.error = Some(e.to_string()),
    }
    Vec::new()
}

/// The chart of the query of `generation`; one of an older query is dropped, as its hits
/// are.
pub fn timeline_done(
    app: &mut App,
    generation: u64,
    timeline: Result<Timeline, Failure>,
) -> Vec<Effect> {
    if generation != app.search.generation {
        return Vec::new();
    }
    app.dirty = true;
    match timeline {
        Ok(t) => app.search.timeline = Some(t),
        // The hits are shown; the chart is missing, and the status line says why.
        Err(e) => {
            app.search.timeline = None;
            app.error(format!("the hits could not be counted over time: {e}"));
        }
    }
    Vec::new()
}

/// `Alt-e`: every hit of the query shown, to a file.
fn export_hits(app: &mut App) -> Vec<Effect> {
    let Some(query) = app.search.shown.clone() else {
        app.info("search first: Alt-e exports the hits");
        return Vec::new();
    };
    app.info(format!(
        "exporting {}…",
        crate::tui::view::plural(app.search.total, "article")
    ));
    vec![Effect::Export(Selection::Query {
        query,
        text: app.search.shown_query.clone(),
        issue: scope_id(app),
    })]
}

/// `Alt-p`: the hits of the selected hit's paper only (the query gains `paper:`), and
/// again every paper (the query's `paper:` filters go).
fn toggle_paper(app: &mut App) -> Vec<Effect> {
    let text = app.search.input.value().to_owned();
    let narrowed = app
        .search
        .sent
        .as_ref()
        .is_some_and(|q| !q.papers.is_empty());
    let edited = if narrowed {
        text.split_whitespace()
            .filter(|w| query::strip_filter(w, "paper").is_none())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        let paper = app
            .search
            .hits
            .get(app.search.selected)
            .and_then(|h| h.paper.clone())
            .or_else(|| {
                app.search
                    .timeline
                    .as_ref()
                    .and_then(|t| t.papers.first().map(|(p, _)| p.clone()))
            });
        let Some(paper) = paper else {
            app.info("no paper to narrow to: the hits name none");
            return Vec::new();
        };
        // `paper:` matches folded names, which have no white space: a name with spaces
        // still matches written without them, as one word of the query.
        let paper: String = paper.split_whitespace().collect();
        format!("{} paper:{paper}", text.trim_end())
    };
    app.search.input = Input::new(edited);
    query_changed(app)
}

fn move_selection(app: &mut App, delta: isize) -> Vec<Effect> {
    let len = app.search.hits.len();
    if len == 0 {
        return Vec::new();
    }
    app.search.selected = app
        .search
        .selected
        .saturating_add_signed(delta)
        .min(len - 1);
    let near_end = app.search.selected + LOAD_MORE_MARGIN >= len;
    let more = len < app.search.total && !app.search.loading_more && !app.search.running;
    if let (true, true, Some(query)) = (near_end, more, app.search.shown.clone()) {
        app.search.loading_more = true;
        return vec![Effect::Search {
            generation: app.search.generation,
            query,
            scope: scope_id(app),
            offset: len,
            limit: PAGE_HITS,
            sort: app.search.sort,
            timeline: false,
        }];
    }
    Vec::new()
}

fn toggle_scope(app: &mut App) -> Vec<Effect> {
    app.search.scope = match (&app.search.scope, &app.search.scope_issue) {
        (Scope::Archive, Some(id)) => Scope::Issue(id.clone()),
        _ => Scope::Archive,
    };
    query_changed(app)
}

/// Up/Down walk the queries searched before, newest first; past the newest, the query
/// being typed comes back.
fn walk_history(app: &mut App, direction: isize) -> Vec<Effect> {
    let len = app.search.history.len();
    if len == 0 {
        return Vec::new();
    }
    let pos = match (app.search.history_pos, direction < 0) {
        (None, true) => {
            app.search.draft = app.search.input.value().to_owned();
            Some(len - 1)
        }
        (None, false) => return Vec::new(),
        (Some(0), true) => Some(0),
        (Some(p), true) => Some(p - 1),
        (Some(p), false) if p + 1 < len => Some(p + 1),
        (Some(_), false) => None,
    };
    app.search.history_pos = pos;
    let text = match pos {
        Some(p) => app.search.history[p].clone(),
        None => app.search.draft.clone(),
    };
    app.search.input = Input::new(text);
    query_changed(app)
}

fn open_hit(app: &mut App) -> Vec<Effect> {
    let Some(hit) = app.search.hits.get(app.search.selected).cloned() else {
        return Vec::new();
    };
    let typed = app.search.shown_query.clone();
    app.search.remember(&typed);
    app.state_dirty = true;
    app.search.history_pos = None;
    app.overlay = Overlay::None;
    app.reader.terms = app
        .search
        .shown
        .as_ref()
        .map(|q| folded_terms(&q.terms))
        .unwrap_or_default();
    app.reader.from_search = true;
    let target = ArticleRef {
        issue: hit.issue,
        article: hit.article,
    };
    navigate::open_article(app, target, 0, true)
}
