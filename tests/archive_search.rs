//! Search over the sample archive: it never misses what is printed and never returns
//! what is not, across script, white space and repaired paragraph breaks; highlights
//! cut out the terms; odd queries are handled.

mod common;

use std::collections::BTreeSet;
use std::time::Instant;

use common::{Rng, sample_archive};
use dubao::archive::fold::{Folded, fold_str};
use dubao::archive::{Archive, ArticleRef, SearchOptions, query};
use dubao::ingest::Article;

fn all_articles(archive: &Archive) -> Vec<(ArticleRef, Article)> {
    let mut out = Vec::new();
    for issue in archive.issues().unwrap() {
        for (n, a) in archive.articles(&issue.id).unwrap().into_iter().enumerate() {
            out.push((
                ArticleRef {
                    issue: issue.id.clone(),
                    article: n as u32,
                },
                a,
            ));
        }
    }
    out
}

fn contains(article: &Article, folded_term: &[char]) -> bool {
    article
        .texts()
        .iter()
        .any(|(_, t)| !Folded::new(t).find_all(folded_term).is_empty())
}

fn every_hit(archive: &Archive, q: &str) -> BTreeSet<ArticleRef> {
    let query = query::parse(q).unwrap();
    let results = archive
        .search(
            &query,
            &SearchOptions {
                limit: 0,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(
        results.total,
        results.hits.len(),
        "--limit 0 returns every hit"
    );
    results
        .hits
        .into_iter()
        .map(|h| ArticleRef {
            issue: h.issue,
            article: h.article,
        })
        .collect()
}

/// Substrings of the samples: random ones, ones across a repaired paragraph break, and
/// both converted to the other script.
fn sample_terms(
    articles: &[(ArticleRef, Article)],
    raw_lines: &BTreeSet<String>,
    rng: &mut Rng,
) -> Vec<String> {
    let cc = opencc_fmmseg::OpenCC::new();
    let mut terms = Vec::new();
    while terms.len() < 300 {
        let (_, a) = &articles[rng.below(articles.len())];
        let texts = a.texts();
        let (_, text) = texts[rng.below(texts.len())];
        let chars: Vec<char> = text.chars().collect();
        let len = 2 + rng.below(5);
        if chars.len() < len {
            continue;
        }
        let start = rng.below(chars.len() - len + 1);
        let term: String = chars[start..start + len].iter().collect();
        if fold_str(&term).is_empty() {
            continue;
        }
        terms.push(term);
    }
    // Across the joins that paragraph repair made: a repaired paragraph begins with a
    // whole raw line that is shorter than it.
    let mut across = Vec::new();
    for (_, a) in articles {
        for p in a.paragraphs() {
            for line in raw_lines
                .iter()
                .filter(|l| p.starts_with(l.as_str()) && p.len() > l.len())
            {
                let at = line.chars().count();
                let chars: Vec<char> = p.chars().collect();
                let from = at.saturating_sub(2);
                across.push(
                    chars[from..(at + 3).min(chars.len())]
                        .iter()
                        .collect::<String>(),
                );
            }
        }
    }
    assert!(
        across.len() >= 10,
        "the samples have repaired paragraphs: {across:?}"
    );
    terms.extend(across);
    let converted: Vec<String> = terms
        .iter()
        .take(150)
        .map(|t| {
            if rng.below(2) == 0 {
                cc.s2t(t, false)
            } else {
                cc.t2s(t, false)
            }
        })
        .collect();
    terms.extend(converted);
    terms
}

#[test]
fn search_finds_every_article_that_contains_a_substring_and_no_other() {
    let archive = Archive::open(sample_archive()).unwrap();
    let articles = all_articles(&archive);
    let raw_lines: BTreeSet<String> = archive
        .issues()
        .unwrap()
        .iter()
        .flat_map(|i| {
            archive
                .raw(&i.id)
                .unwrap()
                .lines()
                .map(|l| l.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|l| l.chars().count() > 3)
        .collect();
    let mut rng = Rng::new(0x5eed_d00b);
    let terms = sample_terms(&articles, &raw_lines, &mut rng);
    let started = Instant::now();
    let (mut expected_total, mut found_total, mut hits_total, mut correct_hits) = (0, 0, 0, 0);
    for term in &terms {
        // Quoted, so a term with a space inside stays one term.
        let q = format!("\"{}\"", term.replace('"', ""));
        let folded: Vec<char> = fold_str(&term.replace('"', "")).chars().collect();
        if folded.is_empty() {
            continue;
        }
        let expected: BTreeSet<ArticleRef> = articles
            .iter()
            .filter(|(_, a)| contains(a, &folded))
            .map(|(r, _)| r.clone())
            .collect();
        let got = every_hit(&archive, &q);
        expected_total += expected.len();
        found_total += expected.intersection(&got).count();
        hits_total += got.len();
        correct_hits += got.iter().filter(|r| expected.contains(r)).count();
        assert_eq!(got, expected, "query {q:?}");
    }
    let recall = found_total as f64 / expected_total as f64;
    let precision = correct_hits as f64 / hits_total as f64;
    eprintln!(
        "{} queries: recall {recall:.3}, precision {precision:.3}, {:.0} ms",
        terms.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(recall, 1.0);
    assert_eq!(precision, 1.0);
}

#[test]
fn every_highlight_is_the_term() {
    let archive = Archive::open(sample_archive()).unwrap();
    for q in [
        "脱贫",
        "脫貧攻堅",
        "高质量发展",
        "山西",
        "2023",
        "记者 王勇",
        "Garad",
        "５G",
        "\"五个 引领\"",
    ] {
        let parsed = query::parse(q).unwrap();
        let folded_terms: Vec<String> = parsed.terms.iter().map(|t| fold_str(t)).collect();
        let results = archive
            .search(
                &parsed,
                &SearchOptions {
                    limit: 0,
                    ..SearchOptions::default()
                },
            )
            .unwrap();
        assert!(!results.hits.is_empty(), "{q} has hits");
        for hit in results.hits {
            let chars: Vec<char> = hit.snippet.text.chars().collect();
            assert!(
                !hit.snippet.highlights.is_empty(),
                "{q}: {:?}",
                hit.snippet.text
            );
            for [from, to] in hit.snippet.highlights {
                let cut: String = chars[from..to].iter().collect();
                assert!(
                    folded_terms.contains(&fold_str(&cut)),
                    "{q}: {cut:?} in {:?}",
                    hit.snippet.text
                );
            }
        }
    }
}

#[test]
fn all_terms_must_match_and_exclusions_exclude() {
    let archive = Archive::open(sample_archive()).unwrap();
    let a = every_hit(&archive, "脱贫");
    let b = every_hit(&archive, "攻坚");
    let both = every_hit(&archive, "脱贫 攻坚");
    assert_eq!(both, a.intersection(&b).cloned().collect());
    let without = every_hit(&archive, "脱贫 -攻坚");
    assert_eq!(without, a.difference(&b).cloned().collect());
}

#[test]
fn date_and_paper_filters() {
    let archive = Archive::open(sample_archive()).unwrap();
    let all = every_hit(&archive, "山西");
    let in_2020 = every_hit(&archive, "山西 date:2020");
    assert!(!in_2020.is_empty() && in_2020.len() < all.len());
    for r in &in_2020 {
        let issue = archive.issue(&r.issue).unwrap();
        assert_eq!(issue.date.unwrap().year(), 2020);
    }
    let paper = every_hit(&archive, "paper:山西日报");
    assert!(!paper.is_empty());
    for r in &paper {
        assert_eq!(
            archive.issue(&r.issue).unwrap().paper.as_deref(),
            Some("山西日报")
        );
    }
}

#[test]
fn newer_issues_first_when_scores_tie() {
    let archive = Archive::open(sample_archive()).unwrap();
    let results = archive
        .search(
            &query::parse("date:2000..").unwrap(),
            &SearchOptions {
                limit: 0,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    let dates: Vec<_> = results.hits.iter().map(|h| h.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn odd_queries() {
    let archive = Archive::open(sample_archive()).unwrap();
    let none = archive
        .search(&query::parse("").unwrap(), &SearchOptions::default())
        .unwrap();
    assert_eq!(none.total, 0);
    // Punctuation is printed text too: it is searched for, not an error.
    let punct = archive.search(&query::parse("，。！").unwrap(), &SearchOptions::default());
    assert!(punct.is_ok());
    let commas = archive
        .search(&query::parse("，").unwrap(), &SearchOptions::default())
        .unwrap();
    assert!(commas.total > 0);
    assert!(matches!(
        query::parse("date:2023-02-30"),
        Err(query::QueryError::BadDate { .. })
    ));
    assert!(matches!(
        query::parse(&"脱".repeat(10_000)),
        Err(query::QueryError::TooLong { .. })
    ));
    let long = "脱贫攻坚".repeat(200);
    let results = archive
        .search(&query::parse(&long).unwrap(), &SearchOptions::default())
        .unwrap();
    assert_eq!(results.total, 0);
}

#[test]
fn paging_returns_the_next_hits() {
    let archive = Archive::open(sample_archive()).unwrap();
    let q = query::parse("山西").unwrap();
    let all = archive
        .search(
            &q,
            &SearchOptions {
                limit: 0,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    let page2 = archive
        .search(
            &q,
            &SearchOptions {
                limit: 5,
                offset: 5,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    let ids = |hs: &[dubao::archive::Hit]| {
        hs.iter()
            .map(|h| (h.issue.clone(), h.article))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&page2.hits), ids(&all.hits[5..10]));
    assert_eq!(page2.total, all.total);
}

#[test]
fn search_within_one_issue() {
    let archive = Archive::open(sample_archive()).unwrap();
    let issue = archive
        .issues()
        .unwrap()
        .into_iter()
        .find(|i| i.paper.is_some())
        .unwrap();
    let q = query::parse("山西").unwrap();
    let results = archive
        .search(
            &q,
            &SearchOptions {
                limit: 0,
                offset: 0,
                issue: Some(issue.id.clone()),
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert!(results.total > 0);
    assert!(results.hits.iter().all(|h| h.issue == issue.id));
}
