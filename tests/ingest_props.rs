//! Properties of `parse` over arbitrary input: it never panics, and nothing printed is
//! dropped (every non-white-space character of the text, bar the `#` marks of headings,
//! comes out in some title, heading, paragraph, byline or caption).

use std::collections::HashMap;
use std::path::Path;

use dubao::ingest::{self, decode::normalize_line_ends, metadata};
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

fn output_text(issue: &ingest::Issue) -> String {
    let mut out = String::new();
    for a in &issue.articles {
        for (_, t) in a.texts() {
            out.push_str(t);
        }
    }
    out
}

fn check_nothing_dropped(text: &str) -> Result<(), TestCaseError> {
    let text = normalize_line_ends(text);
    let issue = ingest::parse_text(Path::new("prop.txt"), text.clone());
    let body = match metadata::front_matter(&text) {
        // Front matter is metadata, not printed text.
        Some(fm) => text
            .split('\n')
            .skip(fm.line_count)
            .collect::<Vec<_>>()
            .join("\n"),
        None => text.clone(),
    };
    prop_assert_eq!(
        counts(&output_text(&issue)),
        counts(&body),
        "input {:?}",
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = ingest::parse_bytes(Path::new("fuzz.txt"), &bytes);
    }

    #[test]
    fn nothing_is_dropped_from_arbitrary_text(text in "\\PC{0,400}") {
        check_nothing_dropped(&text)?;
    }

    #[test]
    fn nothing_is_dropped_from_issue_like_text(text in issue_like()) {
        check_nothing_dropped(&text)?;
    }
}
