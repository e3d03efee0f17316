//! `dubao::ingest::parse_bytes` on arbitrary bytes (docs/fuzzing.md).
//!
//! Beyond "no panic", what the code promises of an issue it returns:
//! - the decoded text has no `\r`, and is not blank;
//! - a date read from the path wins, and is never marked inferred;
//! - every string of an article (kicker, title, subtitle, byline, section headings,
//!   paragraphs, captions) is one or more trimmed, non-blank lines of the text joined
//!   without a line end: never blank, never holding `\n` or `\r`;
//! - every article has some text;
//! - `raw_lines` are 1-based lines of the decoded text after any front matter, first <=
//!   last, both non-blank, and the articles' spans come in order without overlapping;
//! - nothing printed is dropped: every non-white-space character of the text after the
//!   front matter, bar `#`, comes out in some article as often as it was printed
//!   (the property `tests/ingest_props.rs` checks with proptest);
//! - an error names the file it was given.

#![no_main]

use std::collections::HashMap;
use std::path::Path;

use dubao::ingest::{self, FilePart, IngestError, heads, metadata};
use libfuzzer_sys::fuzz_target;

/// The path is picked by the first byte, which stays part of the file: dated and
/// undated paths (an undated one makes the parser read the date from the text), a paper's
/// folder, and `.md` names (Markdown may get its own reader).
const PATHS: [&str; 4] = [
    "fuzz/2023-11-20.txt",
    "fuzz/2023-11-20.md",
    "fuzz/山西日报/page.txt",
    "fuzz/page.md",
];

/// The one call into the parser.
fn parse(path: &Path, data: &[u8]) -> Result<FilePart, IngestError> {
    ingest::parse_bytes(path, data, &ingest::ParseOptions::default())
}

fuzz_target!(|data: &[u8]| {
    let Some(&first) = data.first() else {
        return;
    };
    let path = Path::new(PATHS[usize::from(first) % PATHS.len()]);
    match parse(path, data) {
        Ok(issue) => check_issue(path, &issue),
        Err(e) => {
            assert_eq!(e.path(), path, "{e}");
            assert!(e.to_string().starts_with(&*path.to_string_lossy()), "{e}");
        }
    }
});

fn check_issue(path: &Path, issue: &FilePart) {
    let raw = &issue.text;
    assert!(!raw.contains('\r'), "line ends are normalised");
    // Not asserted: that no U+FEFF opens the text. The decoder removes the BOM and one
    // U+FEFF after it; a third is kept (docs/fuzzing.md, "Ambiguous").
    assert!(!raw.trim().is_empty(), "blank text is refused, not parsed");
    assert_eq!(issue.source, path.to_string_lossy());

    let dated_path = metadata::date_from_path(&path.to_string_lossy());
    if dated_path.is_some() {
        assert_eq!(issue.date, dated_path, "the path's date wins");
        assert!(!issue.date_inferred);
    }
    if issue.date_inferred {
        assert!(issue.date.is_some());
    }
    if let Some(paper) = &issue.paper {
        check_one_line("paper", paper);
    }
    if let Some(title) = &issue.title {
        check_one_line("issue title", title);
    }
    // Not asserted: a warning when there are no articles. A file of only a page's
    // credits (本版责编：…) gives none and says nothing, as it should.

    let lines: Vec<&str> = raw.split('\n').collect();
    let front_lines = metadata::front_matter(raw).map_or(0, |fm| fm.line_count);
    let mut last_end = front_lines;
    for (n, article) in issue.articles.iter().enumerate() {
        let texts = article.texts();
        assert!(!texts.is_empty(), "article {n} has no text: {article:?}");
        for (role, text) in &texts {
            check_one_line(&format!("article {n} {role:?}"), text);
        }
        let shown = article.display_title();
        assert_eq!(shown.derived, article.title.is_none());
        if let Some([from, to]) = article.raw_lines {
            assert!(
                last_end < from && from <= to && to <= lines.len(),
                "article {n}: raw_lines {from}..={to} after line {last_end} of {}",
                lines.len()
            );
            assert!(
                !lines[from - 1].trim().is_empty(),
                "article {n} opens on a blank line"
            );
            assert!(
                !lines[to - 1].trim().is_empty(),
                "article {n} closes on a blank line"
            );
            last_end = to;
        }
    }

    // Markdown's markup (`**`, links' targets) is not text: the property holds for
    // plain text files, where every printed character is an article's, a page's name or
    // note, or a page head's.
    if path.extension().is_some_and(|e| e == "md") {
        return;
    }
    let body: Vec<&str> = lines[front_lines.min(lines.len())..]
        .iter()
        .copied()
        .filter(|l| heads::page_head(l.trim().trim_start_matches('#')).is_none())
        .collect();
    let mut printed = body.join("\n");
    let mut out = String::new();
    for article in &issue.articles {
        for (_, text) in article.texts() {
            out.push_str(text);
        }
    }
    for p in &issue.pages {
        if let Some(name) = &p.name {
            out.push_str(name);
            printed.push_str(name);
        }
        for n in &p.notes {
            out.push_str(n);
        }
    }
    assert_eq!(
        counts(&out),
        counts(&printed),
        "printed characters were dropped or added"
    );
}

fn check_one_line(what: &str, text: &str) {
    assert!(!text.trim().is_empty(), "{what} is blank: {text:?}");
    assert!(
        !text.contains(['\n', '\r']),
        "{what} holds a line end: {text:?}"
    );
}

fn counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '#') {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}
