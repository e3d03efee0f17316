//! `dubao::archive::fold` (docs/fuzzing.md): the input's first line is a needle, the
//! rest a text. `Folded::new` keeps one folded character per printed non-white-space
//! character, in order, none of them white space; `find_all` returns exactly the
//! matches a naive walk over the printed text finds (white space inside a match
//! skipped, overlapping matches counted).

#![no_main]

use std::ops::Range;

use dubao::archive::fold::{Folded, fold_char, fold_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (needle, text) = input.split_once('\n').unwrap_or((&input, ""));
    let printed: Vec<char> = text.chars().collect();
    let folded = Folded::new(text);

    assert_eq!(folded.chars.len(), folded.source_char.len());
    assert!(folded.source_char.windows(2).all(|w| w[0] < w[1]));
    for (&f, &i) in folded.chars.iter().zip(&folded.source_char) {
        assert_eq!(fold_char(printed[i]), Some(f));
        assert!(!f.is_whitespace(), "{:?} folds to white space", printed[i]);
    }
    let kept = printed.iter().filter(|c| fold_char(**c).is_some()).count();
    assert_eq!(kept, folded.chars.len());
    assert_eq!(fold_str(text), folded.as_string());

    let needle: Vec<char> = fold_str(needle).chars().collect();
    assert_eq!(folded.find_all(&needle), naive(&printed, &needle));
});

/// Matches of `needle` (folded) found by walking the printed characters from each
/// non-white-space one.
fn naive(printed: &[char], needle: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    for start in 0..printed.len() {
        if fold_char(printed[start]).is_none() {
            continue;
        }
        let mut want = needle.iter();
        let mut next = want.next();
        for (i, &c) in printed.iter().enumerate().skip(start) {
            let Some(f) = fold_char(c) else { continue };
            if Some(&f) != next {
                break;
            }
            next = want.next();
            if next.is_none() {
                out.push(start..i + 1);
                break;
            }
        }
    }
    out
}
