//! The files a path names: itself, or the issue files under a folder.

use std::path::{Path, PathBuf};

use super::IngestError;

/// Extensions of the files a folder is walked for: plain text, Markdown, and HTML
/// (e-paper article pages).
const ISSUE_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// Files to read: files as given, and the issue files under folders (sorted, hidden
/// entries skipped, so one issue's files are next to each other in every layout of
/// [`super::paths`]). Paths that do not exist come back as errors, in order.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out);
        } else if path.exists() {
            out.push(Ok(path.clone()));
        } else {
            out.push(Err(IngestError::NotFound { path: path.clone() }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, IngestError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(error) => {
            out.push(Err(IngestError::Read {
                path: dir.to_path_buf(),
                error,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if is_issue_file(&p) {
            out.push(Ok(p));
        }
    }
}

fn is_issue_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ISSUE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}
