//! A first run with no archive opens the built-in sample, so a new user sees real issues
//! at once. The sample issues are compiled into the binary: `cargo install` or a copied
//! binary has them too, wherever it runs from.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::archive::{self, Archive, ImportOptions};

/// The five issues of `assets/sample`.
pub const SAMPLE_ISSUES: [(&str, &str); 5] = [
    (
        "000_f8e1adb28c4d49b6.txt",
        include_str!("../../assets/sample/000_f8e1adb28c4d49b6.txt"),
    ),
    (
        "001_475ea9df0610e73c.txt",
        include_str!("../../assets/sample/001_475ea9df0610e73c.txt"),
    ),
    (
        "002_b7585974fde4cee9.txt",
        include_str!("../../assets/sample/002_b7585974fde4cee9.txt"),
    ),
    (
        "003_f253e97590e3b591.txt",
        include_str!("../../assets/sample/003_f253e97590e3b591.txt"),
    ),
    (
        "004_6d3b14249bc8cb53.txt",
        include_str!("../../assets/sample/004_6d3b14249bc8cb53.txt"),
    ),
];

/// The default archive, built from the sample when there is none yet. The second value
/// is what to tell the user about it.
pub fn default_archive() -> Result<(PathBuf, Option<String>)> {
    let data = crate::config::data_dir()
        .context("no home directory for the archive; pass --archive DIR")?;
    let dir = data.join("archive");
    if dir.join(archive::MANIFEST).exists() {
        return Ok((dir, None));
    }
    let sample = data.join("sample");
    std::fs::create_dir_all(&sample)
        .with_context(|| format!("cannot create {}", sample.display()))?;
    for (name, text) in SAMPLE_ISSUES {
        let path = sample.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let archive = Archive::open_or_create(&dir)?;
    let report = archive.import(&[sample], &ImportOptions::default(), &mut |_| {})?;
    let greeting = format!(
        "first run: this is the sample archive ({} issues); add your own with `dubao import DIR`",
        report.added + report.unchanged
    );
    Ok((dir, Some(greeting)))
}
