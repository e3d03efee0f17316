//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, and a
//! guess for the rest; line ends normalised to `\n`.
//!
//! Only what cannot be text is refused: NUL (a text file never holds one; binary files
//! nearly always do) and bytes so often undecodable that no encoding fits. Control
//! characters in text that decodes are kept as they are, with a warning naming where
//! they are: a scan or a web page can carry a few, and showing them safely is the
//! reader's business (`text::sanitize`), not a reason to lose the issue. A file with a few
//! bad bytes is decoded with a warning for each, so one scanning error never costs a
//! whole issue.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Why bytes are not a text issue. The caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    /// A NUL byte (or, in UTF-16, a NUL character); `offset` is the first one's.
    Binary {
        offset: usize,
    },
    /// More than [`MAX_REPLACED_SHARE`] of the characters could not be decoded in the
    /// best encoding found; `offset` is the first bad byte's.
    Undecodable {
        encoding: &'static str,
        offset: usize,
        bad: usize,
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
/// Replaced (undecodable) characters beyond this share of the decoded text mean the bytes
/// are no text in any encoding we know: an image or archive without NUL bytes, or a file
/// damaged beyond reading.
pub const MAX_REPLACED_SHARE: f64 = 0.05;
/// Offsets named one by one in warnings; the rest are counted.
const MAX_NAMED_OFFSETS: usize = 5;

pub fn decode(bytes: &[u8]) -> Result<Decoded, Refusal> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Refusal::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        // UTF-16 is full of NUL bytes, so its BOM has to be honoured before the NUL test.
        let body = &bytes[bom_len..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        let mut warnings = Vec::new();
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD (check the file's encoding)",
                encoding.name()
            ));
        }
        let origin = Origin {
            bytes: body,
            bom_len,
            encoding,
        };
        return finish(&text, &origin, warnings, had_errors);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Refusal::Binary { offset });
    }
    let origin = |encoding| Origin {
        bytes,
        bom_len: 0,
        encoding,
    };
    let bad = invalid_utf8_offsets(bytes);
    if bad.is_empty() {
        // from_utf8 succeeded in invalid_utf8_offsets, so this cannot fail; the lossy
        // form only avoids a second unwrap-like path.
        return finish(
            &String::from_utf8_lossy(bytes),
            &origin(UTF_8),
            Vec::new(),
            false,
        );
    }
    let few_bad = (bad.len() as f64) <= (bytes.len() as f64 * MAX_BAD_UTF8_SHARE).max(2.0);
    if few_bad && mostly_multibyte_utf8(bytes) {
        return finish(
            &String::from_utf8_lossy(bytes),
            &origin(UTF_8),
            vec![offsets_warning("invalid UTF-8", &bad)],
            false,
        );
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return finish(&text, &origin(GB18030), Vec::new(), false);
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
    finish(&text, &origin(encoding), warnings, had_errors)
}

/// The bytes a text was decoded from, so that warnings can name offsets in the file.
struct Origin<'a> {
    /// The file's bytes after its BOM.
    bytes: &'a [u8],
    bom_len: usize,
    encoding: &'static Encoding,
}

/// The checks on decoded text. `lossy`: the decoder replaced bytes it could not decode
/// (not counting the few invalid UTF-8 bytes already accepted and named).
fn finish(
    text: &str,
    origin: &Origin<'_>,
    mut warnings: Vec<String>,
    lossy: bool,
) -> Result<Decoded, Refusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Only UTF-16 can get here with a NUL (the byte test ran before the others).
    if text.contains('\0') {
        let offset = file_offsets(origin, |c| c == '\0', 1);
        return Err(Refusal::Binary {
            offset: offset.first().copied().unwrap_or(0),
        });
    }
    if lossy {
        let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
        if bad as f64 > text.chars().count() as f64 * MAX_REPLACED_SHARE {
            let offset = file_offsets(origin, |c| c == '\u{fffd}', 1);
            return Err(Refusal::Undecodable {
                encoding: origin.encoding.name(),
                offset: offset.first().copied().unwrap_or(0),
                bad,
            });
        }
    }
    if text.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    let controls = text.chars().filter(|&c| is_pictured_control(c)).count();
    if controls > 0 {
        let offsets = file_offsets(origin, is_pictured_control, MAX_NAMED_OFFSETS);
        warnings.push(format!(
            "{controls} control {} ({}), kept as they are: the reader shows them as symbols \
             like \u{241b} (remove them from the file if they do not belong there)",
            if controls == 1 {
                "character"
            } else {
                "characters"
            },
            at_bytes(&offsets, controls),
        ));
    }
    Ok(Decoded {
        text: normalize_line_ends(text),
        encoding: origin.encoding.name(),
        warnings,
    })
}

/// The control characters `text::sanitize` shows as pictures (`␛`, `␇`, `␦`…): not the
/// ones that are white space in a text (tab, line ends, form feed, NEL).
fn is_pictured_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{85}')
}

/// File offsets of the first `max` characters of the decoded text for which `wanted`
/// holds. Decoding again a byte at a time is the one mapping from characters back to bytes
/// that holds in every encoding (a GB18030 character is 1, 2 or 4 bytes, a replaced
/// sequence any length); it runs only when there is something to name.
fn file_offsets(origin: &Origin<'_>, wanted: impl Fn(char) -> bool, max: usize) -> Vec<usize> {
    let mut decoder = origin.encoding.new_decoder_without_bom_handling();
    let mut found = Vec::new();
    // One input byte completes at most a few characters (a pending sequence flushed as
    // U+FFFD, then the byte itself).
    let mut buf = [0u8; 64];
    // Where the character being decoded began.
    let mut char_start = 0;
    for (i, byte) in origin.bytes.iter().enumerate() {
        let last = i + 1 == origin.bytes.len();
        let (_, _, written, _) = decoder.decode_to_utf8(std::slice::from_ref(byte), &mut buf, last);
        let chars = std::str::from_utf8(&buf[..written]).unwrap_or_default();
        for (n, c) in chars.chars().enumerate() {
            // After a flushed bad sequence, the next character is this byte's.
            let at = if n == 0 { char_start } else { i };
            if wanted(c) {
                found.push(origin.bom_len + at);
                if found.len() >= max {
                    return found;
                }
            }
        }
        if written > 0 {
            char_start = i + 1;
        }
    }
    found
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
    format!(
        "{what} {} (replaced with U+FFFD; check the file for damage)",
        at_bytes(
            &offsets[..offsets.len().min(MAX_NAMED_OFFSETS)],
            offsets.len()
        )
    )
}

/// "at byte 7", "at bytes 3, 9 and 4 more": the first offsets of `total`.
fn at_bytes(first: &[usize], total: usize) -> String {
    let named: Vec<String> = first
        .iter()
        .take(MAX_NAMED_OFFSETS)
        .map(|o| o.to_string())
        .collect();
    let more = total.saturating_sub(named.len());
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let noun = if total == 1 { "byte" } else { "bytes" };
    format!("at {noun} {}{tail}", named.join(", "))
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
    fn control_characters_in_valid_text_are_kept_and_named() {
        // 120 characters, 10 of them controls (8 %): an escape sequence, a bell, C1.
        let text = format!(
            "{}\u{1b}]52;c;cHduZWQ=\u{7}{}\u{1b}[2J{}\u{7}\u{9b}\u{90}\u{1}\u{8}\u{7f}\u{1b}{}",
            "唐".repeat(30),
            "登".repeat(30),
            "杰".repeat(20),
            "x".repeat(13),
        );
        assert_eq!(text.chars().count(), 120);
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(d.text, text, "kept as it is");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        let w = &d.warnings[0];
        // 30 three-byte characters, the OSC (16 bytes, BEL last), 30 more, the CSI (4),
        // 20 more, then BEL and U+009B (two bytes) side by side.
        let osc = 30 * 3;
        let bell = osc + 15;
        let csi = bell + 1 + 30 * 3;
        let bell2 = csi + 4 + 20 * 3;
        assert!(w.starts_with("10 control characters"), "{w}");
        let named = format!(
            "at bytes {osc}, {bell}, {csi}, {bell2}, {} and 5 more",
            bell2 + 1
        );
        assert!(w.contains(&named), "{w}");
    }

    #[test]
    fn control_offsets_are_file_offsets_in_any_encoding() {
        let text = "唐登杰\u{1b}代表省委\u{7}";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, text);
        // Two bytes a character in GB18030: ESC after three, BEL after seven.
        assert!(
            d.warnings[0].contains("at bytes 6, 15)"),
            "{:?}",
            d.warnings
        );
        let mut utf16 = vec![0xff, 0xfe];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&utf16).unwrap();
        assert!(
            d.warnings[0].contains("at bytes 8, 18)"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn mostly_control_characters_are_still_text_when_they_decode() {
        let bytes: Vec<u8> = (1u8..=8).cycle().take(200).collect();
        let d = decode(&bytes).unwrap();
        assert!(
            d.warnings[0].starts_with("200 control characters"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn a_nul_character_in_utf16_is_binary() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "唐登\0杰".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes), Err(Refusal::Binary { offset: 6 }));
    }

    #[test]
    fn mostly_undecodable_bytes_are_refused() {
        // Lone surrogates: UTF-16 by its BOM, no text in it.
        let mut bytes = vec![0xff, 0xfe, 0x2d, 0x4e];
        for _ in 0..40 {
            bytes.extend_from_slice(&[0x00, 0xd8]);
        }
        assert_eq!(
            decode(&bytes),
            Err(Refusal::Undecodable {
                encoding: "UTF-16LE",
                offset: 4,
                bad: 40
            })
        );
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
