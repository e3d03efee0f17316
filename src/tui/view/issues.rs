//! The issue list: grouped by year and month, one line an issue (day, paper, articles).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, fit, window};
use super::theme::Theme;
use crate::archive::IssueMeta;
use crate::tui::app::{App, Pane};

enum Row<'a> {
    Group(String),
    Issue(usize, &'a IssueMeta),
}

fn rows<'a>(issues: &'a [IssueMeta], visible: &[usize]) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    let mut group = None;
    for (i, issue) in visible.iter().map(|&i| (i, &issues[i])) {
        let g = issue
            .date
            .map(|d| format!("{}年{}月", d.year(), d.month()))
            .unwrap_or_else(|| "no date".to_owned());
        if group.as_ref() != Some(&g) {
            out.push(Row::Group(g.clone()));
            group = Some(g);
        }
        out.push(Row::Issue(i, issue));
    }
    out
}

/// "11-19~✓ 4篇 山西日报": "~" marks a date guessed from the text, "✓" an issue read
/// through, "◦" one begun.
fn issue_line(issue: &IssueMeta, read: usize) -> String {
    let day = issue.date.map_or_else(
        || "  ?  ".to_owned(),
        |d| format!("{:02}-{:02}", d.month(), d.day()),
    );
    let inferred = if issue.date_inferred { "~" } else { " " };
    let read = match read {
        0 => " ",
        n if n >= issue.articles => "✓",
        _ => "◦",
    };
    let paper = issue.paper.as_deref().unwrap_or("");
    format!("{day}{inferred}{read}{:>2}篇 {paper}", issue.articles)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Pane::Issues;
    let title = match (&app.paper, app.many_papers()) {
        (Some(p), _) => format!(" Issues {} · {} ", app.visible.len(), p.name()),
        (None, true) => format!(" Issues {} · all papers ", app.visible.len()),
        (None, false) => format!(" Issues {} ", app.visible.len()),
    };
    let block = block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !app.issues_loaded {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit("opening the archive…", inner.width.into()),
                theme.dim(),
            )),
            inner,
        );
        return;
    }
    let rows = rows(&app.issues, &app.visible);
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Issue(i, _) if *i == app.issue_sel))
        .unwrap_or(0);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = rows[window(selected_row, rows.len(), inner.height.into())]
        .iter()
        .map(|row| match row {
            Row::Group(g) => Line::from(Span::styled(fit(g, width), theme.group())),
            Row::Issue(i, issue) => {
                let text = fit(&issue_line(issue, app.read_count(&issue.id)), width);
                if *i == app.issue_sel {
                    Line::from(Span::styled(
                        format!("{text:<width$}"),
                        theme.selected(focused),
                    ))
                } else {
                    Line::from(text)
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
