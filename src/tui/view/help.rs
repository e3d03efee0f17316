//! `?`: the keys, read from the key map itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, centred, clear_overlay, fit, pad};
use super::theme::Theme;
use crate::tui::keys::KEYMAP;

const LABEL_COLS: usize = 14;
const EXTRA: [&str; 3] = [
    "",
    "search: 脱贫 攻坚 · \"…\" · -词 · date:2023-11 · paper:名",
    "any key closes this help",
];

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = (KEYMAP.len() + EXTRA.len() + 2) as u16;
    let rect = centred(area, 72, height);
    clear_overlay(frame, rect);
    let block = block(" Keys ".to_owned(), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = KEYMAP
        .iter()
        .map(|e| {
            Line::from(vec![
                Span::styled(pad(e.label, LABEL_COLS.min(width)), theme.title()),
                Span::raw(fit(e.help, width.saturating_sub(LABEL_COLS))),
            ])
        })
        .collect();
    lines.extend(
        EXTRA
            .iter()
            .map(|t| Line::from(Span::styled(fit(t, width), theme.dim()))),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
