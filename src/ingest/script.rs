//! Simplified or traditional script: detection for the issue metadata, and the
//! character-by-character traditional → simplified mapping the search index folds with.
//!
//! Both come from OpenCC's character tables (opencc-fmmseg, read at build time). Folding
//! is per character on purpose: phrase-level conversion may keep 乾 in 乾隆 but turn a
//! lone 乾 into 干, and then a search for one would miss the other. A per-character map
//! keeps one character for one character, which the highlight offsets rely on.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Simplified,
    Traditional,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// `T2S`: traditional character → simplified, where they differ, sorted;
/// `SIMPLIFIED_ONLY`: characters that exist only in simplified script, sorted. Both are
/// computed from OpenCC's tables at build time (see build.rs).
mod tables {
    include!(concat!(env!("OUT_DIR"), "/script_tables.rs"));
}

/// Below the CJK blocks nothing has another script's form: ASCII, Latin, punctuation
/// skip the lookup.
const FIRST_CJK: u32 = 0x2E80;

/// The CJK blocks (radicals, ideographs and their extensions, compatibility ideographs):
/// where every traditional character of the tables is, and where nothing has case.
pub fn is_han_block(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// One bit per character of the Basic Multilingual Plane: set when the character may be
/// a key of `T2S`. Most characters of a simplified text are not, and the bit says so
/// without a binary search (folding runs on every character indexed).
static MAYBE_TRADITIONAL: std::sync::LazyLock<Box<[u64; 1024]>> = std::sync::LazyLock::new(|| {
    let mut bits = Box::new([0u64; 1024]);
    for (t, _) in tables::T2S {
        let n = *t as u32;
        if n < 0x10000 {
            bits[(n >> 6) as usize] |= 1 << (n & 63);
        }
    }
    bits
});

fn maybe_traditional(c: char) -> bool {
    let n = c as u32;
    n >= 0x10000 || MAYBE_TRADITIONAL[(n >> 6) as usize] & (1 << (n & 63)) != 0
}

fn t2s_index(c: char) -> Option<usize> {
    if (c as u32) < FIRST_CJK || !maybe_traditional(c) {
        return None;
    }
    tables::T2S.binary_search_by_key(&c, |(t, _)| *t).ok()
}

/// The simplified form of one character (itself when it has none).
pub fn to_simplified(c: char) -> char {
    t2s_index(c).map_or(c, |i| tables::T2S[i].1)
}

fn is_traditional_only(c: char) -> bool {
    t2s_index(c).is_some()
}

fn is_simplified_only(c: char) -> bool {
    (c as u32) >= FIRST_CJK && tables::SIMPLIFIED_ONLY.binary_search(&c).is_ok()
}

/// Script-specific characters looked at: a few thousand decide as well as a whole issue.
const SAMPLE_CHARS: usize = 4000;

/// Traditional when clearly more of the script-specific characters are traditional; a
/// text with none either way (numbers, names) counts as simplified.
pub fn detect(text: &str) -> Script {
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text
        .chars()
        .filter(|c| (*c as u32) >= FIRST_CJK)
        .take(SAMPLE_CHARS)
    {
        if is_traditional_only(c) {
            traditional += 1;
        } else if is_simplified_only(c) {
            simplified += 1;
        }
    }
    if traditional >= 3 && traditional > 2 * simplified {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_characters_one_for_one() {
        let trad = "脫貧攻堅鞏固拓展會議";
        let folded: String = trad.chars().map(to_simplified).collect();
        assert_eq!(folded, "脱贫攻坚巩固拓展会议");
        assert_eq!(folded.chars().count(), trad.chars().count());
    }

    #[test]
    fn simplified_and_ascii_are_untouched() {
        for c in "脱贫攻坚abc123，。".chars() {
            assert_eq!(to_simplified(c), c);
        }
    }

    #[test]
    fn the_tables_are_sorted_for_binary_search() {
        assert!(tables::T2S.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::SIMPLIFIED_ONLY.windows(2).all(|w| w[0] < w[1]));
        assert!(tables::T2S.len() > 2000, "OpenCC has thousands of pairs");
        assert!(tables::T2S.iter().all(|(t, _)| is_han_block(*t)));
        assert!(
            tables::SIMPLIFIED_ONLY
                .iter()
                .all(|c| *c as u32 >= FIRST_CJK)
        );
    }

    #[test]
    fn detects_script() {
        assert_eq!(
            detect("省人大常委會召開會議,關於農村貧困老人低保兜底與社會養老政策銜接"),
            Script::Traditional
        );
        assert_eq!(
            detect("省人大常委会召开会议,关于农村贫困老人低保兜底与社会养老政策衔接"),
            Script::Simplified
        );
        assert_eq!(detect("2023 abc"), Script::Simplified);
    }
}
