//! Simplified or traditional script: detection for the issue metadata, and the
//! character-by-character traditional → simplified mapping the search index folds with.
//!
//! Both come from OpenCC's character tables (opencc-fmmseg). Folding is per character on
//! purpose: phrase-level conversion may keep 乾 in 乾隆 but turn a lone 乾 into 干, and
//! then a search for one would miss the other. A per-character map keeps one character
//! for one character, which the highlight offsets rely on.

use std::collections::HashMap;
use std::sync::OnceLock;

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

struct Tables {
    /// Traditional character → its simplified form, only where they differ.
    to_simplified: HashMap<char, char>,
    /// Characters that exist only in simplified script (they have a different
    /// traditional form and are not themselves traditional).
    simplified_only: std::collections::HashSet<char>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // A failed load leaves the tables empty: folding then does nothing and every
        // issue reads as simplified, which loses precision for mixed-script search but
        // never text.
        let dict = opencc_fmmseg::DictionaryMaxlength::new().unwrap_or_default();
        let single = |key: &[char], value: &str| -> Option<(char, char)> {
            let mut v = value.chars();
            match (key, v.next(), v.next()) {
                ([k], Some(v), None) if *k != v => Some((*k, v)),
                _ => None,
            }
        };
        let to_simplified: HashMap<char, char> = dict
            .ts_characters
            .iter()
            .filter_map(|(k, v)| single(k, v))
            .collect();
        let simplified_only = dict
            .st_characters
            .iter()
            .filter_map(|(k, v)| single(k, v))
            .map(|(k, _)| k)
            .filter(|k| !to_simplified.contains_key(k))
            .collect();
        Tables {
            to_simplified,
            simplified_only,
        }
    })
}

/// The simplified form of one character (itself when it has none).
pub fn to_simplified(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    tables().to_simplified.get(&c).copied().unwrap_or(c)
}

/// Traditional when clearly more of the script-specific characters are traditional; a
/// text with none either way (numbers, names) counts as simplified.
pub fn detect(text: &str) -> Script {
    let t = tables();
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if t.to_simplified.contains_key(&c) {
            traditional += 1;
        } else if t.simplified_only.contains(&c) {
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
