//! Reading state, one file per archive in the state directory: where the reader was,
//! bookmarks, search history, which articles were read. Written atomically after
//! changes; a corrupt or foreign file is moved aside and the reader starts clean.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::digest::hex_digest;

pub const STATE_FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub format: u32,
    /// The archive (canonical path) this state belongs to.
    pub archive: String,
    pub place: Option<SavedPlace>,
    #[serde(default)]
    pub bookmarks: Vec<SavedBookmark>,
    #[serde(default)]
    pub search_history: Vec<String>,
    /// Articles opened, as "issue/article".
    #[serde(default)]
    pub read: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPlace {
    pub issue: String,
    pub article: u32,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedBookmark {
    pub place: SavedPlace,
    pub title: String,
    pub date: Option<String>,
}

fn canonical(archive: &Path) -> String {
    std::fs::canonicalize(archive)
        .unwrap_or_else(|_| archive.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The state file of an archive: named by a hash of its path, so archives never share.
pub fn path_for(archive: &Path) -> Option<PathBuf> {
    super::state_dir().map(|d| path_in(&d, archive))
}

/// The state file of an archive in the state folder `dir`.
pub fn path_in(dir: &Path, archive: &Path) -> PathBuf {
    let key = hex_digest(canonical(archive).as_bytes(), 16);
    dir.join(format!("archive-{key}.json"))
}

/// The saved state, or a clean one. A file that cannot be used is renamed to
/// `….corrupt` (never deleted: it may be someone's bookmarks) and the second value says so.
pub fn load(path: &Path, archive: &Path) -> (ReadingState, Option<String>) {
    let clean = ReadingState {
        format: STATE_FORMAT,
        archive: canonical(archive),
        ..ReadingState::default()
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (clean, None),
        Err(e) => {
            return (
                clean,
                Some(format!(
                    "{}: cannot read the reading state ({e})",
                    path.display()
                )),
            );
        }
    };
    let problem = match serde_json::from_str::<ReadingState>(&text) {
        Ok(s) if s.format > STATE_FORMAT => {
            format!("written by a newer dubao (format {})", s.format)
        }
        Ok(s) if s.archive != clean.archive => {
            format!("belongs to another archive ({})", s.archive)
        }
        Ok(s) => return (s, None),
        Err(e) => format!("unreadable ({e})"),
    };
    let aside = path.with_extension("json.corrupt");
    let moved = std::fs::rename(path, &aside).is_ok();
    let note = if moved {
        format!(
            "reading state {problem}: moved to {} and started clean",
            aside.display()
        )
    } else {
        format!("reading state {problem}: started clean")
    };
    (clean, Some(note))
}

/// The reading state could not be written; the old file, if any, is untouched.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot save the reading state ({error}); check that the folder is writable")]
pub struct StateError {
    pub path: PathBuf,
    #[source]
    pub error: std::io::Error,
}

pub fn save(path: &Path, state: &ReadingState) -> Result<(), StateError> {
    let fail = |error| StateError {
        path: path.to_path_buf(),
        error,
    };
    let json = serde_json::to_vec_pretty(state).map_err(|e| fail(std::io::Error::other(e)))?;
    crate::atomic_write::write(path, |w| w.write_all(&json)).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(archive: &Path) -> ReadingState {
        ReadingState {
            format: STATE_FORMAT,
            archive: canonical(archive),
            place: Some(SavedPlace {
                issue: "abc".into(),
                article: 2,
                scroll: 14,
            }),
            bookmarks: vec![SavedBookmark {
                place: SavedPlace {
                    issue: "abc".into(),
                    article: 0,
                    scroll: 0,
                },
                title: "太原志愿者再捐造血干细胞".into(),
                date: Some("2023-11-19".into()),
            }],
            search_history: vec!["脱贫".into()],
            read: vec!["abc/2".into()],
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let state = sample(dir.path());
        save(&path, &state).unwrap();
        assert_eq!(load(&path, dir.path()), (state, None));
    }

    #[test]
    fn no_file_is_a_clean_start_without_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (state, note) = load(&dir.path().join("none.json"), dir.path());
        assert_eq!(note, None);
        assert_eq!(state.place, None);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "{\"format\": 1, \"place\": [tru").unwrap();
        let (state, note) = load(&path, dir.path());
        assert_eq!(state.place, None);
        let note = note.unwrap();
        assert!(
            note.contains("unreadable") && note.contains(".corrupt"),
            "{note}"
        );
        assert!(!path.exists());
        assert!(
            dir.path().join("s.json.corrupt").exists(),
            "kept, not deleted"
        );
    }

    #[test]
    fn a_foreign_or_newer_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut other = sample(Path::new("/elsewhere"));
        other.archive = "/elsewhere".into();
        save(&path, &other).unwrap();
        let (state, note) = load(&path, dir.path());
        assert!(note.unwrap().contains("another archive"));
        assert_eq!(state.bookmarks.len(), 0);
        let mut newer = sample(dir.path());
        newer.format = 99;
        save(&path, &newer).unwrap();
        assert!(load(&path, dir.path()).1.unwrap().contains("newer"));
    }
}
