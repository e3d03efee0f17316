//! The source files an archive was imported from, kept apart from the index.
//!
//! The index records each issue's source in its metadata; `sources.json`, written
//! atomically at every commit beside `archive.json`, lists them again, so that
//! `dubao import --rebuild` knows what to import even when the index cannot be read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ArchiveError, IssueMeta};

pub const SOURCES: &str = "sources.json";

/// The source files an issue in the archive was made from.
pub fn recorded_sources(meta: &IssueMeta) -> Vec<PathBuf> {
    meta.files()
        .into_iter()
        .map(|s| PathBuf::from(s.path))
        .collect()
}

#[derive(Debug, Serialize, Deserialize)]
struct SourcesFile {
    format: u32,
    sources: BTreeSet<PathBuf>,
}

const SOURCES_FORMAT: u32 = 1;

/// Written to a temporary file and renamed, like `archive.json`: a crash leaves the list
/// of the last commit or of this one, never half a list.
pub fn write(dir: &Path, sources: &BTreeSet<PathBuf>) -> Result<(), ArchiveError> {
    let path = dir.join(SOURCES);
    let file = SourcesFile {
        format: SOURCES_FORMAT,
        sources: sources.clone(),
    };
    let mut json =
        serde_json::to_vec_pretty(&file).map_err(|error| ArchiveError::Encode { error })?;
    json.push(b'\n');
    crate::atomic_write::write(&path, |w| w.write_all(&json))
        .map_err(|error| ArchiveError::Io { path, error })
}

/// The list, or `None` when the archive has none (it predates the list) or it cannot be
/// read: the list is a fallback, and its absence is said by the caller.
pub fn read(dir: &Path) -> Option<BTreeSet<PathBuf>> {
    let text = std::fs::read_to_string(dir.join(SOURCES)).ok()?;
    let file: SourcesFile = serde_json::from_str(&text).ok()?;
    Some(file.sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()), None);
        let sources: BTreeSet<PathBuf> = ["/a/2023-11-20.txt", "/a/b/报.txt"]
            .into_iter()
            .map(PathBuf::from)
            .collect();
        write(dir.path(), &sources).unwrap();
        assert_eq!(read(dir.path()), Some(sources));
    }

    #[test]
    fn a_garbled_list_is_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SOURCES), "{\"format\": 1, \"sour").unwrap();
        assert_eq!(read(dir.path()), None);
    }
}
