//! `draw(&App, &mut Frame)`: the whole screen from the state, nothing else. One file per
//! pane.

mod articles;
mod calendar;
mod chart;
mod common;
mod help;
mod issues;
mod kwic;
mod overlay;
mod papers;
mod reader;
pub mod search;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Overlay};
use super::geometry;
use theme::Theme;

pub use common::{fit, plural};
pub use help::max_scroll as help_max_scroll;
pub use status::position;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = Theme {
        monochrome: app.monochrome,
        palette: app.palette,
    };
    let panes = geometry::panes(area.width, area.height, app.focus);
    if let Some(r) = panes.issues {
        issues::draw(app, frame, r, &theme);
    }
    if let Some(r) = panes.articles {
        articles::draw(app, frame, r, &theme);
    }
    if let Some(r) = panes.reader {
        reader::draw(app, frame, r, &theme);
    }
    status::draw(app, frame, panes.status, &theme);
    let body = body_area(area.width, area.height);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { .. } => help::draw(app, frame, body, &theme),
        Overlay::DateJump(input) => overlay::draw_date_jump(input, frame, panes.status, &theme),
        Overlay::Bookmarks { selected } => {
            overlay::draw_bookmarks(app, *selected, frame, body, &theme)
        }
        Overlay::Search => search::draw(app, frame, body, &theme),
        Overlay::Papers { rows, selected } => papers::draw(rows, *selected, frame, body, &theme),
        Overlay::Calendar { cursor } => calendar::draw(app, *cursor, frame, body, &theme),
    }
}

/// Where overlays are drawn: the screen above the status line.
pub fn body_area(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width, height.saturating_sub(1))
}
