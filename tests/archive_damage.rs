//! Damaged archives, as a user meets them: a segment file cut short, garbled or gone, a
//! broken `meta.json` (tantivy's) or `archive.json` (ours). `list` and `search` end with
//! one readable line naming the folder, the file and the remedy; `dubao check` names the
//! problem and exits 1 (0 on a sound archive); `dubao import --rebuild` makes the archive
//! again from its sources, keeps the damaged one aside, and leaves one that works.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use common::{dubao, sample_dir};
use serde_json::Value;

/// Longest error line a person should have to read.
const MAX_LINE_CHARS: usize = 300;

/// An archive of the samples imported by `dubao import`, once; tests damage copies.
fn clean_archive() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let archive = dir.path().join("archive");
        let out = run(&archive, &["import", &sample_dir().display().to_string()]);
        assert!(out.status.success(), "{}", stderr(&out));
        (dir, archive)
    })
    .1
}

fn run(archive: &Path, args: &[&str]) -> Output {
    dubao()
        .arg("--archive")
        .arg(archive)
        .args(args)
        .output()
        .expect("run dubao")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read the archive") {
        let entry = entry.expect("an entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a file");
    }
}

/// A copy of the clean archive in a folder of its own (the rebuild puts siblings beside
/// it).
fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("papers");
    copy_dir(clean_archive(), &archive);
    (dir, archive)
}

/// The archive's segment file with this extension (of its first segment by name).
fn segment_file(archive: &Path, ext: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(archive)
        .expect("read the archive")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files.into_iter().next().expect("a segment file")
}

fn name(path: &Path) -> String {
    path.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

/// (issues, articles) as `list --json` sees them.
fn counts(archive: &Path) -> (usize, usize) {
    let out = run(archive, &["list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let issues: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let articles = issues
        .iter()
        .map(|i| i["articles"].as_u64().expect("a count") as usize)
        .sum();
    (issues.len(), articles)
}

/// A command on the damaged archive fails with one line that names the folder and
/// `file` and says what to do.
fn assert_readable_error(out: &Output, archive: &Path, file: &str, what: &str) {
    assert!(
        !out.status.success(),
        "{what} succeeded on a damaged archive"
    );
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: one line:\n{err}");
    let line = lines[0];
    assert!(line.starts_with("error: "), "{what}: {line}");
    assert!(
        line.chars().count() <= MAX_LINE_CHARS,
        "{what}: {} characters: {line}",
        line.chars().count()
    );
    assert!(
        line.contains(&archive.display().to_string()),
        "{what} names the folder: {line}"
    );
    assert!(line.contains(file), "{what} names {file}: {line}");
    assert!(
        line.contains("dubao check") && line.contains("dubao import --rebuild"),
        "{what} says what to do: {line}"
    );
    for dump in ["IoError", "Custom {", "kind:", "Data corrupted"] {
        assert!(!line.contains(dump), "{what}: no debug dump: {line}");
    }
}

/// `check` exits 1 and names `file`; `--rebuild` brings back every issue and article of
/// a clean import, keeps the damaged copy aside, and the result is sound.
fn assert_checked_and_rebuilt(dir: &Path, archive: &Path, file: &str) {
    let out = run(archive, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains(&format!("problem: {file}")),
        "check names {file}:\n{report}"
    );

    let out = run(archive, &["import", "--rebuild"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("rebuilt "), "{err}");
    let kept: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the parent")
        .map(|e| e.expect("an entry").path())
        .filter(|p| name(p).starts_with("papers.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged copy is kept aside: {kept:?}");
    assert!(
        err.contains(&kept[0].display().to_string()),
        "and said where: {err}"
    );
    let kept_files = std::fs::read_dir(&kept[0])
        .expect("read the kept copy")
        .count();
    assert!(kept_files > 5, "the damaged copy is the old archive, whole");
    assert_eq!(
        counts(archive),
        counts(clean_archive()),
        "every issue and article"
    );
    let out = run(archive, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(archive, &["search", "脱贫", "--limit", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("【脱贫】") || stdout(&out).contains("【脫貧】"));
}

#[test]
fn a_sound_archive_checks_sound() {
    let out = run(clean_archive(), &["check"]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(report.contains("sound: 5 issues"), "{report}");
    assert!(!report.contains("problem"), "{report}");
}

#[test]
fn a_truncated_segment_file() {
    let (dir, archive) = copy();
    let store = segment_file(&archive, "store");
    let len = std::fs::metadata(&store).expect("stat").len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&store)
        .and_then(|f| f.set_len(len / 2))
        .expect("truncate");
    let file = name(&store);
    assert_readable_error(&run(&archive, &["list"]), &archive, &file, "list");
    assert_readable_error(
        &run(&archive, &["search", "脱贫"]),
        &archive,
        &file,
        "search",
    );
    assert_checked_and_rebuilt(dir.path(), &archive, &file);
}

#[test]
fn a_garbled_segment_file() {
    let (dir, archive) = copy();
    let term = segment_file(&archive, "term");
    let len = std::fs::metadata(&term).expect("stat").len() as usize;
    let mut rng = common::Rng::new(12);
    let junk: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    std::fs::write(&term, junk).expect("garble");
    let file = name(&term);
    assert_readable_error(&run(&archive, &["list"]), &archive, &file, "list");
    assert_readable_error(
        &run(&archive, &["search", "脱贫"]),
        &archive,
        &file,
        "search",
    );
    assert_checked_and_rebuilt(dir.path(), &archive, &file);
}

#[test]
fn a_missing_segment_file() {
    let (dir, archive) = copy();
    let term = segment_file(&archive, "term");
    std::fs::remove_file(&term).expect("remove");
    let file = name(&term);
    assert_readable_error(&run(&archive, &["list"]), &archive, &file, "list");
    assert_readable_error(
        &run(&archive, &["search", "脱贫"]),
        &archive,
        &file,
        "search",
    );
    let out = run(&archive, &["check"]);
    assert!(
        stdout(&out).contains(&format!("{file}: missing")),
        "{}",
        stdout(&out)
    );
    assert_checked_and_rebuilt(dir.path(), &archive, &file);
}

#[test]
fn a_broken_index_meta_json() {
    let (dir, archive) = copy();
    std::fs::write(archive.join("meta.json"), "{\"segments\": [{\"segm").expect("break");
    assert_readable_error(&run(&archive, &["list"]), &archive, "meta.json", "list");
    assert_readable_error(
        &run(&archive, &["search", "脱贫"]),
        &archive,
        "meta.json",
        "search",
    );
    // Nothing of the index can be read: the rebuild works from sources.json alone.
    assert_checked_and_rebuilt(dir.path(), &archive, "meta.json");
}

#[test]
fn a_broken_archive_json() {
    let (dir, archive) = copy();
    std::fs::write(archive.join("archive.json"), "garbage").expect("break");
    assert_readable_error(&run(&archive, &["list"]), &archive, "archive.json", "list");
    assert_readable_error(
        &run(&archive, &["search", "脱贫"]),
        &archive,
        "archive.json",
        "search",
    );
    assert_checked_and_rebuilt(dir.path(), &archive, "archive.json");
}

#[test]
fn a_missing_archive_json_is_damage_not_a_foreign_folder() {
    let (dir, archive) = copy();
    std::fs::remove_file(archive.join("archive.json")).expect("remove");
    assert_readable_error(&run(&archive, &["list"]), &archive, "archive.json", "list");
    let out = run(&archive, &["import", &sample_dir().display().to_string()]);
    assert_readable_error(&out, &archive, "archive.json", "import");
    assert_checked_and_rebuilt(dir.path(), &archive, "archive.json");
}

#[test]
fn check_finds_damage_that_opening_does_not() {
    // Garbled in the middle, the footer whole: tantivy opens the file and searches it.
    let (_dir, archive) = copy();
    let idx = segment_file(&archive, "idx");
    let mut bytes = std::fs::read(&idx).expect("read");
    let n = bytes.len();
    for b in &mut bytes[n / 4..n / 2] {
        *b ^= 0x5a;
    }
    std::fs::write(&idx, bytes).expect("garble");
    let out = run(&archive, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains(&format!("problem: {}: damaged (its checksum", name(&idx))),
        "{report}"
    );
}

#[test]
fn a_count_that_disagrees_with_archive_json_is_a_problem() {
    let (_dir, archive) = copy();
    let path = archive.join("archive.json");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    manifest["issues"] = 7.into();
    std::fs::write(&path, manifest.to_string()).expect("write");
    let out = run(&archive, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("archive.json counts 7 issues and 67 articles, the index holds 5 and 67"),
        "{report}"
    );
}

#[test]
fn a_rebuild_without_sources_json_says_what_it_could_not_recover() {
    let (dir, archive) = copy();
    std::fs::remove_file(archive.join("sources.json")).expect("remove");
    let store = segment_file(&archive, "store");
    std::fs::write(&store, b"short").expect("damage");
    let out = run(&archive, &["import", "--rebuild"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let lost: usize = err
        .lines()
        .find_map(|l| {
            let (_, rest) = l.split_once("warning: ")?;
            let (_, rest) = rest.split_once(": ")?;
            rest.split_once(" issue")?.0.parse().ok()
        })
        .unwrap_or_else(|| panic!("a warning counts the issues lost: {err}"));
    assert!(err.contains("no sources.json names their files"), "{err}");
    let (issues, _) = counts(&archive);
    assert!(lost > 0 && issues > 0, "{err}");
    assert_eq!(issues + lost, 5, "{err}");
    assert!(
        std::fs::read_dir(dir.path())
            .expect("read")
            .any(|e| name(&e.expect("an entry").path()).starts_with("papers.damaged-"))
    );
}

#[test]
fn a_rebuild_names_sources_that_are_gone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("src");
    copy_dir(&sample_dir(), &src);
    let archive = dir.path().join("papers");
    let out = run(&archive, &["import", &src.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let gone = std::fs::canonicalize(src.join("000_f8e1adb28c4d49b6.txt")).expect("canonical");
    std::fs::remove_file(&gone).expect("remove a source");
    std::fs::remove_file(segment_file(&archive, "term")).expect("damage");
    let out = run(&archive, &["import", "--rebuild"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "warning: {}: recorded in the archive but no longer there",
            gone.display()
        )),
        "{err}"
    );
    assert_eq!(counts(&archive).0, 4, "{err}");
}
