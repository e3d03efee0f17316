//! `dubao parse`: read files into issues without an archive, as JSON lines or a
//! readable outline.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::safe;
use crate::ingest::{self, Issue, ParseOptions};
use crate::tui::view::plural;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, or folders walked for .txt, .md and .html files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// One JSON object per issue per line (see docs/architecture.md).
    #[arg(long)]
    pub json: bool,
    /// The paper of files whose front matter, folders and text name none.
    #[arg(long, value_name = "NAME")]
    pub paper: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut parsed, mut failed) = (0usize, 0usize);
    let opts = ParseOptions {
        paper: args.paper.clone(),
    };
    for issue in ingest::issues(ingest::collect_inputs(&args.paths), &opts) {
        match issue {
            Ok(issue) => {
                for w in &issue.warnings {
                    super::warn(&issue.source, w);
                }
                if args.json {
                    super::json::write_line(&mut out, &issue)?;
                } else {
                    write_outline(&mut out, &issue)?;
                }
                parsed += 1;
            }
            Err(e) => {
                eprintln!("warning: {}", super::safe(&e.to_string()));
                failed += 1;
            }
        }
    }
    out.flush()?;
    if parsed == 0 {
        eprintln!("error: nothing could be parsed ({failed} file(s) failed)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn write_outline(out: &mut impl Write, issue: &Issue) -> io::Result<()> {
    let date = issue
        .date
        .map(|d| {
            format!(
                "{d}{}",
                if issue.date_inferred {
                    " (inferred)"
                } else {
                    ""
                }
            )
        })
        .unwrap_or_else(|| "no date".into());
    let bold = io::stdout().is_terminal();
    let (b, r) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let files = if issue.sources.len() > 1 {
        format!(" (+{} files)", issue.sources.len() - 1)
    } else {
        String::new()
    };
    let numbered = issue.pages.iter().filter(|p| p.page.is_some()).count();
    let pages = if numbered > 0 {
        format!("  {}", plural(numbered, "page"))
    } else {
        String::new()
    };
    writeln!(
        out,
        "{b}{}{r}{files}  {}  {}  {}{pages}  {} articles",
        safe(&issue.source),
        safe(issue.paper.as_deref().unwrap_or("paper unknown")),
        date,
        issue.script.as_str(),
        issue.articles.len()
    )?;
    let mut page_shown = None;
    for (i, a) in issue.articles.iter().enumerate() {
        if let Some(page) = a.page.filter(|p| page_shown != Some(*p)) {
            page_shown = Some(page);
            let name = a.page_name.as_deref().map(|n| format!(" {n}"));
            let notes = issue
                .pages
                .iter()
                .find(|p| p.page == Some(page))
                .map_or(0, |p| p.notes.len());
            let notes = if notes > 0 {
                format!("  ({})", plural(notes, "note"))
            } else {
                String::new()
            };
            writeln!(out, "  page {page}{}{notes}", name.unwrap_or_default())?;
        }
        let t = a.display_title();
        let mark = if t.derived { "~" } else { "" };
        let paragraphs = a.paragraphs().count();
        let sections = a.sections.iter().filter(|s| s.heading.is_some()).count();
        let mut counts = vec![plural(paragraphs, "paragraph")];
        if sections > 0 {
            counts.push(plural(sections, "section"));
        }
        if !a.captions.is_empty() {
            counts.push(plural(a.captions.len(), "caption"));
        }
        writeln!(
            out,
            "  {:>3}. {mark}{}  ({})",
            i + 1,
            safe(&t.text),
            counts.join(", ")
        )?;
    }
    for w in &issue.warnings {
        writeln!(out, "  warning: {}", safe(w))?;
    }
    Ok(())
}
