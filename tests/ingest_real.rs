//! Real archives as they are kept (tests/fixtures/real): a file per article, a folder per
//! page, a transcript per day. Each folder is one issue a day with the right paper,
//! pages and page names, and exactly one article per article file, titled by its
//! headline.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dubao::ingest::{self, Article, Issue, ParseOptions};

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/real").join(name)
}

fn issues_of(dir: &Path, opts: &ParseOptions) -> Vec<Issue> {
    ingest::issues(ingest::collect_inputs(&[dir.to_path_buf()]), opts)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn one_issue(dir: &Path, opts: &ParseOptions) -> Issue {
    let mut issues = issues_of(dir, opts);
    assert_eq!(issues.len(), 1, "{}: one issue", dir.display());
    issues.remove(0)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .replace("\r\n", "\n")
}

fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

fn articles_per_file(issue: &Issue) -> BTreeMap<&str, Vec<&Article>> {
    let mut by_file: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for s in &issue.sources {
        by_file.entry(s.as_str()).or_default();
    }
    for a in &issue.articles {
        by_file.entry(a.source.as_str()).or_default().push(a);
    }
    by_file
}

/// Every piece of text an issue holds: what the tests look through for markup.
fn all_text(issue: &Issue) -> Vec<String> {
    let mut out = Vec::new();
    for a in &issue.articles {
        out.extend(a.texts().into_iter().map(|(_, t)| t.to_owned()));
    }
    for p in &issue.pages {
        out.extend(p.name.clone());
        out.extend(p.notes.iter().cloned());
    }
    out.extend(issue.title.clone());
    out
}

fn assert_no_markup(issue: &Issue) {
    let tag = regex::Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]|<!--").unwrap();
    let entity = regex::Regex::new(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);").unwrap();
    for t in all_text(issue) {
        assert!(!tag.is_match(&t), "a tag in {t:?}");
        assert!(!t.contains("**"), "bold marks in {t:?}");
        assert!(!t.contains("]("), "a link in {t:?}");
        assert!(!entity.is_match(&t), "an entity in {t:?}");
    }
}

/// Every article's lines are lines of its own file.
fn assert_raw_lines_in_own_file(issue: &Issue) {
    for a in &issue.articles {
        let lines = read(&a.source).split('\n').count();
        let [first, last] = a.raw_lines.expect("raw_lines");
        assert!(
            1 <= first && first <= last && last <= lines,
            "{}: {first}..{last} of {lines} lines",
            a.source
        );
    }
}

/// The headline of a `kicker TAB headline TAB subtitle` file, if the file is not only
/// the page's credits.
fn tab_headline(path: &str) -> Option<String> {
    let text = read(path);
    let first = text.split('\n').next().unwrap_or("");
    let parts: Vec<&str> = first.split('\t').map(str::trim).collect();
    let headline = match parts.get(1) {
        Some(h) if !h.is_empty() => h,
        _ => parts.iter().find(|p| !p.is_empty())?,
    };
    (!headline.starts_with("本版责编")).then(|| headline.to_string())
}

#[test]
fn a_day_kept_a_file_per_article_is_one_issue_of_eight_pages() {
    let issue = one_issue(&fixture("rmrb-20230101-tab"), &ParseOptions::default());
    assert_eq!(
        issue.paper.as_deref(),
        Some("人民日报"),
        "rmrb in the folder name"
    );
    assert_eq!(
        issue.date.map(|d| d.to_string()).as_deref(),
        Some("2023-01-01")
    );
    assert!(!issue.date_inferred);
    assert_eq!(issue.sources.len(), 32);
    assert_eq!(issue.source, issue.sources[0]);
    let pages: Vec<Option<u32>> = issue.pages.iter().map(|p| p.page).collect();
    assert_eq!(pages, (1..=8).map(Some).collect::<Vec<_>>());
    assert!(
        issue.pages.iter().all(|p| p.name.is_none()),
        "no page names kept"
    );
    for (source, articles) in articles_per_file(&issue) {
        match tab_headline(source) {
            Some(headline) => {
                assert_eq!(articles.len(), 1, "{source}: one article");
                assert_eq!(
                    articles[0].title.as_deref(),
                    Some(headline.as_str()),
                    "{source}"
                );
                let page: u32 = file_name(source)[9..11].parse().unwrap();
                assert_eq!(articles[0].page, Some(page), "{source}");
            }
            None => assert!(articles.is_empty(), "{source}: only the page's credits"),
        }
    }
    assert_eq!(issue.articles.len(), 30);
    let notes = |page: u32| issue.pages[page as usize - 1].notes.clone();
    assert!(
        notes(2).iter().any(|n| n.starts_with("本版责编：刘 念")),
        "{:?}",
        notes(2)
    );
    assert!(
        notes(6).iter().any(|n| n.starts_with("融媒创作")),
        "{:?}",
        notes(6)
    );
    assert!(notes(7).iter().any(|n| n.starts_with("版式设计")));
    for a in &issue.articles {
        for (_, t) in a.texts() {
            assert!(
                !t.starts_with("版式设计") && !t.starts_with("本版责编"),
                "{t}"
            );
        }
    }
    let archaeology = issue
        .articles
        .iter()
        .find(|a| a.source.ends_with("20230101-07-01.txt"))
        .unwrap();
    assert_eq!(
        archaeology.kicker.as_deref(),
        Some("“考古中国”实施200余项考古发掘")
    );
    assert_eq!(archaeology.byline.as_deref(), Some("本报记者  王  珏"));
    assert_raw_lines_in_own_file(&issue);
}

#[test]
fn a_day_whose_folder_names_no_paper_takes_the_one_given() {
    let dir = tempfile::tempdir().unwrap();
    let day = dir.path().join("day");
    std::fs::create_dir(&day).unwrap();
    for entry in std::fs::read_dir(fixture("rmrb-20230101-tab")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, day.join(path.file_name().unwrap())).unwrap();
    }
    let issue = one_issue(&day, &ParseOptions::default());
    assert_eq!(issue.paper, None);
    assert_eq!(
        issue.sources.len(),
        32,
        "grouped by folder and date all the same"
    );
    let warned: Vec<&String> = issue
        .warnings
        .iter()
        .filter(|w| w.starts_with("no paper named"))
        .collect();
    assert_eq!(warned.len(), 1, "once for the folder: {:?}", issue.warnings);
    let opts = ParseOptions {
        paper: Some("人民日报".into()),
    };
    let issue = one_issue(&day, &opts);
    assert_eq!(issue.paper.as_deref(), Some("人民日报"));
    assert!(issue.warnings.is_empty(), "{:?}", issue.warnings);
    assert_eq!(issue.articles.len(), 30);
}

#[test]
fn three_line_heads_give_kicker_headline_and_subtitle() {
    let issue = one_issue(&fixture("rmrb-20230101-lines"), &ParseOptions::default());
    assert_eq!(issue.paper.as_deref(), Some("人民日报"));
    let pages: Vec<Option<u32>> = issue.pages.iter().map(|p| p.page).collect();
    assert_eq!(pages, [Some(2), Some(3), Some(6)]);
    assert_eq!(
        issue.articles.len(),
        12,
        "14 files, two of them credits only"
    );
    for (source, articles) in articles_per_file(&issue) {
        let text = read(source);
        let head: Vec<&str> = text.split('\n').take(3).map(str::trim).collect();
        if head[1].starts_with("本版责编") {
            assert!(articles.is_empty(), "{source}");
            continue;
        }
        assert_eq!(articles.len(), 1, "{source}: one article");
        let a = articles[0];
        assert_eq!(a.title.as_deref(), Some(head[1]), "{source}");
        let given = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        assert_eq!(a.kicker, given(head[0]), "{source}");
        assert_eq!(a.subtitle, given(head[2]), "{source}");
        // The other scraper's file of the same article has the same headline.
        let tab = fixture("rmrb-20230101-tab").join(file_name(source));
        assert_eq!(
            tab_headline(&tab.to_string_lossy()).as_deref(),
            Some(head[1]),
            "{source}"
        );
    }
    assert_raw_lines_in_own_file(&issue);
}

/// `title:` of a vault file's front matter.
fn front_title(path: &str) -> String {
    let text = read(path);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("title:"))
        .unwrap_or_else(|| panic!("{path}: no title"));
    line.trim().trim_matches('"').to_owned()
}

#[test]
fn a_vault_day_gives_each_article_its_folders_page() {
    let issue = one_issue(&fixture("rmrb-vault-20250102"), &ParseOptions::default());
    assert_eq!(issue.paper.as_deref(), Some("人民日报"));
    assert_eq!(
        issue.date.map(|d| d.to_string()).as_deref(),
        Some("2025-01-02")
    );
    assert_eq!(issue.sources.len(), 29);
    assert_eq!(issue.articles.len(), 29);
    let pages: Vec<(Option<u32>, Option<&str>)> = issue
        .pages
        .iter()
        .map(|p| (p.page, p.name.as_deref()))
        .collect();
    assert_eq!(
        pages,
        [
            (Some(2), Some("要闻")),
            (Some(3), Some("要闻")),
            (Some(4), Some("要闻")),
            (Some(5), Some("评论")),
            (Some(7), Some("要闻")),
            (Some(11), Some("政治")),
            (Some(12), Some("特别报道")),
            (Some(13), Some("文化")),
            (Some(14), Some("社会")),
            (Some(15), Some("生态")),
        ]
    );
    for (source, articles) in articles_per_file(&issue) {
        assert_eq!(articles.len(), 1, "{source}: one article");
        let a = articles[0];
        let folder = Path::new(source)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap();
        let (number, name) = folder.split_once('-').unwrap();
        assert_eq!(a.page, Some(number.parse().unwrap()), "{source}");
        assert_eq!(a.page_name.as_deref(), Some(name), "{source}");
        assert_eq!(a.title, Some(front_title(source)), "{source}");
        assert!(
            a.url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://paper.people.com.cn/")),
            "{source}: {:?}",
            a.url
        );
        assert!(
            !a.paragraphs().any(|p| p.contains("《人民日报》（")),
            "{source}: the print line is not text"
        );
    }
    let birds = issue
        .articles
        .iter()
        .find(|a| a.title.as_deref() == Some("飞鸟翔集致富路"))
        .unwrap();
    assert_eq!(
        birds.kicker.as_deref(),
        Some("云南省盈江县因地制宜发展观鸟产业，同时带动生态旅游——")
    );
    assert!(
        birds
            .byline
            .as_deref()
            .unwrap()
            .starts_with("本报记者  杨文明")
    );
    assert_no_markup(&issue);
    assert_raw_lines_in_own_file(&issue);
}

/// The `###` headlines under `## 详细新闻`.
fn stories(path: &str) -> Vec<String> {
    let text = read(path);
    let detail = text.find("## 详细新闻").expect("详细新闻");
    text[detail..]
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| h.trim().to_owned())
        .collect()
}

#[test]
fn a_transcript_has_one_article_per_story() {
    let issues = issues_of(&fixture("xwlb-md"), &ParseOptions::default());
    assert_eq!(issues.len(), 4, "one a day");
    for issue in &issues {
        let source = &issue.source;
        assert_eq!(issue.paper.as_deref(), Some("新闻联播"), "{source}");
        let day = file_name(source).trim_end_matches(".md");
        assert_eq!(
            issue
                .date
                .map(|d| d.to_string().replace('-', ""))
                .as_deref(),
            Some(day)
        );
        assert_eq!(
            issue.title.as_deref(),
            Some(format!("《新闻联播》（{day}）").as_str())
        );
        let titles: Vec<String> = issue
            .articles
            .iter()
            .filter_map(|a| a.title.clone())
            .collect();
        assert_eq!(titles, stories(source), "{source}");
        assert_eq!(
            titles.len(),
            issue.articles.len(),
            "every story has its title"
        );
        assert!(
            issue.articles.iter().all(|a| a
                .url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://tv.cctv.com/"))),
            "{source}: each story's 查看原文 is its url"
        );
        assert!(issue.articles.iter().all(|a| a.page.is_none()));
        assert_eq!(issue.pages.len(), 1, "{source}");
        let notes = &issue.pages[0].notes;
        assert_eq!(notes.first().map(String::as_str), Some("新闻摘要"));
        assert!(
            notes.iter().any(|n| n.starts_with("1.")),
            "the summary's list"
        );
        assert!(notes.iter().any(|n| n.starts_with("更新时间")), "{notes:?}");
        assert_no_markup(issue);
        assert_raw_lines_in_own_file(issue);
    }
    let day = &issues[0];
    let games = day
        .articles
        .iter()
        .find(|a| a.title.as_deref() == Some("冬奥会赛况"))
        .unwrap();
    assert_eq!(
        games.sections[1].heading.as_deref(),
        Some("谷爱凌夺得自由式滑雪女子U型场地技巧冠军"),
        "a bold line is a subhead"
    );
    assert!(
        games
            .paragraphs()
            .next()
            .unwrap()
            .starts_with("央视网消息（新闻联播）："),
        "bold is text"
    );
}

#[test]
fn a_transcript_with_html_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("20240101.md");
    std::fs::write(
        &path,
        "# 《新闻联播》（20240101）\n\n## 新闻摘要\n\n1.第一条新闻；\n\n2.第二条新闻。\n\n## 详细新闻\n\n\
         ### 第一条新闻\n\n<p><strong>央视网消息</strong>（新闻联播）：今天&nbsp;上午，会议召开。<br>会议强调&ldquo;稳中求进&rdquo;。</p>\n\n\
         <p>会议要求&amp;部署。</p>\n\n[查看原文](https://tv.cctv.com/2024/01/01/a.shtml)\n\n\
         ### 第二条<b>新闻</b>\n\n<div><p>正文第一段。</p><p><b>小标题</b></p><p>正文第二段&#12290;</p></div>\n\n\
         [查看原文](https://tv.cctv.com/2024/01/01/b.shtml)\n",
    )
    .unwrap();
    let issue = one_issue(dir.path(), &ParseOptions::default());
    assert_eq!(issue.paper.as_deref(), Some("新闻联播"), "from the title");
    assert_eq!(issue.articles.len(), 2);
    let a = &issue.articles[0];
    assert_eq!(a.title.as_deref(), Some("第一条新闻"));
    let paras: Vec<&str> = a.paragraphs().collect();
    assert_eq!(
        paras,
        [
            "央视网消息（新闻联播）：今天\u{a0}上午，会议召开。",
            "会议强调“稳中求进”。",
            "会议要求&部署。"
        ]
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://tv.cctv.com/2024/01/01/a.shtml")
    );
    let b = &issue.articles[1];
    assert_eq!(
        b.title.as_deref(),
        Some("第二条新闻"),
        "inline HTML is text"
    );
    assert_eq!(b.sections[1].heading.as_deref(), Some("小标题"));
    assert_eq!(b.paragraphs().last(), Some("正文第二段。"));
    assert_no_markup(&issue);
}

#[test]
fn an_e_paper_article_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("rmrb/2024-01-02/05-评论");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::write(
        page.join("content_1.html"),
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>人民网</title></head><body>\
         <div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">上一版</a></div>\
         <div class=\"article\"><h3>引题在这里</h3><h1>标题在这里</h1><h2>——副题在这里</h2>\
         <p class=\"sec\">本报记者&nbsp;&nbsp;王&nbsp;&nbsp;勇</p>\
         <div id=\"ozoom\"><p>　　第一段，正文。</p><p>　　第二段，正文&hellip;&hellip;</p></div></div>\
         <div class=\"footer\"><a>人民日报社概况</a></div></body></html>",
    )
    .unwrap();
    let issue = one_issue(dir.path(), &ParseOptions::default());
    assert_eq!(issue.paper.as_deref(), Some("人民日报"));
    assert_eq!(issue.articles.len(), 1);
    let a = &issue.articles[0];
    assert_eq!(a.kicker.as_deref(), Some("引题在这里"));
    assert_eq!(a.title.as_deref(), Some("标题在这里"));
    assert_eq!(a.subtitle.as_deref(), Some("——副题在这里"));
    assert_eq!((a.page, a.page_name.as_deref()), (Some(5), Some("评论")));
    let text: Vec<&str> = a.texts().into_iter().map(|(_, t)| t).collect();
    assert!(text.contains(&"第二段，正文……"), "{text:?}");
    assert!(
        !text
            .iter()
            .any(|t| t.contains("首页") || t.contains("概况")),
        "{text:?}"
    );
    assert_no_markup(&issue);
}

#[test]
fn a_tree_of_papers_days_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::sample_dir();
    let files = [
        ("山西日报/2023-11-19/01.txt", "000_f8e1adb28c4d49b6.txt"),
        ("山西日报/2023-11-19/02.txt", "002_b7585974fde4cee9.txt"),
        ("山西日报/2023-11-20/01.txt", "004_6d3b14249bc8cb53.txt"),
        ("太原日报/2023-11-19/03.txt", "003_f253e97590e3b591.txt"),
    ];
    let mut articles_each = Vec::new();
    for (at, from) in files {
        let to = dir.path().join(at);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(sample.join(from), &to).unwrap();
        let part = ingest::parse_file(&to, &ParseOptions::default()).unwrap();
        articles_each.push(part.articles.len());
    }
    let issues = issues_of(dir.path(), &ParseOptions::default());
    let got: Vec<String> = issues
        .iter()
        .map(|i| {
            let pages: Vec<u32> = i.pages.iter().filter_map(|p| p.page).collect();
            let (paper, date) = (i.paper.as_deref().unwrap_or("?"), i.date.unwrap());
            format!(
                "{paper} {date} pages {pages:?}: {} articles",
                i.articles.len()
            )
        })
        .collect();
    let n = &articles_each;
    assert_eq!(
        got,
        [
            format!("太原日报 2023-11-19 pages [3]: {} articles", n[3]),
            format!("山西日报 2023-11-19 pages [1, 2]: {} articles", n[0] + n[1]),
            format!("山西日报 2023-11-20 pages [1]: {} articles", n[2]),
        ]
    );
    assert!(
        issues[1]
            .articles
            .iter()
            .all(|a| a.page.is_some() && a.source.contains("山西日报/2023-11-19/")),
    );
}

#[test]
fn parse_json_prints_the_issue_with_its_files_and_pages() {
    let out = common::dubao()
        .args(["parse", "--json"])
        .arg(fixture("rmrb-vault-20250102"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let issue = &lines[0];
    for key in [
        "source",
        "sources",
        "paper",
        "date",
        "date_inferred",
        "script",
        "warnings",
        "pages",
        "articles",
    ] {
        assert!(issue.get(key).is_some(), "missing {key}");
    }
    assert_eq!(issue["sources"][0], issue["source"]);
    assert_eq!(issue["pages"][0]["page"], 2);
    assert_eq!(issue["pages"][0]["name"], "要闻");
    assert!(issue["pages"][0]["notes"].is_array());
    let article = &issue["articles"][0];
    for key in ["source", "page", "page_name", "url", "raw_lines", "title"] {
        assert!(article.get(key).is_some(), "missing article {key}");
    }
    assert_eq!(article["page"], 2);
    assert!(article["source"].as_str().unwrap().ends_with(".md"));
}

#[test]
fn parse_takes_the_paper_for_files_that_name_none() {
    let dir = tempfile::tempdir().unwrap();
    let day = dir.path().join("2023-01-01");
    std::fs::create_dir(&day).unwrap();
    for name in ["20230101-05-03.txt", "20230101-05-04.txt"] {
        std::fs::copy(fixture("rmrb-20230101-tab").join(name), day.join(name)).unwrap();
    }
    let out = common::dubao()
        .args(["parse", "--json", "--paper", "人民日报"])
        .arg(&day)
        .output()
        .unwrap();
    assert!(out.status.success());
    let issue: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    assert_eq!(issue["paper"], "人民日报");
    assert_eq!(issue["articles"].as_array().unwrap().len(), 2);
    assert_eq!(issue["articles"][1]["page"], 5);
    assert_eq!(issue["articles"][1]["page_name"], serde_json::Value::Null);
    assert_eq!(issue["articles"][1]["url"], serde_json::Value::Null);
}
