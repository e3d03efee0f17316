//! Command line: clap types and dispatch. Logic lives in the library modules; this file
//! only turns arguments into calls and results into stdout (data) and stderr (warnings).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::ingest::{self, Issue};

#[derive(Debug, Parser)]
#[command(
    name = "dubao",
    version,
    about = "读报 — read archives of Chinese newspapers in a terminal"
)]
pub struct Cli {
    /// The archive folder (default: the data directory; a first run builds the sample).
    #[arg(long, global = true, env = "DUBAO_ARCHIVE", value_name = "DIR")]
    pub archive: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Segment issue files without an archive: one issue object a line with --json.
    ///
    /// Example: dubao parse assets/sample --json
    Parse {
        /// Files, or folders walked for .txt and .md files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// One JSON object per issue per line (see DESIGN.md).
        #[arg(long)]
        json: bool,
    },
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Parse { paths, json }) => parse(&paths, json),
        None => anyhow::bail!("the reader is not built yet (issue 6); try `dubao parse PATH`"),
    }
}

fn warn(source: &str, what: &str) {
    eprintln!("warning: {source}: {what}");
}

fn parse(paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut parsed, mut failed) = (0usize, 0usize);
    for input in ingest::collect_inputs(paths) {
        let issue = input.and_then(|path| ingest::parse_file(&path));
        match issue {
            Ok(issue) => {
                for w in &issue.warnings {
                    warn(&issue.source, w);
                }
                if json {
                    serde_json::to_writer(&mut out, &issue)?;
                    writeln!(out)?;
                } else {
                    write_outline(&mut out, &issue)?;
                }
                parsed += 1;
            }
            Err(e) => {
                eprintln!("warning: {e}");
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

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
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
        issue.source,
        issue.paper.as_deref().unwrap_or("paper unknown"),
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
            t.text,
            counts.join(", ")
        )?;
    }
    for w in &issue.warnings {
        writeln!(out, "  warning: {w}")?;
    }
    Ok(())
}
