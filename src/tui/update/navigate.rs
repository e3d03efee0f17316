//! Moving around: the lists, panes, issues by date, articles, history.

use super::failure;
use super::reading;
use crate::archive::{ArticleRef, IssueId, IssueMeta};
use crate::ingest::Article;
use crate::tui::app::{App, HISTORY_LIMIT, IssueArticles, Overlay, Pane, Place};
use crate::tui::geometry;
use crate::tui::msg::{Effect, Failure, Job};

pub fn issues_loaded(app: &mut App, result: Result<Vec<IssueMeta>, Failure>) -> Vec<Effect> {
    app.dirty = true;
    let issues = match result {
        Ok(issues) => issues,
        Err(e) => {
            app.issues_loaded = true;
            // A missing issue cannot come from listing: whatever it is, show it.
            return match e.kind() {
                crate::archive::ErrorKind::Missing => {
                    app.error(e.to_string());
                    Vec::new()
                }
                _ => failure::show(app, Job::ListIssues, &e),
            };
        }
    };
    let first_load = !app.issues_loaded;
    let keep = app.selected_issue().map(|i| i.id.clone());
    app.issues = issues;
    app.issues_loaded = true;
    app.refresh_visible();
    if app.issues.is_empty() {
        app.info("the archive is empty: import issues with `dubao import FILES…`");
        return Vec::new();
    }
    if first_load {
        // Back where the last session left off, if that issue is still here.
        if let Some(place) = app.pending_restore.take() {
            if app.issue_index(&place.article.issue).is_some() {
                return open_article(app, place.article, place.scroll, false);
            }
        }
    }
    // A reload (new issues imported) keeps the selection on the same issue.
    match keep.and_then(|id| app.issue_index(&id)) {
        Some(i) if !first_load && app.visible_pos(i).is_some() => {
            app.issue_sel = i;
            Vec::new()
        }
        _ => {
            // A newspaper reader starts at the latest issue.
            let latest = app.visible.last().copied().unwrap_or(app.issues.len() - 1);
            select_issue(app, latest)
        }
    }
}

pub fn articles_loaded(
    app: &mut App,
    issue: IssueId,
    result: Result<Vec<Article>, Failure>,
) -> Vec<Effect> {
    if app.current.issue.as_ref() != Some(&issue) {
        // The selection moved on while this loaded.
        return Vec::new();
    }
    app.dirty = true;
    app.current.loading = false;
    match result {
        Ok(articles) => {
            app.current.articles = articles;
            app.article_sel = app
                .article_sel
                .min(app.current.articles.len().saturating_sub(1));
            let waiting = app.reader.open.as_ref().is_some_and(|r| r.issue == issue)
                && app.reader.article.is_none();
            if waiting {
                return reading::show_article(app);
            }
        }
        Err(e) => return failure::show(app, Job::LoadArticles, &e),
    }
    Vec::new()
}

/// Selects an issue in the list and asks for its articles if they are not at hand.
pub fn select_issue(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(issue) = app.issues.get(index) else {
        return Vec::new();
    };
    let id = issue.id.clone();
    app.dirty = true;
    if app.issue_sel != index || app.current.issue.as_ref() != Some(&id) {
        app.issue_sel = index;
        app.article_sel = 0;
    }
    if app.current.issue.as_ref() == Some(&id) {
        return Vec::new();
    }
    app.current = IssueArticles {
        issue: Some(id.clone()),
        articles: Vec::new(),
        loading: true,
    };
    vec![Effect::LoadArticles(id)]
}

/// Opens an article in the reader; `record` pushes where the reader was onto the history.
pub fn open_article(app: &mut App, target: ArticleRef, scroll: usize, record: bool) -> Vec<Effect> {
    if record {
        if let Some(here) = current_place(app) {
            if here.article != target {
                push_bounded(&mut app.history.back, here);
                app.history.forward.clear();
            }
        }
    }
    let effects = match app.issue_index(&target.issue) {
        Some(i) => select_issue(app, i),
        None => {
            app.error(format!(
                "issue {} is no longer in the archive",
                target.issue
            ));
            return Vec::new();
        }
    };
    app.article_sel = target.article as usize;
    let loaded = app.has_articles_of(&target.issue);
    app.reader.open = Some(target);
    app.reader.article = None;
    app.reader.raw = None;
    app.reader.current_match = None;
    app.reader.pending_scroll = Some(scroll);
    app.focus = Pane::Reader;
    app.dirty = true;
    // Otherwise the articles are on their way and `articles_loaded` shows it.
    let mut effects = effects;
    if loaded {
        effects.extend(reading::show_article(app));
    }
    effects
}

pub fn current_place(app: &App) -> Option<Place> {
    let article = app.reader.open.clone()?;
    Some(Place {
        article,
        scroll: app.reader.scroll,
    })
}

fn push_bounded(stack: &mut Vec<Place>, place: Place) {
    stack.push(place);
    if stack.len() > HISTORY_LIMIT {
        stack.remove(0);
    }
}

pub fn history(app: &mut App, back: bool) -> Vec<Effect> {
    let popped = if back {
        app.history.back.pop()
    } else {
        app.history.forward.pop()
    };
    let Some(place) = popped else {
        app.info(if back {
            "no earlier place"
        } else {
            "no later place"
        });
        app.dirty = true;
        return Vec::new();
    };
    if let Some(here) = current_place(app) {
        let other = if back {
            &mut app.history.forward
        } else {
            &mut app.history.back
        };
        push_bounded(other, here);
    }
    app.reader.from_search = false;
    app.reader.terms.clear();
    open_article(app, place.article, place.scroll, false)
}

fn list_len(app: &App, pane: Pane) -> usize {
    match pane {
        Pane::Issues => app.visible.len(),
        Pane::Articles => app.current.articles.len(),
        Pane::Reader => 0,
    }
}

/// Moves the selection of `pane` to its `index`-th row.
fn move_to(app: &mut App, pane: Pane, index: usize) -> Vec<Effect> {
    match pane {
        Pane::Issues => match app.visible.get(index) {
            Some(&i) => select_issue(app, i),
            None => Vec::new(),
        },
        Pane::Articles => {
            if app.article_sel != index {
                app.article_sel = index;
                app.dirty = true;
            }
            Vec::new()
        }
        Pane::Reader => Vec::new(),
    }
}

pub fn step(app: &mut App, delta: isize) -> Vec<Effect> {
    let pane = app.focus;
    if pane == Pane::Reader {
        reading::scroll_by(app, delta);
        return Vec::new();
    }
    let len = list_len(app, pane);
    if len == 0 {
        return Vec::new();
    }
    let sel = if pane == Pane::Issues {
        app.visible_pos(app.issue_sel).unwrap_or(0)
    } else {
        app.article_sel
    };
    let target = sel.saturating_add_signed(delta).min(len - 1);
    move_to(app, pane, target)
}

pub fn page(app: &mut App, direction: isize) -> Vec<Effect> {
    let panes = geometry::panes(app.width, app.height, app.focus);
    let rows = match app.focus {
        Pane::Issues => panes.issues.map_or(1, geometry::list_rows),
        Pane::Articles => panes.articles.map_or(1, geometry::list_rows),
        Pane::Reader => reading::visible_rows(app),
    };
    // A page keeps two lines of context, as less and most readers do.
    let amount = rows.saturating_sub(2).max(1) as isize;
    step(app, direction * amount)
}

pub fn to_end(app: &mut App, bottom: bool) -> Vec<Effect> {
    if app.focus == Pane::Reader {
        reading::scroll_to(app, if bottom { usize::MAX } else { 0 });
        return Vec::new();
    }
    let len = list_len(app, app.focus);
    if len == 0 {
        return Vec::new();
    }
    move_to(app, app.focus, if bottom { len - 1 } else { 0 })
}

pub fn open(app: &mut App) -> Vec<Effect> {
    match app.focus {
        Pane::Issues => {
            if app.selected_issue().is_some() {
                app.focus = Pane::Articles;
                app.dirty = true;
            }
            Vec::new()
        }
        Pane::Articles => {
            let Some(issue) = app.current.issue.clone() else {
                return Vec::new();
            };
            if app.current.articles.is_empty() {
                return Vec::new();
            }
            app.reader.from_search = false;
            let target = ArticleRef {
                issue,
                article: app.article_sel as u32,
            };
            app.reader.terms.clear();
            open_article(app, target, 0, true)
        }
        Pane::Reader => Vec::new(),
    }
}

pub fn back(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    match app.focus {
        Pane::Reader if app.reader.raw.is_some() => {
            app.reader.raw = None;
        }
        Pane::Reader if app.reader.from_search => {
            app.overlay = Overlay::Search;
        }
        Pane::Reader => app.focus = Pane::Articles,
        Pane::Articles => app.focus = Pane::Issues,
        Pane::Issues => {}
    }
    Vec::new()
}

pub fn focus_next(app: &mut App) -> Vec<Effect> {
    app.focus = match app.focus {
        Pane::Issues => Pane::Articles,
        Pane::Articles if app.reader.open.is_some() => Pane::Reader,
        Pane::Articles | Pane::Reader => Pane::Issues,
    };
    app.dirty = true;
    reading::relayout(app);
    Vec::new()
}

/// `[` `]`: the issue of the same paper before or after by date, whatever the list shows.
/// In the reader, its first article opens.
pub fn adjacent_issue(app: &mut App, delta: isize) -> Vec<Effect> {
    if app.issues.is_empty() {
        return Vec::new();
    }
    // In the reader, from the issue read (the list may have moved on meanwhile).
    let from = match (&app.reader.open, app.focus) {
        (Some(r), Pane::Reader) => app.issue_index(&r.issue).unwrap_or(app.issue_sel),
        _ => app.issue_sel,
    };
    let paper = app.issues.get(from).map(|i| i.paper.clone());
    let same = |i: &usize| Some(app.issues[*i].paper.clone()) == paper;
    let target = if delta < 0 {
        (0..from).rev().find(same)
    } else {
        (from + 1..app.issues.len()).find(same)
    };
    let Some(target) = target else {
        let of = paper
            .flatten()
            .map(|p| format!(" of {p}"))
            .unwrap_or_default();
        app.info(if delta < 0 {
            format!("this is the first issue{of}")
        } else {
            format!("this is the last issue{of}")
        });
        app.dirty = true;
        return Vec::new();
    };
    // The list shows the issue gone to: its paper, if it showed another.
    if app.visible_pos(target).is_none() {
        app.paper = None;
        app.refresh_visible();
    }
    if app.focus == Pane::Reader {
        let issue = app.issues[target].id.clone();
        app.reader.from_search = false;
        app.reader.terms.clear();
        return open_article(app, ArticleRef { issue, article: 0 }, 0, true);
    }
    select_issue(app, target)
}

/// `{` `}`: the article before or after in this issue.
pub fn adjacent_article(app: &mut App, delta: isize) -> Vec<Effect> {
    // In the reader, within the issue read (the list may show another meanwhile).
    let (issue, from, len) = match (&app.reader.open, app.focus) {
        (Some(r), Pane::Reader) => (
            Some(r.issue.clone()),
            r.article as usize,
            app.issue_index(&r.issue)
                .map_or(0, |i| app.issues[i].articles),
        ),
        _ => (
            app.current.issue.clone(),
            app.article_sel,
            app.current.articles.len(),
        ),
    };
    if len == 0 {
        return Vec::new();
    }
    let target = from.saturating_add_signed(delta).min(len - 1);
    if target == from {
        app.info(if delta < 0 {
            "this is the first article"
        } else {
            "this is the last article"
        });
        app.dirty = true;
        return Vec::new();
    }
    if app.focus == Pane::Reader {
        let Some(issue) = issue else {
            return Vec::new();
        };
        app.reader.from_search = false;
        app.reader.terms.clear();
        return open_article(
            app,
            ArticleRef {
                issue,
                article: target as u32,
            },
            0,
            true,
        );
    }
    move_to(app, Pane::Articles, target)
}
