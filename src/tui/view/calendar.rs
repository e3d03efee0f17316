//! `C`: a month of the current paper's issues (ratatui's `Monthly`): days with an issue
//! marked, the cursor's day reversed, the count of days missing between the paper's first
//! and last issue said under it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::calendar::{CalendarEventStore, Monthly};

use super::common::{block, centred, clear_overlay, fit};
use super::theme::Theme;
use crate::ingest::Date;
use crate::tui::app::App;

fn to_time(d: Date) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(d.month()).ok()?).ok()?;
    time::Date::from_calendar_date(
        i32::try_from(d.year()).ok()?,
        month,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// The days of the cursor's month with an issue of the paper shown.
fn issue_days(app: &App, cursor: Date) -> Vec<Date> {
    let paper = app.selected_issue().map(|i| i.paper.clone());
    app.issues
        .iter()
        .filter(|i| Some(i.paper.clone()) == paper)
        .filter_map(|i| i.date)
        .filter(|d| d.year() == cursor.year() && d.month() == cursor.month())
        .collect()
}

pub fn draw(app: &App, cursor: Date, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = centred(area, 30, 12);
    clear_overlay(frame, rect);
    let paper = app
        .selected_issue()
        .and_then(|i| i.paper.clone())
        .unwrap_or_else(|| "issues".to_owned());
    let block = block(format!(" {} ", fit(&paper, 24)), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let Some(display) = to_time(cursor) else {
        return;
    };
    let days = issue_days(app, cursor);
    let mut events = CalendarEventStore::default();
    for d in &days {
        if let Some(t) = to_time(*d) {
            events.add(t, theme.title().patch(theme.kicker()));
        }
    }
    let here = if days.contains(&cursor) {
        theme.selected(true).add_modifier(Modifier::BOLD)
    } else {
        theme.selected(true)
    };
    events.add(display, here);
    let calendar = Monthly::new(display, events)
        .show_month_header(theme.title())
        .show_weekdays_header(theme.dim())
        .default_style(theme.dim().add_modifier(Modifier::DIM));
    let cal_area = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    frame.render_widget(calendar, cal_area);
    let in_month = u32::try_from(days.len()).unwrap_or(0);
    let month_days = crate::ingest::date::days_in_month(cursor.year(), cursor.month());
    let note = format!("{in_month} of {month_days} days have an issue");
    let lines = vec![
        Line::from(Span::styled(fit(&note, inner.width.into()), theme.dim())),
        Line::from(Span::styled(
            fit("hjkl move · [ ] month · Enter open", inner.width.into()),
            Style::new().add_modifier(Modifier::DIM),
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            y: inner.y + inner.height.saturating_sub(2),
            height: 2.min(inner.height),
            ..inner
        },
    );
}
