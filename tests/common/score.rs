//! Scoring of `parse` against hand labels, with the rules of
//! the scorer this project started from (`score_segmentation.py`): articles matched on the first 16 characters
//! of their first paragraph (white space ignored); titles (kicker, title, subtitle,
//! section headings) and paragraphs (captions included) found exactly on the matched
//! article.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use dubao::ingest::{self, Article};
use serde_json::Value;

/// The bar every labelled set must meet (tests/ingest_seeds.rs, tests/ingest_unseen.rs).
pub const MIN_ARTICLES_F1: f64 = 0.95;
pub const MIN_TITLES: f64 = 0.90;
pub const MIN_PARAGRAPHS: f64 = 0.95;

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
pub struct Tally {
    expected: usize,
    produced: usize,
    matched: usize,
    titles: usize,
    titles_ok: usize,
    paras: usize,
    paras_ok: usize,
    pub misses: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub titles: f64,
    pub paragraphs: f64,
}

impl Tally {
    pub fn figures(&self) -> Figures {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.matched, self.produced);
        let recall = ratio(self.matched, self.expected);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Figures {
            f1,
            precision,
            recall,
            titles: ratio(self.titles_ok, self.titles),
            paragraphs: ratio(self.paras_ok, self.paras),
        }
    }

    pub fn summary(&self) -> String {
        let f = self.figures();
        format!(
            "articles F1 {:.3} (precision {:.3}, recall {:.3}; {}/{} expected, {} produced) · titles {:.3} · paragraphs {:.3}",
            f.f1,
            f.precision,
            f.recall,
            self.matched,
            self.expected,
            self.produced,
            f.titles,
            f.paragraphs
        )
    }

    /// Prints the figures and every miss, then fails below the bar.
    pub fn assert_meets_the_bar(&self, what: &str) {
        eprintln!("{what}: {}", self.summary());
        for m in &self.misses {
            eprintln!("  {m}");
        }
        let f = self.figures();
        assert!(
            f.f1 >= MIN_ARTICLES_F1,
            "{what}: articles F1 {:.3} < {MIN_ARTICLES_F1}",
            f.f1
        );
        assert!(
            f.titles >= MIN_TITLES,
            "{what}: titles {:.3} < {MIN_TITLES}",
            f.titles
        );
        assert!(
            f.paragraphs >= MIN_PARAGRAPHS,
            "{what}: paragraphs {:.3} < {MIN_PARAGRAPHS}",
            f.paragraphs
        );
    }
}

/// Parses every file named in `labels` (a file name → spec JSON object) from `dir`,
/// checks its script, and scores it.
pub fn score_dir(labels_path: &Path, dir: &Path) -> Tally {
    let labels: Value = serde_json::from_str(
        &std::fs::read_to_string(labels_path)
            .unwrap_or_else(|e| panic!("{}: {e}", labels_path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", labels_path.display()));
    let mut t = Tally::default();
    for (name, spec) in labels.as_object().expect("labels are an object") {
        let issue = ingest::parse_file(&dir.join(name), &ingest::ParseOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            issue.script.as_str(),
            spec["script"].as_str().expect("script"),
            "{name}: script"
        );
        score_file(name, spec, &issue.articles, &mut t);
    }
    t
}

pub fn score_file(name: &str, spec: &Value, got: &[Article], t: &mut Tally) {
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
    let expected_keys: HashSet<Option<String>> = expected
        .iter()
        .map(|e| key_of(&expected_paragraphs(e)))
        .collect();
    for a in &produced {
        let key = key_of(&article_paragraphs(a));
        if !expected_keys.contains(&key) {
            t.misses.push(format!(
                "{name}: extra article {:?} starting {key:?}",
                a.title
            ));
        }
    }
    for e in expected {
        score_article(name, e, &by_key, t);
    }
}

fn score_article(name: &str, e: &Value, by_key: &HashMap<Option<String>, &Article>, t: &mut Tally) {
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
        return;
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
