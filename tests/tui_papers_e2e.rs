//! The reader in a real terminal (tmux) on an archive of two papers kept as
//! `PAPER/YYYY-MM-DD/PP.txt`: the papers list, one paper's issues, `]` within the paper,
//! page rows and the calendar.

mod common;

use common::tmux::{self, SCREEN_TIMEOUT, Tmux, assert_aligned};
use dubao::tui::app::Pane;

#[test]
fn two_papers_laid_out_by_day_and_page() {
    if !tmux::available() {
        eprintln!("skipped: tmux is not installed (the CI script installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("papers");
    let sample = common::sample_dir();
    for (at, from) in [
        ("山西日报/2023-11-19/01.txt", "000_f8e1adb28c4d49b6.txt"),
        ("山西日报/2023-11-19/02.txt", "002_b7585974fde4cee9.txt"),
        ("山西日报/2023-11-21/01.txt", "004_6d3b14249bc8cb53.txt"),
        ("太原日报/2023-11-20/01.txt", "003_f253e97590e3b591.txt"),
    ] {
        let to = src.join(at);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(sample.join(from), &to).unwrap();
    }
    let archive = dir.path().join("archive");
    tmux::import(&archive, &src);
    let (w, h) = (120, 32);
    let t = Tmux::dubao(
        "papers",
        w,
        h,
        &["--archive", &archive.display().to_string()],
    );
    let screen = t.wait_for("Issues 3 · all papers", SCREEN_TIMEOUT);
    assert_aligned(&screen, w, h, Pane::Issues, None);
    // The latest: 山西日报 11-21. `[` skips 太原日报's 11-20 for 山西日报's 11-19.
    t.keys(&["["]);
    t.wait_for("山西日报 2023-11-19 第1版 · issue 1/3", SCREEN_TIMEOUT);
    // Its two pages.
    t.keys(&["Enter"]);
    let screen = t.wait_until("page rows", SCREEN_TIMEOUT, |s| {
        s.contains("第1版") && s.contains("第2版")
    });
    assert_aligned(&screen, w, h, Pane::Articles, None);
    t.keys(&[">"]);
    t.wait_for("山西日报 2023-11-19 第2版", SCREEN_TIMEOUT);
    // P: the papers, all first; the last row is 山西日报: choose it.
    t.keys(&["P"]);
    let screen = t.wait_for(" Papers ", SCREEN_TIMEOUT);
    assert!(
        screen.contains("all papers") && screen.contains("太原日报"),
        "{screen}"
    );
    assert!(screen.contains("2023-11-19 – 2023-11-21"), "{screen}");
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("Issues 2 · 山西日报", SCREEN_TIMEOUT);
    // The calendar of 山西日报.
    t.keys(&["C"]);
    let screen = t.wait_for("November 2023", SCREEN_TIMEOUT);
    assert!(screen.contains("2 of 30 days have an issue"), "{screen}");
    // (C closes it too; an Esc followed at once by another key reads as Alt-key.)
    t.keys(&["C", "q"]);
    t.wait_for("dubao exited 0", SCREEN_TIMEOUT);
}
