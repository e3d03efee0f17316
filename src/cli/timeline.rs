//! `dubao search QUERY --by year|month`: one line per period over the span, zeros
//! included — `{"period","hits","articles"}` as JSON, or a table with a bar per row.

use std::io::{self, Write};

use super::{json, safe};
use crate::archive::timeline::Timeline;
use crate::tui::view::plural;

/// Columns the longest bar of the table takes.
const BAR_COLS: usize = 40;
/// Eighths of a column, for bars that end between columns.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

fn bar(value: u64, max: u64) -> String {
    if max == 0 || value == 0 {
        return String::new();
    }
    let eighths = (value as f64 / max as f64 * (BAR_COLS * 8) as f64).round() as usize;
    let eighths = eighths.max(1);
    let mut out = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

pub fn write(out: &mut impl Write, query: &str, t: &Timeline, as_json: bool) -> io::Result<()> {
    if as_json {
        for p in &t.periods {
            let line = serde_json::json!({
                "period": p.period,
                "hits": p.hits,
                "articles": p.articles,
            });
            json::write_line(out, &line)?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "{} for {} by {}",
        plural(t.total as usize, "hit"),
        safe(query),
        match t.by {
            Some(crate::archive::timeline::Period::Month) => "month",
            _ => "year",
        }
    )?;
    let max = t.periods.iter().map(|p| p.hits).max().unwrap_or(0);
    let width = t.periods.iter().map(|p| p.period.len()).max().unwrap_or(4);
    for p in &t.periods {
        let row = format!(
            "{:<width$}  {:>7} / {:<8} {:>6.2}%  {}",
            p.period,
            p.hits,
            p.articles,
            p.share() * 100.0,
            bar(p.hits, max)
        );
        writeln!(out, "{}", row.trim_end())?;
    }
    if t.undated > 0 {
        writeln!(
            out,
            "{} in issues without a date",
            plural(t.undated as usize, "hit")
        )?;
    }
    for (paper, n) in &t.papers {
        writeln!(out, "  {}  {n}", safe(paper))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_in_eighths_of_a_column() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), BAR_COLS);
        assert_eq!(bar(1, 80 * 8), "▏", "a hit is never drawn as nothing");
        assert_eq!(bar(5, 10), "█".repeat(BAR_COLS / 2));
    }
}
