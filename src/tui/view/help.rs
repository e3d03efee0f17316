//! `?`: the keys, read from the key map itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, centred, clear_overlay, fit, pad};
use super::theme::Theme;
use crate::tui::app::App;

const LABEL_COLS: usize = 14;
/// Between the two columns of a short screen.
const GAP_COLS: usize = 2;
const EXTRA: [&str; 3] = [
    "",
    "search: 脱贫 攻坚 · \"…\" · -词 · date:2023-11 · paper:名",
    "any key closes this help",
];

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let keymap = &app.keymap.entries;
    // One column when the keys fit the height, else two: an 80×24 terminal must still
    // show every key, `q` included.
    let one_column_rows = keymap.len() + EXTRA.len() + 2;
    let columns = if usize::from(area.height) >= one_column_rows {
        1
    } else {
        2
    };
    let key_rows = keymap.len().div_ceil(columns);
    let height = (key_rows + EXTRA.len() + 2) as u16;
    let width = if columns == 1 { 72 } else { 112 };
    let rect = centred(area, width, height);
    clear_overlay(frame, rect);
    let block = block(" Keys ".to_owned(), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let column_cols = width.saturating_sub(GAP_COLS * (columns - 1)) / columns;
    let label_cols = LABEL_COLS.min(column_cols);
    let mut lines: Vec<Line> = (0..key_rows)
        .map(|row| {
            let mut spans = Vec::new();
            // Down the first column, then the second: neighbours in the key map (j k,
            // [ ]) stay together.
            for (column, e) in
                (0..columns).filter_map(|c| Some((c, keymap.get(c * key_rows + row)?)))
            {
                if column > 0 {
                    spans.push(Span::raw(" ".repeat(GAP_COLS)));
                }
                spans.push(Span::styled(pad(&e.label, label_cols), theme.title()));
                spans.push(Span::raw(pad(e.help, column_cols - label_cols)));
            }
            Line::from(spans)
        })
        .collect();
    lines.extend(
        EXTRA
            .iter()
            .map(|t| Line::from(Span::styled(fit(t, width), theme.dim()))),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
