//! The small overlays: jump to a date (`:`), bookmarks (`m`, `'`).

use crossterm::event::KeyEvent;
use tui_input::{Input, InputRequest};

use super::{input, navigate};
use crate::archive::query;
use crate::tui::app::{App, Bookmark, Overlay, Pane};
use crate::tui::keys::{Action, KeyScope};
use std::sync::Arc;

use crate::archive::export::{ExportError, Selection};
use crate::tui::msg::{Effect, Exported};

pub fn open_date_jump(app: &mut App) -> Vec<Effect> {
    app.overlay = Overlay::DateJump(Input::default());
    app.dirty = true;
    Vec::new()
}

pub fn on_date_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.dirty = true;
    let action = app.keymap.action_in(KeyScope::DateJump, &key);
    let Overlay::DateJump(input) = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        Some(Action::DateCancel) => {
            app.overlay = Overlay::None;
            Vec::new()
        }
        Some(Action::DateGo) => {
            let text = input.value().trim().to_owned();
            app.overlay = Overlay::None;
            jump_to_date(app, &text)
        }
        _ => {
            input::edit(input, action, &key);
            Vec::new()
        }
    }
}

pub fn on_date_paste(app: &mut App, text: &str) -> Vec<Effect> {
    if let Overlay::DateJump(input) = &mut app.overlay {
        for c in text.chars().filter(|c| !c.is_control()) {
            input.handle(InputRequest::InsertChar(c));
        }
        app.dirty = true;
    }
    Vec::new()
}

/// The first issue on or after the date (or the first day of the month or year typed).
pub fn jump_to_date(app: &mut App, text: &str) -> Vec<Effect> {
    let Some((from, _)) = query::period(text) else {
        app.error(format!(
            "{text:?} is not a date (try 2023-11-20, 2023-11 or 2023)"
        ));
        return Vec::new();
    };
    // Among the issues the list shows: the paper read.
    let target = app
        .visible
        .iter()
        .copied()
        .find(|&i| app.issues[i].date.is_some_and(|d| d.ordinal() >= from));
    let Some(index) = target else {
        app.error(format!("no issue on or after {text}"));
        return Vec::new();
    };
    if app.focus == Pane::Reader {
        app.focus = Pane::Articles;
    }
    navigate::select_issue(app, index)
}

pub fn toggle_bookmark(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    let (Some(place), Some(article)) = (navigate::current_place(app), app.reader.article.as_ref())
    else {
        app.info("open an article to bookmark it");
        return Vec::new();
    };
    if let Some(i) = app
        .bookmarks
        .iter()
        .position(|b| b.place.article == place.article)
    {
        app.bookmarks.remove(i);
        app.state_dirty = true;
        app.info("bookmark removed");
        return Vec::new();
    }
    let date = app.issues.get(app.issue_sel).and_then(|i| i.date);
    app.bookmarks.push(Bookmark {
        title: article.display_title().text,
        date,
        place,
    });
    app.info(format!(
        "bookmarked ({} in all; ' lists them)",
        app.bookmarks.len()
    ));
    Vec::new()
}

pub fn open_bookmarks(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    if app.bookmarks.is_empty() {
        app.info("no bookmarks yet (m bookmarks the article you read)");
        return Vec::new();
    }
    app.overlay = Overlay::Bookmarks { selected: 0 };
    Vec::new()
}

pub fn on_bookmarks_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.dirty = true;
    let Overlay::Bookmarks { selected } = app.overlay else {
        return Vec::new();
    };
    let last = app.bookmarks.len().saturating_sub(1);
    match app.keymap.action_in(KeyScope::Bookmarks, &key) {
        Some(Action::BookmarksDown) => {
            app.overlay = Overlay::Bookmarks {
                selected: (selected + 1).min(last),
            }
        }
        Some(Action::BookmarksUp) => {
            app.overlay = Overlay::Bookmarks {
                selected: selected.saturating_sub(1),
            }
        }
        Some(Action::BookmarksDelete) => {
            if selected < app.bookmarks.len() {
                app.bookmarks.remove(selected);
                app.state_dirty = true;
            }
            app.overlay = if app.bookmarks.is_empty() {
                Overlay::None
            } else {
                Overlay::Bookmarks {
                    selected: selected.min(app.bookmarks.len() - 1),
                }
            };
        }
        Some(Action::BookmarksOpen) => {
            app.overlay = Overlay::None;
            if let Some(b) = app.bookmarks.get(selected).cloned() {
                app.reader.from_search = false;
                app.reader.terms.clear();
                return navigate::open_article(app, b.place.article, b.place.scroll, true);
            }
        }
        Some(Action::BookmarksClose) => app.overlay = Overlay::None,
        Some(Action::BookmarksExport) => {
            let refs = app
                .bookmarks
                .iter()
                .map(|b| b.place.article.clone())
                .collect();
            app.info("exporting the bookmarks…");
            return vec![Effect::Export(Selection::Bookmarks(refs))];
        }
        _ => {}
    }
    Vec::new()
}

/// An export is written: say where (or why not).
pub fn exported(app: &mut App, result: Result<Exported, Arc<ExportError>>) -> Vec<Effect> {
    app.dirty = true;
    match result {
        Ok(e) => {
            let missing = if e.missing > 0 {
                format!(" ({} no longer in the archive)", e.missing)
            } else {
                String::new()
            };
            app.info(format!(
                "exported {} to {}{missing}",
                crate::tui::view::plural(e.articles, "article"),
                e.path.display()
            ));
        }
        Err(e) => app.error(format!("the export failed: {e}")),
    }
    Vec::new()
}

/// Scrolls the help when the key is one of its own; other keys close it (the caller).
pub fn on_help_key(app: &mut App, key: KeyEvent) -> bool {
    let Overlay::Help { scroll } = app.overlay else {
        return false;
    };
    let page = usize::from(app.height.saturating_sub(4)).max(1);
    let scroll = match app.keymap.action_in(KeyScope::Help, &key) {
        Some(Action::HelpDown) => scroll + 1,
        Some(Action::HelpUp) => scroll.saturating_sub(1),
        Some(Action::HelpPageDown) => scroll + page,
        Some(Action::HelpPageUp) => scroll.saturating_sub(page),
        _ => {
            app.overlay = Overlay::None;
            app.dirty = true;
            return false;
        }
    };
    app.overlay = Overlay::Help {
        scroll: scroll.min(crate::tui::view::help_max_scroll(app)),
    };
    app.dirty = true;
    true
}
