//! Importing archives kept as files per page or per article: one issue per paper and
//! day, pages kept, re-imports that change nothing, a changed page that replaces its issue
//! only, a page added later that loses nothing, a file that moves to another issue.

mod common;

use std::path::{Path, PathBuf};

use dubao::archive::{Archive, ImportOptions, ImportReport, IssueMeta};
use dubao::ingest::ParseOptions;

fn import(archive: &Archive, paths: &[PathBuf], paper: Option<&str>) -> ImportReport {
    let opts = ImportOptions {
        parse: ParseOptions {
            paper: paper.map(str::to_owned),
        },
        ..ImportOptions::default()
    };
    archive.import(paths, &opts, &mut |_| {}).expect("import")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The samples laid out as `PAPER/YYYY-MM-DD/PP.txt`.
fn paper_tree(root: &Path) {
    let sample = common::sample_dir();
    for (at, from) in [
        ("山西日报/2023-11-19/01.txt", "000_f8e1adb28c4d49b6.txt"),
        ("山西日报/2023-11-19/02.txt", "002_b7585974fde4cee9.txt"),
        ("山西日报/2023-11-20/01.txt", "004_6d3b14249bc8cb53.txt"),
        ("太原日报/2023-11-19/03.txt", "003_f253e97590e3b591.txt"),
    ] {
        let to = root.join(at);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(sample.join(from), &to).unwrap();
    }
}

fn summary(archive: &Archive) -> Vec<String> {
    archive
        .issues()
        .unwrap()
        .iter()
        .map(|m: &IssueMeta| {
            let pages: Vec<u32> = m.pages.iter().filter_map(|p| p.page).collect();
            format!(
                "{} {} pages {pages:?} files {} articles {}",
                m.paper.as_deref().unwrap_or("-"),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
                m.files().len(),
                m.articles
            )
        })
        .collect()
}

#[test]
fn a_tree_of_papers_days_and_pages_is_an_issue_per_paper_and_day() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("papers");
    paper_tree(&src);
    let archive = Archive::open_or_create(&dir.path().join("a")).unwrap();
    let r = import(&archive, std::slice::from_ref(&src), None);
    assert_eq!((r.added, r.failed), (3, 0));
    let before = summary(&archive);
    assert_eq!(before.len(), 3, "{before:?}");
    assert!(
        before[0].starts_with("太原日报 2023-11-19 pages [3] files 1"),
        "{before:?}"
    );
    assert!(
        before[1].starts_with("山西日报 2023-11-19 pages [1, 2] files 2"),
        "{before:?}"
    );
    assert!(
        before[2].starts_with("山西日报 2023-11-20 pages [1] files 1"),
        "{before:?}"
    );

    // Again: nothing changes.
    let again = import(&archive, std::slice::from_ref(&src), None);
    assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 3));
    assert_eq!(summary(&archive), before);

    // One page changed: its issue is replaced, the others untouched.
    let page = src.join("山西日报/2023-11-19/02.txt");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str("\n\n新增的标题\n\n本报讯 这是新加的一篇报道，内容不长。\n");
    std::fs::write(&page, text).unwrap();
    let ids: Vec<_> = archive
        .issues()
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let changed = import(&archive, std::slice::from_ref(&src), None);
    assert_eq!((changed.replaced, changed.unchanged), (1, 2));
    let after = summary(&archive);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[2], before[2]);
    assert_ne!(
        after[1], before[1],
        "the changed issue has one more article"
    );
    let ids_after: Vec<_> = archive
        .issues()
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(ids, ids_after, "an issue keeps its id when a page changes");
}

#[test]
fn a_page_imported_alone_joins_its_issue_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("papers");
    paper_tree(&src);
    // Page 02 is not there at first.
    let later = dir.path().join("later");
    std::fs::create_dir_all(&later).unwrap();
    std::fs::rename(src.join("山西日报/2023-11-19/02.txt"), later.join("02.txt")).unwrap();
    let archive = Archive::open_or_create(&dir.path().join("a")).unwrap();
    import(&archive, std::slice::from_ref(&src), None);
    let one_page = summary(&archive);
    assert!(one_page[1].contains("pages [1] files 1"), "{one_page:?}");
    // Now the page, given alone, in its place.
    std::fs::rename(later.join("02.txt"), src.join("山西日报/2023-11-19/02.txt")).unwrap();
    let r = import(&archive, &[src.join("山西日报/2023-11-19/02.txt")], None);
    assert_eq!(r.replaced, 1);
    let merged = summary(&archive);
    assert_eq!(merged.len(), 3);
    assert!(merged[1].contains("pages [1, 2] files 2"), "{merged:?}");
    // The same as importing both at once.
    let fresh = Archive::open_or_create(&dir.path().join("b")).unwrap();
    import(&fresh, std::slice::from_ref(&src), None);
    assert_eq!(summary(&fresh), merged);
}

#[test]
fn a_file_whose_date_changes_leaves_its_old_issue() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("山西日报");
    std::fs::create_dir_all(&src).unwrap();
    let page = |date: &str, title: &str| {
        format!("---\ndate: {date}\n---\n{title}\n\n本报讯 {title}的报道正文，写得很短。\n")
    };
    std::fs::write(src.join("a.md"), page("2023-11-19", "第一篇")).unwrap();
    std::fs::write(src.join("b.md"), page("2023-11-19", "第二篇")).unwrap();
    let archive = Archive::open_or_create(&dir.path().join("a")).unwrap();
    import(&archive, std::slice::from_ref(&src), None);
    let s = summary(&archive);
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(
        s[0].contains("2023-11-19") && s[0].contains("files 2"),
        "{s:?}"
    );
    // b.md's date was wrong: corrected, it belongs to another day's issue.
    std::fs::write(src.join("b.md"), page("2023-11-21", "第二篇")).unwrap();
    let r = import(&archive, std::slice::from_ref(&src), None);
    assert_eq!((r.added, r.unchanged), (1, 1), "{r}");
    let s = summary(&archive);
    assert_eq!(s.len(), 2, "{s:?}");
    assert!(
        s[0].contains("2023-11-19") && s[0].contains("files 1 articles 1"),
        "{s:?}"
    );
    assert!(
        s[1].contains("2023-11-21") && s[1].contains("files 1 articles 1"),
        "{s:?}"
    );
    let b = std::fs::canonicalize(src.join("b.md")).unwrap();
    let holders = archive
        .issues()
        .unwrap()
        .into_iter()
        .filter(|m| m.files().iter().any(|f| Path::new(&f.path) == b))
        .count();
    assert_eq!(holders, 1, "b.md is one issue's only");
}

#[test]
fn a_day_kept_a_file_per_article_is_one_issue_with_its_pages_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("rmrb-20230101-tab");
    copy_dir(
        &common::root().join("tests/fixtures/real/rmrb-20230101-tab"),
        &src,
    );
    let archive = Archive::open_or_create(&dir.path().join("a")).unwrap();
    let r = import(&archive, std::slice::from_ref(&src), Some("人民日报"));
    assert_eq!((r.added, r.failed), (1, 0));
    let issues = archive.issues().unwrap();
    assert_eq!(issues.len(), 1);
    let m = &issues[0];
    assert_eq!(m.paper.as_deref(), Some("人民日报"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2023-01-01"));
    assert_eq!(m.numbered_pages(), 8);
    assert_eq!(m.files().len(), 32);
    // Every article names its own file, and that file's text is what the archive keeps.
    let articles = archive.articles(&m.id).unwrap();
    assert_eq!(articles.len(), m.articles);
    for a in &articles {
        assert!(
            a.source.ends_with(".txt") && a.page.is_some(),
            "{:?}",
            a.source
        );
        let raw = archive.raw_file(&m.id, &a.source).unwrap();
        let name = Path::new(&a.source).file_name().unwrap();
        let original = std::fs::read(src.join(name)).unwrap();
        let original = String::from_utf8_lossy(&original).replace("\r\n", "\n");
        assert_eq!(raw, original.trim_start_matches('\u{feff}'));
    }
    // A hit names its page.
    let q = dubao::archive::query::parse("新年贺词").unwrap();
    let hits = archive.search(&q, &Default::default()).unwrap();
    assert!(
        hits.hits.iter().all(|h| h.page.is_some()),
        "{:?}",
        hits.hits
    );
    // Again: unchanged.
    let again = import(&archive, std::slice::from_ref(&src), Some("人民日报"));
    assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 1));
}

#[test]
fn list_json_counts_pages_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("papers");
    paper_tree(&src);
    let archive_dir = dir.path().join("a");
    let out = common::dubao()
        .arg("--archive")
        .arg(&archive_dir)
        .arg("import")
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = common::dubao()
        .arg("--archive")
        .arg(&archive_dir)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let counts: Vec<(u64, u64)> = lines
        .iter()
        .map(|l| (l["pages"].as_u64().unwrap(), l["files"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [(1, 1), (2, 2), (1, 1)], "{lines:#?}");
}
