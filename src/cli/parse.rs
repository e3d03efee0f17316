//! `dubao parse`: segment files without an archive, as JSON lines or a readable outline.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::safe;
use crate::ingest::{self, Issue};
use crate::tui::view::plural;

pub fn run(paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut parsed, mut failed) = (0usize, 0usize);
    for input in ingest::collect_inputs(paths) {
        let issue = input.and_then(|path| ingest::parse_file(&path));
        match issue {
            Ok(issue) => {
                for w in &issue.warnings {
                    super::warn(&issue.source, w);
                }
                if json {
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
    writeln!(
        out,
        "{b}{}{r}  {}  {}  {}  {} articles",
        safe(&issue.source),
        safe(issue.paper.as_deref().unwrap_or("paper unknown")),
        date,
        issue.script.as_str(),
        issue.articles.len()
    )?;
    for (i, a) in issue.articles.iter().enumerate() {
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
