//! The files a path names: itself, or the issue files under a folder.

use std::path::{Path, PathBuf};

use super::IngestError;

/// Extensions of the files a folder is walked for: plain text, Markdown, and HTML
/// (e-paper article pages).
const ISSUE_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];
/// Names (before the extension) of files that describe a folder rather than hold an
/// issue: an archive copied from a repository has them. Named on the command line they
/// are read all the same.
const NOT_ISSUES: [&str; 3] = ["readme", "license", "licence"];

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
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let about_the_folder = NOT_ISSUES.iter().any(|n| stem.eq_ignore_ascii_case(n));
    !about_the_folder
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ISSUE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_takes_issue_files_in_order_and_no_readme() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b/02.txt",
            "b/01.md",
            "a.html",
            "README.md",
            "b/x.json",
            ".hidden.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "标题").unwrap();
        }
        let got: Vec<String> = collect_inputs(&[dir.path().to_path_buf()])
            .into_iter()
            .map(|p| {
                let p = p.unwrap();
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(got, ["a.html", "b/01.md", "b/02.txt"]);
        let readme = dir.path().join("README.md");
        assert_eq!(collect_inputs(&[readme]).len(), 1, "named, it is read");
    }
}
