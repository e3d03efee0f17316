//! `dubao parse` as scripts use it: JSON on stdout, warnings on stderr, exit status.

use std::process::Command;

fn dubao() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dubao"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn parse_json_prints_one_issue_a_line() {
    let out = dubao()
        .args(["parse", "assets/sample", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 5);
    for issue in &lines {
        for key in [
            "source",
            "paper",
            "date",
            "date_inferred",
            "script",
            "warnings",
            "articles",
        ] {
            assert!(issue.get(key).is_some(), "missing {key}");
        }
    }
    assert_eq!(lines[1]["script"], "traditional");
    assert_eq!(lines[1]["articles"].as_array().unwrap().len(), 40);
}

#[test]
fn a_bad_file_warns_and_the_rest_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("scan.txt");
    std::fs::write(&bad, b"PK\x03\x04\0\0binary").unwrap();
    let out = dubao()
        .args(["parse", "--json"])
        .arg(&bad)
        .arg("assets/sample/000_f8e1adb28c4d49b6.txt")
        .output()
        .unwrap();
    assert!(out.status.success(), "one file parsed is success");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("warning: {}: binary data", bad.display())),
        "{stderr}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn nothing_parsed_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = dubao().arg("parse").arg(&empty).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("empty file")
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn outline_without_json() {
    let out = dubao()
        .args(["parse", "assets/sample/003_f253e97590e3b591.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("公交夫妻的别样除夕  (12 paragraphs, 1 caption)"),
        "{stdout}"
    );
}
