//! `dubao list`: the issues of the archive, a line each.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::safe;
use std::collections::{BTreeMap, BTreeSet};

use crate::archive::{Archive, IssueMeta};
use crate::ingest::Date;

/// The days between a paper's first and last issue that have none, per paper (`None`:
/// issues of no known paper).
pub fn gaps(issues: &[IssueMeta]) -> BTreeMap<Option<String>, Vec<Date>> {
    let mut days: BTreeMap<Option<String>, BTreeSet<Date>> = BTreeMap::new();
    for i in issues {
        if let Some(d) = i.date.filter(|_| !i.date_inferred) {
            days.entry(i.paper.clone()).or_default().insert(d);
        }
    }
    days.into_iter()
        .map(|(paper, have)| {
            let mut missing = Vec::new();
            if let (Some(&first), Some(&last)) = (have.first(), have.last()) {
                let mut d = first;
                while d < last {
                    if !have.contains(&d) {
                        missing.push(d);
                    }
                    match d.add_days(1) {
                        Some(next) => d = next,
                        None => break,
                    }
                }
            }
            (paper, missing)
        })
        .collect()
}

pub fn run_gaps(archive: &Archive, paper: Option<&str>, json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (name, missing) in gaps(&archive.issues()?) {
        if paper.is_some_and(|p| name.as_deref().is_none_or(|n| !n.contains(p))) {
            continue;
        }
        let shown = name.as_deref().unwrap_or("-");
        if !json {
            writeln!(out, "{}: {} missing", safe(shown), missing.len())?;
        }
        for d in missing {
            if json {
                super::json::write_line(&mut out, &serde_json::json!({"paper": name, "date": d}))?;
            } else {
                writeln!(out, "  {d}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(archive: &Archive, json: bool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for issue in archive.issues()? {
        if json {
            let line = serde_json::json!({
                "issue": issue.id,
                "source": issue.source,
                "date": issue.date,
                "date_inferred": issue.date_inferred,
                "paper": issue.paper,
                "script": issue.script,
                "articles": issue.articles,
                "pages": issue.numbered_pages(),
                "files": issue.files().len(),
            });
            super::json::write_line(&mut out, &line)?;
        } else {
            let date = issue
                .date
                .map_or_else(|| "no date   ".to_owned(), |d| d.to_string());
            let inferred = if issue.date_inferred { "~" } else { " " };
            let files = issue.files().len();
            let more = if files > 1 {
                format!(" (+{} files)", files - 1)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{date}{inferred} {:<10} {:>3} articles {:>3} pages  {}{more}",
                safe(issue.paper.as_deref().unwrap_or("-")),
                issue.articles,
                issue.numbered_pages(),
                safe(&issue.source)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
