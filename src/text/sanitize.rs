//! What each source character shows on a terminal.
//!
//! Newspaper text comes from scans, web pages and word processors, and carries whatever they
//! left in it: control characters, terminal escape sequences, bidi overrides, zero-width
//! spaces. None of it may reach the terminal, which would obey it (move the cursor, change
//! colours, set the window title, reorder the line). Each source character becomes a display
//! piece; the mapping is one piece per character so that `char_range`s stay exact.
//!
//! Placeholders (all one column wide in every terminal, also with ambiguous-wide on, because
//! they are East Asian Width "neutral"):
//!
//! | source | shown |
//! |---|---|
//! | ESC, alone or starting a well-formed escape sequence (CSI, OSC, DCS, …) | `␛` (U+241B), once for the whole sequence |
//! | other C0 controls U+0000–U+001F | the Control Pictures symbol, U+2400 + code (`␀` … `␟`) |
//! | DEL U+007F | `␡` (U+2421) |
//! | C1 controls U+0080–U+009F (except NEL) | `␦` (U+2426) |
//! | invisible format characters (ZWSP, ZWJ, bidi controls, BOM, variation selectors, soft hyphen, Hangul fillers, tags) | nothing |
//! | tab | `tab_width_cols` spaces |
//! | LF, CR, VT, FF, NEL, U+2028, U+2029 | one space (a line break in a paragraph is white space; CRLF is one space) |
//!
//! `U+FFFD` was not chosen as the placeholder: it is East Asian Ambiguous, two columns in a
//! CJK terminal, one in ours.

use unicode_width::UnicodeWidthChar;

/// Shown for an ESC, or once for a whole well-formed escape sequence.
pub const ESC_PLACEHOLDER: char = '\u{241B}';
/// Shown for a C1 control character (U+0080–U+009F other than NEL).
pub const UNKNOWN_CONTROL_PLACEHOLDER: char = '\u{2426}';
/// Shown for DEL.
const DEL_PLACEHOLDER: char = '\u{2421}';
/// Base shown under a combining mark that has no character to sit on.
pub(crate) const DOTTED_CIRCLE: char = '\u{25CC}';

const ESC: char = '\u{1B}';
const BEL: char = '\u{07}';
/// C1 String Terminator.
const ST: char = '\u{9C}';

/// What one source character shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A printable character, shown as itself.
    Text(char),
    /// A control character or the ESC of an escape sequence, shown as this placeholder.
    Placeholder(char),
    /// A zero-width character that belongs to the character before it (combining mark,
    /// Hangul vowel jamo, ideographic variation selector).
    Mark(char),
    /// An emoji skin-tone modifier: part of the emoji before it, as terminals draw them.
    Modifier(char),
    /// White space a line break may consume, shown as this character (space or U+3000).
    Space(char),
    /// A tab, shown as spaces.
    Tab,
    /// Nothing is shown: an invisible format character, the LF of a CRLF, or the rest of an
    /// escape sequence after its ESC.
    Hidden,
}

/// The piece of every character of `chars`, in order (one piece per character).
pub(crate) fn pieces(chars: &[char]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ESC {
            let len_chars = escape_sequence_len(&chars[i..]).unwrap_or(1);
            out.push(Piece::Placeholder(ESC_PLACEHOLDER));
            out.extend(std::iter::repeat_n(Piece::Hidden, len_chars - 1));
            i += len_chars;
            continue;
        }
        let piece = if c == '\n' && i > 0 && chars[i - 1] == '\r' {
            Piece::Hidden
        } else {
            classify(c)
        };
        out.push(piece);
        i += 1;
    }
    out
}

/// The piece of a character outside escape sequences.
fn classify(c: char) -> Piece {
    match c {
        '\t' => Piece::Tab,
        '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Piece::Space(' '),
        // Typographic spaces are shown as ASCII spaces: same width, and no font lacks them.
        ' ' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{205F}' => Piece::Space(' '),
        '\u{3000}' => Piece::Space('\u{3000}'),
        ESC => Piece::Placeholder(ESC_PLACEHOLDER),
        '\u{00}'..='\u{1F}' => Piece::Placeholder(
            char::from_u32(0x2400 + c as u32).unwrap_or(UNKNOWN_CONTROL_PLACEHOLDER),
        ),
        '\u{7F}' => Piece::Placeholder(DEL_PLACEHOLDER),
        '\u{80}'..='\u{9F}' => Piece::Placeholder(UNKNOWN_CONTROL_PLACEHOLDER),
        c if is_invisible(c) => Piece::Hidden,
        '\u{1F3FB}'..='\u{1F3FF}' => Piece::Modifier(c),
        c if c.width() == Some(0) => Piece::Mark(c),
        c => Piece::Text(c),
    }
}

/// Format and filler characters that draw nothing but that terminals disagree about: some
/// give them a column (U+3164 is two in most `wcwidth`s), some let them reorder the line
/// (bidi controls), some join or recolour the neighbours (ZWJ, VS16). Dropping them keeps our
/// widths and the terminal's the same.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E01F0}'..='\u{E0FFF}'
    )
}

/// Length in chars of the well-formed escape sequence at the start of `chars` (which starts
/// with ESC), or `None` when the ESC stands alone. A malformed sequence is not swallowed: its
/// ESC becomes a placeholder and the rest stays visible, so no text can hide behind an
/// unterminated OSC.
fn escape_sequence_len(chars: &[char]) -> Option<usize> {
    let introducer = *chars.get(1)?;
    match introducer {
        '[' => {
            // CSI: parameter and intermediate bytes 0x20–0x3F, then a final byte 0x40–0x7E.
            for (j, &c) in chars.iter().enumerate().skip(2) {
                match c {
                    '\u{20}'..='\u{3F}' => {}
                    '\u{40}'..='\u{7E}' => return Some(j + 1),
                    _ => return None,
                }
            }
            None
        }
        // OSC, DCS, SOS, PM, APC: a string ended by BEL (OSC only, but terminals accept it
        // for all) or ST, as ESC \ or U+009C.
        ']' | 'P' | 'X' | '^' | '_' => {
            let mut j = 2;
            while let Some(&c) = chars.get(j) {
                match c {
                    BEL | ST => return Some(j + 1),
                    ESC => return (chars.get(j + 1) == Some(&'\\')).then_some(j + 2),
                    // Terminals abort a string on other controls (CAN, SUB, …).
                    c if c.is_control() => return None,
                    _ => j += 1,
                }
            }
            None
        }
        // nF sequences (charset designation and the like): intermediates, then a final.
        '\u{20}'..='\u{2F}' => {
            for (j, &c) in chars.iter().enumerate().skip(2) {
                match c {
                    '\u{20}'..='\u{2F}' => {}
                    '\u{30}'..='\u{7E}' => return Some(j + 1),
                    _ => return None,
                }
            }
            None
        }
        // Two-character sequences: ESC 7, ESC c, ESC =, …
        '\u{30}'..='\u{7E}' => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{LayoutOptions, sanitize, sanitize_with};

    fn pieces_of(s: &str) -> Vec<Piece> {
        let chars: Vec<char> = s.chars().collect();
        pieces(&chars)
    }

    #[test]
    fn every_character_gets_exactly_one_piece() {
        let s = "a\u{1b}[1;31m红\u{1b}]0;title\u{7}\r\n\u{200b}é";
        assert_eq!(pieces_of(s).len(), s.chars().count());
    }

    #[test]
    fn a_csi_sequence_is_one_placeholder() {
        assert_eq!(sanitize("红\u{1b}[1;31m字\u{1b}[0m"), "红␛字␛");
    }

    #[test]
    fn an_osc_sequence_ends_at_bel_or_string_terminator() {
        assert_eq!(sanitize("a\u{1b}]0;窗口标题\u{7}b"), "a␛b");
        assert_eq!(sanitize("a\u{1b}]8;;http://x\u{1b}\\b"), "a␛b");
        assert_eq!(sanitize("a\u{1b}]0;t\u{9c}b"), "a␛b");
    }

    #[test]
    fn an_unterminated_sequence_hides_nothing() {
        assert_eq!(sanitize("a\u{1b}]0;标题没有结尾"), "a␛]0;标题没有结尾");
        assert_eq!(sanitize("a\u{1b}[31中"), "a␛[31中");
        assert_eq!(sanitize("\u{1b}"), "␛");
    }

    #[test]
    fn short_escape_sequences_are_one_placeholder() {
        assert_eq!(sanitize("a\u{1b}(Bb"), "a␛b");
        assert_eq!(sanitize("a\u{1b}cb"), "a␛b");
        assert_eq!(sanitize("a\u{1b}\u{1b}[0mb"), "a␛␛b");
    }

    #[test]
    fn c0_c1_and_del_become_one_column_pictures() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{7f}d\u{9b}e"), "a␀b␇c␡d␦e");
    }

    #[test]
    fn line_breaks_and_tabs_become_spaces() {
        assert_eq!(sanitize("a\r\nb\nc\u{2028}d"), "a b c d");
        assert_eq!(sanitize("a\tb"), "a    b");
        let opts = LayoutOptions {
            tab_width_cols: 2,
            ..LayoutOptions::default()
        };
        assert_eq!(sanitize_with("a\tb", &opts), "a  b");
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        let s = "\u{feff}读\u{200b}报\u{202e}反\u{202c}\u{2066}x\u{2069}\u{ad}\u{3164}";
        assert_eq!(sanitize(s), "读报反x");
    }

    #[test]
    fn emoji_sequences_are_taken_apart_into_what_terminals_agree_on() {
        // ZWJ and VS16 are dropped; the skin-tone modifier stays with its emoji.
        assert_eq!(sanitize("👨\u{200d}👩"), "👨👩");
        assert_eq!(sanitize("❤\u{fe0f}"), "❤");
        assert_eq!(sanitize("👍🏽"), "👍🏽");
    }

    #[test]
    fn a_combining_mark_without_a_base_gets_a_dotted_circle() {
        assert_eq!(sanitize("\u{301}a"), "◌\u{301}a");
        assert_eq!(sanitize("a \u{301}"), "a ◌\u{301}");
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn placeholders_are_one_column_in_both_width_modes() {
        for c in [
            ESC_PLACEHOLDER,
            UNKNOWN_CONTROL_PLACEHOLDER,
            DEL_PLACEHOLDER,
            DOTTED_CIRCLE,
        ]
        .into_iter()
        .chain((0..0x20).filter_map(|c| char::from_u32(0x2400 + c)))
        {
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert_eq!(c.width_cjk(), Some(1), "{c:?}");
        }
    }

    #[test]
    fn nothing_the_terminal_would_obey_survives() {
        let nasty = "\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}31m\u{8}\u{7f}\u{202e}\r\u{85}\u{0}";
        let out = sanitize(nasty);
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        assert!(!out.chars().any(is_invisible), "{out:?}");
    }
}
