//! The articles of the selected issue: one line an article, derived titles marked "~" (made from the text), read ones "✓".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, fit, pad, window};
use super::theme::Theme;
use crate::tui::app::{App, Pane};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Pane::Articles;
    let issue = app.selected_issue();
    let title = match issue.and_then(|i| i.date) {
        Some(d) => format!(" {d} · {} articles ", app.current.articles.len()),
        None => " Articles ".to_owned(),
    };
    let block = block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if app.current.loading {
        frame.render_widget(
            Paragraph::new(Span::styled(fit("loading…", width), theme.dim())),
            inner,
        );
        return;
    }
    let articles = &app.current.articles;
    let lines: Vec<Line> = window(app.article_sel, articles.len(), inner.height.into())
        .map(|i| {
            let t = articles[i].display_title();
            let read = app
                .current
                .issue
                .as_ref()
                .is_some_and(|issue| app.is_read(issue, i as u32));
            let read = if read { "✓" } else { " " };
            let mark = if t.derived { "~" } else { " " };
            let text = format!("{:>2}{read}{mark}{}", i + 1, t.text);
            if i == app.article_sel {
                Line::from(Span::styled(pad(&text, width), theme.selected(focused)))
            } else if t.derived {
                Line::from(Span::styled(fit(&text, width), theme.derived()))
            } else {
                Line::from(fit(&text, width))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
