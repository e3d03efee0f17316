//! The status line: where the reader is, and the latest message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{fit, pad};
use super::theme::Theme;
use crate::text::{self, LayoutOptions};
use crate::tui::app::{App, Pane, StatusKind};

/// "山西日报 2023-11-19 · issue 4/5 · article 2/4 · 35%": the article being read while
/// the reader has the keyboard, else the selection in the lists.
pub fn position(app: &App) -> String {
    let mut parts = Vec::new();
    let reading = app
        .reader
        .open
        .as_ref()
        .filter(|_| app.focus == Pane::Reader);
    let index = reading.map_or(Some(app.issue_sel), |r| app.issue_index(&r.issue));
    if let Some((i, issue)) = index.and_then(|i| Some((i, app.issues.get(i)?))) {
        let article = reading.map_or(app.article_sel, |r| r.article as usize);
        let at = crate::archive::ArticleRef {
            issue: issue.id.clone(),
            article: u32::try_from(article).unwrap_or(0),
        };
        // "人民日报 2023-01-01 第4版 要闻": the citation of what is read or selected.
        let mark = if issue.date_inferred { "~" } else { "" };
        parts.push(format!("{}{mark}", app.citation(&at)));
        let shown = app.visible_pos(i).unwrap_or(i);
        let of = if app.visible.is_empty() {
            app.issues.len()
        } else {
            app.visible.len()
        };
        parts.push(format!("issue {}/{of}", shown + 1));
        if issue.articles > 0 {
            parts.push(format!("article {}/{}", article + 1, issue.articles));
        }
    }
    if app.reader.article.is_some() {
        let (lines, scroll) = match &app.reader.raw {
            Some(r) => (r.lines.len(), r.scroll),
            None => (app.reader.lines.len(), app.reader.scroll),
        };
        let rows = crate::tui::geometry::text_area(
            crate::tui::geometry::panes(app.width, app.height, crate::tui::app::Pane::Reader)
                .reader
                .unwrap_or_default(),
        )
        .height as usize;
        let pct = if lines <= rows {
            100
        } else {
            ((scroll + rows) * 100 / lines).min(100)
        };
        parts.push(format!("{pct}%"));
    }
    parts.join(" · ")
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = usize::from(area.width);
    let left = position(app);
    let (message, style) = match &app.status {
        Some(s) if s.kind == StatusKind::Error => (s.text.as_str(), theme.error()),
        Some(s) => (s.text.as_str(), theme.status()),
        None => ("? help", theme.status()),
    };
    let opts = LayoutOptions::default();
    let left = fit(&left, width);
    let left_w = text::display_width(&left, &opts);
    let room = width.saturating_sub(left_w + 3);
    let right = fit(message, room);
    let right_w = text::display_width(&right, &opts);
    let gap = width.saturating_sub(left_w + right_w);
    let line = if room == 0 {
        Line::from(Span::styled(pad(&left, width), theme.status()))
    } else {
        Line::from(vec![
            Span::styled(format!("{left}{}", " ".repeat(gap)), theme.status()),
            Span::styled(right, style),
        ])
    };
    frame.render_widget(Paragraph::new(line), area);
}
