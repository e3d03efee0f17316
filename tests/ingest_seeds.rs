//! Scores `parse` on the five sample issues against the hand labels, with the rules of
//! `../shared/tools/score_segmentation.py` (articles matched on the first 16 characters
//! of their first paragraph, white space ignored).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use dubao::ingest::{self, Article};
use serde_json::Value;

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn expected_paragraphs(a: &Value) -> Vec<String> {
    a["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["paragraphs"].as_array().into_iter().flatten())
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect()
}

fn key_of(paragraphs: &[String]) -> Option<String> {
    paragraphs
        .iter()
        .map(|p| norm(p))
        .find(|p| !p.is_empty())
        .map(|p| p.chars().take(16).collect())
}

fn article_paragraphs(a: &Article) -> Vec<String> {
    a.paragraphs().map(str::to_owned).collect()
}

#[derive(Default, Debug)]
struct Tally {
    expected: usize,
    produced: usize,
    matched: usize,
    titles: usize,
    titles_ok: usize,
    paras: usize,
    paras_ok: usize,
    misses: Vec<String>,
}

fn score_file(name: &str, spec: &Value, got: &[Article], t: &mut Tally) {
    let ambiguous: HashSet<String> = spec["ambiguous"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(norm))
        .collect();
    let produced: Vec<&Article> = got
        .iter()
        .filter(|a| {
            let ps = article_paragraphs(a);
            !(key_of(&ps).is_some() && ps.iter().all(|p| ambiguous.contains(&norm(p))))
        })
        .collect();
    let mut by_key: HashMap<Option<String>, &Article> = HashMap::new();
    for a in &produced {
        by_key.entry(key_of(&article_paragraphs(a))).or_insert(a);
    }
    let expected = spec["articles"].as_array().expect("articles");
    t.expected += expected.len();
    t.produced += produced.len();
    for e in expected {
        let exp_paras = expected_paragraphs(e);
        let roles: Vec<(&str, &str)> = ["kicker", "title", "subtitle"]
            .iter()
            .filter_map(|r| e[*r].as_str().map(|v| (*r, v)))
            .collect();
        let heads: Vec<&str> = e["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["heading"].as_str())
            .collect();
        let captions: Vec<String> = e["captions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.as_str().map(str::to_owned))
            .collect();
        t.titles += roles.len() + heads.len();
        t.paras += exp_paras.len() + captions.len();
        let Some(b) = by_key.get(&key_of(&exp_paras)) else {
            t.misses
                .push(format!("{name}: missing article {:?}", key_of(&exp_paras)));
            continue;
        };
        t.matched += 1;
        for (role, want) in roles {
            let got = match role {
                "kicker" => &b.kicker,
                "title" => &b.title,
                _ => &b.subtitle,
            };
            if got.as_deref().map(norm) == Some(norm(want)) {
                t.titles_ok += 1;
            } else {
                t.misses.push(format!("{name}: {role} {want:?} != {got:?}"));
            }
        }
        let got_heads: HashSet<String> = b
            .sections
            .iter()
            .filter_map(|s| s.heading.as_deref().map(norm))
            .collect();
        for h in heads {
            if got_heads.contains(&norm(h)) {
                t.titles_ok += 1;
            } else {
                t.misses.push(format!("{name}: heading {h:?} missing"));
            }
        }
        let got_paras: HashSet<String> = b
            .paragraphs()
            .chain(b.captions.iter().map(String::as_str))
            .map(norm)
            .collect();
        for p in exp_paras.iter().chain(&captions) {
            if got_paras.contains(&norm(p)) {
                t.paras_ok += 1;
            } else {
                t.misses.push(format!(
                    "{name}: paragraph not found {:?}",
                    p.chars().take(20).collect::<String>()
                ));
            }
        }
    }
}

#[test]
fn segmentation_of_the_samples_meets_the_bar() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let labels: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/seeds-expected.json")).unwrap(),
    )
    .unwrap();
    let mut t = Tally::default();
    for (name, spec) in labels.as_object().unwrap() {
        let issue = ingest::parse_file(&root.join("assets/sample").join(name)).unwrap();
        assert_eq!(
            issue.script.as_str(),
            spec["script"].as_str().unwrap(),
            "{name}: script"
        );
        score_file(name, spec, &issue.articles, &mut t);
    }
    let p = t.matched as f64 / t.produced as f64;
    let r = t.matched as f64 / t.expected as f64;
    let f1 = 2.0 * p * r / (p + r);
    let titles = t.titles_ok as f64 / t.titles as f64;
    let paras = t.paras_ok as f64 / t.paras as f64;
    eprintln!(
        "articles F1 {f1:.3} (precision {p:.3}, recall {r:.3}; {}/{} expected, {} produced) · titles {titles:.3} · paragraphs {paras:.3}",
        t.matched, t.expected, t.produced
    );
    for m in &t.misses {
        eprintln!("  {m}");
    }
    assert!(f1 >= 0.95, "articles F1 {f1:.3} < 0.95");
    assert!(titles >= 0.90, "titles {titles:.3} < 0.90");
    assert!(paras >= 0.95, "paragraphs {paras:.3} < 0.95");
}
