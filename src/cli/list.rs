//! `dubao list`: the issues of the archive, a line each.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::safe;
use crate::archive::Archive;

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
