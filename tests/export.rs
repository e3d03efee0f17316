//! `dubao export`: the evidence taken away with its citation — CSV that parses (commas,
//! quotes, line breaks inside the text), Markdown with one heading and one citation per
//! article, JSON lines that round-trip; the reader's bookmarks too.

mod common;

use std::path::Path;

use common::dubao;
use dubao::archive::library::LocalLibrary;
use dubao::archive::{Archive, ImportOptions, Library, query};

/// An archive of the samples and an issue whose text holds what CSV must quote.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src/山西日报/2023-12-01");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("01.txt"),
        "测试报道, \"引号\"和逗号\n\n本报讯 这一段有英文逗号, 还有\"双引号\"。\n\n第二段，换行之后。\n",
    )
    .unwrap();
    let a = Archive::open_or_create(&dir.path().join("a")).unwrap();
    a.import(
        &[common::sample_dir(), dir.path().join("src")],
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    dir
}

fn export(dir: &Path, args: &[&str]) -> String {
    let out = dubao()
        .arg("--archive")
        .arg(dir.join("a"))
        .env("DUBAO_STATE_DIR", dir.join("state"))
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn hits(dir: &Path, text: &str) -> usize {
    let lib = LocalLibrary::open(&dir.join("a")).unwrap();
    let q = query::parse(text).unwrap();
    lib.search(&q, &Default::default()).unwrap().total
}

#[test]
fn csv_parses_with_a_row_per_hit() {
    let dir = archive();
    for q in ["山西", "逗号", "脱贫"] {
        let text = export(dir.path(), &[q, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            [
                "paper", "date", "page", "title", "kicker", "subtitle", "byline", "source",
                "issue", "article", "text"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), hits(dir.path(), q), "{q}");
        for r in &rows {
            assert_eq!(r.len(), 11);
        }
    }
    let text = export(dir.path(), &["逗号", "--format", "csv"]);
    let row = csv::Reader::from_reader(text.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(&row[3], "测试报道, \"引号\"和逗号");
    assert!(
        row[10].contains("英文逗号, 还有\"双引号\"。\n\n第二段"),
        "{:?}",
        &row[10]
    );
    assert_eq!(&row[0], "山西日报");
    assert_eq!(&row[2], "1", "the page from the file's name");
}

#[test]
fn markdown_has_a_heading_and_a_citation_per_article() {
    let dir = archive();
    let text = export(dir.path(), &["山西"]);
    let n = hits(dir.path(), "山西");
    let headings = text.lines().filter(|l| l.starts_with("## ")).count();
    let citations = text
        .lines()
        .filter(|l| l.starts_with('*') && l.ends_with('*') && l.contains(" · "))
        .count();
    assert_eq!((headings, citations), (n, n), "{text}");
    assert!(text.starts_with("# dubao: 山西\n"));
    let text = export(dir.path(), &["逗号"]);
    assert!(text.contains("*山西日报 · 2023-12-01 · 第1版 · "), "{text}");
    // Markdown's own characters in the text are escaped, the text reads as printed.
    assert!(text.contains("## 测试报道, \"引号\"和逗号"), "{text}");
}

#[test]
fn json_lines_round_trip_to_the_articles() {
    let dir = archive();
    let text = export(dir.path(), &["山西", "--format", "jsonl"]);
    let lib = LocalLibrary::open(&dir.path().join("a")).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), hits(dir.path(), "山西"));
    for l in &lines {
        let issue = dubao::archive::IssueId(l["issue"].as_str().unwrap().to_owned());
        let n = l["article"].as_u64().unwrap() as usize;
        let article: dubao::ingest::Article = serde_json::from_value(l["content"].clone()).unwrap();
        assert_eq!(article, lib.articles(&issue).unwrap()[n]);
        assert!(l["citation"].as_str().unwrap().contains(" · "));
    }
    // Oldest first.
    let dates: Vec<&str> = lines.iter().map(|l| l["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn bookmarks_are_exported_from_the_reading_state() {
    let dir = archive();
    let lib = LocalLibrary::open(&dir.path().join("a")).unwrap();
    let issues = lib.issues().unwrap();
    let archive_dir = dir.path().join("a");
    // The state file the reader keeps for this archive (DUBAO_STATE_DIR is the child's).
    let state_path = dubao::config::state::path_in(&dir.path().join("state"), &archive_dir);
    let state = dubao::config::state::ReadingState {
        format: dubao::config::state::STATE_FORMAT,
        archive: std::fs::canonicalize(&archive_dir)
            .unwrap()
            .to_string_lossy()
            .into_owned(),
        bookmarks: [(0, 0), (1, 1)]
            .iter()
            .map(|(i, a)| dubao::config::state::SavedBookmark {
                place: dubao::config::state::SavedPlace {
                    issue: issues[*i].id.0.clone(),
                    article: *a,
                    scroll: 0,
                },
                title: String::new(),
                date: None,
            })
            .collect(),
        ..Default::default()
    };
    dubao::config::state::save(&state_path, &state).unwrap();
    let text = export(dir.path(), &["--bookmarks", "--format", "jsonl"]);
    let got: Vec<(String, u64)> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["issue"].as_str().unwrap().to_owned(),
                v["article"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(issues[0].id.0.clone(), 0), (issues[1].id.0.clone(), 1)]
    );
    // To a file: written whole.
    let file = dir.path().join("out/bookmarks.md");
    export(dir.path(), &["--bookmarks", "-o", file.to_str().unwrap()]);
    let md = std::fs::read_to_string(&file).unwrap();
    assert_eq!(md.lines().filter(|l| l.starts_with("## ")).count(), 2);
}
