//! The search pane's chart: matching articles per year or month over the archive's span,
//! with the peak, the total and the counts per paper; raw counts or each period's share
//! of all its articles (`Alt-r`). ratatui's `BarChart` when every period gets a bar of two
//! columns or more, a `Sparkline` (one column a period, neighbours summed when they do not
//! fit) otherwise.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline};

use super::common::fit;
use super::theme::Theme;
use crate::archive::timeline::{Period, Timeline};

/// Rows the chart takes: a heading, the papers, three rows of bars, the labels.
pub const ROWS: u16 = 6;
/// The pane's inner height from which the chart is shown: below it, the hits need the rows.
pub const MIN_INNER_ROWS: u16 = 22;
const BAR_ROWS: u16 = 3;

/// 8144 → "8,144".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// What a bar stands for: hits, or hits per ten thousand articles of the period.
fn values(t: &Timeline, share: bool) -> Vec<u64> {
    t.periods
        .iter()
        .map(|p| {
            if share {
                (p.share() * 10_000.0).round() as u64
            } else {
                p.hits
            }
        })
        .collect()
}

fn heading(t: &Timeline, share: bool) -> String {
    let by = match t.by {
        Some(Period::Month) => "month",
        _ => "year",
    };
    let span = match (t.periods.first(), t.periods.last()) {
        (Some(a), Some(b)) if a.period != b.period => format!("{}–{}", a.period, b.period),
        (Some(a), _) => a.period.clone(),
        _ => "no dated issue".to_owned(),
    };
    let peak = if share {
        t.periods
            .iter()
            .max_by(|a, b| a.share().total_cmp(&b.share()))
            .filter(|p| p.hits > 0)
            .map(|p| format!(" · peak {} ({})", p.period, percent(p.share())))
    } else {
        t.peak()
            .map(|p| format!(" · peak {} ({})", p.period, thousands(p.hits)))
    };
    let what = if share {
        "share of all articles"
    } else {
        "hits"
    };
    format!(
        "{what} by {by}, {span}{} · {} in all{}",
        peak.unwrap_or_default(),
        thousands(t.total),
        if t.undated > 0 {
            format!(" ({} undated)", thousands(t.undated))
        } else {
            String::new()
        }
    )
}

fn papers(t: &Timeline) -> String {
    let mut parts: Vec<String> = t
        .papers
        .iter()
        .map(|(p, n)| format!("{p} {}", thousands(*n)))
        .collect();
    let named: u64 = t.papers.iter().map(|(_, n)| n).sum();
    if t.total > named {
        parts.push(format!("{} of no known paper", thousands(t.total - named)));
    }
    parts.join(" · ")
}

/// The label under a bar of `cols` columns: the year or its last two digits; the month.
fn bar_label(period: &str, by: Option<Period>, cols: usize) -> String {
    let short = match by {
        Some(Period::Month) => period.rsplit('-').next().unwrap_or(period),
        _ if cols < 4 => &period[period.len().saturating_sub(2)..],
        _ => period,
    };
    short.chars().take(cols).collect()
}

pub fn draw(
    timeline: Option<&Timeline>,
    share: bool,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    let Some(t) = timeline else {
        let line = Line::from(Span::styled(
            fit("counting the hits over time…", width),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(line), area);
        return;
    };
    let text = vec![
        Line::from(Span::styled(fit(&heading(t, share), width), theme.title())),
        Line::from(Span::styled(fit(&papers(t), width), theme.dim())),
    ];
    frame.render_widget(Paragraph::new(text), Rect { height: 2, ..area });
    if t.periods.is_empty() || area.height < ROWS {
        return;
    }
    let bars_area = Rect {
        y: area.y + 2,
        height: BAR_ROWS + 1,
        ..area
    };
    let data = values(t, share);
    let n = data.len();
    let style = theme.matched();
    // Two columns a bar and one between at the least, else a sparkline.
    if n * 3 <= width + 1 {
        let bar_cols = ((width + 1) / n).saturating_sub(1).clamp(2, 6);
        let bars: Vec<Bar> = t
            .periods
            .iter()
            .zip(&data)
            .map(|(p, v)| {
                Bar::new(*v)
                    .label(Line::from(bar_label(&p.period, t.by, bar_cols)))
                    .text_value(String::new())
            })
            .collect();
        let chart = BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_cols as u16)
            .bar_gap(1)
            .bar_style(style)
            .label_style(theme.dim())
            .max(data.iter().copied().max().unwrap_or(0).max(1));
        frame.render_widget(chart, bars_area);
    } else {
        // Periods summed into one column each when there are more than columns.
        let per_column = n.div_ceil(width.max(1));
        let columns: Vec<u64> = data.chunks(per_column).map(|c| c.iter().sum()).collect();
        let spark = Sparkline::default()
            .data(&columns)
            .max(columns.iter().copied().max().unwrap_or(0).max(1))
            .style(style);
        frame.render_widget(
            spark,
            Rect {
                height: BAR_ROWS,
                ..bars_area
            },
        );
        let (first, last) = (&t.periods[0].period, &t.periods[n - 1].period);
        let gap = width
            .min(columns.len())
            .saturating_sub(first.chars().count() + last.chars().count());
        let labels = format!("{first}{}{last}", " ".repeat(gap.max(1)));
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(fit(&labels, width), theme.dim()))),
            Rect {
                y: bars_area.y + BAR_ROWS,
                height: 1,
                ..bars_area
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_labels() {
        assert_eq!(thousands(8144), "8,144");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(bar_label("2003", Some(Period::Year), 2), "03");
        assert_eq!(bar_label("2003", Some(Period::Year), 4), "2003");
        assert_eq!(bar_label("2003-05", Some(Period::Month), 2), "05");
    }

    #[test]
    fn the_share_view_draws_hits_per_article_of_each_period() {
        use crate::archive::timeline::PeriodCount;
        let t = Timeline {
            by: Some(Period::Year),
            periods: vec![
                PeriodCount {
                    period: "2000".into(),
                    hits: 10,
                    articles: 1000,
                },
                PeriodCount {
                    period: "2001".into(),
                    hits: 10,
                    articles: 40,
                },
                PeriodCount {
                    period: "2002".into(),
                    hits: 0,
                    articles: 0,
                },
            ],
            papers: Vec::new(),
            total: 20,
            undated: 0,
        };
        assert_eq!(values(&t, false), [10, 10, 0]);
        // Per ten thousand: 1 % and 25 %; a period without articles has no share.
        assert_eq!(values(&t, true), [100, 2500, 0]);
        assert!(heading(&t, true).contains("peak 2001 (25.0%)"));
        assert!(
            heading(&t, false).contains("peak 2000 (10)"),
            "the first of equals"
        );
    }
}
