//! The concordance (`dubao kwic`, the pane's `Alt-c`) lists exactly what search finds,
//! occurrence by occurrence, each in its context as printed, the matches lined up.

mod common;

use common::{dubao, sample_archive};
use dubao::archive::concordance::{self, KwicSort};
use dubao::archive::fold::fold_char;
use dubao::archive::library::LocalLibrary;
use dubao::archive::{Library, query};
use dubao::text::{LayoutOptions, display_width};

fn library() -> LocalLibrary {
    LocalLibrary::open(sample_archive()).expect("open the sample")
}

/// Every line of the concordance of `text`, in `sort` order.
fn all_lines(lib: &dyn Library, text: &str, sort: KwicSort) -> Vec<concordance::KwicLine> {
    let q = query::parse(text).unwrap();
    let mut out = Vec::new();
    let mut from = Some(0);
    while let Some(at) = from {
        let page = concordance::page(lib, &q, None, sort, at, 12).unwrap();
        from = page.next_hit;
        out.extend(page.lines);
    }
    out
}

/// Occurrences of `term` in `text`, counted by hand: every place the folded text (white
/// space gone, script and width folded) starts with the folded term, overlaps included.
fn occurrences(text: &str, term: &str) -> usize {
    let hay: Vec<char> = text.chars().filter_map(fold_char).collect();
    let needle: Vec<char> = term.chars().filter_map(fold_char).collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return 0;
    }
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn every_occurrence_is_a_line_in_both_scripts() {
    let lib = library();
    for term in [
        "脱贫",
        "脫貧",
        "山西",
        "太原",
        "发展",
        "發展",
        "，中国",
        "哈哈",
    ] {
        let mut want = 0;
        for issue in lib.issues().unwrap() {
            for a in lib.articles(&issue.id).unwrap() {
                want += a
                    .texts()
                    .iter()
                    .map(|(_, t)| occurrences(t, term))
                    .sum::<usize>();
            }
        }
        let got = all_lines(&lib, term, KwicSort::Date);
        assert_eq!(got.len(), want, "{term}");
    }
}

#[test]
fn every_line_is_its_article_as_printed() {
    let lib = library();
    for term in ["脫貧", "山西", "太原"] {
        for line in all_lines(&lib, term, KwicSort::Date) {
            let articles = lib.articles(&line.issue).unwrap();
            let article = &articles[line.article as usize];
            let joined = format!("{}{}{}", line.left, line.matched, line.right);
            assert!(
                article.texts().iter().any(|(_, t)| t.contains(&joined)),
                "{joined:?} is not in {:?}",
                line.title
            );
            let folded: String = line.matched.chars().filter_map(fold_char).collect();
            let want: String = term.chars().filter_map(fold_char).collect();
            assert_eq!(folded, want);
        }
    }
}

#[test]
fn the_orders_are_monotone() {
    let lib = library();
    let key = |s: &str| -> Vec<char> { s.chars().filter_map(fold_char).collect() };
    let lines = all_lines(&lib, "山西", KwicSort::Date);
    assert!(lines.len() > 10);
    assert!(lines.windows(2).all(|w| w[0].date <= w[1].date));
    let lines = all_lines(&lib, "山西", KwicSort::Left);
    let lefts: Vec<Vec<char>> = lines
        .iter()
        .map(|l| key(&l.left).into_iter().rev().collect())
        .collect();
    assert!(lefts.windows(2).all(|w| w[0] <= w[1]), "{lefts:?}");
    let lines = all_lines(&lib, "山西", KwicSort::Right);
    let rights: Vec<Vec<char>> = lines.iter().map(|l| key(&l.right)).collect();
    assert!(rights.windows(2).all(|w| w[0] <= w[1]));
}

/// The display column where 【 opens on each line of the plain output.
fn match_columns(args: &[&str], ambiguous_wide: bool) -> Vec<usize> {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let opts = LayoutOptions {
        ambiguous_wide,
        ..LayoutOptions::default()
    };
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let at = l.find('【').expect("the match is marked on a pipe");
            display_width(&l[..at], &opts)
        })
        .collect()
}

#[test]
fn the_plain_output_lines_the_matches_up() {
    // Both scripts; contexts with CJK, Latin, digits and ambiguous “ ” … in them.
    for query in ["脱贫", "脫貧", "山西", "的", "2023"] {
        for (flag, wide) in [(None, false), (Some("--ambiguous-wide"), true)] {
            let mut args = vec!["kwic", query, "--context", "9"];
            args.extend(flag);
            let cols = match_columns(&args, wide);
            assert!(!cols.is_empty(), "{query}");
            assert!(
                cols.iter().all(|c| *c == cols[0]),
                "{query} {flag:?}: match columns {cols:?}"
            );
        }
    }
}

#[test]
fn kwic_json_has_the_documented_fields() {
    let out = dubao()
        .arg("--archive")
        .arg(sample_archive())
        .args(["kwic", "脱贫", "--json", "--sort", "right", "--limit", "3"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "--limit");
    for l in &lines {
        for k in [
            "issue", "article", "date", "paper", "page", "title", "left", "match", "right",
        ] {
            assert!(l.get(k).is_some(), "{k} in {l}");
        }
        let m = l["match"].as_str().unwrap();
        assert!(m == "脱贫" || m == "脫貧", "as printed: {m}");
    }
}
