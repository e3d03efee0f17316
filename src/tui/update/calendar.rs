//! `C`: a month of the current paper's issues, the days with one marked and the missing
//! ones visible; the cursor moves by day and week, `[` `]` by month, `Enter` opens the
//! issue of the day (or says there is none).

use crossterm::event::KeyEvent;

use super::navigate;
use crate::ingest::Date;
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::keys::{Action, KeyScope};
use crate::tui::msg::Effect;

pub fn open(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    let Some(cursor) = app
        .selected_issue()
        .and_then(|i| i.date)
        .or_else(|| app.visible.iter().rev().find_map(|&i| app.issues[i].date))
    else {
        app.info("no dated issue to show a calendar of");
        return Vec::new();
    };
    app.overlay = Overlay::Calendar { cursor };
    Vec::new()
}

/// The issue of the paper shown (the selected issue's) on `day`, if there is one.
pub fn issue_on(app: &App, day: Date) -> Option<usize> {
    let paper = app.selected_issue().map(|i| i.paper.clone());
    (0..app.issues.len())
        .find(|&i| app.issues[i].date == Some(day) && Some(app.issues[i].paper.clone()) == paper)
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.dirty = true;
    let Overlay::Calendar { cursor } = app.overlay else {
        return Vec::new();
    };
    let moved = match app.keymap.action_in(KeyScope::Calendar, &key) {
        Some(Action::CalendarLeft) => cursor.add_days(-1),
        Some(Action::CalendarRight) => cursor.add_days(1),
        Some(Action::CalendarUp) => cursor.add_days(-7),
        Some(Action::CalendarDown) => cursor.add_days(7),
        Some(Action::CalendarPrevMonth) => cursor.add_months(-1),
        Some(Action::CalendarNextMonth) => cursor.add_months(1),
        Some(Action::CalendarClose) => {
            app.overlay = Overlay::None;
            return Vec::new();
        }
        Some(Action::CalendarOpen) => {
            let Some(i) = issue_on(app, cursor) else {
                app.info(format!("no issue on {cursor}"));
                return Vec::new();
            };
            app.overlay = Overlay::None;
            if app.focus == Pane::Reader {
                app.focus = Pane::Articles;
            }
            return navigate::select_issue(app, i);
        }
        _ => None,
    };
    if let Some(cursor) = moved {
        app.overlay = Overlay::Calendar { cursor };
    }
    Vec::new()
}
