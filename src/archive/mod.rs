//! The on-disk archive: one folder holding `archive.json` (format and counts) beside a
//! tantivy index of issues, their raw text and their articles.
//!
//! One process imports (tantivy's writer lock enforces it) while any number read; a
//! reader sees a new commit within moments, without reopening. A commit is the unit of
//! change: a killed import leaves the archive as it was at its last commit.

pub mod check;
pub mod concordance;
mod damage;
pub mod directory;
pub mod export;
pub mod fold;
pub mod import;
pub mod library;
pub mod memory;
pub mod query;
pub mod read;
pub mod rebuild;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod sources;
pub mod space;
pub mod stored;
pub mod timeline;
pub mod tokenizer;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use directory::ArchiveDirectory;
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy};

pub use crate::digest::hex_digest;
pub use import::{ImportEvent, ImportOptions, ImportReport};
pub use library::{Counts, Library};
pub use query::{Query, QueryError};
pub use read::IssueMeta;
pub use search::{Hit, SearchOptions, SearchResults, Sort};

use schema::Fields;

/// The archive layout this build writes. Archives of a newer format are refused, not
/// guessed at.
pub const FORMAT_VERSION: u32 = 3;
pub const MANIFEST: &str = "archive.json";

/// What to do about a damaged archive, in every error that reports one.
const REPAIR: &str = "run `dubao check` to see what is wrong, or `dubao import --rebuild` to rebuild the archive from its source files";

/// An issue's identity: a short hash of its source path, stable across re-imports, so
/// bookmarks and reading state survive a refreshed file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IssueId(pub String);

impl IssueId {
    pub fn for_source(source: &str) -> IssueId {
        IssueId(hex_digest(source.as_bytes(), 12))
    }
}

impl IssueId {
    /// The id as a number (its 48 bits): kept in a fast field, so the issue list and the
    /// order of equal hits need no stored document.
    pub fn ordinal(&self) -> u64 {
        u64::from_str_radix(&self.0, 16).unwrap_or(0)
    }

    pub fn from_ordinal(n: u64) -> IssueId {
        IssueId(format!("{n:012x}"))
    }
}

impl fmt::Display for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One article: its issue and its place in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleRef {
    pub issue: IssueId,
    pub article: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// Seconds since the Unix epoch.
    pub created: u64,
    pub updated: u64,
    pub issues: u64,
    pub articles: u64,
    /// The program that last wrote the archive.
    pub writer: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("no archive at {dir} (create one with `dubao --archive {dir} import FILES…`)")]
    NotFound { dir: PathBuf },
    #[error(
        "{dir} is not a dubao archive: it has no {MANIFEST} (choose an archive folder, or an empty or new one to import into)"
    )]
    NotAnArchive { dir: PathBuf },
    #[error(
        "{dir} holds an archive of format {found}, newer than this dubao reads ({supported}); update dubao"
    )]
    NewerFormat {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: the archive manifest is damaged: {error} ({REPAIR})")]
    BadManifest {
        path: PathBuf,
        #[source]
        error: serde_json::Error,
    },
    #[error("{dir}: the index is not a dubao index (no field '{field}'); choose another folder")]
    ForeignIndex { dir: PathBuf, field: &'static str },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error("{dir}: another import is writing to this archive; wait for it to finish")]
    Locked { dir: PathBuf },
    #[error(
        "{dir}: you may read this archive but not write to it; ask its owner to import, or \
         import into an archive of your own with --archive"
    )]
    ReadOnly { dir: PathBuf },
    /// An error of the index library that is not damage (those are the variants below).
    #[error("{dir}: index error: {error}")]
    Index {
        dir: PathBuf,
        #[source]
        error: tantivy::TantivyError,
    },
    #[error("{dir}: the archive manifest {MANIFEST} is missing ({REPAIR})")]
    MissingManifest { dir: PathBuf },
    #[error("{dir}: the index file {file} is missing ({REPAIR})")]
    MissingFile { dir: PathBuf, file: String },
    #[error("{dir}: the index file {file} is damaged ({REPAIR})")]
    DamagedFile { dir: PathBuf, file: String },
    #[error("{dir}: the index is damaged ({REPAIR})")]
    DamagedIndex { dir: PathBuf },
    #[error(
        "{dir}: the index was written by another version of its library (run `dubao import --rebuild` to rebuild the archive from its source files)"
    )]
    IncompatibleIndex { dir: PathBuf },
    #[error("{dir}: a stored document lacks its {what}; the archive is damaged ({REPAIR})")]
    Damaged { dir: PathBuf, what: &'static str },
    #[error(
        "{dir}: no source files are recorded (the index cannot list its issues and there is no sources.json), so there is nothing to rebuild from; import the files again into a new folder"
    )]
    NoSources { dir: PathBuf },
    #[error(
        "{dir}: none of the {gone} source files it records is still there, so there is nothing to rebuild from; the archive is left as it is"
    )]
    SourcesGone { dir: PathBuf, gone: usize },
    #[error(
        "{dir}: none of the source files could be imported ({failed} failed), so the archive is left as it is"
    )]
    NothingRebuilt { dir: PathBuf, failed: usize },
    #[error("cannot encode a document for the index ({error})")]
    Encode {
        #[source]
        error: serde_json::Error,
    },
    #[error("no issue {id} in the archive")]
    NoSuchIssue { id: IssueId },
    #[error("issue {id} has no file {file} in the archive")]
    NoSuchFile { id: IssueId, file: String },
    #[error(
        "{dir} holds an archive of format {found}, older than this dubao reads ({supported}); run `dubao --archive {dir} import --rebuild` to rebuild it from its source files"
    )]
    OlderFormat {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("no article {} of issue {} in the archive", .0.article, .0.issue)]
    NoSuchArticle(ArticleRef),
}

/// What kind of trouble an error is: how a reader should show it, whatever the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An issue or article asked for is not (or no longer) in the archive.
    Missing,
    /// The archive's files are damaged: `dubao check` says what, a rebuild mends it.
    Damaged,
    /// The archive cannot be used from here: not there, not an archive, newer, locked.
    Unavailable,
    /// Anything else (the disk, the index library).
    Other,
}

impl ArchiveError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ArchiveError::NoSuchIssue { .. }
            | ArchiveError::NoSuchArticle(_)
            | ArchiveError::NoSuchFile { .. } => ErrorKind::Missing,
            ArchiveError::Damaged { .. }
            | ArchiveError::BadManifest { .. }
            | ArchiveError::MissingManifest { .. }
            | ArchiveError::MissingFile { .. }
            | ArchiveError::DamagedFile { .. }
            | ArchiveError::DamagedIndex { .. }
            | ArchiveError::IncompatibleIndex { .. } => ErrorKind::Damaged,
            ArchiveError::NotFound { .. }
            | ArchiveError::NotAnArchive { .. }
            | ArchiveError::NewerFormat { .. }
            | ArchiveError::OlderFormat { .. }
            | ArchiveError::ForeignIndex { .. }
            | ArchiveError::Locked { .. }
            | ArchiveError::ReadOnly { .. } => ErrorKind::Unavailable,
            ArchiveError::Io { .. }
            | ArchiveError::Index { .. }
            | ArchiveError::Encode { .. }
            | ArchiveError::NoSources { .. }
            | ArchiveError::SourcesGone { .. }
            | ArchiveError::NothingRebuilt { .. } => ErrorKind::Other,
        }
    }
}

pub struct Archive {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The damaged file found after the first error that named none: finding it reads
    /// every segment file, and a reader meets the same damage on every search.
    damage: OnceLock<Option<check::Problem>>,
    /// Every article of the last scope a timeline counted (the share's denominator).
    scopes: timeline::ScopeCache,
}

impl fmt::Debug for Archive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish()
    }
}

/// How the index stores documents: zstd, which packs Chinese text (three bytes a
/// character in UTF-8) about a third smaller than tantivy's default lz4 and still reads a
/// block in tens of microseconds; blocks of 64 KB, a whole file or a few files of a
/// typical issue or page (16 KB blocks left the store a fifth larger).
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK_BYTES,
        ..tantivy::IndexSettings::default()
    }
}

const STORE_ZSTD_LEVEL: i32 = 3;
/// Most threads one search uses.
const SEARCH_THREADS: usize = 4;
const STORE_BLOCK_BYTES: usize = 64 * 1024;

impl Archive {
    /// Opens an existing archive for reading.
    pub fn open(dir: &Path) -> Result<Archive, ArchiveError> {
        check_dir(dir)?;
        Archive::open_index(dir)
    }

    /// Opens an archive to import into, creating it when the folder is new or empty.
    pub fn open_or_create(dir: &Path) -> Result<Archive, ArchiveError> {
        let io = |error| ArchiveError::Io {
            path: dir.to_path_buf(),
            error,
        };
        // What is left of a damaged archive is opened too, to be refused with the damage
        // named, never taken for a folder to fill.
        if dir.join(MANIFEST).exists() || dir.join(sources::SOURCES).exists() {
            return Archive::open(dir);
        }
        if dir.exists() {
            let mut entries = std::fs::read_dir(dir).map_err(io)?;
            if entries.next().is_some() {
                return Err(ArchiveError::NotAnArchive {
                    dir: dir.to_path_buf(),
                });
            }
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        // The manifest comes first: a folder with it is ours even if the import dies
        // before the index exists, and the next run completes it.
        let now = unix_now();
        write_manifest(
            dir,
            &Manifest {
                format: FORMAT_VERSION,
                created: now,
                updated: now,
                issues: 0,
                articles: 0,
                writer: writer_name(),
            },
        )?;
        Archive::open_index(dir)
    }

    fn open_index(dir: &Path) -> Result<Archive, ArchiveError> {
        let ix = |error| damage::from_tantivy(dir, error, || check::first_damage(dir));
        let directory = ArchiveDirectory::open(dir).map_err(|e| ix(e.into()))?;
        let mut index = if Index::exists(&directory).map_err(|e| ix(e.into()))? {
            Index::open(directory).map_err(ix)?
        } else if read_manifest(dir).is_ok_and(|m| m.issues > 0) {
            // Its manifest counts issues, so it had an index: a new empty one here would
            // hide them, and the next import would delete their files as garbage.
            return Err(ArchiveError::MissingFile {
                dir: dir.to_path_buf(),
                file: check::INDEX_META.into(),
            });
        } else {
            Index::create(directory, schema::build(), index_settings()).map_err(ix)?
        };
        // Before tantivy opens the segments: it panics on some files cut short.
        if let Some(problem) = check::first_missing_or_short(&index, dir) {
            return Err(damage::from_problem(dir, problem));
        }
        tokenizer::register(&index);
        // Segments searched side by side: a query that meets a third of a 1 GB archive
        // spends its time checking positions segment by segment.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads > 1 {
            index
                .set_multithread_executor(threads.min(SEARCH_THREADS))
                .map_err(ix)?;
        }
        let fields =
            Fields::resolve(&index.schema()).map_err(|field| ArchiveError::ForeignIndex {
                dir: dir.to_path_buf(),
                field,
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(ix)?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            damage: OnceLock::new(),
            scopes: Default::default(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn manifest(&self) -> Result<Manifest, ArchiveError> {
        read_manifest(&self.dir)
    }

    /// Sees the latest commit now rather than within moments (the reload policy's delay).
    pub fn refresh(&self) -> Result<(), ArchiveError> {
        self.reader.reload().map_err(|e| self.index_error(e))
    }

    fn index_error(&self, error: tantivy::TantivyError) -> ArchiveError {
        damage::from_tantivy(&self.dir, error, || {
            self.damage
                .get_or_init(|| check::first_damage(&self.dir))
                .clone()
        })
    }
}

/// Whether `dir` is an archive this build can read, without opening its index (cheap:
/// one small file).
pub fn check_dir(dir: &Path) -> Result<Manifest, ArchiveError> {
    if !dir.exists() {
        return Err(ArchiveError::NotFound {
            dir: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(ArchiveError::NotAnArchive {
            dir: dir.to_path_buf(),
        });
    }
    read_manifest(dir)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn writer_name() -> String {
    format!("dubao {}", env!("CARGO_PKG_VERSION"))
}

pub fn read_manifest(dir: &Path) -> Result<Manifest, ArchiveError> {
    let path = dir.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        // Our own list of sources beside it says the folder held an archive.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound && dir.join(sources::SOURCES).exists() =>
        {
            return Err(ArchiveError::MissingManifest {
                dir: dir.to_path_buf(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ArchiveError::NotAnArchive {
                dir: dir.to_path_buf(),
            });
        }
        Err(error) => return Err(ArchiveError::Io { path, error }),
    };
    // Read the version alone first: a newer format may have changed everything else.
    #[derive(Deserialize)]
    struct Version {
        format: u32,
    }
    let version: Version =
        serde_json::from_str(&text).map_err(|error| ArchiveError::BadManifest {
            path: path.clone(),
            error,
        })?;
    if version.format > FORMAT_VERSION {
        return Err(ArchiveError::NewerFormat {
            dir: dir.to_path_buf(),
            found: version.format,
            supported: FORMAT_VERSION,
        });
    }
    if version.format < FORMAT_VERSION {
        return Err(ArchiveError::OlderFormat {
            dir: dir.to_path_buf(),
            found: version.format,
            supported: FORMAT_VERSION,
        });
    }
    serde_json::from_str(&text).map_err(|error| ArchiveError::BadManifest { path, error })
}

/// Written atomically (temp file + rename), so a reader or a crash never sees half a
/// manifest.
pub fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), ArchiveError> {
    let path = dir.join(MANIFEST);
    let mut json =
        serde_json::to_vec_pretty(manifest).map_err(|error| ArchiveError::Encode { error })?;
    json.push(b'\n');
    crate::atomic_write::write(&path, |w| w.write_all(&json))
        .map_err(|error| ArchiveError::Io { path, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folder_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let e = Archive::open(&dir.path().join("nope")).unwrap_err();
        assert!(matches!(e, ArchiveError::NotFound { .. }), "{e}");
        assert!(e.to_string().contains("import"), "says what to do: {e}");
    }

    #[test]
    fn a_folder_without_manifest_is_not_an_archive() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
        let e = Archive::open(dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::NotAnArchive { .. }), "{e}");
        assert!(e.to_string().contains(&dir.path().display().to_string()));
        let e = Archive::open_or_create(dir.path()).unwrap_err();
        assert!(
            matches!(e, ArchiveError::NotAnArchive { .. }),
            "never import into a foreign folder"
        );
    }

    #[test]
    fn a_newer_format_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            r#"{"format": 99, "whatever": true}"#,
        )
        .unwrap();
        let e = Archive::open(dir.path()).unwrap_err();
        assert!(
            matches!(e, ArchiveError::NewerFormat { found: 99, .. }),
            "{e}"
        );
    }

    #[test]
    fn a_garbled_manifest_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), "{not json").unwrap();
        let e = Archive::open(dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::BadManifest { .. }), "{e}");
    }

    #[test]
    fn create_then_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        Archive::open_or_create(&path).unwrap();
        let m = Archive::open(&path).unwrap().manifest().unwrap();
        assert_eq!(m.format, FORMAT_VERSION);
        assert_eq!(m.issues, 0);
    }

    #[test]
    fn issue_ids_are_stable_hashes() {
        assert_eq!(
            IssueId::for_source("/a/b.txt"),
            IssueId::for_source("/a/b.txt")
        );
        assert_ne!(
            IssueId::for_source("/a/b.txt"),
            IssueId::for_source("/a/c.txt")
        );
        assert_eq!(IssueId::for_source("x").0.len(), 12);
    }
}
