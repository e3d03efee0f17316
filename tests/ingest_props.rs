//! Properties of `parse` over arbitrary input: it never panics, and nothing printed is
//! dropped (every non-white-space character of the text, bar the `#` marks of headings,
//! front matter and page heads, comes out in some title, heading, paragraph, byline,
//! caption or page note; of Markdown, every Chinese character and mark).

use std::collections::HashMap;
use std::path::Path;

use dubao::ingest::{self, FilePart, ParseOptions, decode::normalize_line_ends, heads, metadata};
use proptest::prelude::*;

fn counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '#') {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Lines built from the pieces real issues are made of, so the segmenter's rules fire.
fn issue_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_owned()),
        Just("## ".to_owned()),
        Just("### ".to_owned()),
        Just("本报讯（记者 魏薇）".to_owned()),
        Just("记者 王 勇".to_owned()),
        Just("(魏 薇)".to_owned()),
        Just("(上接第1版)".to_owned()),
        Just("(下转第2版)".to_owned()),
        Just("新华社记者 范 晨 摄".to_owned()),
        Just("4月上旬,".to_owned()),
        Just("\u{3000}\u{3000}".to_owned()),
        Just("图为".to_owned()),
        Just("——".to_owned()),
        Just("小店区".to_owned()),
        "[，。、；！？“”（）()《》,.:0-9a-z]{1,3}",
        "[\u{4e00}-\u{9fa5}]{1,30}",
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n\n\n\n".to_owned()),
        Just(" ".to_owned()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// Everything a file part holds as text: its articles, its pages' names and notes, its
/// title.
fn output_text(part: &FilePart) -> String {
    let mut out = String::new();
    for a in &part.articles {
        for (_, t) in a.texts() {
            out.push_str(t);
        }
    }
    for p in &part.pages {
        out.extend(p.name.as_deref());
        for n in &p.notes {
            out.push_str(n);
        }
    }
    out.extend(part.title.as_deref());
    out
}

fn parse(path: &str, text: &str) -> FilePart {
    ingest::parse_text(Path::new(path), text.to_owned(), &ParseOptions::default())
}

fn check_nothing_dropped(text: &str) -> Result<(), TestCaseError> {
    // As a whole issue, a page, and one article (where the three head lines count and
    // nothing is split).
    for path in [
        "prop.txt",
        "山西日报/2023-11-19/01.txt",
        "x/20230101-01-01.txt",
    ] {
        check_nothing_dropped_as(path, text)?;
    }
    Ok(())
}

fn check_nothing_dropped_as(path: &str, text: &str) -> Result<(), TestCaseError> {
    let text = normalize_line_ends(text);
    let part = parse(path, &text);
    let skip = metadata::front_matter(&text).map_or(0, |fm| fm.line_count);
    // Front matter is metadata, and so is a page head ("第01版：要闻"): its number is the
    // page's, its name the page's name.
    let body: Vec<&str> = text
        .split('\n')
        .skip(skip)
        .filter(|l| heads::page_head(l.trim().trim_start_matches('#')).is_none())
        .collect();
    let mut expected = body.join("\n");
    for p in &part.pages {
        if let Some(name) = &p.name {
            expected.push_str(name);
        }
    }
    prop_assert_eq!(
        counts(&output_text(&part)),
        counts(&expected),
        "{} input {:?}",
        path,
        text
    );
    Ok(())
}

/// Markdown built from the pieces transcripts and vaults are made of: headings, bold,
/// links, quotes, rules and HTML bodies.
fn markdown_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n# ".to_owned()),
        Just("\n## ".to_owned()),
        Just("\n### ".to_owned()),
        Just("**".to_owned()),
        Just("[链接](https://x.cn/a.html)".to_owned()),
        Just("\n> ".to_owned()),
        Just("\n\n---\n\n".to_owned()),
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<br>".to_owned()),
        Just("<b>".to_owned()),
        Just("&amp;".to_owned()),
        Just("<!--repaste.body.begin-->".to_owned()),
        Just("本报讯（记者 魏薇）".to_owned()),
        Just("新闻摘要".to_owned()),
        Just("图为".to_owned()),
        "[，。、；！？“”（）《》]{1,3}",
        "[\u{4e00}-\u{9fa5}]{1,30}",
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(" ".to_owned()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// Chinese characters and marks: what Markdown and HTML never take as markup.
fn chinese_counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s
        .chars()
        .filter(|&c| metadata::is_han(c) || "，。、；！？“”（）《》".contains(c))
    {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

fn check_nothing_dropped_from_markdown(text: &str) -> Result<(), TestCaseError> {
    // As a page or issue, and as one article (a path that says so).
    for path in ["prop.md", "x/20230101-01-01.md"] {
        let part = parse(path, text);
        // A comment is not text: the generator's only one holds no Chinese.
        prop_assert_eq!(
            chinese_counts(&output_text(&part)),
            chinese_counts(text),
            "{} input {:?}",
            path,
            text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for path in ["fuzz.txt", "fuzz.md", "fuzz.html", "20230101-01-01.txt"] {
            let _ = ingest::parse_bytes(Path::new(path), &bytes, &ParseOptions::default());
        }
    }

    #[test]
    fn nothing_is_dropped_from_arbitrary_text(text in "\\PC{0,400}") {
        check_nothing_dropped(&text)?;
    }

    #[test]
    fn nothing_is_dropped_from_issue_like_text(text in issue_like()) {
        check_nothing_dropped(&text)?;
    }

    #[test]
    fn nothing_is_dropped_from_markdown(text in markdown_like()) {
        check_nothing_dropped_from_markdown(&text)?;
    }

    #[test]
    fn markdown_and_html_never_panic(text in "\\PC{0,400}") {
        let _ = parse("fuzz.md", &text);
        let _ = parse("fuzz.html", &text);
    }
}
