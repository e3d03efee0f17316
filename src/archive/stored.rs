//! An article as stored: its texts as ranges of its file's raw text, which the archive
//! stores anyway (for the raw view and to re-read an issue when a page is added).
//!
//! Why ranges of the raw text, and not the raw text rebuilt from the articles: the raw
//! view and a re-import need the file byte for byte, mark-up, blank lines and all, which
//! no layout record short of the file itself gives back; while an article's texts are,
//! in a plain-text file, pieces of the file's lines (a paragraph is its lines joined, a
//! headline one line trimmed). So the file is stored whole and an article's texts point
//! into it, with what is not in the file (an HTML entity decoded, a space put between
//! joined Latin words) kept as literal text between the ranges.
//!
//! The article's JSON is kept as it is (less its empty fields), except that a string
//! whose ranges are shorter than itself becomes `{"r": [[start, end], "literal", …]}`
//! (byte offsets into the raw text). No field of an article is named `r`, so the form cannot be mistaken for data,
//! and fields added to [`Article`] later are stored the same way without a change here.
//! Every text is checked as it is encoded: the ranges give back the string byte for
//! byte, or the string is kept as it is.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::ingest::Article;

/// The key of an encoded string.
const RANGES: &str = "r";
/// The characters looked for in the raw text to start a range: fewer would match by
/// chance and cost more in offsets than they save.
const PROBE_CHARS: usize = 4;

/// A file's raw text, with where each run of [`PROBE_CHARS`] characters starts in it:
/// made once a file, for all its articles, so finding where a text is costs a lookup,
/// not a search of the file.
pub struct RawText<'r> {
    raw: &'r str,
    starts: HashMap<&'r str, Vec<u32>>,
}

impl<'r> RawText<'r> {
    pub fn new(raw: &'r str) -> RawText<'r> {
        let mut starts: HashMap<&str, Vec<u32>> = HashMap::new();
        let bounds: Vec<usize> = raw
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(raw.len()))
            .collect();
        // Offsets are u32: a file of 4 GB or more is stored as it is, not as ranges.
        if u32::try_from(raw.len()).is_ok() {
            for w in bounds.windows(PROBE_CHARS + 1) {
                let (from, to) = (w[0], w[PROBE_CHARS]);
                starts.entry(&raw[from..to]).or_default().push(from as u32);
            }
        }
        RawText { raw, starts }
    }

    /// Where `probe` starts in the text: the first place at or after `at` (texts come in
    /// the file's order), else the first place.
    fn find(&self, probe: &str, at: usize) -> Option<usize> {
        let places = self.starts.get(probe)?;
        let i = places.partition_point(|&p| (p as usize) < at);
        places.get(i).or(places.first()).map(|&p| p as usize)
    }
}

/// The article's JSON with its texts as ranges of `raw` where that is shorter.
pub fn encode(article: &Article, raw: &RawText<'_>) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(article)?;
    let mut cursor = 0;
    encode_value(&mut value, raw, &mut cursor);
    serde_json::to_string(&value)
}

/// The article stored as `json`; `raw` gives its file's text, asked for only when the
/// JSON has ranges. `None` when the JSON is not an article or a range falls outside
/// the text: the archive is damaged.
pub fn decode<R: AsRef<str>>(json: &str, raw: impl FnOnce() -> Option<R>) -> Option<Article> {
    if !has_ranges(json) {
        return serde_json::from_str(json).ok();
    }
    let mut value: Value = serde_json::from_str(json).ok()?;
    let raw = raw()?;
    decode_value(&mut value, raw.as_ref())?;
    serde_json::from_value(value).ok()
}

/// Whether the stored JSON points into the raw text. Exact: inside a JSON string a
/// quote is always escaped, so `{"r":[` can only be an encoded text.
pub fn has_ranges(json: &str) -> bool {
    json.contains("{\"r\":[")
}

fn encode_value(value: &mut Value, raw: &RawText<'_>, cursor: &mut usize) {
    match value {
        Value::String(s) => {
            if let Some(pieces) = ranges(s, raw, cursor) {
                let mut m = Map::new();
                m.insert(RANGES.to_owned(), Value::Array(pieces));
                *value = Value::Object(m);
            }
        }
        Value::Array(items) => {
            for v in items {
                encode_value(v, raw, cursor);
            }
        }
        Value::Object(m) => {
            // An absent field reads back as `None`, and most of an article's are.
            m.retain(|_, v| !v.is_null());
            for (_, v) in m.iter_mut() {
                encode_value(v, raw, cursor);
            }
        }
        _ => {}
    }
}

fn decode_value(value: &mut Value, raw: &str) -> Option<()> {
    match value {
        Value::Object(m) if m.len() == 1 && m.contains_key(RANGES) => {
            let Some(Value::Array(pieces)) = m.get(RANGES) else {
                return None;
            };
            let mut s = String::new();
            for p in pieces {
                match p {
                    Value::String(lit) => s.push_str(lit),
                    Value::Array(r) => {
                        let start = usize::try_from(r.first()?.as_u64()?).ok()?;
                        let end = usize::try_from(r.get(1)?.as_u64()?).ok()?;
                        s.push_str(raw.get(start..end)?);
                    }
                    _ => return None,
                }
            }
            *value = Value::String(s);
        }
        Value::Array(items) => {
            for v in items {
                decode_value(v, raw)?;
            }
        }
        Value::Object(m) => {
            for (_, v) in m.iter_mut() {
                decode_value(v, raw)?;
            }
        }
        _ => {}
    }
    Some(())
}

/// `s` as ranges of `raw` and literals, when that is shorter as JSON than `s`.
fn ranges(s: &str, text: &RawText<'_>, cursor: &mut usize) -> Option<Vec<Value>> {
    let raw = text.raw;
    // A short text costs more as a range than as itself.
    if s.len() < 3 * PROBE_CHARS {
        return None;
    }
    let mut pieces: Vec<Value> = Vec::new();
    let mut literal = String::new();
    let mut at = *cursor;
    let mut rest = s;
    while !rest.is_empty() {
        let probe = rest
            .char_indices()
            .nth(PROBE_CHARS)
            .map_or(rest, |(i, _)| &rest[..i]);
        let found = text.find(probe, at);
        match found {
            Some(start) => {
                let len = common_prefix(&raw[start..], rest);
                if !literal.is_empty() {
                    pieces.push(Value::String(std::mem::take(&mut literal)));
                }
                pieces.push(Value::Array(vec![start.into(), (start + len).into()]));
                at = start + len;
                rest = &rest[len..];
            }
            None => {
                let c = rest.chars().next()?;
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(Value::String(literal));
    }
    // Worth it only when shorter, and used only when it gives the text back exactly.
    let cost = |v: &Value| serde_json::to_string(v).map_or(usize::MAX, |j| j.len());
    let encoded = Value::Array(pieces);
    if cost(&encoded) + RANGES.len() + 6 >= cost(&Value::String(s.to_owned())) {
        return None;
    }
    let mut check = Value::Object(Map::from_iter([(RANGES.to_owned(), encoded.clone())]));
    decode_value(&mut check, raw)?;
    if check.as_str() != Some(s) {
        return None;
    }
    *cursor = at;
    match encoded {
        Value::Array(pieces) => Some(pieces),
        _ => None,
    }
}

/// Bytes `a` and `b` share from the start, ending on a character boundary of both.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for ((i, ca), cb) in a.char_indices().zip(b.chars()) {
        if ca != cb {
            return i;
        }
        n = i + ca.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Section;

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        Article {
            title: Some(title.to_owned()),
            sections: vec![Section {
                heading: None,
                paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            }],
            source: "/a/b.txt".into(),
            ..Article::default()
        }
    }

    #[test]
    fn joined_lines_become_ranges_and_come_back_exactly() {
        let raw = "标题在这里一行里面\n\n　　第一段的第一行文字很长很长，\n接着是第一段的第二行文字。\n\n　　第二段只有一行而已哦。\n";
        let a = article(
            "标题在这里一行里面",
            &[
                "第一段的第一行文字很长很长，接着是第一段的第二行文字。",
                "第二段只有一行而已哦。",
            ],
        );
        let json = encode(&a, &RawText::new(raw)).expect("encode");
        assert!(json.contains("{\"r\":[["), "{json}");
        assert!(
            !json.contains("第一段"),
            "the text is not stored again: {json}"
        );
        assert!(json.len() < serde_json::to_string(&a).unwrap().len());
        let back = decode(&json, || Some(raw)).expect("decode");
        assert_eq!(back, a);
    }

    #[test]
    fn what_is_not_in_the_file_stays_literal() {
        // An entity decoded, a word the file does not have.
        let raw = "<p>中国&amp;世界的经济发展形势很好</p><p>另一段落的文字内容也在这里</p>";
        let a = article(
            "完全不在文件里的标题文字",
            &["中国&世界的经济发展形势很好", "另一段落的文字内容也在这里"],
        );
        let json = encode(&a, &RawText::new(raw)).expect("encode");
        assert!(json.contains("完全不在文件里的标题文字"), "{json}");
        let back = decode(&json, || Some(raw)).expect("decode");
        assert_eq!(back, a);
    }

    #[test]
    fn json_without_ranges_never_asks_for_the_raw_text() {
        let a = article("短", &["短段"]);
        let json = encode(&a, &RawText::new("短段")).expect("encode");
        let back = decode(&json, || -> Option<&str> {
            panic!("asked for the raw text")
        })
        .expect("decode");
        assert_eq!(back, a);
    }

    #[test]
    fn a_range_past_the_text_is_damage_not_a_panic() {
        let json = r#"{"title":{"r":[[0,900]]},"sections":[],"captions":[]}"#;
        assert!(decode(json, || Some("短")).is_none());
        let json = r#"{"title":{"r":[[1,2]]},"sections":[],"captions":[]}"#;
        assert!(
            decode(json, || Some("中文")).is_none(),
            "inside a character"
        );
        assert!(decode(json, || None::<&str>).is_none(), "no raw text");
    }

    proptest::proptest! {
        #[test]
        fn any_texts_come_back_exactly(
            raw in "[中国人民日报发展经济 \n　，。a-z&]{0,300}",
            cuts in proptest::collection::vec((0usize..300, 0usize..80), 0..8),
            extra in "[中国xyz]{0,6}",
        ) {
            let chars: Vec<char> = raw.chars().collect();
            let mut paragraphs: Vec<String> = cuts
                .iter()
                .map(|&(start, len)| {
                    let start = start.min(chars.len());
                    let end = (start + len).min(chars.len());
                    chars[start..end].iter().filter(|c| **c != '\n').collect()
                })
                .collect();
            paragraphs.push(extra.clone());
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let a = article(&extra, &refs);
            let json = encode(&a, &RawText::new(&raw)).expect("encode");
            let back = decode(&json, || Some(raw.as_str()));
            proptest::prop_assert_eq!(back, Some(a));
        }
    }
}
