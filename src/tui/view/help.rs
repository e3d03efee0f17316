//! `?`: every key of every scope, read from the key table in use (so a rebound key shows
//! as rebound). Two columns when the screen is wide enough; `j`/`k` scroll what does not
//! fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use strum::IntoEnumIterator;

use super::common::{block, centred, clear_overlay, pad};
use super::theme::Theme;
use crate::tui::app::{App, Overlay};
use crate::tui::keys::{KeyMap, KeyScope};

/// At most this much of a column goes to the keys; the rest is the help text.
const MAX_LABEL_COLS: usize = 24;
const COLUMN_COLS: usize = 60;
/// Between the two columns.
const GAP_COLS: usize = 2;
const NOTES: [&str; 2] = [
    "search: 脱贫 攻坚 · \"…\" · -词 · date:2023-11 · paper:名",
    "j k scroll this help; any other key closes it",
];

enum Row<'a> {
    Heading(&'static str),
    Key { label: String, help: &'a str },
    Note(&'static str),
    Blank,
}

fn rows(keymap: &KeyMap) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for scope in KeyScope::iter() {
        if !out.is_empty() {
            out.push(Row::Blank);
        }
        out.push(Row::Heading(scope.title()));
        for e in keymap.in_scope(scope) {
            out.push(Row::Key {
                label: e.label(),
                help: e.help,
            });
        }
    }
    out.push(Row::Blank);
    out.extend(NOTES.iter().map(|n| Row::Note(n)));
    out
}

/// How the help is laid out in `area`: its box, columns and rows per column.
struct Layout {
    rect: Rect,
    columns: usize,
    rows_per_column: usize,
    visible_rows: usize,
}

fn layout(total_rows: usize, area: Rect) -> Layout {
    let columns = if usize::from(area.width) >= 2 * COLUMN_COLS + GAP_COLS + 2 {
        2
    } else {
        1
    };
    let rows_per_column = total_rows.div_ceil(columns);
    let width = (COLUMN_COLS * columns + GAP_COLS * (columns - 1) + 2) as u16;
    let height = u16::try_from(rows_per_column + 2).unwrap_or(u16::MAX);
    let rect = centred(area, width, height);
    Layout {
        rect,
        columns,
        rows_per_column,
        visible_rows: usize::from(rect.height.saturating_sub(2)),
    }
}

/// The furthest the help can scroll on a screen of this size (update clamps with it).
pub fn max_scroll(app: &App) -> usize {
    let body = super::body_area(app.width, app.height);
    let l = layout(rows(&app.keymap).len(), body);
    l.rows_per_column.saturating_sub(l.visible_rows)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let all = rows(&app.keymap);
    let l = layout(all.len(), area);
    let scroll = match app.overlay {
        Overlay::Help { scroll } => scroll.min(l.rows_per_column.saturating_sub(l.visible_rows)),
        _ => 0,
    };
    clear_overlay(frame, l.rect);
    let more = l.rows_per_column > l.visible_rows;
    let title = if more {
        " Keys (j k scroll) "
    } else {
        " Keys "
    };
    let block = block(title.to_owned(), true, theme);
    let inner = block.inner(l.rect);
    frame.render_widget(block, l.rect);
    let width = usize::from(inner.width);
    let column_cols = width.saturating_sub(GAP_COLS * (l.columns - 1)) / l.columns;
    let widest = all
        .iter()
        .map(|r| match r {
            Row::Key { label, .. } => crate::text::display_width(label, &Default::default()),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let label_cols = (widest + 1).min(MAX_LABEL_COLS).min(column_cols / 2);
    let cell = |row: &Row| -> Vec<Span<'static>> {
        match row {
            Row::Heading(t) => vec![Span::styled(pad(t, column_cols), theme.heading())],
            Row::Key { label, help } => vec![
                Span::styled(pad(label, label_cols), theme.title()),
                Span::raw(pad(help, column_cols - label_cols)),
            ],
            Row::Note(t) => vec![Span::styled(pad(t, column_cols), theme.dim())],
            Row::Blank => vec![Span::raw(" ".repeat(column_cols))],
        }
    };
    let lines: Vec<Line> = (scroll..(scroll + l.visible_rows).min(l.rows_per_column))
        .map(|row| {
            let mut spans = Vec::new();
            // Down the first column, then the second: a scope's keys stay together.
            for column in 0..l.columns {
                let Some(r) = all.get(column * l.rows_per_column + row) else {
                    continue;
                };
                if column > 0 {
                    spans.push(Span::raw(" ".repeat(GAP_COLS)));
                }
                spans.extend(cell(r));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
