//! The articles of the selected issue: one line an article, derived titles marked "~" (made from the text), read ones "✓".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, fit, pad, window};
use super::theme::Theme;
use crate::ingest::Article;
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
    let rows = rows(articles);
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Article(i) if *i == app.article_sel))
        .unwrap_or(0);
    let lines: Vec<Line> = rows[window(selected_row, rows.len(), inner.height.into())]
        .iter()
        .map(|row| {
            let i = match row {
                Row::Page(text) => {
                    return Line::from(Span::styled(fit(text, width), theme.group()));
                }
                Row::Article(i) => *i,
            };
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

enum Row {
    /// "第2版 · 要闻", above the page's first article.
    Page(String),
    Article(usize),
}

/// The articles, a page row above each page's first one when the issue has pages.
fn rows(articles: &[Article]) -> Vec<Row> {
    let paged = articles
        .iter()
        .any(|a| a.page.is_some() || a.page_name.is_some());
    let mut out = Vec::with_capacity(articles.len() + 8);
    let mut page = None;
    for (i, a) in articles.iter().enumerate() {
        let this = (a.page, a.page_name.clone());
        if paged && page.as_ref() != Some(&this) {
            out.push(Row::Page(match &this {
                (Some(n), Some(name)) => format!("第{n}版 · {name}"),
                (Some(n), None) => format!("第{n}版"),
                (None, Some(name)) => name.clone(),
                (None, None) => "other pages".to_owned(),
            }));
            page = Some(this);
        }
        out.push(Row::Article(i));
    }
    out
}
