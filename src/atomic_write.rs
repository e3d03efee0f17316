//! Writing a small file so that a reader, or the next run after a crash, sees either the
//! old content or the new, never half of it: a temporary file in the same folder, synced,
//! then renamed over the old one.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

pub fn write(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // The pid keeps two processes writing the same state from sharing a temp file.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        fill(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write(&path, |w: &mut dyn Write| w.write_all(b"old")).unwrap();
        write(&path, |w: &mut dyn Write| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write(&path, |w: &mut dyn Write| w.write_all(b"{\"old\": true}")).unwrap();
        let failed = write(&path, |w: &mut dyn Write| {
            w.write_all(b"{\"half")?;
            Err(io::Error::other("killed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"old\": true}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
