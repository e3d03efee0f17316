//! The `Library` contract: what the reader may rely on from any library, run against the
//! local tantivy archive and the in-memory one built from the same parsed issues. Both
//! must give the same answers (ranking aside, which the contract leaves to each).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use dubao::archive::import::issue_id;
use dubao::archive::library::LocalLibrary;
use dubao::archive::memory::MemoryLibrary;
use dubao::archive::{
    Archive, ArchiveError, ErrorKind, ImportOptions, IssueId, Library, SearchOptions, query,
};
use dubao::ingest::{self, Issue};

/// The sample issues as `ingest` parses them (what both libraries are built from).
fn parsed() -> Vec<Issue> {
    // Canonical, as the archive keeps paths.
    let dir = std::fs::canonicalize(common::root().join("assets/sample")).expect("canonical");
    ingest::issues(ingest::collect_inputs(&[dir]), &Default::default())
        .map(|i| i.expect("the sample parses"))
        .collect()
}

fn local() -> (tempfile::TempDir, LocalLibrary) {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive_dir = dir.path().join("archive");
    let archive = Archive::open_or_create(&archive_dir).expect("create");
    archive
        .import(
            &[common::root().join("assets/sample")],
            &ImportOptions::default(),
            &mut |_| {},
        )
        .expect("import");
    drop(archive);
    let lib = LocalLibrary::open(&archive_dir).expect("open");
    (dir, lib)
}

type Found = BTreeSet<(IssueId, u32)>;

fn found(lib: &dyn Library, text: &str, issue: Option<IssueId>) -> (usize, Found) {
    let q = query::parse(text).expect("query");
    let opts = SearchOptions {
        limit: 0,
        offset: 0,
        issue,
        ..SearchOptions::default()
    };
    let r = lib.search(&q, &opts).expect("search");
    assert_eq!(r.total, r.hits.len(), "{text}: limit 0 gives every hit");
    (
        r.total,
        r.hits
            .iter()
            .map(|h| (h.issue.clone(), h.article))
            .collect(),
    )
}

/// The articles of `issues` that hold `term` in one of their texts, by brute force.
fn brute(issues: &[Issue], terms: &[&str], not: &[&str]) -> Found {
    let fold = |s: &str| dubao::archive::fold::fold_str(s);
    let mut out = Found::new();
    for issue in issues {
        let id = issue_id(&issue.key);
        for (n, a) in issue.articles.iter().enumerate() {
            let texts: Vec<String> = a.texts().iter().map(|(_, t)| fold(t)).collect();
            let has = |t: &str| texts.iter().any(|x| x.contains(&fold(t)));
            if terms.iter().all(|t| has(t)) && !not.iter().any(|t| has(t)) {
                out.insert((id.clone(), n as u32));
            }
        }
    }
    out
}

fn contract(lib: &dyn Library, issues: &[Issue]) {
    // Listing: every issue once, oldest first, with its article count.
    let listed = lib.issues().expect("issues");
    assert_eq!(listed.len(), issues.len());
    let dates: Vec<_> = listed.iter().map(|m| m.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| (d.is_none(), *d));
    assert_eq!(dates, sorted, "oldest first, undated last");
    let counts = lib.counts().expect("counts");
    assert_eq!(counts.issues, issues.len());
    assert_eq!(
        counts.articles,
        issues.iter().map(|i| i.articles.len()).sum::<usize>()
    );

    // Reading: the articles and the raw text as parsed.
    for issue in issues {
        let id = issue_id(&issue.key);
        let meta = listed.iter().find(|m| m.id == id).expect("listed");
        assert_eq!(meta.articles, issue.articles.len());
        assert_eq!(meta.paper, issue.paper);
        assert_eq!(meta.date, issue.date);
        assert_eq!(lib.articles(&id).expect("articles"), issue.articles);
        for file in &issue.files {
            assert_eq!(lib.raw(&id, &file.source).expect("raw"), file.text);
        }
        let e = lib.raw(&id, "/no/such/file.txt").expect_err("no such file");
        assert_eq!(e.kind(), ErrorKind::Missing, "{e}");
    }
    let nobody = IssueId("000000000000".into());
    for e in [
        lib.articles(&nobody).expect_err("no such issue"),
        lib.raw(&nobody, "x.txt").expect_err("no such issue"),
    ] {
        assert_eq!(e.kind(), ErrorKind::Missing, "{e}");
        assert!(matches!(e, ArchiveError::NoSuchIssue { .. }));
    }

    // Searching: exactly the articles that hold every term, in either script.
    for (text, terms, not) in [
        ("太原", vec!["太原"], vec![]),
        ("造血干细胞", vec!["造血干细胞"], vec![]),
        ("脫貧", vec!["脱贫"], vec![]),
        ("脱贫", vec!["脫貧"], vec![]),
        ("山西 会议", vec!["山西", "会议"], vec![]),
        ("山西 -太原", vec!["山西"], vec!["太原"]),
        ("，", vec!["，"], vec![]),
        ("没有这样的词语组合", vec!["没有这样的词语组合"], vec![]),
    ] {
        let (total, got) = found(lib, text, None);
        let want = brute(issues, &terms, &not);
        assert_eq!(got, want, "{text}");
        assert_eq!(total, want.len(), "{text}");
    }

    // Filters: a date range, a paper, one issue.
    let (_, all) = found(lib, "山西", None);
    let (_, dated) = found(lib, "山西 date:2023", None);
    let in_2023: BTreeSet<IssueId> = listed
        .iter()
        .filter(|m| m.date.is_some_and(|d| d.to_string().starts_with("2023")))
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(
        dated,
        all.iter()
            .filter(|(i, _)| in_2023.contains(i))
            .cloned()
            .collect::<Found>()
    );
    let (_, papered) = found(lib, "山西 paper:山西日报", None);
    let of_paper: BTreeSet<IssueId> = listed
        .iter()
        .filter(|m| m.paper.as_deref().is_some_and(|p| p.contains("山西日报")))
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(
        papered,
        all.iter()
            .filter(|(i, _)| of_paper.contains(i))
            .cloned()
            .collect::<Found>()
    );
    let one = listed[0].id.clone();
    let (_, scoped) = found(lib, "山西", Some(one.clone()));
    assert!(scoped.iter().all(|(i, _)| *i == one));
    assert_eq!(
        scoped,
        all.iter()
            .filter(|(i, _)| *i == one)
            .cloned()
            .collect::<Found>()
    );

    // Paging: pages of five put together are the whole list, in the same order.
    let q = query::parse("山西").expect("query");
    let whole = lib
        .search(
            &q,
            &SearchOptions {
                limit: 0,
                ..SearchOptions::default()
            },
        )
        .expect("search");
    let mut paged = Vec::new();
    while paged.len() < whole.total {
        let page = lib
            .search(
                &q,
                &SearchOptions {
                    limit: 5,
                    offset: paged.len(),
                    issue: None,
                    ..SearchOptions::default()
                },
            )
            .expect("a page");
        assert_eq!(page.total, whole.total, "every page counts every hit");
        assert!(!page.hits.is_empty() && page.hits.len() <= 5);
        paged.extend(page.hits);
    }
    let key = |h: &dubao::archive::Hit| (h.issue.clone(), h.article);
    assert_eq!(
        paged.iter().map(key).collect::<Vec<_>>(),
        whole.hits.iter().map(key).collect::<Vec<_>>()
    );

    // Hits carry what the reader shows: the title and a snippet with the match lit.
    for hit in &whole.hits {
        let article = &lib.articles(&hit.issue).expect("articles")[hit.article as usize];
        assert_eq!(hit.title, article.display_title().text);
        assert!(!hit.snippet.highlights.is_empty(), "{:?}", hit.snippet);
        for [from, to] in &hit.snippet.highlights {
            let lit: String = hit
                .snippet
                .text
                .chars()
                .skip(*from)
                .take(to - from)
                .collect();
            assert_eq!(dubao::archive::fold::fold_str(&lit), "山西", "{lit:?}");
        }
    }
    // The timeline: every hit counted once, in its issue's year; every article in its.
    let t = lib.timeline(&q, None, None).expect("timeline");
    assert_eq!(t.total as usize, whole.total);
    assert_eq!(
        t.periods.iter().map(|p| p.hits).sum::<u64>() + t.undated,
        t.total
    );
    assert_eq!(
        t.periods.iter().map(|p| p.articles).sum::<u64>(),
        counts.articles as u64
    );
    for p in &t.periods {
        let in_year = whole
            .hits
            .iter()
            .filter(|h| h.date.is_some_and(|d| d.to_string().starts_with(&p.period)))
            .count();
        assert_eq!(p.hits as usize, in_year, "{}", p.period);
    }
    let empty = lib
        .search(&query::parse("").expect("query"), &SearchOptions::default())
        .expect("search");
    assert_eq!(empty.total, 0);
    assert!(!lib.location().is_empty());
}

#[test]
fn the_local_archive_keeps_the_contract() {
    let (_dir, lib) = local();
    contract(&lib, &parsed());
}

#[test]
fn the_memory_library_keeps_the_contract() {
    let lib = MemoryLibrary::new(parsed());
    contract(&lib, &parsed());
}

#[test]
fn both_say_when_they_changed() {
    let (dir, local) = local();
    assert!(!local.changed(), "nothing changed since it was opened");
    // An import commits: the next poll sees it, the one after does not.
    let extra = dir.path().join("extra/2024-03-01.txt");
    std::fs::create_dir_all(extra.parent().unwrap()).unwrap();
    std::fs::write(&extra, "新的标题\n\n本报讯 新的一天，新的消息。").unwrap();
    // The manifest's time has a resolution of its file system: make the change visible.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let archive = Archive::open(Path::new(&local.location())).expect("open to import");
    archive
        .import(&[extra], &ImportOptions::default(), &mut |_| {})
        .expect("import");
    assert!(local.changed());
    assert!(!local.changed());
    assert_eq!(local.counts().unwrap().issues, parsed().len() + 1);

    let memory = MemoryLibrary::new(parsed());
    assert!(!memory.changed());
    let issue = ingest::issue_from_text(
        Path::new("extra/2024-03-01.txt"),
        "新的标题\n\n本报讯 新的一天，新的消息。".into(),
        &Default::default(),
    );
    memory.insert(issue);
    assert!(memory.changed());
    assert!(!memory.changed());
    assert_eq!(memory.counts().unwrap().issues, parsed().len() + 1);
}
