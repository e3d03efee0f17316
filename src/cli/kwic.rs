//! `dubao kwic QUERY`: every occurrence in its context, one a line, the matches lined up
//! in one column (in bold on a terminal, in 【】 otherwise), or JSON lines.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::{json, safe};
use crate::archive::concordance::{self, KwicSort};
use crate::archive::{Library, Query};
use crate::text::{self, LayoutOptions, kwic_cells};

#[derive(Debug, Clone, Copy)]
pub struct Args {
    /// Most lines; 0 prints every occurrence.
    pub limit: usize,
    pub json: bool,
    pub sort: KwicSort,
    /// Characters of context on each side.
    pub context: usize,
    pub ambiguous_wide: bool,
}

/// Columns the paper takes in plain output.
const PAPER_COLS: usize = 8;

pub fn run(library: &dyn Library, text: &str, query: &Query, args: Args) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let terminal = !args.json && io::stdout().is_terminal();
    let opts = LayoutOptions {
        ambiguous_wide: args.ambiguous_wide,
        ..LayoutOptions::default()
    };
    // A CJK character is two columns: the context gets room for its characters.
    let side_cols = args.context * 2;
    let mut written = 0;
    let mut from = Some(0);
    while let Some(at) = from {
        let page = concordance::page(library, query, None, args.sort, at, args.context)?;
        from = page.next_hit;
        for line in &page.lines {
            if args.limit > 0 && written >= args.limit {
                from = None;
                break;
            }
            written += 1;
            if args.json {
                json::write_line(
                    &mut out,
                    &serde_json::json!({
                        "issue": line.issue,
                        "article": line.article,
                        "date": line.date,
                        "paper": line.paper,
                        "page": serde_json::Value::Null,
                        "title": line.title,
                        "left": line.left,
                        "match": line.matched,
                        "right": line.right,
                    }),
                )?;
                continue;
            }
            let match_cols = text::display_width(&line.matched, &opts);
            let cells = kwic_cells(
                &line.left,
                &line.matched,
                &line.right,
                side_cols,
                side_cols + match_cols + side_cols,
                &opts,
            );
            let (on, off) = if terminal {
                ("\x1b[1m", "\x1b[0m")
            } else {
                ("【", "】")
            };
            let date = line
                .date
                .map_or_else(|| "????-??-??".to_owned(), |d| d.to_string());
            let paper = crate::tui::view::fit(line.paper.as_deref().unwrap_or("-"), PAPER_COLS);
            let pad = PAPER_COLS.saturating_sub(text::display_width(&paper, &opts));
            let row = format!(
                "{date}  {paper}{}  {}{on}{}{off}{}",
                " ".repeat(pad),
                cells.left,
                cells.matched,
                cells.right
            );
            writeln!(out, "{}", row.trim_end())?;
        }
    }
    out.flush()?;
    if written == 0 && !args.json {
        eprintln!("no occurrence of {}", safe(text));
    }
    Ok(ExitCode::SUCCESS)
}
