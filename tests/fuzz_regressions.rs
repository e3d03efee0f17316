//! Inputs the fuzzers found (fuzz/, docs/fuzzing.md), minimised and kept in
//! tests/fixtures/fuzz/ under `<target>-<what>`, each replayed with the check of the fuzz
//! target that failed on it.

use std::path::Path;

use dubao::archive::fold::{Folded, fold_char, fold_str};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fold target's input: the first line is a needle, the rest a text.
fn needle_and_text(input: &[u8]) -> (String, String) {
    let input = String::from_utf8_lossy(input);
    let (needle, text) = input.split_once('\n').unwrap_or((&input, ""));
    (needle.to_owned(), text.to_owned())
}

/// "\n\u{b}": a vertical tab is white space (`char::is_whitespace`, and the query parser
/// splits words on it), but folding kept it, because `is_ascii_whitespace` leaves it out.
/// Search ignores white space, so "脱贫\u{b}攻坚" must fold to "脱贫攻坚".
#[test]
fn fold_drops_a_vertical_tab_like_all_white_space() {
    let (_, text) = needle_and_text(&fixture("fold-vertical-tab"));
    let folded = Folded::new(&text);
    for (&f, &i) in folded.chars.iter().zip(&folded.source_char) {
        let printed = text.chars().nth(i).expect("a printed character");
        assert!(!f.is_whitespace(), "{printed:?} folds to white space");
    }
    assert_eq!(fold_char('\u{b}'), None);
    assert_eq!(fold_str("脱贫\u{b}攻坚"), "脱贫攻坚");
}
