//! One archive, many readers: a folder the reader cannot write (a library's archive kept
//! for its readers) opens, searches and reads as usual, with the reading state in the
//! reader's own state folder; eight reader processes searching in a loop while an import
//! adds issues see no error, never lose an issue, and see the new ones.
//!
//! The readers are this test binary run again as child processes (`reader_process`, a
//! test that does nothing unless its variable names an archive): each keeps one archive
//! open for its whole life, as the reader does. `DUBAO_READERS_SECS` sets how long the
//! import runs (4 s by default; the figures in docs/performance.md are from 60 s).

mod common;

use common::tmux::{SCREEN_TIMEOUT, Tmux};

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dubao::archive::{Archive, ImportOptions, SearchOptions, query};

/// In every article of the issues these tests write, and nowhere in the samples.
const TERM: &str = "读者共享";
const ARTICLES_PER_ISSUE: usize = 2;
const READERS: usize = 8;

/// The issue for day `n` of 共享日报, in `dir`.
fn write_issue(dir: &Path, n: usize) -> PathBuf {
    let folder = dir.join("共享日报");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let (y, d) = (2000 + n / 336, n % 336);
    let path = folder.join(format!("{y}-{:02}-{:02}.txt", 1 + d / 28, 1 + d % 28));
    let text = format!(
        "第{n}期头条新闻标题\n\n　　本报讯 {TERM}的第{n}期第一篇文章，写在这里的正文足够长，可以成段。\n\n\
         第{n}期第二条新闻标题\n\n　　本报讯 {TERM}的第{n}期第二篇文章，同样是一段完整的正文。\n"
    );
    std::fs::write(&path, text).expect("write issue");
    path
}

fn term_total(archive: &Archive) -> usize {
    archive
        .search(
            &query::parse(TERM).expect("query"),
            &SearchOptions::default(),
        )
        .expect("search")
        .total
}

/// A child: keeps `DUBAO_TEST_READER` open, searches, opens the first hit's issue and
/// raw text, prints `total N` (or `error …`) each round; when `DUBAO_TEST_STOP` exists,
/// reloads once more and prints `final N`.
#[test]
fn reader_process() {
    let (Some(dir), Some(stop)) = (
        std::env::var_os("DUBAO_TEST_READER"),
        std::env::var_os("DUBAO_TEST_STOP"),
    ) else {
        return;
    };
    let archive = match Archive::open(Path::new(&dir)) {
        Ok(a) => a,
        Err(e) => {
            println!("error opening: {e}");
            return;
        }
    };
    let q = query::parse(TERM).expect("query");
    let round = |archive: &Archive| -> Result<usize, String> {
        let r = archive
            .search(
                &q,
                &SearchOptions {
                    limit: 5,
                    ..SearchOptions::default()
                },
            )
            .map_err(|e| e.to_string())?;
        if let Some(hit) = r.hits.first() {
            let articles = archive.articles(&hit.issue).map_err(|e| e.to_string())?;
            if !articles
                .iter()
                .any(|a| a.paragraphs().any(|p| p.contains(TERM)))
            {
                return Err(format!("issue {} read without its text", hit.issue));
            }
            archive
                .raw_file(&hit.issue, &hit.source)
                .map_err(|e| e.to_string())?;
        }
        Ok(r.total)
    };
    loop {
        if Path::new(&stop).exists() {
            let _ = archive.refresh();
            match round(&archive) {
                Ok(n) => println!("final {n}"),
                Err(e) => println!("error {e}"),
            }
            return;
        }
        match round(&archive) {
            Ok(n) => println!("total {n}"),
            Err(e) => println!("error {e}"),
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn eight_readers_searching_while_an_import_adds_issues_see_no_error_and_the_new_issues() {
    let secs: u64 = std::env::var("DUBAO_READERS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("archive");
    let files = tmp.path().join("files");
    let archive = Archive::open_or_create(&dir).expect("archive");
    let first: Vec<PathBuf> = (0..5).map(|n| write_issue(&files.join("0"), n)).collect();
    archive
        .import(&first, &ImportOptions::default(), &mut |_| {})
        .expect("import");
    let stop = tmp.path().join("stop");
    let exe = std::env::current_exe().expect("test binary");
    let mut readers: Vec<_> = (0..READERS)
        .map(|_| {
            Command::new(&exe)
                .args([
                    "reader_process",
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("DUBAO_TEST_READER", &dir)
                .env("DUBAO_TEST_STOP", &stop)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn a reader")
        })
        .collect();
    let outputs: Vec<_> = readers
        .iter_mut()
        .map(|c| {
            let out = c.stdout.take().expect("stdout");
            std::thread::spawn(move || {
                BufReader::new(out)
                    .lines()
                    .map_while(Result::ok)
                    .collect::<Vec<String>>()
            })
        })
        .collect();
    // Imports of a few issues each, every one a commit, as a daily import adds them.
    let started = Instant::now();
    let (mut n, mut imports) = (5, 0);
    while started.elapsed() < Duration::from_secs(secs) {
        let batch: Vec<PathBuf> = (n..n + 3)
            .map(|i| write_issue(&files.join(imports.to_string()), i))
            .collect();
        archive
            .import(&batch, &ImportOptions::default(), &mut |_| {})
            .expect("import while readers read");
        n += 3;
        imports += 1;
    }
    let expected = n * ARTICLES_PER_ISSUE;
    assert_eq!(term_total(&archive), expected);
    std::fs::write(&stop, "").expect("stop");
    let mut rounds = Vec::new();
    for (i, (mut child, out)) in readers.into_iter().zip(outputs).enumerate() {
        let status = child.wait().expect("wait for a reader");
        let lines = out.join().expect("reader output");
        assert!(status.success(), "reader {i} failed: {lines:?}");
        let errors: Vec<&String> = lines.iter().filter(|l| l.starts_with("error")).collect();
        assert!(errors.is_empty(), "reader {i}: {errors:?}");
        let totals: Vec<usize> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("total "))
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(
            totals.windows(2).all(|w| w[0] <= w[1]),
            "reader {i} saw issues vanish: {totals:?}"
        );
        assert!(
            totals.len() > 1,
            "reader {i} searched {} times",
            totals.len()
        );
        // The harness prints its own lines around the test's.
        let last = lines
            .iter()
            .rev()
            .find(|l| l.starts_with("final "))
            .map(String::as_str);
        assert_eq!(
            last,
            Some(format!("final {expected}").as_str()),
            "reader {i} after {imports} imports ({} rounds)",
            totals.len()
        );
        rounds.push(totals.len());
        // They saw the issues come, not only the last state.
        assert!(
            totals
                .iter()
                .any(|&t| t > 5 * ARTICLES_PER_ISSUE && t < expected)
                || imports < 3,
            "reader {i} never saw an import's issues while it ran: {:?}",
            &totals[..totals.len().min(20)]
        );
    }
    eprintln!(
        "{READERS} readers, {secs} s: {imports} imports, {n} issues; searches per reader {rounds:?}, none failed"
    );
}

/// How to run a command as someone who cannot write the archive: as root nothing is
/// refused, so root's tests run it as `nobody` through `setpriv`.
fn as_reader(cmd: &Path) -> Option<Command> {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !root {
        return Some(Command::new(cmd));
    }
    let has = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("skipped: running as root and no setpriv to become a user who cannot write");
        return None;
    }
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(cmd);
    Some(c)
}

/// `chmod -R a-w` (`recursive_read_only`), or `chmod a+rwx`.
fn chmod(path: &Path, recursive_read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).expect("metadata");
    let mode = if recursive_read_only {
        meta.permissions().mode() & !0o222
    } else {
        0o777
    };
    if recursive_read_only && meta.is_dir() {
        for e in std::fs::read_dir(path).expect("read_dir") {
            chmod(&e.expect("entry").path(), true);
        }
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().map_or(0, |m| m.len()),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn an_archive_folder_the_reader_cannot_write_opens_searches_and_reads() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    // The reader must reach the binary and the folder; tempdir makes them private.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let bin = tmp.path().join("dubao");
    std::fs::copy(env!("CARGO_BIN_EXE_dubao"), &bin).expect("copy the binary");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let dir = tmp.path().join("archive");
    let archive = Archive::open_or_create(&dir).expect("archive");
    archive
        .import(
            &[common::sample_dir()],
            &ImportOptions::default(),
            &mut |_| {},
        )
        .expect("import");
    drop(archive);
    let state = tmp.path().join("state");
    std::fs::create_dir_all(&state).expect("state dir");
    chmod(&state, false);
    let commands: [&[&str]; 6] = [
        &["list", "--json"],
        &["search", "发展", "--json"],
        &["search", "國務院", "--sort", "oldest"],
        &["kwic", "经济"],
        &["export", "发展", "--format", "jsonl"],
        &["check"],
    ];
    let run = |cmd: Option<Command>, args: &[&str]| {
        let mut cmd = cmd?;
        let out = cmd
            .arg("--archive")
            .arg(&dir)
            .args(args)
            .env("DUBAO_STATE_DIR", &state)
            .env("DUBAO_DATA_DIR", tmp.path().join("no-data"))
            .env("DUBAO_CONFIG_DIR", tmp.path().join("no-config"))
            .env_remove("DUBAO_ARCHIVE")
            .output()
            .expect("run dubao");
        Some(out)
    };
    let owner: Vec<_> = commands
        .iter()
        .map(|args| run(Some(Command::new(&bin)), args).expect("as the owner"))
        .collect();
    let before = listing(&dir);
    // An archive is as readable as the owner's umask makes files: tantivy's own lists
    // too, which it writes private.
    for e in std::fs::read_dir(&dir).expect("read_dir") {
        let e = e.expect("entry");
        let mode = e.metadata().expect("metadata").permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{:?} is mode {mode:o}", e.file_name());
    }
    chmod(&dir, true);
    for (args, mine) in commands.iter().zip(&owner) {
        assert!(mine.status.success(), "{args:?} as the owner: {mine:?}");
        let Some(theirs) = run(as_reader(&bin), args) else {
            return;
        };
        assert!(
            theirs.status.success(),
            "{args:?} where the reader cannot write: {}",
            String::from_utf8_lossy(&theirs.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&theirs.stdout),
            String::from_utf8_lossy(&mine.stdout),
            "{args:?}"
        );
        assert!(!theirs.stdout.is_empty(), "{args:?} printed nothing");
    }
    // An import there is refused in a sentence, and changes nothing.
    let new = write_issue(&tmp.path().join("new"), 1);
    chmod(&tmp.path().join("new"), false);
    chmod(new.parent().expect("folder"), false);
    let refused =
        run(as_reader(&bin), &["import", &new.display().to_string()]).expect("checked above");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success(),
        "import into a read-only archive: {said}"
    );
    assert!(!said.contains("panicked"), "{said}");
    assert!(
        said.contains(&dir.display().to_string()),
        "names the folder: {said}"
    );
    assert!(said.contains("not write to it"), "says why: {said}");
    assert_eq!(listing(&dir), before, "the archive's folder changed");
    chmod(&dir, false);
}

#[test]
fn the_reader_reads_an_archive_it_cannot_write_and_keeps_its_state_in_its_own_folder() {
    use std::os::unix::fs::PermissionsExt;
    if !common::tmux::available() {
        eprintln!("skipped: no tmux");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let bin = tmp.path().join("dubao");
    std::fs::copy(env!("CARGO_BIN_EXE_dubao"), &bin).expect("copy the binary");
    let dir = tmp.path().join("archive");
    Archive::open_or_create(&dir)
        .expect("archive")
        .import(
            &[common::sample_dir()],
            &ImportOptions::default(),
            &mut |_| {},
        )
        .expect("import");
    let state = tmp.path().join("state");
    std::fs::create_dir_all(&state).expect("state dir");
    chmod(&state, false);
    let before = listing(&dir);
    chmod(&dir, true);
    let Some(reader) = as_reader(&bin) else {
        return;
    };
    let quote = |p: &std::ffi::OsStr| format!("'{}'", p.to_string_lossy().replace('\'', r"'\''"));
    let words: Vec<String> = std::iter::once(reader.get_program())
        .chain(reader.get_args())
        .map(quote)
        .collect();
    let command = format!(
        "env DUBAO_STATE_DIR={} DUBAO_DATA_DIR={} DUBAO_CONFIG_DIR={} {} --archive {}",
        quote(state.as_os_str()),
        quote(tmp.path().join("no-data").as_os_str()),
        quote(tmp.path().join("no-config").as_os_str()),
        words.join(" "),
        quote(dir.as_os_str()),
    );
    let t = Tmux::start(
        "shared",
        120,
        30,
        &command,
        tempfile::tempdir().expect("tempdir"),
    );
    t.wait_for("02-29~", SCREEN_TIMEOUT);
    t.keys(&["/"]);
    t.wait_for("type to search the whole archive", SCREEN_TIMEOUT);
    t.text("发展情况");
    t.wait_for("1 hit for 发展情况", SCREEN_TIMEOUT);
    t.keys(&["Enter"]);
    let screen = t.wait_for("山西日报 · 2023-11-19 ", SCREEN_TIMEOUT);
    assert!(screen.contains("发展情况"), "{screen}");
    t.keys(&["q"]);
    let deadline = Instant::now() + SCREEN_TIMEOUT;
    let written = loop {
        let files: Vec<PathBuf> = walk(&state);
        if !files.is_empty() || Instant::now() > deadline {
            break files;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        !written.is_empty(),
        "no reading state in the reader's own folder"
    );
    assert_eq!(listing(&dir), before, "the archive's folder changed");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
