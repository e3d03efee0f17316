//! The live search pane: the input, what the query found (or why it cannot run), and the
//! hits with their snippets, matches highlighted.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::common::{block, fit, pad, plural, window};
use super::theme::Theme;
use super::{chart, kwic};
use crate::archive::{Hit, Sort};
use crate::text::{self, LayoutOptions};
use crate::tui::app::App;
use crate::tui::search::Scope;

const PROMPT: &str = "/ ";
/// Snippet lines shown under each hit's title.
const SNIPPET_LINES: usize = 2;
const HINT: &str = "Enter open · Ctrl-n/Ctrl-p move · ↑↓ history · Tab scope · Alt-s sort · Alt-p paper · Esc close";

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "best first",
        Sort::Newest => "newest first",
        Sort::Oldest => "oldest first",
    }
}

fn hit_lines<'a>(hit: &'a Hit, width: usize, selected: bool, theme: &Theme) -> Vec<Line<'a>> {
    let date = hit
        .date
        .map_or_else(|| "no date".to_owned(), |d| d.to_string());
    let mark = if hit.title_derived { "~" } else { "" };
    let head = format!(
        "{date}  {}  {mark}{}",
        hit.paper.as_deref().unwrap_or("-"),
        hit.title
    );
    let head_style = if selected {
        theme.selected(true)
    } else {
        theme.title()
    };
    let mut lines = vec![Line::from(Span::styled(pad(&head, width), head_style))];
    let opts = LayoutOptions::default();
    let indent = 2;
    let laid = text::layout(
        &hit.snippet.text,
        width.saturating_sub(indent).max(1),
        &opts,
    );
    let ranges: Vec<std::ops::Range<usize>> =
        hit.snippet.highlights.iter().map(|[a, b]| *a..*b).collect();
    let pieces = text::highlight(&laid, &hit.snippet.text, &ranges, &opts);
    for line_pieces in pieces.into_iter().take(SNIPPET_LINES) {
        let mut spans = vec![Span::raw(" ".repeat(indent))];
        spans.extend(line_pieces.into_iter().map(|p| {
            let style = if p.highlighted {
                theme.matched()
            } else {
                theme.dim()
            };
            Span::styled(p.text, style)
        }));
        lines.push(Line::from(spans));
    }
    while lines.len() < 1 + SNIPPET_LINES {
        lines.push(Line::default());
    }
    lines
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let s = &app.search;
    frame.render_widget(Clear, area);
    let scope = match (&s.scope, &s.scope_issue) {
        (Scope::Issue(_), _) => "this issue · Tab: whole archive",
        (Scope::Archive, Some(_)) => "whole archive · Tab: this issue",
        (Scope::Archive, None) => "whole archive",
    };
    let order = match &s.kwic {
        Some(k) => format!("concordance by {}", k.sort.name()),
        None => sort_name(s.sort).to_owned(),
    };
    let title = format!(" Search · {scope} · {order} ");
    let block = block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    // The input line scrolls so the cursor stays in view.
    let room = width.saturating_sub(PROMPT.len());
    let scroll = input_scroll(app, room);
    let shown: String = {
        let opts = LayoutOptions::default();
        let mut skipped = 0;
        let mut out = String::new();
        for c in s.input.value().chars() {
            let w = text::display_width(c.encode_utf8(&mut [0; 4]), &opts);
            if skipped < scroll {
                skipped += w;
                continue;
            }
            out.push(c);
        }
        out
    };
    let input_line = Line::from(vec![
        Span::styled(PROMPT, theme.title()),
        Span::raw(fit(&shown, room)),
    ]);
    let status = match (&s.error, s.running) {
        (Some(e), _) => Span::styled(fit(e, width), theme.error()),
        (None, true) => Span::styled(
            fit(&format!("{} · searching…", plural(s.total, "hit")), width),
            theme.dim(),
        ),
        (None, false) if s.shown_query.is_empty() => {
            Span::styled(fit("type to search the whole archive", width), theme.dim())
        }
        (None, false) => Span::styled(
            fit(
                &format!("{} for {}", plural(s.total, "hit"), s.shown_query),
                width,
            ),
            theme.dim(),
        ),
    };
    let status = match (&s.kwic, &s.error) {
        (Some(k), None) if !s.shown_query.is_empty() => {
            let more = if k.loading {
                " · lining up…"
            } else if k.next_hit.is_some() {
                " · more as you scroll"
            } else {
                ""
            };
            Span::styled(
                fit(
                    &format!(
                        "{} in {} for {}{more}",
                        plural(k.lines.len(), "occurrence"),
                        plural(k.hits, "hit"),
                        s.shown_query
                    ),
                    width,
                ),
                theme.dim(),
            )
        }
        _ => status,
    };
    let mut lines = vec![input_line, Line::from(status)];
    // The chart sits between the status and the hits when the pane has the rows for both.
    let charted = inner.height >= chart::MIN_INNER_ROWS && !s.shown_query.is_empty();
    let chart_rows = if charted { chart::ROWS + 1 } else { 0 };
    if charted {
        let area = Rect {
            y: inner.y + 2,
            height: chart::ROWS,
            ..inner
        };
        chart::draw(s.timeline.as_ref(), s.chart_share, frame, area, theme);
        lines.extend((0..chart_rows).map(|_| Line::default()));
    }
    let list_rows = usize::from(inner.height).saturating_sub(3 + usize::from(chart_rows));
    if let Some(kwic) = &s.kwic {
        lines.extend(kwic::lines(kwic, width, list_rows, theme, &app.layout));
    } else {
        let per_hit = 1 + SNIPPET_LINES;
        let visible = (list_rows / per_hit).max(1);
        for i in window(s.selected, s.hits.len(), visible) {
            lines.extend(hit_lines(&s.hits[i], width, i == s.selected, theme));
        }
    }
    lines.truncate(usize::from(inner.height).saturating_sub(1));
    while lines.len() < usize::from(inner.height).saturating_sub(1) {
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(fit(HINT, width), theme.dim())));
    // The chart was drawn into rows these lines leave blank: draw around it.
    let (above, below) = lines.split_at(2.min(lines.len()));
    frame.render_widget(Paragraph::new(above.to_vec()), Rect { height: 2, ..inner });
    let rest = Rect {
        y: inner.y + 2 + chart_rows,
        height: inner.height.saturating_sub(2 + chart_rows),
        ..inner
    };
    let below: Vec<Line> = below
        .iter()
        .skip(usize::from(chart_rows))
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(below), rest);
    let cursor = input_cursor(app, inner);
    frame.set_cursor_position(cursor);
}

/// Where the terminal cursor goes: at the display column of the input's cursor (wide
/// characters count two), so an input method's candidate window opens in the right place.
pub fn input_cursor(app: &App, inner: Rect) -> Position {
    let room = usize::from(inner.width).saturating_sub(PROMPT.len());
    let scroll = input_scroll(app, room);
    let col = PROMPT.len() + app.search.input.visual_cursor() - scroll;
    Position::new(
        inner.x + (col.min(usize::from(inner.width).saturating_sub(1))) as u16,
        inner.y,
    )
}

/// Columns of the input scrolled out of view on the left. The cursor needs a column of
/// its own after the text, so the text gets one column less than the room.
fn input_scroll(app: &App, room: usize) -> usize {
    app.search.input.visual_scroll(room.saturating_sub(1))
}
