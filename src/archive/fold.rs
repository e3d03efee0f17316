//! Folding: what the index compares instead of the text as printed. White space goes,
//! traditional characters become simplified, full-width Latin and digits half-width,
//! Latin lower case. One printed character gives at most one folded character, and the
//! folded text remembers where each of its characters came from, so a match found in the
//! folded text is highlighted on the text as printed.

use crate::ingest::script;

/// The folded form of one character, or `None` for white space (which search ignores).
pub fn fold_char(c: char) -> Option<char> {
    // `char::is_whitespace`, not `is_ascii_whitespace`, which leaves out the vertical
    // tab (U+000B): the query parser splits words on it, so search must ignore it too.
    if c.is_whitespace() {
        return None;
    }
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let n = c as u32;
    // Full-width ASCII forms (！ to ～) sit at a fixed distance from ASCII.
    if (0xFF01..=0xFF5E).contains(&n) {
        return char::from_u32(n - 0xFEE0).map(|a| a.to_ascii_lowercase());
    }
    // Han characters have no case; only they have another script's form.
    if script::is_han_block(c) {
        return Some(script::to_simplified(c));
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        // Lower-casing that changes the length (İ → i̇) would break the one-for-one rule.
        _ => Some(c),
    }
}

/// A folded text with, for each folded character, the index of the printed character it
/// came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    pub chars: Vec<char>,
    /// `source_char[i]`: index (in chars) in the printed text of `chars[i]`.
    pub source_char: Vec<usize>,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut out = Folded::default();
        for (i, c) in text.chars().enumerate() {
            if let Some(f) = fold_char(c) {
                out.chars.push(f);
                out.source_char.push(i);
            }
        }
        out
    }

    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// Every place `needle` (already folded) occurs, as ranges of printed characters
    /// (white space inside a match is part of its range). Overlapping occurrences count.
    pub fn find_all(&self, needle: &[char]) -> Vec<std::ops::Range<usize>> {
        if needle.is_empty() || needle.len() > self.chars.len() {
            return Vec::new();
        }
        self.chars
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle)
            .map(|(i, _)| self.source_char[i]..self.source_char[i + needle.len() - 1] + 1)
            .collect()
    }
}

/// The folded form of a query term, white space removed.
pub fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_script_width_and_case() {
        assert_eq!(fold_str("脫貧 攻堅"), "脱贫攻坚");
        assert_eq!(fold_str("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold_str("5 G"), "5g");
        assert_eq!(fold_str("，：（"), ",:(");
        assert_eq!(fold_str("\u{3000}全文\n"), "全文");
    }

    #[test]
    fn one_printed_character_folds_to_at_most_one() {
        let text = "İstanbul 鞏固 ﬁ ß Ǆ";
        for c in text.chars() {
            let folded: Vec<char> = fold_char(c).into_iter().collect();
            assert!(folded.len() <= 1);
        }
    }

    #[test]
    fn matches_map_back_to_printed_characters() {
        let f = Folded::new("鞏固 拓展脫貧攻堅成果，脫 貧");
        let needle: Vec<char> = "脱贫".chars().collect();
        assert_eq!(f.find_all(&needle), [5..7, 12..15]);
    }

    #[test]
    fn overlapping_matches_are_all_found() {
        let f = Folded::new("哈哈哈");
        assert_eq!(f.find_all(&['哈', '哈']), [0..2, 1..3]);
        assert!(f.find_all(&[]).is_empty());
    }
}
