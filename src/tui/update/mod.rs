//! `update(&mut App, Msg) -> Vec<Effect>`: the reader's behaviour, with no I/O. Keys go
//! to the open overlay first, then through the key map to an [`Action`].

mod calendar;
mod concordance;
mod failure;
mod input;
mod navigate;
mod overlays;
mod paper;
mod reading;
mod search;

use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

use super::app::{App, Overlay, Pane};
use super::geometry;
use super::keys::{Action, KeyScope};
use super::msg::{Effect, Job, Msg};

pub use reading::relayout;

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Mouse(mouse) => on_mouse(app, mouse),
        Msg::Pasted(text) => match app.overlay {
            Overlay::Search => search::on_paste(app, &text),
            Overlay::DateJump(_) => overlays::on_date_paste(app, &text),
            _ => Vec::new(),
        },
        Msg::Resized { width, height } => {
            app.width = width;
            app.height = height;
            relayout(app);
            app.dirty = true;
            Vec::new()
        }
        Msg::LibraryFailed(e) => {
            app.issues_loaded = true;
            failure::show(app, Job::OpenLibrary, &e)
        }
        Msg::TimelineDone {
            generation,
            timeline,
        } => search::timeline_done(app, generation, timeline),
        Msg::ConcordanceDone {
            generation,
            from,
            page,
        } => search::concordance_done(app, generation, from, page),
        Msg::Exported(result) => overlays::exported(app, result),
        Msg::Simplified { article, texts } => reading::simplified(app, article, texts),
        Msg::WorkerPanicked(p) => failure::panicked(app, &p),
        Msg::StateNotSaved(e) => {
            app.error(e.to_string());
            app.dirty = true;
            Vec::new()
        }
        Msg::IssuesLoaded(result) => navigate::issues_loaded(app, result),
        Msg::ArticlesLoaded { issue, articles } => navigate::articles_loaded(app, issue, articles),
        Msg::RawLoaded {
            issue,
            source,
            text,
        } => reading::raw_loaded(app, issue, &source, text),
        Msg::SearchDone {
            generation,
            offset,
            results,
        } => search::done(app, generation, offset, results),
        Msg::Signalled => {
            app.quit = true;
            Vec::new()
        }
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    match &app.overlay {
        Overlay::Search => return search::on_key(app, key),
        Overlay::DateJump(_) => return overlays::on_date_key(app, key),
        Overlay::Bookmarks { .. } => return overlays::on_bookmarks_key(app, key),
        Overlay::Papers { .. } => return paper::on_papers_key(app, key),
        Overlay::Calendar { .. } => return calendar::on_key(app, key),
        Overlay::Help { .. } => {
            if overlays::on_help_key(app, key) {
                return Vec::new();
            }
            // Any other key closes the help; `q` still quits.
            if app.keymap.action_in(KeyScope::Panes, &key) != Some(Action::Quit) {
                return Vec::new();
            }
        }
        Overlay::None => {}
    }
    // A key press that is no action clears a stale message and does nothing else.
    match app.keymap.action_in(KeyScope::Panes, &key) {
        Some(action) => on_action(app, action),
        None => Vec::new(),
    }
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let before = app.status.clone();
    app.status = None;
    if before.is_some() {
        app.dirty = true;
    }
    match action {
        Action::Down => navigate::step(app, 1),
        Action::Up => navigate::step(app, -1),
        Action::PageDown => navigate::page(app, 1),
        Action::PageUp => navigate::page(app, -1),
        Action::Top => navigate::to_end(app, false),
        Action::Bottom => navigate::to_end(app, true),
        Action::Open => navigate::open(app),
        Action::Back => navigate::back(app),
        Action::FocusNext => navigate::focus_next(app),
        Action::PrevIssue => navigate::adjacent_issue(app, -1),
        Action::NextIssue => navigate::adjacent_issue(app, 1),
        Action::PrevArticle => navigate::adjacent_article(app, -1),
        Action::NextArticle => navigate::adjacent_article(app, 1),
        Action::JumpToDate => overlays::open_date_jump(app),
        Action::Search => search::open(app),
        Action::NextMatch => reading::next_match(app, 1),
        Action::PrevMatch => reading::next_match(app, -1),
        Action::ToggleRaw => reading::toggle_raw(app),
        Action::Bookmark => overlays::toggle_bookmark(app),
        Action::Bookmarks => overlays::open_bookmarks(app),
        Action::HistoryBack => navigate::history(app, true),
        Action::HistoryForward => navigate::history(app, false),
        Action::Copy => reading::copy(app),
        Action::Help => {
            app.overlay = Overlay::Help { scroll: 0 };
            app.dirty = true;
            Vec::new()
        }
        Action::Quit => {
            app.quit = true;
            Vec::new()
        }
        Action::Papers => paper::open_papers(app),
        Action::PrevPage => paper::adjacent_page(app, -1),
        Action::NextPage => paper::adjacent_page(app, 1),
        Action::FollowContinuation => paper::follow(app),
        Action::Calendar => calendar::open(app),
        Action::ToggleScript => reading::toggle_script(app),
        // The overlays' own keys: their scopes never reach here.
        _ => Vec::new(),
    }
}

/// The wheel scrolls the pane under the pointer, three lines a notch.
fn on_mouse(app: &mut App, mouse: MouseEvent) -> Vec<Effect> {
    let delta = match mouse.kind {
        MouseEventKind::ScrollDown => 3,
        MouseEventKind::ScrollUp => -3,
        _ => return Vec::new(),
    };
    if !matches!(app.overlay, Overlay::None) {
        return Vec::new();
    }
    let panes = geometry::panes(app.width, app.height, app.focus);
    let inside = |r: Option<ratatui::layout::Rect>| {
        r.is_some_and(|r| r.contains(ratatui::layout::Position::new(mouse.column, mouse.row)))
    };
    let pane = if inside(panes.reader) {
        Pane::Reader
    } else if inside(panes.articles) {
        Pane::Articles
    } else if inside(panes.issues) {
        Pane::Issues
    } else {
        return Vec::new();
    };
    let focus = app.focus;
    app.focus = pane;
    let effects = if pane == Pane::Reader {
        reading::scroll_by(app, delta);
        Vec::new()
    } else {
        navigate::step(app, delta.signum())
    };
    app.focus = focus;
    effects
}
