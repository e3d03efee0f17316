//! `dubao import`: files into the archive, with a progress bar on a terminal and one
//! warning line per problem; `--rebuild` makes the archive again from its sources.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::{safe, safe_path, warn};
use crate::archive::rebuild::{self, ListedFrom};
use crate::archive::{self, Archive, ImportEvent, ImportReport, import::Outcome};
use crate::tui::view::plural;

pub fn run(
    dir: &Path,
    paths: &[PathBuf],
    commit_every: Option<usize>,
    paper: Option<String>,
) -> Result<ExitCode> {
    let archive = Archive::open_or_create(dir)?;
    let opts = archive::ImportOptions {
        parse: crate::ingest::ParseOptions { paper },
        ..options(commit_every)
    };
    let report = with_progress(|on_event| archive.import(paths, &opts, on_event))?;
    eprintln!("imported into {}: {report}", safe_path(dir));
    Ok(exit_code(&report))
}

pub fn rebuild(dir: &Path, commit_every: Option<usize>) -> Result<ExitCode> {
    let plan = rebuild::plan(dir)?;
    let from = match plan.listed_from {
        ListedFrom::Index => "as its index lists them",
        ListedFrom::Salvage { sources_file: true } => "as sources.json lists them",
        ListedFrom::Salvage {
            sources_file: false,
        } => "as the readable part of its index lists them",
    };
    eprintln!(
        "rebuilding {} from {} {from}",
        safe_path(&plan.dir),
        plural(plan.sources.len(), "source file")
    );
    for gone in &plan.gone {
        warn(
            &gone.to_string_lossy(),
            "recorded in the archive but no longer there (its issue will not be in the rebuilt archive; import the file again if it moved)",
        );
    }
    if plan.unnamed > 0 {
        warn(
            &plan.dir.to_string_lossy(),
            &format!(
                "{} stood in damaged parts of the index, and no sources.json names their files (import them again after the rebuild)",
                plural(plan.unnamed as usize, "issue")
            ),
        );
    }
    let rebuilt =
        with_progress(|on_event| rebuild::rebuild(&plan, &options(commit_every), on_event))?;
    eprintln!("rebuilt {}: {}", safe_path(&plan.dir), rebuilt.report);
    eprintln!(
        "the old archive is kept at {} (delete it once the rebuilt one serves you)",
        safe_path(&rebuilt.kept_at)
    );
    Ok(exit_code(&rebuilt.report))
}

/// A number of issues per commit asked for is kept to, however fast they come.
fn options(commit_every: Option<usize>) -> archive::ImportOptions {
    match commit_every {
        Some(n) => archive::ImportOptions {
            issues_per_commit: n,
            commit_interval: std::time::Duration::ZERO,
            ..archive::ImportOptions::default()
        },
        None => archive::ImportOptions::default(),
    }
}

fn exit_code(report: &ImportReport) -> ExitCode {
    let nothing = report.added + report.replaced + report.unchanged == 0;
    if nothing && report.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs an import with a progress bar on a terminal (hidden otherwise) and a warning line
/// per problem.
fn with_progress<T>(
    import: impl FnOnce(&mut dyn FnMut(ImportEvent<'_>)) -> Result<T, archive::ArchiveError>,
) -> Result<T, archive::ArchiveError> {
    let bar = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let result = import(&mut |event| match event {
        ImportEvent::Started { files } => bar.set_length(files as u64),
        ImportEvent::Issue {
            path,
            files,
            outcome,
            warnings,
        } => {
            if outcome != Outcome::Unchanged {
                bar.suspend(|| {
                    for w in warnings {
                        warn(&path.to_string_lossy(), w);
                    }
                });
            }
            bar.inc(files as u64);
        }
        ImportEvent::Failed(e) => {
            bar.suspend(|| eprintln!("warning: {}", safe(&e.to_string())));
            bar.inc(1);
        }
        ImportEvent::Committed { .. } => {}
    });
    bar.finish_and_clear();
    result
}
