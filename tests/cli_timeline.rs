//! `dubao search QUERY --by year|month` and `--sort`: counts that add up, periods with
//! zeros, orders that hold.

mod common;

use std::collections::BTreeMap;

use common::{dubao, sample_archive};
use serde_json::Value;

fn run(args: &[&str]) -> Vec<Value> {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

fn periods(query: &str, by: &str) -> Vec<(String, u64, u64)> {
    run(&["search", query, "--by", by, "--json"])
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_owned(),
                p["hits"].as_u64().unwrap(),
                p["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn per_year_counts_are_the_years_of_every_hit() {
    for query in ["山西", "太原", "脱贫", "会议 -太原"] {
        let hits = run(&["search", query, "--json", "--limit", "0"]);
        let mut by_year: BTreeMap<String, u64> = BTreeMap::new();
        for h in &hits {
            let date = h["date"].as_str().expect("the sample issues are dated");
            *by_year.entry(date[..4].to_owned()).or_default() += 1;
        }
        let years = periods(query, "year");
        // Every year of the archive's span, 2020 to 2024, zeros included.
        let labels: Vec<&str> = years.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(labels, ["2020", "2021", "2022", "2023", "2024"], "{query}");
        for (year, n, _) in &years {
            assert_eq!(
                *n,
                by_year.get(year).copied().unwrap_or(0),
                "{query} {year}"
            );
        }
        assert_eq!(years.iter().map(|p| p.1).sum::<u64>(), hits.len() as u64);
    }
}

#[test]
fn the_articles_column_adds_up_to_the_archive() {
    let listed = run(&["list", "--json"]);
    let articles: u64 = listed.iter().map(|i| i["articles"].as_u64().unwrap()).sum();
    let years = periods("山西", "year");
    assert_eq!(years.iter().map(|p| p.2).sum::<u64>(), articles);
    for (_, hits, all) in &years {
        assert!(hits <= all);
    }
}

#[test]
fn a_year_by_month_is_twelve_periods_adding_up_to_its_hits() {
    let months = periods("太原 date:2023", "month");
    let labels: Vec<String> = months.iter().map(|p| p.0.clone()).collect();
    let want: Vec<String> = (1..=12).map(|m| format!("2023-{m:02}")).collect();
    assert_eq!(labels, want);
    let hits = run(&["search", "太原 date:2023", "--json", "--limit", "0"]);
    assert!(!hits.is_empty());
    assert_eq!(months.iter().map(|p| p.1).sum::<u64>(), hits.len() as u64);
}

#[test]
fn sorting_by_date_is_monotone_both_ways() {
    let dates = |sort: &str| -> Vec<String> {
        run(&["search", "山西", "--json", "--limit", "0", "--sort", sort])
            .iter()
            .map(|h| h["date"].as_str().unwrap().to_owned())
            .collect()
    };
    let newest = dates("newest");
    let oldest = dates("oldest");
    assert!(newest.len() > 5);
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    let mut a = newest.clone();
    a.sort();
    let mut b = dates("relevance");
    b.sort();
    assert_eq!(a, b, "the same hits, another order");
    // Paging keeps the order: the first five of newest are the newest five.
    let five: Vec<String> = run(&[
        "search", "山西", "--json", "--limit", "5", "--sort", "newest",
    ])
    .iter()
    .map(|h| h["date"].as_str().unwrap().to_owned())
    .collect();
    assert_eq!(five, newest[..5]);
}

#[test]
fn the_table_has_a_bar_per_row() {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["search", "山西", "--by", "year"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("27 hits for 山西 by year"), "{text}");
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(rows.len(), 5, "{text}");
    assert!(rows.iter().any(|r| r.contains('█')), "{text}");
}

#[test]
fn gaps_are_the_days_a_paper_has_no_issue() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("山西日报");
    for day in ["2023-11-19", "2023-11-20", "2023-11-23"] {
        std::fs::create_dir_all(src.join(day)).unwrap();
        std::fs::write(
            src.join(day).join("01.txt"),
            format!("标题{day}\n\n本报讯 这一天的报道正文。\n"),
        )
        .unwrap();
    }
    let archive = dir.path().join("a");
    let out = dubao()
        .arg("--archive")
        .arg(&archive)
        .arg("import")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = dubao()
        .arg("--archive")
        .arg(&archive)
        .args(["list", "--gaps", "--json"])
        .output()
        .unwrap();
    let gaps: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["paper"].as_str().unwrap().to_owned(),
                v["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("山西日报".to_owned(), "2023-11-21".to_owned()),
            ("山西日报".to_owned(), "2023-11-22".to_owned())
        ]
    );
}
