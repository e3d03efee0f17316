//! The index's folder as tantivy sees it: its memory-mapped directory, which also opens
//! where the reader may not write (an archive a library keeps for its readers, folders
//! `chmod -R a-w`, a read-only mount).
//!
//! tantivy takes a lock file before it opens a commit's segments (so that a writer's
//! clean-up does not delete them half-way), and opens that file for writing to lock it,
//! which fails where the reader cannot write. Here the lock falls back to a shared lock on
//! the file opened for reading (`flock` does not care how a file was opened, so a writer's
//! clean-up still waits for it), or to none when the file does not exist and cannot be
//! made: then no writer has ever cleaned up there, and one that starts later makes the
//! file before it does. Everything else goes to tantivy's directory unchanged.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fs4::fs_std::FileExt;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

#[derive(Clone, Debug)]
pub struct ArchiveDirectory {
    inner: MmapDirectory,
    path: PathBuf,
}

impl ArchiveDirectory {
    pub fn open(
        path: &Path,
    ) -> Result<ArchiveDirectory, tantivy::directory::error::OpenDirectoryError> {
        Ok(ArchiveDirectory {
            inner: MmapDirectory::open(path)?,
            path: path.to_path_buf(),
        })
    }
}

/// Held while the lock is: the file, locked shared.
struct SharedLock(#[allow(dead_code)] File);

impl Drop for SharedLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.0);
    }
}

/// The lock of a reader that cannot write: shared on the existing lock file, or none.
fn read_only_lock(path: &Path, blocking: bool) -> Result<DirectoryLock, LockError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(DirectoryLock::from(Box::new(())));
        }
        Err(e) => return Err(LockError::IoError(Arc::new(e))),
    };
    if blocking {
        FileExt::lock_shared(&file).map_err(|e| LockError::IoError(Arc::new(e)))?;
    } else if !FileExt::try_lock_shared(&file).map_err(|e| LockError::IoError(Arc::new(e)))? {
        return Err(LockError::LockBusy);
    }
    Ok(DirectoryLock::from(Box::new(SharedLock(file))))
}

fn cannot_write(e: &LockError) -> bool {
    matches!(e, LockError::IoError(io) if matches!(
        io.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    ))
}

impl Directory for ArchiveDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only a reader's lock falls back: a writer that cannot write must fail here,
            // before it has done any work.
            Err(e)
                if cannot_write(&e) && lock.filepath == tantivy::directory::META_LOCK.filepath =>
            {
                read_only_lock(&self.path.join(&lock.filepath), lock.is_blocking)
            }
            other => other,
        }
    }
}

/// tantivy writes its list of segments (`meta.json`) and of its files (`.managed.json`)
/// through a temporary file, which is private to its owner (mode 600) whatever the umask;
/// so nobody else could open an archive their owner means to share. After an import's
/// commits they are given the mode of `archive.json`, which is written as any file is.
pub fn share_index_lists(dir: &Path) -> io::Result<()> {
    let mode = std::fs::metadata(dir.join(super::MANIFEST))?.permissions();
    for name in [super::check::INDEX_META, super::check::MANAGED] {
        let path = dir.join(name);
        if path.exists() {
            std::fs::set_permissions(&path, mode.clone())?;
        }
    }
    Ok(())
}
