//! `dubao export (QUERY | --bookmarks) --format md|csv|jsonl [-o FILE]`: the matching (or
//! bookmarked) articles with their citations, to stdout or a file (written whole, then
//! renamed into place).

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::safe_path;
use crate::archive::export::{self, Format, Selection};
use crate::archive::{ArticleRef, IssueId, Library};

/// What to export.
pub enum What<'a> {
    Query {
        text: &'a str,
    },
    Bookmarks {
        state_file: Option<PathBuf>,
        archive_dir: &'a Path,
    },
}

fn bookmarks(state_file: Option<&Path>, archive_dir: &Path) -> Vec<ArticleRef> {
    let Some(path) = state_file else {
        return Vec::new();
    };
    let (state, _) = crate::config::state::load(path, archive_dir);
    state
        .bookmarks
        .into_iter()
        .map(|b| ArticleRef {
            issue: IssueId(b.place.issue),
            article: b.place.article,
        })
        .collect()
}

fn selection(what: &What<'_>) -> Result<Selection> {
    Ok(match what {
        What::Query { text } => Selection::Query {
            query: crate::archive::query::parse(text)
                .with_context(|| format!("{}: cannot search this", super::safe(text)))?,
            text: (*text).to_owned(),
            issue: None,
        },
        What::Bookmarks {
            state_file,
            archive_dir,
        } => {
            let refs = bookmarks(state_file.as_deref(), archive_dir);
            if refs.is_empty() {
                anyhow::bail!(
                    "no bookmarks for {} (m bookmarks an article in the reader)",
                    safe_path(archive_dir)
                );
            }
            Selection::Bookmarks(refs)
        }
    })
}

pub fn run(
    library: &dyn Library,
    what: What<'_>,
    format: Format,
    to: Option<&Path>,
) -> Result<ExitCode> {
    let selection = selection(&what)?;
    let (written, missing) = match to {
        None => {
            let stdout = io::stdout();
            export::write_selection(
                library,
                &selection,
                format,
                io::BufWriter::new(stdout.lock()),
            )?
        }
        Some(path) => {
            let mut counts = (0, 0);
            let mut failure = None;
            let written = crate::atomic_write::write(path, |file| {
                match export::write_selection(library, &selection, format, file) {
                    Ok(c) => counts = c,
                    Err(e) => failure = Some(e),
                }
                // A failed export leaves no file (and an older one as it was).
                match failure {
                    Some(_) => Err(io::Error::other("the export failed")),
                    None => Ok(()),
                }
            });
            if let Some(e) = failure {
                return Err(
                    anyhow::Error::new(e).context(format!("{}: nothing written", safe_path(path)))
                );
            }
            written.with_context(|| format!("{}: cannot write the export", safe_path(path)))?;
            eprintln!("exported {} articles to {}", counts.0, safe_path(path));
            counts
        }
    };
    if missing > 0 {
        eprintln!(
            "warning: {missing} bookmarked articles are no longer in the archive (re-imported or removed)"
        );
    }
    if written == 0 {
        eprintln!("nothing to export");
    }
    Ok(ExitCode::SUCCESS)
}
