//! `dubao import --rebuild`: an archive made again from the source files it records.
//!
//! The sources come from the index when it can list its issues, else from what a check
//! can read (the sound segments' issues) and `sources.json`. They are imported into a new
//! folder beside the archive; only when that import has added issues is it swapped in, by
//! two renames: the old archive to `DIR.damaged-YYYYMMDDHHMMSS` (kept, never deleted),
//! the new one to `DIR`. Each rename is atomic, so `DIR` is at every moment the old
//! archive whole, nothing (for the instant between the two), or the new one whole; a
//! failure before the swap leaves the old archive where it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::sources::{self, recorded_sources};
use super::{Archive, ArchiveError, ImportEvent, ImportOptions, ImportReport, check, unix_now};

/// What a rebuild would import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The archive, as an absolute path (its siblings are named after it).
    pub dir: PathBuf,
    /// Recorded sources that are still on disk.
    pub sources: Vec<PathBuf>,
    /// Recorded sources that are gone: their issues cannot come back.
    pub gone: Vec<PathBuf>,
    pub listed_from: ListedFrom,
    /// Issues `archive.json` counts that no list names: they were in damaged segments
    /// and the archive has no `sources.json`.
    pub unnamed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListedFrom {
    /// The index listed every issue.
    Index,
    /// The index could not list them: what a check read, and `sources.json` if there.
    Salvage { sources_file: bool },
}

#[derive(Debug)]
pub struct Rebuilt {
    pub report: ImportReport,
    /// Where the old archive now is.
    pub kept_at: PathBuf,
}

/// The sources a rebuild of `dir` would import.
pub fn plan(dir: &Path) -> Result<Plan, ArchiveError> {
    let dir = std::fs::canonicalize(dir).map_err(|_| ArchiveError::NotFound {
        dir: dir.to_path_buf(),
    })?;
    let listed = Archive::open(&dir).and_then(|a| a.issues());
    let (mut recorded, listed_from, unnamed) = match listed {
        Ok(issues) => (
            issues
                .iter()
                .flat_map(recorded_sources)
                .collect::<BTreeSet<_>>(),
            ListedFrom::Index,
            0,
        ),
        Err(e @ ArchiveError::NewerFormat { .. }) => return Err(e),
        Err(_) => {
            let report = check::check(&dir)?;
            let unnamed = match (&report.manifest, report.sources_listed) {
                (Some(m), false) => m.issues.saturating_sub(report.issues),
                _ => 0,
            };
            let from = ListedFrom::Salvage {
                sources_file: report.sources_listed,
            };
            (report.sources, from, unnamed)
        }
    };
    // The list kept beside the index is read even when the index lists: a damaged
    // segment can hide issues from a listing without failing it.
    recorded.extend(sources::read(&dir).into_iter().flatten());
    if recorded.is_empty() {
        return Err(ArchiveError::NoSources { dir });
    }
    let (sources, gone) = recorded.into_iter().partition(|p| p.exists());
    Ok(Plan {
        dir,
        sources,
        gone,
        listed_from,
        unnamed,
    })
}

/// Imports the plan's sources into a new archive and swaps it in for the old one, which
/// is kept aside.
pub fn rebuild(
    plan: &Plan,
    opts: &ImportOptions,
    on_event: &mut dyn FnMut(ImportEvent<'_>),
) -> Result<Rebuilt, ArchiveError> {
    let dir = &plan.dir;
    if plan.sources.is_empty() {
        return Err(ArchiveError::SourcesGone {
            dir: dir.clone(),
            gone: plan.gone.len(),
        });
    }
    let fresh = sibling(dir, &format!("rebuilding-{}", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| ArchiveError::Io { path, error }
    };
    if fresh.exists() {
        // Left by a rebuild of this pid that was killed: ours by its name.
        std::fs::remove_dir_all(&fresh).map_err(io(&fresh))?;
    }
    let imported = Archive::open_or_create(&fresh)
        .and_then(|archive| archive.import(&plan.sources, opts, on_event));
    let report = match imported {
        Ok(report) if report.added > 0 => report,
        Ok(report) => {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(ArchiveError::NothingRebuilt {
                dir: dir.clone(),
                failed: report.failed,
            });
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(e);
        }
    };
    let kept_at = free_name(dir, &format!("damaged-{}", utc_stamp(unix_now())));
    if let Err(error) = std::fs::rename(dir, &kept_at) {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(io(dir)(error));
    }
    if let Err(error) = std::fs::rename(&fresh, dir) {
        // Put the old one back rather than leave no archive at all.
        let _ = std::fs::rename(&kept_at, dir);
        return Err(io(dir)(error));
    }
    Ok(Rebuilt { report, kept_at })
}

/// `DIR.SUFFIX` beside `dir`: the same file system, so a rename moves no data.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "archive".into(), |n| n.to_string_lossy());
    dir.with_file_name(format!("{name}.{suffix}"))
}

/// `DIR.SUFFIX`, or `DIR.SUFFIX-2`… when two rebuilds run within a second.
fn free_name(dir: &Path, suffix: &str) -> PathBuf {
    let first = sibling(dir, suffix);
    let mut candidate = first.clone();
    let mut n = 2;
    while candidate.exists() {
        candidate = sibling(dir, &format!("{suffix}-{n}"));
        n += 1;
    }
    candidate
}

/// `YYYYMMDDHHMMSS` in UTC for seconds since the Unix epoch (the days-to-civil algorithm
/// of Howard Hinnant's date library; no time zone database needed for a folder name).
pub fn utc_stamp(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let secs = unix_secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_calendar_times() {
        assert_eq!(utc_stamp(0), "19700101000000");
        assert_eq!(utc_stamp(951_782_400), "20000229000000");
        assert_eq!(utc_stamp(1_700_000_000), "20231114221320");
        assert_eq!(utc_stamp(1_709_251_199), "20240229235959");
    }

    #[test]
    fn siblings_are_named_after_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("papers");
        assert_eq!(sibling(&archive, "x"), dir.path().join("papers.x"));
        std::fs::create_dir(dir.path().join("papers.x")).unwrap();
        assert_eq!(free_name(&archive, "x"), dir.path().join("papers.x-2"));
    }

    #[test]
    fn a_folder_with_nothing_recorded_cannot_be_planned() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let e = plan(dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::NotAnArchive { .. }), "{e}");
        let e = plan(&dir.path().join("none")).unwrap_err();
        assert!(matches!(e, ArchiveError::NotFound { .. }), "{e}");
    }
}
