//! The small overlays: the date prompt (`:`) and the bookmark list (`'`).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use super::common::{block, centred, clear_overlay, fit, pad, window};
use super::theme::Theme;
use crate::tui::app::App;

pub fn draw_date_jump(input: &Input, frame: &mut Frame, status: Rect, theme: &Theme) {
    let prompt = ": ";
    let width = usize::from(status.width);
    let text = format!("{prompt}{}", input.value());
    clear_overlay(frame, status);
    frame.render_widget(
        Paragraph::new(Span::styled(pad(&fit(&text, width), width), theme.title())),
        status,
    );
    let hint_room = status.width.saturating_sub(2);
    let x = status.x + (prompt.len() as u16 + input.visual_cursor() as u16).min(hint_room + 1);
    frame.set_cursor_position(Position::new(x, status.y));
}

pub fn draw_bookmarks(app: &App, selected: usize, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows = app
        .bookmarks
        .len()
        .min(usize::from(area.height.saturating_sub(4)).max(1));
    let rect = centred(area, 64, rows as u16 + 3);
    clear_overlay(frame, rect);
    let block = block(
        " Bookmarks · Enter open · d delete · Esc close ".to_owned(),
        true,
        theme,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = window(selected, app.bookmarks.len(), inner.height.into())
        .map(|i| {
            let b = &app.bookmarks[i];
            let date = b
                .date
                .map_or_else(|| "no date   ".to_owned(), |d| d.to_string());
            let text = pad(&format!("{date}  {}", b.title), width);
            if i == selected {
                Line::from(Span::styled(text, theme.selected(true)))
            } else {
                Line::from(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
