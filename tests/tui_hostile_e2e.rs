//! A short issue whose text is laced with control characters, through `dubao import` and
//! the reader in a real terminal (tmux): once refused as binary data, it is imported with
//! a warning, and the reader shows each control as a picture (`␇`, `␛`, `␦`…), in the
//! article and in the original text, without obeying any. Skipped, with a message, where
//! tmux is not installed.

mod common;

use common::tmux::{self, SCREEN_TIMEOUT, Tmux, assert_aligned};
use dubao::tui::app::Pane;

/// 120 characters, 10 of them control characters (8 %): BEL, BS, DEL, SO, an 8-bit CSI
/// (U+009B), a C1 DCS with its ST, a CSI 2J and an OSC 0 (set title) ended by BEL.
const ISSUE: &str = "# 控制字符测试\n\n\
    本报讯 响铃\u{7}之后，退格\u{8}之后，删除\u{7f}之后，换出\u{e}之后，\
    八位\u{9b}2J之后，字符串\u{90}q\u{9c}之后，转义\u{1b}[2J之后，标题\u{1b}]0;PWNED\u{7}之后。\n\n\
    这是一段普通的新闻文字，用来凑足篇幅。其余内容照常显示在阅读器里，一字不少。\n";

/// What the reader shows for each control, with the text on both sides.
const PICTURED: [&str; 8] = [
    "响铃␇之后",
    "退格␈之后",
    "删除␡之后",
    "换出␎之后",
    "八位␦2J之后",
    "字符串␦q␦之后",
    "转义␛之后",
    "标题␛之后",
];

/// The rows of a screen between two columns (a pane's inside), trimmed and joined:
/// wrapped text reads as one again.
fn pane_text(screen: &str, from: usize, to: usize) -> String {
    screen
        .lines()
        .map(|row| {
            let mut x = 0;
            let mut out = String::new();
            for c in row.chars() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if x >= from && x + w <= to {
                    out.push(c);
                }
                x += w;
            }
            out.trim().to_owned()
        })
        .collect()
}

#[test]
fn a_short_issue_with_control_characters_is_read_with_pictures() {
    if !tmux::available() {
        eprintln!("skipped: tmux is not installed (the CI script installs it)");
        return;
    }
    assert_eq!(ISSUE.chars().count(), 120);
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("src");
    std::fs::create_dir(&source).expect("source folder");
    std::fs::write(source.join("2021-03-04.txt"), ISSUE).expect("write the issue");
    let archive = dir.path().join("archive");
    let out = common::dubao()
        .arg("--archive")
        .arg(&archive)
        .arg("import")
        .arg(&source)
        .output()
        .expect("run dubao import");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("1 added"), "imported, not refused: {err}");
    assert!(
        err.contains("10 control characters (at bytes 38, 54, 70, 86, 102 and 5 more)"),
        "{err}"
    );

    let (w, h) = (100, 30);
    let t = Tmux::dubao(
        "hostile-short",
        w,
        h,
        &["--archive", &archive.display().to_string()],
    );
    t.wait_for("Issues 1", SCREEN_TIMEOUT);
    let title = t.display("#{pane_title}");
    t.keys(&["Enter"]);
    t.wait_for("2021-03-04 · 1 articles", SCREEN_TIMEOUT);
    t.keys(&["Enter"]);
    let screen = t.wait_for("控制字符测试", SCREEN_TIMEOUT);
    let text = pane_text(&screen, 36, 98);
    for pictured in PICTURED {
        assert!(
            text.contains(pictured),
            "{pictured:?} in the article:\n{screen}"
        );
    }
    assert!(text.contains("一字不少"), "the rest is there:\n{screen}");
    assert_aligned(&screen, w, h, Pane::Reader, None);

    // The original text shows the same pictures.
    t.keys(&["o"]);
    let screen = t.wait_for("original text · 2021-03-04.txt", SCREEN_TIMEOUT);
    let text = pane_text(&screen, 36, 98);
    for pictured in PICTURED {
        assert!(
            text.contains(pictured),
            "{pictured:?} in the original:\n{screen}"
        );
    }
    assert_aligned(&screen, w, h, Pane::Reader, None);
    t.keys(&["q"]);
    t.wait_for("dubao exited 0", SCREEN_TIMEOUT);
    assert_eq!(t.display("#{pane_title}"), title, "the title was not set");
}
