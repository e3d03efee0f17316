//! `dubao import`: files into the archive, with a progress bar on a terminal and one
//! warning line per problem.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::archive::{self, Archive, ImportEvent, import::Outcome};

pub fn run(dir: &Path, paths: &[PathBuf], commit_every: usize) -> Result<ExitCode> {
    let archive = Archive::open_or_create(dir)?;
    let bar = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} issues {msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let opts = archive::ImportOptions {
        issues_per_commit: commit_every,
    };
    let report = archive.import(paths, &opts, &mut |event| match event {
        ImportEvent::Started { files } => bar.set_length(files as u64),
        ImportEvent::Issue {
            path,
            outcome,
            warnings,
        } => {
            if outcome != Outcome::Unchanged {
                bar.suspend(|| {
                    for w in warnings {
                        super::warn(&path.to_string_lossy(), w);
                    }
                });
            }
            bar.inc(1);
        }
        ImportEvent::Failed(e) => {
            bar.suspend(|| eprintln!("warning: {}", super::safe(&e.to_string())));
            bar.inc(1);
        }
        ImportEvent::Committed { .. } => {}
    })?;
    bar.finish_and_clear();
    eprintln!("imported into {}: {report}", super::safe_path(dir));
    let nothing = report.added + report.replaced + report.unchanged == 0;
    Ok(if nothing && report.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
