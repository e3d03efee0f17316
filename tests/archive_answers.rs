//! The archive's answers, recorded: every search (three orders, top 20 with snippets and
//! highlights), every issue's metadata, articles and raw files, timelines and concordance
//! lines, on the samples, the real pages and a synthetic corpus like the bench's. The
//! snapshot holds one digest per question, so a change to how the archive stores or
//! indexes its texts that changes any answer, by a byte, names the question it changed.
//! It was recorded before the storage of format 3 and has not been re-recorded since.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dubao::archive::concordance::{self, KwicSort};
use dubao::archive::library::LocalLibrary;
use dubao::archive::timeline::Period;
use dubao::archive::{Archive, ImportOptions, SearchOptions, Sort, query};
use dubao::digest::hex_digest;

/// A fixed place: issue ids of files without a paper hash their paths, and ties are
/// ordered by id, so the answers depend on where the files are.
const ROOT: &str = "/tmp/dubao-archive-answers";
const SEED: u64 = 0x5eed_0a45;
const DERIVED_QUERIES: usize = 120;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(from)
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for e in entries {
        let name = e.file_name().expect("name");
        if e.is_dir() {
            copy_dir(&e, &to.join(name));
        } else if e.extension().is_some_and(|x| x == "txt" || x == "md") {
            std::fs::copy(&e, to.join(name)).expect("copy");
        }
    }
}

fn digest(value: &impl serde::Serialize) -> String {
    hex_digest(serde_json::to_string(value).expect("json").as_bytes(), 16)
}

/// Queries people type, taken from the archive's own text: 1–6 characters, two-term
/// queries, exclusions, dates and papers.
fn derived_queries(archive: &Archive) -> Vec<String> {
    let mut rng = synth::Rng::new(SEED);
    let issues = archive.issues().expect("issues");
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < DERIVED_QUERIES && tries < 10_000 {
        tries += 1;
        let issue = rng.pick(&issues);
        let articles = archive.articles(&issue.id).expect("articles");
        if articles.is_empty() {
            continue;
        }
        let a = &articles[rng.below(articles.len())];
        let Some(p) = a
            .paragraphs()
            .nth(rng.below(3))
            .or_else(|| a.paragraphs().next())
        else {
            continue;
        };
        let chars: Vec<char> = p.chars().filter(|c| !c.is_whitespace()).collect();
        let len = 1 + rng.below(6);
        if chars.len() < len * 2 {
            continue;
        }
        let start = rng.below(chars.len() - len);
        let term: String = chars[start..start + len].iter().collect();
        if term.contains(['"', '-', ':']) {
            continue;
        }
        let q = match out.len() % 6 {
            0..=2 => term,
            3 => format!("{term} {}", chars[..2].iter().collect::<String>()),
            4 => match issue.date {
                Some(d) => format!("{term} date:{}", d.year()),
                None => format!("{term} -{}", chars[0]),
            },
            _ => match &issue.paper {
                Some(paper) => format!("{term} paper:{paper}"),
                None => term,
            },
        };
        out.push(q);
    }
    out
}

fn answers(archive: &Archive) -> String {
    let mut out = String::new();
    let list = archive.issue_list().expect("issue list");
    writeln!(out, "issue_list {} {}", list.len(), digest(&list)).unwrap();
    let issues = archive.issues().expect("issues");
    for meta in &issues {
        let articles = archive.articles(&meta.id).expect("articles");
        let raws: Vec<String> = meta
            .files()
            .iter()
            .map(|f| archive.raw_file(&meta.id, &f.path).expect("raw file"))
            .collect();
        let raw = archive.raw(&meta.id).expect("raw");
        writeln!(
            out,
            "issue {} meta {} articles {} {} raw {} files {}",
            meta.id.0,
            digest(meta),
            articles.len(),
            digest(&articles),
            digest(&raw),
            digest(&raws),
        )
        .unwrap();
    }
    let mut queries: Vec<String> = [
        "的",
        "人民",
        "发展",
        "山西",
        "太原 经济",
        "\"新华社\"",
        "改革 -开放",
        "中國",
        "国务院",
        "date:1990",
        "经济 date:1991-01..1991-06",
        "paper:山西日报 发展",
        "记者",
        "习近平",
        "一带一路",
        "，",
        "2023",
        "abc",
    ]
    .map(str::to_owned)
    .to_vec();
    queries.extend(derived_queries(archive));
    let library = LocalLibrary::open(archive.dir()).expect("library");
    for (n, q) in queries.iter().enumerate() {
        let parsed = query::parse(q).expect("query");
        let sorts: &[Sort] = if n < 40 {
            &Sort::ALL
        } else {
            &[Sort::Relevance]
        };
        for &sort in sorts {
            let r = archive
                .search(
                    &parsed,
                    &SearchOptions {
                        limit: 20,
                        sort,
                        ..SearchOptions::default()
                    },
                )
                .expect("search");
            // Scores to six places: the same statistics give the same score, and a
            // printout of a float is not what is compared.
            let hits: Vec<_> = r
                .hits
                .iter()
                .map(|h| {
                    let mut h = h.clone();
                    h.score = (h.score * 1e6).round() / 1e6;
                    serde_json::to_value(&h).expect("hit")
                })
                .collect();
            writeln!(
                out,
                "search {q:?} {} total {} hits {} {}",
                sort.name(),
                r.total,
                hits.len(),
                digest(&hits)
            )
            .unwrap();
        }
        if n < 30 {
            let all = archive
                .search(&parsed, &SearchOptions::default())
                .expect("search all");
            let order: Vec<(String, u32)> = all
                .hits
                .iter()
                .map(|h| (h.issue.0.clone(), h.article))
                .collect();
            let t = archive
                .timeline(&parsed, Some(Period::Year), None)
                .expect("timeline");
            let periods: Vec<_> = t
                .periods
                .iter()
                .map(|p| (p.period.clone(), p.hits, p.articles))
                .collect();
            let kwic = concordance::page(&library, &parsed, None, KwicSort::Date, 0, 12)
                .expect("concordance");
            writeln!(
                out,
                "all {q:?} {} {} timeline {} {} {} concordance {} {}",
                all.total,
                digest(&order),
                t.total,
                digest(&periods),
                digest(&t.papers),
                kwic.lines.len(),
                digest(&kwic.lines),
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn the_archive_answers_as_recorded() {
    let root = Path::new(ROOT);
    std::fs::create_dir_all(root).expect("root");
    // Two runs of this test on one machine would share the folder.
    let lock = std::fs::File::create(root.join(".lock")).expect("lock file");
    lock.lock().expect("lock");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = root.join("files");
    let _ = std::fs::remove_dir_all(&files);
    copy_dir(&manifest.join("assets/sample"), &files.join("sample"));
    copy_dir(
        &manifest.join("tests/fixtures/real/pages/tune"),
        &files.join("pages"),
    );
    let corpus = synth::generate(
        &files.join("synth"),
        &manifest.join("assets/sample"),
        &synth::Spec {
            bytes: 1_500_000,
            seed: SEED,
        },
    )
    .expect("corpus");
    assert!(
        corpus.files.len() > 50,
        "{} synthetic issues",
        corpus.files.len()
    );
    let dir = root.join("archive");
    let _ = std::fs::remove_dir_all(&dir);
    let archive = Archive::open_or_create(&dir).expect("archive");
    // Small commits: several segments, as a long import leaves them.
    let opts = ImportOptions {
        issues_per_commit: 40,
        commit_interval: std::time::Duration::ZERO,
        ..ImportOptions::default()
    };
    let report = archive
        .import(std::slice::from_ref(&files), &opts, &mut |_| {})
        .expect("import");
    assert_eq!(report.failed, 0);
    let text = answers(&archive);
    insta::assert_snapshot!("answers", text);
}
