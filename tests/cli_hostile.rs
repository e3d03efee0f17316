//! Hostile text through the command line: an issue laced with escape sequences and
//! control characters (OSC 52 set-clipboard, OSC 0/2 set-title, CSI 2J, BEL, C1 controls
//! with a raw U+009B CSI, DCS), in its text, its paper and its file name. `search`,
//! `list`, `parse` and their warnings and errors must write none of it raw, on a pipe
//! and on a terminal (a pseudo-terminal driven by python3's `pty` module); `--json`
//! keeps the text as stored, escaped by JSON.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::dubao;
use serde_json::Value;

/// Every kind of sequence a terminal obeys: OSC 2 and 0 (window title, ended by BEL and
/// by ST), CSI 2J (clear), OSC 52 (clipboard), BEL alone, 8-bit C1 CSI (U+009B), OSC
/// (U+009D) and DCS (U+0090) with their ST (U+009C), a 7-bit DCS (sixel), shift-out.
const HOSTILE_ISSUE: &str = "---\npaper: 晚\u{1b}]0;PAPER\u{7}报\n---\n\
    # 测试标题\u{1b}]2;PWNED\u{7}尾巴\n\n\
    第一段文字\u{1b}[2J清屏之后\u{7}的文字仍在。标题设置\u{1b}]0;PWNED\u{7}之后的文字。\n\n\
    第二段\u{1b}]2;PWNED\u{1b}\\还在。剪贴板\u{1b}]52;c;cHduZWQ=\u{7}也在。\n\n\
    原始控制\u{9b}2J字符\u{9d}0;PWNED\u{9c}之后\u{90}q\u{9c}与\u{1b}Pq#0;2;0;0;0\u{1b}\\设备控制\u{e}结束。\n\n\
    这是一段普通的新闻文字，用来凑足篇幅。\n";

/// The file's name carries a sequence too: names are printed by every command.
const HOSTILE_NAME: &str = "2021-03-04\u{1b}]2;NAME\u{7}.txt";

/// Queries whose hits show each kind of sequence in their title or snippet.
const QUERIES: &str = "测试标题\n第一段文字\n剪贴板\n原始控制\n";

struct Fixture {
    _dir: tempfile::TempDir,
    source: PathBuf,
    archive: PathBuf,
    queries: PathBuf,
    /// What `dubao import` wrote to stderr.
    import_stderr: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = dir.path().join("src");
        std::fs::create_dir(&src).expect("source folder");
        let source = src.join(HOSTILE_NAME);
        std::fs::write(&source, HOSTILE_ISSUE).expect("write the issue");
        let queries = dir.path().join("queries.txt");
        std::fs::write(&queries, QUERIES).expect("write the queries");
        let archive = dir.path().join("archive");
        let out = dubao()
            .arg("--archive")
            .arg(&archive)
            .arg("import")
            .arg(&src)
            .output()
            .expect("run dubao import");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Fixture {
            _dir: dir,
            source,
            archive,
            queries,
            import_stderr: out.stderr,
        }
    })
}

/// Fails when `bytes` hold anything a terminal would obey other than dubao's own bold
/// (`ESC [1m` / `ESC [0m`): ESC, BEL, any other C0 control but tab and line ends, DEL, a
/// C1 control. Returns the text, for further checks.
fn assert_inert(bytes: &[u8], what: &str) -> String {
    let text = String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|e| panic!("{what}: not UTF-8 ({e}): {bytes:?}"));
    let without_bold = text.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
    for (at, c) in without_bold.char_indices() {
        let obeyed = match c {
            '\t' | '\n' | '\r' => false,
            c => c.is_control(),
        };
        assert!(
            !obeyed,
            "{what}: {c:?} written at {at}: {:?}",
            &without_bold[at.saturating_sub(40)..(at + 40).min(without_bold.len())]
        );
    }
    text
}

/// `dubao ARGS…` with stdout and stderr on pipes.
fn on_a_pipe(args: &[&Path]) -> Output {
    dubao().args(args).output().expect("run dubao")
}

/// `dubao ARGS…` on a pseudo-terminal (stdin, stdout and stderr), or `None` where there is
/// no python3 to make one. Returns what the terminal received and the exit code.
fn on_a_terminal(args: &[&Path]) -> Option<(Vec<u8>, i32)> {
    const DRIVER: &str = r#"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
received = bytearray()
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: the child closed its side
        break
    if not chunk:
        break
    received += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(received)
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    let probe = Command::new("python3").arg("-c").arg("import pty").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: no python3 with the pty module (the CI script installs python3)");
        return None;
    }
    // The same environment as `common::dubao` gives a process, inherited through python.
    let template = dubao();
    let mut c = Command::new("python3");
    c.arg("-c").arg(DRIVER).arg(env!("CARGO_BIN_EXE_dubao"));
    c.args(args);
    if let Some(cwd) = template.get_current_dir() {
        c.current_dir(cwd);
    }
    for (key, value) in template.get_envs() {
        match value {
            Some(v) => c.env(key, v),
            None => c.env_remove(key),
        };
    }
    let out = c.output().expect("run python3");
    assert!(
        out.status.code().is_some(),
        "the driver was killed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.stdout, out.status.code().unwrap_or(-1)))
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

#[test]
fn the_import_warns_of_the_control_characters_and_keeps_the_issue() {
    let f = fixture();
    let err = assert_inert(&f.import_stderr, "import's stderr");
    assert!(err.contains("1 added"), "{err}");
    assert!(err.contains("control characters (at bytes"), "{err}");
    assert!(
        err.contains("2021-03-04␛.txt"),
        "the file name, safe: {err}"
    );
}

#[test]
fn search_on_a_pipe_writes_no_escape_bell_or_c1() {
    let f = fixture();
    let args = [
        p("--archive"),
        &f.archive,
        p("search"),
        p("--queries-file"),
        &f.queries,
    ];
    let out = on_a_pipe(&args);
    assert!(out.status.success());
    let text = assert_inert(&out.stdout, "search's stdout");
    assert_inert(&out.stderr, "search's stderr");
    for query in QUERIES.lines() {
        assert!(text.contains(&format!("1 hit for {query}")), "{text}");
    }
    assert!(
        text.contains("测试标题␛尾巴"),
        "the title, sanitized: {text}"
    );
    assert!(text.contains("晚␛报"), "the paper, sanitized: {text}");
    assert!(text.contains("【剪贴板】␛也在"), "{text}");
    assert!(text.contains("【原始控制】␦2J字符␦0;PWNED␦之后"), "{text}");
    assert!(!text.contains('\u{1b}'), "no bold on a pipe: {text}");
}

#[test]
fn search_on_a_terminal_writes_only_its_own_bold() {
    let f = fixture();
    let args = [
        p("--archive"),
        &f.archive,
        p("search"),
        p("--queries-file"),
        &f.queries,
    ];
    let Some((received, code)) = on_a_terminal(&args) else {
        return;
    };
    assert_eq!(code, 0);
    let text = assert_inert(&received, "search on a terminal");
    assert!(text.contains("\u{1b}[1m剪贴板\u{1b}[0m␛也在"), "{text}");
    assert!(text.contains("测试标题␛尾巴"), "{text}");
}

#[test]
fn search_json_holds_the_text_as_stored_escaped() {
    let f = fixture();
    let args = [
        p("--archive"),
        &f.archive,
        p("search"),
        p("--queries-file"),
        &f.queries,
        p("--json"),
    ];
    let out = on_a_pipe(&args);
    assert!(out.status.success());
    // JSON escapes every control character, so the bytes are inert as they are.
    assert_inert(&out.stdout, "search --json");
    let hits = json_lines(&out.stdout);
    assert_eq!(hits.len(), 4);
    assert_eq!(hits[0]["title"], "测试标题\u{1b}]2;PWNED\u{7}尾巴");
    assert_eq!(hits[0]["paper"], "晚\u{1b}]0;PAPER\u{7}报");
    let snippets: String = hits
        .iter()
        .map(|h| h["snippet"].as_str().expect("a snippet"))
        .collect();
    for stored in [
        "\u{1b}]52;c;cHduZWQ=\u{7}",
        "\u{9b}2J",
        "\u{1b}[2J",
        "\u{90}q",
    ] {
        assert!(snippets.contains(stored), "{stored:?} in {snippets:?}");
    }
    assert!(
        hits[0]["source"]
            .as_str()
            .is_some_and(|s| s.ends_with(HOSTILE_NAME))
    );
}

#[test]
fn list_is_inert_on_a_pipe_and_on_a_terminal() {
    let f = fixture();
    let args = [p("--archive"), &f.archive, p("list")];
    let out = on_a_pipe(&args);
    assert!(out.status.success());
    let text = assert_inert(&out.stdout, "list's stdout");
    assert!(
        text.contains("晚␛报") && text.contains("2021-03-04␛.txt"),
        "{text}"
    );
    if let Some((received, code)) = on_a_terminal(&args) {
        assert_eq!(code, 0);
        let text = assert_inert(&received, "list on a terminal");
        assert!(text.contains("晚␛报"), "{text}");
    }
    let out = on_a_pipe(&[p("--archive"), &f.archive, p("list"), p("--json")]);
    let issues = json_lines(&out.stdout);
    assert_eq!(issues[0]["paper"], "晚\u{1b}]0;PAPER\u{7}报");
}

#[test]
fn the_parse_outline_is_inert_on_a_pipe_and_on_a_terminal() {
    let f = fixture();
    let args = [p("parse"), &f.source];
    let out = on_a_pipe(&args);
    assert!(out.status.success());
    let text = assert_inert(&out.stdout, "parse's outline");
    assert_inert(&out.stderr, "parse's warnings");
    assert!(text.contains("测试标题␛尾巴"), "{text}");
    assert!(text.contains("晚␛报"), "{text}");
    assert!(
        text.contains("warning: 20 control characters (at bytes 14, 23,"),
        "the control warning: {text}"
    );
    let Some((received, code)) = on_a_terminal(&args) else {
        return;
    };
    assert_eq!(code, 0);
    let text = assert_inert(&received, "parse on a terminal");
    assert!(text.contains("\u{1b}[1m"), "the source in bold: {text}");
    assert!(text.contains("测试标题␛尾巴"), "{text}");

    let out = on_a_pipe(&[p("parse"), &f.source, p("--json")]);
    let issue = &json_lines(&out.stdout)[0];
    assert_eq!(
        issue["articles"][0]["title"],
        "测试标题\u{1b}]2;PWNED\u{7}尾巴"
    );
}

#[test]
fn errors_and_warnings_that_quote_names_are_inert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = dir.path().join("gone\u{1b}]0;PWNED\u{7}\u{9b}2J");
    let out = on_a_pipe(&[p("--archive"), &hostile, p("list")]);
    assert!(!out.status.success());
    let err = assert_inert(&out.stderr, "the error for a missing archive");
    assert!(err.contains("gone␛␦2J"), "{err}");
    let out = on_a_pipe(&[p("parse"), &hostile]);
    assert!(!out.status.success());
    let err = assert_inert(&out.stderr, "parse's warning for a missing file");
    assert!(err.contains("warning: ") && err.contains("gone␛"), "{err}");
    let Some((received, _)) = on_a_terminal(&[p("--archive"), &hostile, p("search"), p("x")])
    else {
        return;
    };
    let err = assert_inert(&received, "the error on a terminal");
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn a_short_issue_with_control_characters_is_imported_with_a_warning() {
    // 120 characters, 10 of them control characters (8 %): once refused as binary data.
    let text = format!(
        "2021年3月4日\n本报讯\u{1b}[31m{}\u{7}{}\u{1b}]0;x\u{7}{}\u{9b}\u{1}\u{8}\u{7f}\u{1b}{}\u{7}\n",
        "红色的字".repeat(6),
        "新闻正文".repeat(6),
        "更多的字".repeat(5),
        "完".repeat(20),
    );
    assert_eq!(text.chars().count(), 120);
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("2021-03-04.txt");
    std::fs::write(&src, &text).expect("write the issue");
    let archive = dir.path().join("archive");
    let out = on_a_pipe(&[p("--archive"), &archive, p("import"), &src]);
    let err = assert_inert(&out.stderr, "import's stderr");
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("1 added, 0 replaced, 0 unchanged, 0 failed"),
        "{err}"
    );
    // The offsets are the file's: the first after "2021年3月4日\n本报讯" (15 + 1 + 9 bytes).
    assert!(
        err.contains("10 control characters (at bytes 25, 102, 175, 180, 241 and 5 more)"),
        "{err}"
    );
    let out = on_a_pipe(&[p("--archive"), &archive, p("list"), p("--json")]);
    assert_eq!(json_lines(&out.stdout).len(), 1);
}
