//! Helpers the panes share: text fitted to a width in display columns, and a bordered
//! block.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::text::{self, LayoutOptions};

/// `s` cut to at most `width` columns (with "…" when cut), sanitized: titles may hold
/// anything the source held, and nothing of it may reach the terminal raw.
pub fn fit(s: &str, width: usize) -> String {
    let opts = LayoutOptions::default();
    if width == 0 {
        return String::new();
    }
    let clean = text::sanitize(s).replace('\n', " ");
    if text::display_width(&clean, &opts) <= width {
        return clean;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = text::display_width(c.encode_utf8(&mut [0; 4]), &opts);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// "1 hit", "3 hits".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `s` padded with spaces to exactly `width` columns (cut first if longer).
pub fn pad(s: &str, width: usize) -> String {
    let fitted = fit(s, width);
    let w = text::display_width(&fitted, &LayoutOptions::default());
    format!("{fitted}{}", " ".repeat(width.saturating_sub(w)))
}

pub fn block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

/// Empties `area` for an overlay drawn on top of the panes. A wide character just left of
/// it, whose right half the overlay covers, is blanked too: a terminal would still print it
/// over the overlay's left border, and ratatui's diff never redraws the cell behind it.
pub fn clear_overlay(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The rows of a list to show so the selection stays in view, centred when it can be.
pub fn window(selected: usize, len: usize, rows: usize) -> std::ops::Range<usize> {
    if len <= rows {
        return 0..len;
    }
    let start = selected.saturating_sub(rows / 2).min(len - rows);
    start..start + rows
}

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_and_never_halves_a_character() {
        assert_eq!(fit("读报", 4), "读报");
        assert_eq!(fit("读报读报", 5), "读报…");
        assert_eq!(fit("读报读报", 6), "读报…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("\u{1b}[2J标题", 10), "␛标题");
    }

    #[test]
    fn pad_fills_exact_columns() {
        assert_eq!(pad("读", 4), "读  ");
        assert_eq!(pad("读报读报", 5), "读报…");
    }

    #[test]
    fn window_keeps_selection_visible() {
        assert_eq!(window(0, 5, 10), 0..5);
        assert_eq!(window(50, 100, 10), 45..55);
        assert_eq!(window(99, 100, 10), 90..100);
        assert_eq!(window(0, 100, 10), 0..10);
    }
}
