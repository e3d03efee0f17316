//! The archive under stress: imports killed with SIGKILL at random moments, repeated
//! imports, and readers open while a writer commits.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Rng, dubao, sample_dir};
use dubao::archive::{Archive, ArchiveError, ImportOptions, schema};

/// `n` distinct issue files made from the samples (a numbered line keeps them apart).
fn make_issues(dir: &Path, n: usize) -> PathBuf {
    let src = dir.join("issues");
    std::fs::create_dir_all(&src).unwrap();
    let samples: Vec<String> = std::fs::read_dir(sample_dir())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..n {
        let text = format!("第{i}号\n\n{}", samples[i % samples.len()]);
        let name = format!("2023-{:02}-{:02}-{i:03}.txt", 1 + i % 12, 1 + i % 28);
        std::fs::write(src.join(name), text).unwrap();
    }
    src
}

/// (source, hash, article count) of every issue, and the document counts.
fn state(dir: &Path) -> (BTreeSet<(String, String, usize)>, [usize; 3]) {
    let archive = Archive::open(dir).unwrap();
    let issues = archive.issues().unwrap();
    let set: BTreeSet<_> = issues
        .iter()
        .map(|m| (m.source.clone(), m.hash.clone(), m.articles))
        .collect();
    assert_eq!(set.len(), issues.len(), "no issue twice");
    let counts = [
        archive.count(schema::KIND_ISSUE).unwrap(),
        archive.count(schema::KIND_RAW).unwrap(),
        archive.count(schema::KIND_ARTICLE).unwrap(),
    ];
    (set, counts)
}

/// Every issue in the archive is whole: its raw text and all its articles are there.
fn assert_whole(dir: &Path) {
    let archive = match Archive::open(dir) {
        Ok(a) => a,
        // Killed before the archive existed: nothing to check, nothing half-made either.
        Err(ArchiveError::NotFound { .. }) => return,
        Err(ArchiveError::NotAnArchive { .. }) => {
            let empty = std::fs::read_dir(dir).unwrap().next().is_none();
            assert!(empty, "a folder dubao created is empty or an archive");
            return;
        }
        Err(e) => panic!("archive does not open after a kill: {e}"),
    };
    let issues = archive.issues().unwrap();
    let mut articles = 0;
    for meta in &issues {
        assert_eq!(
            archive.articles(&meta.id).unwrap().len(),
            meta.articles,
            "{}",
            meta.source
        );
        assert!(!archive.raw(&meta.id).unwrap().is_empty());
        articles += meta.articles;
    }
    assert_eq!(archive.count(schema::KIND_ARTICLE).unwrap(), articles);
    assert_eq!(archive.count(schema::KIND_RAW).unwrap(), issues.len());
}

fn import_cmd(archive: &Path, src: &Path) -> std::process::Command {
    let mut c = dubao();
    c.arg("--archive")
        .arg(archive)
        .args(["import", "--commit-every", "3"])
        .arg(src);
    c.stderr(std::process::Stdio::null());
    c
}

#[test]
fn a_killed_import_leaves_whole_issues_and_a_rerun_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let src = make_issues(tmp.path(), 60);
    let clean = tmp.path().join("clean");
    assert!(import_cmd(&clean, &src).status().unwrap().success());
    let clean_state = state(&clean);
    assert_eq!(clean_state.0.len(), 60);

    let killed = tmp.path().join("killed");
    let mut rng = Rng::new(20231120);
    let mut kills = 0;
    let mut mid_import_kills = 0;
    while kills < 12 {
        let mut child = import_cmd(&killed, &src).spawn().unwrap();
        let delay = Duration::from_millis(20 + rng.below(1500) as u64);
        let finished = child.wait_timeout_ms(delay);
        if !finished {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            kills += 1;
            assert_whole(&killed);
            if let Ok(a) = Archive::open(&killed) {
                let n = a.issues().unwrap().len();
                if n > 0 && n < 60 {
                    mid_import_kills += 1;
                }
            }
        } else {
            // It finished before the kill: start over so the next run has work to do.
            std::fs::remove_dir_all(&killed).unwrap();
        }
    }
    eprintln!("{kills} kills, {mid_import_kills} between commits with some issues in");
    assert!(import_cmd(&killed, &src).status().unwrap().success());
    assert_eq!(state(&killed), clean_state);
}

#[test]
fn importing_twice_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a");
    let archive = Archive::open_or_create(&dir).unwrap();
    let first = archive
        .import(&[sample_dir()], &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!(first.added, 5);
    let before = state(&dir);
    let second = archive
        .import(&[sample_dir()], &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!((second.added, second.replaced, second.unchanged), (0, 0, 5));
    assert_eq!(state(&dir), before);
}

#[test]
fn a_changed_file_replaces_its_issue() {
    let tmp = tempfile::tempdir().unwrap();
    let src = make_issues(tmp.path(), 3);
    let dir = tmp.path().join("a");
    let archive = Archive::open_or_create(&dir).unwrap();
    archive
        .import(
            std::slice::from_ref(&src),
            &ImportOptions::default(),
            &mut |_| {},
        )
        .unwrap();
    let file = std::fs::read_dir(&src)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&file, "新标题\n\n本报讯 只有一段的新内容。").unwrap();
    let report = archive
        .import(&[src], &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!((report.added, report.replaced, report.unchanged), (0, 1, 2));
    let (issues, counts) = state(&dir);
    assert_eq!(issues.len(), 3);
    assert!(issues.iter().any(|(_, _, n)| *n == 1));
    assert_eq!(counts[0], 3);
}

#[test]
fn readers_see_a_writers_commits_without_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let src = make_issues(tmp.path(), 8);
    let dir = tmp.path().join("a");
    let archive = Archive::open_or_create(&dir).unwrap();
    archive
        .import(&[sample_dir()], &ImportOptions::default(), &mut |_| {})
        .unwrap();
    let readers: Vec<Archive> = (0..2).map(|_| Archive::open(&dir).unwrap()).collect();
    let q = dubao::archive::query::parse("山西").unwrap();
    let opts = dubao::archive::SearchOptions::default();
    for r in &readers {
        assert_eq!(r.issues().unwrap().len(), 5);
    }
    // The writer is another process; the readers keep searching while it works.
    let mut writer = import_cmd(&dir, &src).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = [false, false];
    while seen.iter().any(|s| !s) {
        assert!(
            Instant::now() < deadline,
            "readers never saw the new issues"
        );
        for (i, r) in readers.iter().enumerate() {
            r.search(&q, &opts).expect("search while a writer commits");
            if r.issues().unwrap().len() == 13 {
                seen[i] = true;
            }
        }
        std::thread::yield_now();
    }
    assert!(writer.wait().unwrap().success());
}

trait WaitTimeout {
    /// Waits up to `timeout`; true if the child exited.
    fn wait_timeout_ms(&mut self, timeout: Duration) -> bool;
}

impl WaitTimeout for std::process::Child {
    fn wait_timeout_ms(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.try_wait().unwrap().is_some() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
