//! The search pane's concordance (`Alt-c`): a line per occurrence, lined up on the match.
//! Lines come from the search worker with the query's generation, page by page of hits in
//! date order (or all at once in a context order); `Enter` opens the article at that very
//! occurrence, and `n`/`N` walk on from it.

use super::navigate;
use crate::archive::concordance::KwicPage;
use crate::archive::snippet::folded_terms;
use crate::tui::app::{App, Overlay};
use crate::tui::msg::{Effect, Failure};
use crate::tui::search::{KwicView, Scope};

/// Lines left below the selection when more are asked for.
const LOAD_MORE_MARGIN: usize = 20;

fn request(app: &App, from: usize) -> Option<Effect> {
    let kwic = app.search.kwic.as_ref()?;
    let query = app.search.sent.clone()?;
    Some(Effect::Concordance {
        generation: app.search.generation,
        query,
        scope: match &app.search.scope {
            Scope::Archive => None,
            Scope::Issue(id) => Some(id.clone()),
        },
        sort: kwic.sort,
        from,
    })
}

/// The first lines of the query sent (a new query, a new order, the mode turned on).
pub fn restart(app: &mut App) -> Vec<Effect> {
    let Some(kwic) = app.search.kwic.as_mut() else {
        return Vec::new();
    };
    kwic.lines.clear();
    kwic.selected = 0;
    kwic.next_hit = None;
    kwic.hits = 0;
    kwic.loading = app.search.sent.is_some();
    request(app, 0).into_iter().collect()
}

/// `Alt-c`: lines per occurrence, and back to hits per article.
pub fn toggle(app: &mut App) -> Vec<Effect> {
    if app.search.kwic.take().is_some() {
        return Vec::new();
    }
    app.search.kwic = Some(KwicView::default());
    restart(app)
}

/// `Alt-s` in the concordance: by date, by the left context, by the right context.
pub fn cycle_sort(app: &mut App) -> Vec<Effect> {
    if let Some(kwic) = app.search.kwic.as_mut() {
        kwic.sort = kwic.sort.next();
    }
    restart(app)
}

pub fn done(
    app: &mut App,
    generation: u64,
    from: usize,
    page: Result<KwicPage, Failure>,
) -> Vec<Effect> {
    if generation != app.search.generation {
        return Vec::new();
    }
    let Some(kwic) = app.search.kwic.as_mut() else {
        return Vec::new();
    };
    app.dirty = true;
    kwic.loading = false;
    match page {
        Ok(page) => {
            if from == 0 {
                kwic.lines = page.lines;
                kwic.selected = 0;
            } else {
                kwic.lines.extend(page.lines);
            }
            kwic.next_hit = page.next_hit;
            kwic.hits = page.hits;
        }
        Err(e) => {
            kwic.next_hit = None;
            app.search.error = Some(e.to_string());
        }
    }
    Vec::new()
}

pub fn move_selection(app: &mut App, delta: isize) -> Vec<Effect> {
    let Some(kwic) = app.search.kwic.as_mut() else {
        return Vec::new();
    };
    if kwic.lines.is_empty() {
        return Vec::new();
    }
    kwic.selected = kwic
        .selected
        .saturating_add_signed(delta)
        .min(kwic.lines.len() - 1);
    let near_end = kwic.selected + LOAD_MORE_MARGIN >= kwic.lines.len();
    match kwic.next_hit {
        Some(from) if near_end && !kwic.loading => {
            kwic.loading = true;
            request(app, from).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// `Enter`: the article of the selected line, scrolled to that occurrence.
pub fn open(app: &mut App) -> Vec<Effect> {
    let Some(line) = app
        .search
        .kwic
        .as_ref()
        .and_then(|k| k.lines.get(k.selected))
        .cloned()
    else {
        return Vec::new();
    };
    let typed = app.search.shown_query.clone();
    app.search.remember(&typed);
    app.state_dirty = true;
    app.search.history_pos = None;
    app.overlay = Overlay::None;
    app.reader.terms = app
        .search
        .sent
        .as_ref()
        .map(|q| folded_terms(&q.terms))
        .unwrap_or_default();
    app.reader.from_search = true;
    app.reader.pending_match = Some((line.text, line.chars.start));
    navigate::open_article(app, line.article_ref(), 0, true)
}
