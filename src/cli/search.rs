//! `dubao search`: hits as text (matches in bold on a terminal, in 【】 otherwise) or as
//! JSON lines.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::{safe, timeline};
use crate::archive::timeline::Period;
use crate::archive::{self, Archive, SearchOptions, Sort};
use crate::tui::view::plural;

/// How `dubao search` answers.
#[derive(Debug, Clone, Copy)]
pub struct Args {
    /// Most hits per query; 0 prints every hit.
    pub limit: usize,
    pub json: bool,
    pub sort: Sort,
    /// Counts per period instead of hits.
    pub by: Option<Period>,
}

pub fn run(archive: &Archive, queries: &[String], args: Args) -> Result<ExitCode> {
    let Args {
        limit,
        json,
        sort,
        by,
    } = args;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let bold = !json && io::stdout().is_terminal();
    let mut failed = 0;
    for text in queries {
        let query = match archive::query::parse(text) {
            Ok(q) => q,
            Err(e) => {
                eprintln!("error: {}: {}", safe(text), safe(&e.to_string()));
                failed += 1;
                continue;
            }
        };
        if let Some(by) = by {
            let t = archive.timeline(&query, Some(by), None)?;
            timeline::write(&mut out, text, &t, json)?;
            continue;
        }
        let opts = SearchOptions {
            limit,
            sort,
            ..SearchOptions::default()
        };
        let results = archive.search(&query, &opts)?;
        if !json {
            writeln!(out, "{} for {}", plural(results.total, "hit"), safe(text))?;
        }
        for hit in &results.hits {
            if json {
                let line = serde_json::json!({
                    "query": text,
                    "source": hit.source,
                    "issue": hit.issue,
                    "article": hit.article,
                    "date": hit.date,
                    "paper": hit.paper,
                    "title": hit.title,
                    "page": hit.page,
                    "snippet": hit.snippet.text,
                    "highlights": hit.snippet.highlights,
                });
                super::json::write_line(&mut out, &line)?;
            } else {
                let date = hit
                    .date
                    .map_or_else(|| "????-??-??".to_owned(), |d| d.to_string());
                let mark = if hit.title_derived { "~" } else { "" };
                writeln!(
                    out,
                    "{date}  {}  {mark}{}",
                    safe(hit.paper.as_deref().unwrap_or("-")),
                    safe(&hit.title)
                )?;
                writeln!(out, "    {}", emphasise(&hit.snippet, bold))?;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 && failed == queries.len() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The snippet with its matches in bold (or in 【】 when stdout is not a terminal), safe to
/// print: each run of text is sanitized apart, so that only our own SGR reaches the
/// terminal.
fn emphasise(snippet: &archive::snippet::Snippet, terminal: bool) -> String {
    let (on, off) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("【", "】")
    };
    let chars: Vec<char> = snippet.text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for [from, to] in &snippet.highlights {
        for m in marked.iter_mut().take(*to).skip(*from) {
            *m = true;
        }
    }
    let mut out = String::new();
    let mut run = String::new();
    let mut inside = false;
    for (c, m) in chars.iter().zip(&marked) {
        if *m != inside {
            out.push_str(&safe(&run));
            run.clear();
            out.push_str(if *m { on } else { off });
            inside = *m;
        }
        run.push(*c);
    }
    out.push_str(&safe(&run));
    if inside {
        out.push_str(off);
    }
    out
}
