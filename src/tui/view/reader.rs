//! The article view: the laid-out lines of the article (or the raw text), styled by role,
//! search matches highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{block, fit};
use super::theme::Theme;
use crate::tui::app::{App, Pane};
use crate::tui::geometry;
use crate::tui::reader::{LineKind, ReaderLine};

fn style_of(kind: LineKind, theme: &Theme) -> Style {
    match kind {
        LineKind::Kicker | LineKind::Subtitle => theme.kicker(),
        LineKind::Title => theme.title(),
        LineKind::DerivedTitle => theme.derived(),
        LineKind::Byline => theme.dim(),
        LineKind::Heading => theme.heading(),
        LineKind::Caption => theme.caption(),
        LineKind::Link => theme.link(),
        LineKind::Paragraph | LineKind::Blank | LineKind::Raw => Style::new(),
    }
}

fn to_line<'a>(line: &'a ReaderLine, theme: &Theme) -> Line<'a> {
    let base = style_of(line.kind, theme);
    Line::from(
        line.pieces
            .iter()
            .map(|p| {
                let style = if p.highlighted {
                    base.patch(theme.matched())
                } else {
                    base
                };
                Span::styled(p.text.as_str(), style)
            })
            .collect::<Vec<_>>(),
    )
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Pane::Reader;
    let raw = app.reader.raw.as_ref();
    // The issue of the article shown: the list may have moved on to another meanwhile.
    let issue = match &app.reader.open {
        Some(open) => app.issue_index(&open.issue).map(|i| &app.issues[i]),
        None => app.selected_issue(),
    };
    let title = match (raw, issue) {
        (Some(raw), Some(_)) => format!(
            " original text · {} ",
            raw.source.rsplit('/').next().unwrap_or("")
        ),
        (None, Some(issue)) => {
            let date = issue
                .date
                .map_or_else(|| "no date".to_owned(), |d| d.to_string());
            match &issue.paper {
                Some(p) => format!(" {p} · {date} "),
                None => format!(" {date} "),
            }
        }
        _ => " Article ".to_owned(),
    };
    let block = block(
        fit(&title, usize::from(area.width.saturating_sub(2))),
        focused,
        theme,
    );
    frame.render_widget(block, area);
    let text = geometry::text_area(area);
    let (lines, scroll) = match raw {
        Some(r) => (&r.lines, r.scroll),
        None => (&app.reader.lines, app.reader.scroll),
    };
    let waiting = match raw {
        Some(r) => r.text.is_none(),
        None => app.reader.open.is_some() && app.reader.article.is_none(),
    };
    if waiting {
        frame.render_widget(Paragraph::new(Span::styled("loading…", theme.dim())), text);
        return;
    }
    if app.reader.open.is_none() {
        let hint = "Enter opens an article · / searches · ? shows the keys";
        frame.render_widget(
            Paragraph::new(Span::styled(fit(hint, text.width.into()), theme.dim())),
            text,
        );
        return;
    }
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(text.height.into())
        .map(|l| to_line(l, theme))
        .collect();
    frame.render_widget(Paragraph::new(shown), text);
}
