//! `dubao check`: the archive read end to end; a report on stdout, exit 1 when damaged.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{safe, safe_path};
use crate::archive::check::{self, CheckReport};
use crate::tui::view::plural;

pub fn run(dir: &Path) -> Result<ExitCode> {
    let report = check::check(dir)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write_report(&mut out, dir, &report)?;
    out.flush()?;
    Ok(if report.is_sound() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn write_report(out: &mut impl Write, dir: &Path, report: &CheckReport) -> io::Result<()> {
    let dir = safe_path(dir);
    writeln!(out, "checking {dir}")?;
    if let Some(m) = &report.manifest {
        writeln!(
            out,
            "  archive.json: format {}, {} and {} recorded",
            m.format,
            plural(m.issues as usize, "issue"),
            plural(m.articles as usize, "article")
        )?;
    }
    for s in &report.segments {
        let state = if s.sound { "read back" } else { "damaged" };
        writeln!(
            out,
            "  segment {}: {}, {state}",
            s.id,
            plural(s.documents as usize, "document")
        )?;
    }
    for p in &report.problems {
        writeln!(out, "  problem: {}", safe(&p.to_string()))?;
    }
    let gone = report.gone_sources();
    let known = if report.sources_listed {
        "listed in sources.json"
    } else if report.is_sound() {
        "no sources.json yet: the next import writes it"
    } else {
        "no sources.json: only those of the readable segments are known"
    };
    writeln!(
        out,
        "  source files: {} ({known}), {} of them no longer there",
        report.sources.len(),
        gone.len()
    )?;
    for g in gone.iter().take(5) {
        writeln!(
            out,
            "    gone: {} (a rebuild cannot bring its issue back)",
            safe_path(g)
        )?;
    }
    if report.is_sound() {
        writeln!(
            out,
            "{dir}: sound: {} and {} in {}",
            plural(report.issues as usize, "issue"),
            plural(report.articles as usize, "article"),
            plural(report.segments.len(), "segment")
        )
    } else {
        writeln!(
            out,
            "{dir}: {} (run `dubao import --rebuild` to rebuild the archive from its source files; the damaged one is kept aside)",
            plural(report.problems.len(), "problem")
        )
    }
}
