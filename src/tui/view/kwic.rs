//! The concordance in the search pane: a line per occurrence, `date  paper  left match
//! right`, the match starting at the same column on every line whatever the script or
//! width of the contexts (`text::kwic_cells` fits them).

use ratatui::text::{Line, Span};

use super::common::{pad, window};
use super::theme::Theme;
use crate::archive::concordance::KwicLine;
use crate::text::{self, LayoutOptions, kwic_cells};
use crate::tui::search::KwicView;

/// Columns the paper takes.
const PAPER_COLS: usize = 8;
/// "2023-01-01  " and the paper with its gap.
const PREFIX_COLS: usize = 10 + 2 + PAPER_COLS + 2;

fn line<'a>(
    l: &KwicLine,
    width: usize,
    selected: bool,
    theme: &Theme,
    opts: &LayoutOptions,
) -> Line<'a> {
    let date = l
        .date
        .map_or_else(|| "????-??-??".to_owned(), |d| d.to_string());
    let paper = pad(l.paper.as_deref().unwrap_or("-"), PAPER_COLS);
    let room = width.saturating_sub(PREFIX_COLS);
    // The match a little left of the middle: the right context reads on from it.
    let left_cols = room * 2 / 5;
    let cells = kwic_cells(&l.left, &l.matched, &l.right, left_cols, room, opts);
    let used = PREFIX_COLS
        + left_cols
        + text::display_width(&cells.matched, opts)
        + text::display_width(&cells.right, opts);
    let base = if selected {
        theme.selected(true)
    } else {
        ratatui::style::Style::new()
    };
    Line::from(vec![
        Span::styled(format!("{date}  "), base.patch(theme.dim())),
        Span::styled(format!("{paper}  "), base.patch(theme.dim())),
        Span::styled(cells.left, base),
        Span::styled(cells.matched, base.patch(theme.matched())),
        Span::styled(cells.right, base),
        Span::styled(" ".repeat(width.saturating_sub(used)), base),
    ])
}

/// The rows of the concordance that fit `rows`, the selection kept in view.
pub fn lines<'a>(
    kwic: &KwicView,
    width: usize,
    rows: usize,
    theme: &Theme,
    opts: &LayoutOptions,
) -> Vec<Line<'a>> {
    if width <= PREFIX_COLS + 4 {
        return Vec::new();
    }
    window(kwic.selected, kwic.lines.len(), rows)
        .map(|i| line(&kwic.lines[i], width, i == kwic.selected, theme, opts))
        .collect()
}
