//! `dubao check`: the archive read end to end, every problem named.
//!
//! Opening an archive reads little (tantivy reads a segment's footers, not its data), so
//! a damaged file can go unseen until a search or a page needs it. A check reads it all:
//! `archive.json`, the index's `meta.json`, every file of every segment against its
//! checksum, every stored document and every issue's metadata, then compares the counts
//! with `archive.json`. It never writes.
//!
//! The same walk over the files, stopped at the first problem ([`first_damage`]), names
//! the damaged file when an error met while reading does not.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use super::directory::ArchiveDirectory;
use tantivy::directory::error::OpenReadError;
use tantivy::index::SegmentMeta;
use tantivy::schema::Value;
use tantivy::{DocId, Index, SegmentReader, TantivyDocument};

use super::sources::{self, recorded_sources};
use super::stored;
use super::{ArchiveError, IssueMeta, MANIFEST, Manifest, schema};

/// tantivy's list of the index's segments (and its schema).
pub const INDEX_META: &str = "meta.json";
/// tantivy's list of the files it wrote.
pub(super) const MANAGED: &str = ".managed.json";

/// One thing wrong with an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `archive.json` is missing or cannot be read.
    Manifest {
        reason: String,
    },
    FileMissing {
        file: String,
    },
    FileDamaged {
        file: String,
        reason: String,
    },
    /// A segment whose files are whole but that tantivy cannot open.
    Segment {
        segment: String,
        reason: String,
    },
    /// Documents of a segment that cannot be read back.
    Documents {
        segment: String,
        unreadable: usize,
        total: usize,
        first: DocId,
    },
    /// The index holds other counts than `archive.json` says.
    Counts {
        manifest: (u64, u64),
        index: (u64, u64),
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Manifest { reason } => write!(f, "{MANIFEST}: {reason}"),
            Problem::FileMissing { file } => write!(f, "{file}: missing"),
            Problem::FileDamaged { file, reason } => write!(f, "{file}: damaged ({reason})"),
            Problem::Segment { segment, reason } => {
                write!(f, "segment {segment}: cannot be opened ({reason})")
            }
            Problem::Documents {
                segment,
                unreadable,
                total,
                first,
            } => write!(
                f,
                "segment {segment}: {unreadable} of {total} documents cannot be read (the first is document {first})"
            ),
            Problem::Counts { manifest, index } => write!(
                f,
                "{MANIFEST} counts {} issues and {} articles, the index holds {} and {}",
                manifest.0, manifest.1, index.0, index.1
            ),
        }
    }
}

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub manifest: Option<Manifest>,
    pub segments: Vec<SegmentReport>,
    /// Issues and articles in the segments that could be read.
    pub issues: u64,
    pub articles: u64,
    pub problems: Vec<Problem>,
    /// Every source file the archive records, from the issues that could be read and from
    /// `sources.json`: what a rebuild would import.
    pub sources: BTreeSet<PathBuf>,
    /// Whether `sources.json` was there to read.
    pub sources_listed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentReport {
    pub id: String,
    /// Documents alive in the segment (issues, raw texts and articles).
    pub documents: u32,
    /// Its files and documents all read back.
    pub sound: bool,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    /// Recorded sources that are no longer on disk: a rebuild cannot bring their issues
    /// back.
    pub fn gone_sources(&self) -> Vec<&Path> {
        self.sources
            .iter()
            .map(PathBuf::as_path)
            .filter(|p| !p.exists())
            .collect()
    }
}

/// Checks the archive in `dir`. Fails only when `dir` is no archive at all (missing, not a
/// folder, no sign of an archive in it) or one of a newer format; every damage is a
/// [`Problem`] in the report.
pub fn check(dir: &Path) -> Result<CheckReport, ArchiveError> {
    let mut report = CheckReport::default();
    match super::check_dir(dir) {
        Ok(m) => report.manifest = Some(m),
        Err(e @ (ArchiveError::NotFound { .. } | ArchiveError::NewerFormat { .. })) => {
            return Err(e);
        }
        Err(ArchiveError::NotAnArchive { .. } | ArchiveError::MissingManifest { .. })
            if !looks_like_an_archive(dir) =>
        {
            return Err(ArchiveError::NotAnArchive {
                dir: dir.to_path_buf(),
            });
        }
        Err(ArchiveError::OlderFormat { found, .. }) => report.problems.push(Problem::Manifest {
            reason: format!(
                "of format {found}, older than this dubao reads ({}): rebuild the archive",
                super::FORMAT_VERSION
            ),
        }),
        Err(ArchiveError::BadManifest { error, .. }) => report.problems.push(Problem::Manifest {
            reason: format!("damaged, not valid JSON ({error})"),
        }),
        Err(ArchiveError::Io { error, .. }) => report.problems.push(Problem::Manifest {
            reason: format!("cannot be read ({error})"),
        }),
        Err(_) => report.problems.push(Problem::Manifest {
            reason: "missing".into(),
        }),
    }
    let listed = sources::read(dir);
    report.sources_listed = listed.is_some();
    report.sources.extend(listed.into_iter().flatten());
    let expect_issues = report.manifest.as_ref().is_some_and(|m| m.issues > 0);
    let (index, mut problems) = open_index(dir, expect_issues);
    report.problems.append(&mut problems);
    let Some(index) = index else {
        return Ok(report);
    };
    let Ok(metas) = index.searchable_segment_metas() else {
        report.problems.push(Problem::FileDamaged {
            file: INDEX_META.into(),
            reason: "its segments cannot be listed".into(),
        });
        return Ok(report);
    };
    let expected = expected_files(&index, &metas);
    for meta in &metas {
        let id = meta.id().uuid_string();
        let file_problems = segment_file_problems(&index, dir, &expected, &id);
        let sound = file_problems.is_empty();
        report.problems.extend(file_problems);
        let mut segment = SegmentReport {
            id,
            documents: meta.num_docs(),
            sound,
        };
        // A segment with a bad file is not opened: its data cannot be trusted, and
        // tantivy may panic on what it cannot parse.
        if sound {
            if let Err(problem) = read_segment(&index, meta, &mut report) {
                segment.sound = false;
                report.problems.push(problem);
            }
        }
        report.segments.push(segment);
    }
    if let Some(m) = &report.manifest {
        let all_read = report.segments.iter().all(|s| s.sound);
        let (manifest, index) = ((m.issues, m.articles), (report.issues, report.articles));
        if all_read && manifest != index {
            report.problems.push(Problem::Counts { manifest, index });
        }
    }
    Ok(report)
}

/// The first missing or damaged file of the archive's index, or `None` when its files
/// are whole. Reads every segment file (checksums), so it runs only after an error.
pub fn first_damage(dir: &Path) -> Option<Problem> {
    let expect_issues = super::read_manifest(dir).is_ok_and(|m| m.issues > 0);
    let (index, problems) = open_index(dir, expect_issues);
    if let Some(p) = problems.into_iter().next() {
        return Some(p);
    }
    let index = index?;
    let metas = index.searchable_segment_metas().ok()?;
    let expected = expected_files(&index, &metas);
    metas.iter().find_map(|meta| {
        let id = meta.id().uuid_string();
        segment_file_problems(&index, dir, &expected, &id)
            .into_iter()
            .next()
    })
}

/// A folder that held an archive, whatever is left of it: never answer "not an archive"
/// for one that only lost its `archive.json`.
pub(super) fn looks_like_an_archive(dir: &Path) -> bool {
    dir.join(INDEX_META).exists() || dir.join(sources::SOURCES).exists()
}

/// The index, when `meta.json` can be read, and what is wrong with the files that say
/// what the index holds.
fn open_index(dir: &Path, expect_issues: bool) -> (Option<Index>, Vec<Problem>) {
    let damaged = |file: &str, reason: &str| Problem::FileDamaged {
        file: file.into(),
        reason: reason.into(),
    };
    let meta = match std::fs::read_to_string(dir.join(INDEX_META)) {
        Ok(text) => text,
        // An archive whose first import never committed has no index yet; one whose
        // manifest counts issues had one.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !expect_issues => {
            return (None, Vec::new());
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (
                None,
                vec![Problem::FileMissing {
                    file: INDEX_META.into(),
                }],
            );
        }
        Err(e) => {
            return (
                None,
                vec![damaged(INDEX_META, &format!("cannot be read: {e}"))],
            );
        }
    };
    if serde_json::from_str::<serde_json::Value>(&meta).is_err() {
        return (None, vec![damaged(INDEX_META, "not valid JSON")]);
    }
    if let Ok(managed) = std::fs::read_to_string(dir.join(MANAGED)) {
        if serde_json::from_str::<serde_json::Value>(&managed).is_err() {
            return (None, vec![damaged(MANAGED, "not valid JSON")]);
        }
    }
    let index = ArchiveDirectory::open(dir)
        .map_err(tantivy::TantivyError::from)
        .and_then(Index::open);
    match index {
        Ok(index) => (Some(index), Vec::new()),
        // Valid JSON, but not an index's list of segments.
        Err(_) => (None, vec![damaged(INDEX_META, "not an index's metadata")]),
    }
}

/// The files the committed segments are made of, by name.
fn expected_files(index: &Index, metas: &[SegmentMeta]) -> BTreeSet<PathBuf> {
    let Ok(index_meta) = index.load_metas() else {
        return BTreeSet::new();
    };
    let mut files: BTreeSet<PathBuf> = index_meta.list_segment_files().into_iter().collect();
    // tantivy lists candidates: a delete file exists only once documents were deleted,
    // a temporary store only while a segment is written.
    for meta in metas {
        if meta.delete_opstamp().is_none() {
            files.remove(&meta.relative_path(tantivy::index::SegmentComponent::Delete));
        }
        files.remove(&meta.relative_path(tantivy::index::SegmentComponent::TempStore));
    }
    files
}

/// Each of the segment's files missing or not matching its checksum.
fn segment_file_problems(
    index: &Index,
    dir: &Path,
    expected: &BTreeSet<PathBuf>,
    segment: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in expected
        .iter()
        .filter(|f| f.to_string_lossy().starts_with(segment))
    {
        let name = file.to_string_lossy().into_owned();
        if let Some(problem) = missing_or_short(dir, file) {
            problems.push(problem);
            continue;
        }
        let reason = match index.directory().validate_checksum(file) {
            Ok(true) => continue,
            Ok(false) => "its checksum does not match: overwritten or garbled".to_owned(),
            Err(OpenReadError::FileDoesNotExist(_)) => {
                problems.push(Problem::FileMissing { file: name });
                continue;
            }
            Err(OpenReadError::IoError { io_error, .. }) => match io_error.kind() {
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => {
                    "its footer is not there: cut short or overwritten".to_owned()
                }
                _ => format!("cannot be read: {io_error}"),
            },
            Err(OpenReadError::IncompatibleIndex(_)) => {
                "written by another version of the index library".to_owned()
            }
        };
        problems.push(Problem::FileDamaged { file: name, reason });
    }
    problems
}

/// Every file of a tantivy index ends in a footer: its length (4 bytes) and a magic
/// number (4 bytes) after the footer's JSON.
const MIN_FILE_BYTES: u64 = 8;

/// `file` missing, or too short to hold its footer. Tantivy reads a footer from the end
/// of a file without checking its length first, and panics on a file of 4 to 7 bytes.
fn missing_or_short(dir: &Path, file: &Path) -> Option<Problem> {
    let name = file.to_string_lossy().into_owned();
    match std::fs::metadata(dir.join(file)) {
        Err(_) => Some(Problem::FileMissing { file: name }),
        Ok(m) if m.len() < MIN_FILE_BYTES => Some(Problem::FileDamaged {
            file: name,
            reason: format!("{} bytes long: cut short", m.len()),
        }),
        Ok(_) => None,
    }
}

/// The first segment file of `index` that is missing or cut too short for tantivy to
/// open it safely: looked at (not read) before every open.
pub(super) fn first_missing_or_short(index: &Index, dir: &Path) -> Option<Problem> {
    let metas = index.searchable_segment_metas().ok()?;
    expected_files(index, &metas)
        .iter()
        .find_map(|file| missing_or_short(dir, file))
}

/// Reads every document of a sound segment, counting issues and articles and collecting
/// the sources its issues record.
fn read_segment(
    index: &Index,
    meta: &SegmentMeta,
    report: &mut CheckReport,
) -> Result<(), Problem> {
    let segment = meta.id().uuid_string();
    let cannot_open = |reason: String| Problem::Segment {
        segment: segment.clone(),
        reason,
    };
    let schema = index.schema();
    let article_field = schema
        .get_field(schema::ARTICLE)
        .map_err(|_| cannot_open("not a dubao index".into()))?;
    let field = |name| {
        schema
            .get_field(name)
            .map_err(|_| cannot_open("not a dubao index".into()))
    };
    let doc_field = field(schema::DOC)?;
    let issue_field = field(schema::ISSUE)?;
    let source_field = field(schema::SOURCE)?;
    let reader =
        SegmentReader::open(&index.segment(meta.clone())).map_err(|e| cannot_open(short(&e)))?;
    let store = reader
        .get_store_reader(1)
        .map_err(|e| cannot_open(e.to_string()))?;
    let metas = reader
        .fast_fields()
        .bytes(schema::META)
        .map_err(|e| cannot_open(short(&e)))?;
    let (mut issues, mut articles, mut unreadable, mut total) = (0u64, 0u64, 0usize, 0usize);
    let mut first = None;
    let mut bytes = Vec::new();
    // An issue's documents are written together (its files, then its articles), so the
    // files an article's texts point into are those of the last issue read.
    let mut files: (String, HashMap<String, String>) = Default::default();
    for doc_id in reader.doc_ids_alive() {
        total += 1;
        let read = (|| -> Option<()> {
            let doc: TantivyDocument = store.get(doc_id).ok()?;
            let text = |f| doc.get_first(f).and_then(|v| v.as_str());
            if doc.get_first(article_field).is_some() {
                let json = text(doc_field)?;
                let (issue, source) = (text(issue_field)?, text(source_field)?);
                let raw = || (files.0 == issue).then(|| files.1.get(source)).flatten();
                stored::decode(json, raw)?;
                articles += 1;
            } else if let Some(ord) = metas.as_ref().and_then(|c| c.term_ords(doc_id).next()) {
                bytes.clear();
                metas.as_ref()?.ord_to_bytes(ord, &mut bytes).ok()?;
                let issue: IssueMeta = serde_json::from_slice(&bytes).ok()?;
                report.sources.extend(recorded_sources(&issue));
                issues += 1;
            } else {
                // A raw document: the text of one of the issue's files.
                let (issue, source) = (text(issue_field)?, text(source_field)?);
                if files.0 != issue {
                    files = (issue.to_owned(), HashMap::new());
                }
                files
                    .1
                    .insert(source.to_owned(), text(doc_field)?.to_owned());
            }
            Some(())
        })();
        if read.is_none() {
            unreadable += 1;
            first.get_or_insert(doc_id);
        }
    }
    report.issues += issues;
    report.articles += articles;
    match first {
        None => Ok(()),
        Some(first) => Err(Problem::Documents {
            segment,
            unreadable,
            total,
            first,
        }),
    }
}

/// A tantivy error in a few words: its first line, without the debug dump of its
/// causes.
fn short(error: &tantivy::TantivyError) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or_default();
    first.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::archive::{Archive, ImportOptions};

    /// A copy of an archive of the samples (imported once per test binary).
    fn sample_copy() -> tempfile::TempDir {
        static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
        let template = TEMPLATE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
            Archive::open_or_create(dir.path())
                .unwrap()
                .import(&[samples], &ImportOptions::default(), &mut |_| {})
                .unwrap();
            dir
        });
        let copy = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(template.path()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
        }
        copy
    }

    fn first_file(dir: &Path, ext: &str) -> PathBuf {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        files.sort();
        files.remove(0)
    }

    fn file_name(path: &Path) -> String {
        path.file_name().unwrap().to_string_lossy().into_owned()
    }

    #[test]
    fn a_sound_archive_has_no_problem() {
        let dir = sample_copy();
        let report = check(dir.path()).unwrap();
        assert!(report.is_sound(), "{:?}", report.problems);
        assert_eq!((report.issues, report.articles), (5, 67));
        assert_eq!(report.sources.len(), 5);
        assert!(report.sources_listed);
        assert!(report.segments.iter().all(|s| s.sound));
        assert_eq!(first_damage(dir.path()), None);
    }

    #[test]
    fn a_missing_segment_file_is_named_and_its_segment_not_read() {
        let dir = sample_copy();
        let term = first_file(dir.path(), "term");
        std::fs::remove_file(&term).unwrap();
        let report = check(dir.path()).unwrap();
        let missing = Problem::FileMissing {
            file: file_name(&term),
        };
        assert_eq!(report.problems, std::slice::from_ref(&missing));
        assert_eq!(report.segments.iter().filter(|s| !s.sound).count(), 1);
        // An import writes a segment per indexing thread, so which documents the
        // damaged one held varies: some of them go uncounted.
        assert!(
            report.issues < 5 || report.articles < 67,
            "the damaged segment's documents are not counted"
        );
        assert_eq!(report.sources.len(), 5, "sources.json names them all");
        assert_eq!(first_damage(dir.path()), Some(missing));
    }

    #[test]
    fn a_file_too_short_for_its_footer_is_damage_not_a_panic() {
        let dir = sample_copy();
        let store = first_file(dir.path(), "store");
        std::fs::write(&store, b"short").unwrap();
        let report = check(dir.path()).unwrap();
        assert!(
            matches!(&report.problems[..], [Problem::FileDamaged { file, .. }] if *file == file_name(&store)),
            "{:?}",
            report.problems
        );
        let e = Archive::open(dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::DamagedFile { .. }), "{e}");
    }

    #[test]
    fn a_garbled_file_fails_its_checksum() {
        let dir = sample_copy();
        let idx = first_file(dir.path(), "idx");
        let mut bytes = std::fs::read(&idx).unwrap();
        bytes[100] ^= 0xff;
        std::fs::write(&idx, bytes).unwrap();
        let problem = first_damage(dir.path()).unwrap();
        assert!(
            matches!(&problem, Problem::FileDamaged { file, reason } if *file == file_name(&idx) && reason.contains("checksum")),
            "{problem}"
        );
    }

    #[test]
    fn counts_are_compared_with_the_manifest() {
        let dir = sample_copy();
        let mut m = crate::archive::read_manifest(dir.path()).unwrap();
        m.articles = 60;
        crate::archive::write_manifest(dir.path(), &m).unwrap();
        let report = check(dir.path()).unwrap();
        assert_eq!(
            report.problems,
            [Problem::Counts {
                manifest: (5, 60),
                index: (5, 67)
            }]
        );
    }

    #[test]
    fn a_lost_index_meta_is_missing_when_the_manifest_counts_issues() {
        let dir = sample_copy();
        std::fs::remove_file(dir.path().join(INDEX_META)).unwrap();
        let report = check(dir.path()).unwrap();
        let missing = Problem::FileMissing {
            file: INDEX_META.into(),
        };
        assert_eq!(report.problems, [missing]);
        // Not replaced by a new, empty index that would hide the issues.
        let e = Archive::open(dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::MissingFile { .. }), "{e}");
        assert!(!dir.path().join(INDEX_META).exists());
    }

    #[test]
    fn a_broken_manifest_is_a_problem_and_the_index_is_still_read() {
        let dir = sample_copy();
        std::fs::write(dir.path().join(MANIFEST), "{").unwrap();
        let report = check(dir.path()).unwrap();
        assert!(
            matches!(&report.problems[..], [Problem::Manifest { .. }]),
            "{:?}",
            report.problems
        );
        assert_eq!(report.issues, 5);
    }

    #[test]
    fn a_folder_that_never_held_an_archive_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.txt"), "x").unwrap();
        let e = check(dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::NotAnArchive { .. }), "{e}");
    }
}
