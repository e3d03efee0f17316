//! Tantivy's errors as [`ArchiveError`]s a person can act on.
//!
//! Tantivy reports a damaged file as a debug dump of nested errors (the same text up to
//! three times), sometimes with the file's name and sometimes without (a broken block
//! in a store is "the offset to copy is not contained in the decompressed buffer"). Here
//! an error that smells of damage is answered by looking at the files themselves
//! ([`check::first_damage`]), so the message can name the damaged file and the remedy.

use std::path::Path;
use std::sync::Arc;

use tantivy::TantivyError;
use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError};

use super::ArchiveError;
use super::check::Problem;

/// `error`, met while reading the archive in `dir`, in words. `diagnose` finds the damaged
/// file when the error does not name one; it is [`check::first_damage`] but for a memo.
pub(super) fn from_tantivy(
    dir: &Path,
    error: TantivyError,
    diagnose: impl FnOnce() -> Option<Problem>,
) -> ArchiveError {
    let dir_buf = dir.to_path_buf();
    match error {
        TantivyError::LockFailure(LockError::IoError(io), _)
            if matches!(
                io.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            ArchiveError::ReadOnly { dir: dir_buf }
        }
        TantivyError::LockFailure(..) => ArchiveError::Locked { dir: dir_buf },
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            ArchiveError::MissingFile {
                dir: dir_buf,
                file: file_name(&path),
            }
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
            if is_refusal(&io_error) =>
        {
            ArchiveError::Io {
                path: dir.join(filepath),
                error: own(&io_error),
            }
        }
        TantivyError::OpenReadError(OpenReadError::IoError { filepath, .. }) => {
            ArchiveError::DamagedFile {
                dir: dir_buf,
                file: file_name(&filepath),
            }
        }
        TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_))
        | TantivyError::IncompatibleIndex(_) => ArchiveError::IncompatibleIndex { dir: dir_buf },
        TantivyError::OpenDirectoryError(OpenDirectoryError::DoesNotExist(_)) => {
            ArchiveError::NotFound { dir: dir_buf }
        }
        TantivyError::OpenDirectoryError(OpenDirectoryError::NotADirectory(_)) => {
            ArchiveError::NotAnArchive { dir: dir_buf }
        }
        TantivyError::OpenDirectoryError(OpenDirectoryError::IoError {
            io_error,
            directory_path,
        }) => ArchiveError::Io {
            path: directory_path,
            error: own(&io_error),
        },
        TantivyError::IoError(io_error) if is_refusal(&io_error) => ArchiveError::Io {
            path: dir_buf,
            error: own(&io_error),
        },
        // What a damaged file looks like from inside tantivy: bad JSON, a short read, a
        // block that does not decompress, a document that does not deserialize.
        e @ (TantivyError::DataCorruption(_)
        | TantivyError::IoError(_)
        | TantivyError::DeserializeError(_)) => match diagnose() {
            Some(problem) => from_problem(dir, problem),
            None if matches!(e, TantivyError::IoError(_)) => ArchiveError::Index {
                dir: dir_buf,
                error: e,
            },
            None => ArchiveError::DamagedIndex { dir: dir_buf },
        },
        error => ArchiveError::Index {
            dir: dir_buf,
            error,
        },
    }
}

/// A problem [`check`] found, as the error that stops a command.
pub(super) fn from_problem(dir: &Path, problem: Problem) -> ArchiveError {
    let dir = dir.to_path_buf();
    match problem {
        Problem::FileMissing { file } => ArchiveError::MissingFile { dir, file },
        Problem::FileDamaged { file, .. } => ArchiveError::DamagedFile { dir, file },
        _ => ArchiveError::DamagedIndex { dir },
    }
}

/// Errors that say the system refused (permissions, no memory, too many open files),
/// not that a file is damaged: a rebuild would not help.
fn is_refusal(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::PermissionDenied | ErrorKind::OutOfMemory | ErrorKind::Interrupted
    ) || error.raw_os_error().is_some()
}

/// Tantivy shares its io errors (`Arc`); ours own one, with the same kind and text.
fn own(error: &Arc<std::io::Error>) -> std::io::Error {
    std::io::Error::new(error.kind(), error.to_string())
}

/// The name of an index file: tantivy gives a path relative to the index or absolute,
/// and the folder is said once, at the start of the message.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn dir() -> PathBuf {
        PathBuf::from("/srv/archive")
    }

    #[test]
    fn a_missing_file_is_named_without_its_folder() {
        let e = from_tantivy(
            &dir(),
            OpenReadError::FileDoesNotExist(dir().join("3f2a.term")).into(),
            || None,
        );
        assert!(
            matches!(&e, ArchiveError::MissingFile { file, .. } if file == "3f2a.term"),
            "{e}"
        );
        let text = e.to_string();
        assert!(text.starts_with("/srv/archive: the index file 3f2a.term is missing"));
        assert_eq!(text.matches("/srv/archive").count(), 1, "{text}");
        assert!(text.contains("dubao check") && text.contains("dubao import --rebuild"));
    }

    #[test]
    fn a_broken_footer_is_a_damaged_file() {
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, "Footer magic byte");
        let e = from_tantivy(
            &dir(),
            OpenReadError::wrap_io_error(io, PathBuf::from("3f2a.idx")).into(),
            || None,
        );
        assert!(matches!(e, ArchiveError::DamagedFile { .. }), "{e}");
        assert!(!e.to_string().contains("Footer"), "no dump: {e}");
    }

    #[test]
    fn an_error_without_a_file_is_diagnosed() {
        let io = std::io::Error::other("the offset to copy is not contained");
        let e = from_tantivy(&dir(), io.into(), || {
            Some(Problem::FileDamaged {
                file: "3f2a.store".into(),
                reason: "checksum".into(),
            })
        });
        assert!(
            matches!(&e, ArchiveError::DamagedFile { file, .. } if file == "3f2a.store"),
            "{e}"
        );
    }

    #[test]
    fn a_refused_permission_is_no_damage() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = from_tantivy(
            &dir(),
            OpenReadError::wrap_io_error(io, PathBuf::from("3f2a.idx")).into(),
            || panic!("no diagnosis for a refusal"),
        );
        assert!(matches!(e, ArchiveError::Io { .. }), "{e}");
    }
}
