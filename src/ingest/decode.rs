//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, and a
//! guess for the rest; line ends normalised to `\n`.
//!
//! What cannot be text (NUL bytes, mostly control characters) is refused; a file with a
//! few bad bytes is decoded with a warning for each, so one scanning error never costs
//! a whole issue.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Why bytes are not a text issue. The caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    /// NUL or other binary bytes; `offset` is the first one.
    Binary {
        offset: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with `\r\n` and `\r` turned into `\n` and any BOM removed.
    pub text: String,
    pub encoding: &'static str,
    /// "what (what to do)" notes, one per problem, naming byte offsets.
    pub warnings: Vec<String>,
}

/// Invalid UTF-8 sequences beyond this share of the bytes mean the file is in another
/// encoding, not UTF-8 with a few scanning errors.
const MAX_BAD_UTF8_SHARE: f64 = 0.002;
/// A decoded text with more control characters than this share is binary data.
const MAX_CONTROL_SHARE: f64 = 0.05;
/// Offsets named one by one in warnings; the rest are counted.
const MAX_NAMED_OFFSETS: usize = 5;

pub fn decode(bytes: &[u8]) -> Result<Decoded, Refusal> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Refusal::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        // UTF-16 is full of NUL bytes, so its BOM has to be honoured before the NUL test.
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let mut warnings = Vec::new();
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD (check the file's encoding)",
                encoding.name()
            ));
        }
        return finish(&text, encoding, warnings);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Refusal::Binary { offset });
    }
    let bad = invalid_utf8_offsets(bytes);
    if bad.is_empty() {
        // from_utf8 succeeded in invalid_utf8_offsets, so this cannot fail; the lossy
        // form only avoids a second unwrap-like path.
        return finish(&String::from_utf8_lossy(bytes), UTF_8, Vec::new());
    }
    let few_bad = (bad.len() as f64) <= (bytes.len() as f64 * MAX_BAD_UTF8_SHARE).max(2.0);
    if few_bad && mostly_multibyte_utf8(bytes) {
        return finish(
            &String::from_utf8_lossy(bytes),
            UTF_8,
            vec![offsets_warning("invalid UTF-8", &bad)],
        );
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return finish(&text, GB18030, Vec::new());
    }
    // Neither UTF-8 nor clean GB18030: let chardetng pick (Big5, Shift_JIS, a GBK file
    // with damage…), and say so, because a guess can be wrong.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let encoding = if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let mut warnings = vec![format!(
        "encoding guessed as {} (convert the file to UTF-8 if the text looks wrong)",
        encoding.name()
    )];
    if had_errors {
        warnings.push(format!(
            "bytes invalid in {} replaced with U+FFFD (check the file for damage)",
            encoding.name()
        ));
    }
    finish(&text, encoding, warnings)
}

fn finish(
    text: &str,
    encoding: &'static Encoding,
    warnings: Vec<String>,
) -> Result<Decoded, Refusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut controls = 0usize;
    let mut total = 0usize;
    let mut first_control = None;
    for (i, c) in text.char_indices() {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            controls += 1;
            first_control.get_or_insert(i);
        }
    }
    if controls > 0 && controls as f64 > total as f64 * MAX_CONTROL_SHARE {
        return Err(Refusal::Binary {
            offset: first_control.unwrap_or(0),
        });
    }
    if text.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    Ok(Decoded {
        text: normalize_line_ends(text),
        encoding: encoding.name(),
        warnings,
    })
}

pub fn normalize_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Byte offsets where an invalid UTF-8 sequence starts (a truncated sequence at the very
/// end counts as one).
fn invalid_utf8_offsets(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(_) => break,
            Err(e) => {
                let bad_at = at + e.valid_up_to();
                out.push(bad_at);
                at = bad_at + e.error_len().unwrap_or(bytes.len() - bad_at);
            }
        }
    }
    out
}

/// GB18030 text seen as UTF-8 fails almost at once and has few valid multi-byte
/// sequences; damaged UTF-8 still has many. Counting lead bytes of valid sequences tells
/// the two apart on inputs too short for the error share alone.
fn mostly_multibyte_utf8(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    let multibyte = lossy
        .chars()
        .filter(|&c| c != '\u{fffd}' && !c.is_ascii())
        .count();
    let replaced = lossy.chars().filter(|&c| c == '\u{fffd}').count();
    multibyte >= 4 * replaced.max(1)
}

fn offsets_warning(what: &str, offsets: &[usize]) -> String {
    let named: Vec<String> = offsets
        .iter()
        .take(MAX_NAMED_OFFSETS)
        .map(|o| o.to_string())
        .collect();
    let more = offsets.len().saturating_sub(MAX_NAMED_OFFSETS);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let noun = if offsets.len() == 1 { "byte" } else { "bytes" };
    format!(
        "{what} at {noun} {}{tail} (replaced with U+FFFD; check the file for damage)",
        named.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "唐登杰代表省委、省政府向钱文挥一行表示欢迎。";

    #[test]
    fn plain_utf8_is_kept() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "gb18030");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn gbk_traditional_text_is_detected_too() {
        let text = "本報訊12月17日,副省長王成在大同市調研供銷合作社重點項目。";
        let (bytes, _, _) = GB18030.encode(text);
        assert_eq!(decode(&bytes).unwrap().text, text);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in SAMPLE.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, SAMPLE);
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        let d = decode("甲\r\n乙\r丙\n丁".as_bytes()).unwrap();
        assert_eq!(d.text, "甲\n乙\n丙\n丁");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.insert(6, 0);
        assert_eq!(decode(&bytes), Err(Refusal::Binary { offset: 6 }));
    }

    #[test]
    fn control_heavy_input_is_binary() {
        let bytes: Vec<u8> = (1u8..=8).cycle().take(200).collect();
        assert!(matches!(decode(&bytes), Err(Refusal::Binary { .. })));
    }

    #[test]
    fn empty_and_blank_input_is_refused() {
        assert_eq!(decode(b""), Err(Refusal::Empty));
        assert_eq!(decode(b" \n\r\n\t"), Err(Refusal::Empty));
    }

    #[test]
    fn truncated_utf8_is_decoded_with_a_warning_naming_the_offset() {
        let mut bytes = SAMPLE.repeat(3).into_bytes();
        let cut = bytes.len() - 1;
        bytes.truncate(cut);
        let d = decode(&bytes).unwrap();
        assert!(d.text.ends_with('\u{fffd}'));
        assert_eq!(d.encoding, "UTF-8");
        let offset = cut - 2;
        assert!(
            d.warnings[0].contains(&format!("byte {offset}")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced_and_named() {
        let mut bytes = SAMPLE.repeat(20).into_bytes();
        bytes.insert(600, 0xfe);
        bytes.insert(30, 0xff);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.matches('\u{fffd}').count(), 2);
        assert_eq!(d.text.replace('\u{fffd}', ""), SAMPLE.repeat(20));
        assert!(d.warnings[0].contains("bytes 30, 601"), "{:?}", d.warnings);
    }
}
