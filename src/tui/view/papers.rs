//! `P`: the papers of the archive, each with its issues and date span; "all papers" first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, centred, clear_overlay, pad, window};
use super::theme::Theme;
use crate::tui::app::PaperRow;

fn span(r: &PaperRow) -> String {
    match (r.first, r.last) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => "no dates".to_owned(),
    }
}

pub fn draw(rows: &[PaperRow], selected: usize, frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = (rows.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let rect = centred(area, 70, height);
    clear_overlay(frame, rect);
    let block = block(" Papers · Enter show · Esc close ".to_owned(), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let name_cols = 22.min(width / 2);
    let lines: Vec<Line> = window(selected, rows.len(), inner.height.into())
        .map(|i| {
            let r = &rows[i];
            let name = match &r.paper {
                None => "all papers".to_owned(),
                Some(p) => p.name().to_owned(),
            };
            let text = format!(
                "{}{:>6} issues  {}",
                pad(&name, name_cols),
                r.issues,
                span(r)
            );
            let text = pad(&text, width);
            if i == selected {
                Line::from(Span::styled(text, theme.selected(true)))
            } else {
                Line::from(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
