//! `dubao import`, `search` and `list` as scripts use them.

mod common;

use common::{dubao, sample_archive, sample_dir};
use serde_json::Value;

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

#[test]
fn search_json_has_the_documented_fields() {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["search", "脱贫", "--json", "--limit", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits = json_lines(&out.stdout);
    assert!(
        hits.len() >= 5,
        "traditional and simplified hits: {}",
        hits.len()
    );
    for h in &hits {
        for key in [
            "query",
            "source",
            "issue",
            "article",
            "date",
            "paper",
            "title",
            "snippet",
            "highlights",
        ] {
            assert!(h.get(key).is_some(), "missing {key} in {h}");
        }
        assert_eq!(h["query"], "脱贫");
        let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
        for r in h["highlights"].as_array().unwrap() {
            let (a, b) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            let cut: String = snippet[a..b].iter().collect();
            assert!(cut == "脱贫" || cut == "脫貧", "{cut}");
        }
    }
}

#[test]
fn limit_and_queries_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("queries.txt");
    std::fs::write(&file, "山西\n\n脱贫 date:2020\n").unwrap();
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["search", "--json", "--limit", "3", "--queries-file"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits = json_lines(&out.stdout);
    let per_query = |q: &str| hits.iter().filter(|h| h["query"] == q).count();
    assert_eq!(per_query("山西"), 3);
    assert!(per_query("脱贫 date:2020") >= 1);
    assert!(
        hits.iter()
            .filter(|h| h["query"] == "脱贫 date:2020")
            .all(|h| h["date"].as_str().unwrap().starts_with("2020"))
    );
}

#[test]
fn a_bad_date_is_an_error_on_stderr() {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["search", "山西 date:2023-13"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("date:2023-13") && err.contains("date:2023-11"),
        "{err}"
    );
}

#[test]
fn no_hits_is_not_a_failure() {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["search", "这个词不在任何文章里", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn list_json() {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["list", "--json"])
        .output()
        .unwrap();
    let issues = json_lines(&out.stdout);
    assert_eq!(issues.len(), 5);
    for i in &issues {
        for key in [
            "issue",
            "source",
            "date",
            "date_inferred",
            "paper",
            "script",
            "articles",
        ] {
            assert!(i.get(key).is_some(), "missing {key}");
        }
    }
    let dates: Vec<&str> = issues.iter().map(|i| i["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");
}

#[test]
fn missing_and_foreign_archives_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dubao()
        .arg("--archive")
        .arg(dir.path().join("none"))
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no archive at") && err.contains("import"),
        "{err}"
    );

    std::fs::write(dir.path().join("thesis.docx"), "x").unwrap();
    let out = dubao()
        .arg("--archive")
        .arg(dir.path())
        .arg("import")
        .arg(sample_dir())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is not a dubao archive"), "{err}");
    assert!(
        dir.path().join("thesis.docx").exists(),
        "nothing of the folder is touched"
    );
    assert!(!dir.path().join("meta.json").exists());
}

#[test]
fn import_reports_bad_files_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("bad.txt"), b"\x00\x01binary").unwrap();
    std::fs::copy(
        sample_dir().join("000_f8e1adb28c4d49b6.txt"),
        src.join("good.txt"),
    )
    .unwrap();
    let out = dubao()
        .arg("--archive")
        .arg(dir.path().join("a"))
        .arg("import")
        .arg(&src)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.txt: binary data"), "{err}");
    assert!(err.contains("1 added") && err.contains("1 failed"), "{err}");
}
