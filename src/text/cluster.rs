//! Source characters grouped into clusters that a line break never splits, with widths.
//!
//! A cluster is a printable character with the zero-width characters that follow it
//! (combining marks, emoji modifiers, dropped format characters), an escape sequence, or a
//! run of white space of one kind. Its width is the width of its display text as a whole,
//! which is what ratatui's buffer and the terminal count for a grapheme.

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitize::{self, DOTTED_CIRCLE, Piece};
use super::{Indent, LayoutOptions};

/// Two ideographic spaces: the indent of a Chinese paragraph.
const ADDED_INDENT: &str = "\u{3000}\u{3000}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClusterKind {
    /// Something visible (or a zero-width remnant that must stay on a line).
    Text,
    /// White space that a line break consumes.
    Space,
    /// The indent added by [`Indent::AddTwoChars`]: white space with no source characters.
    AddedIndent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cluster {
    /// Source characters (char indices into the paragraph).
    pub char_range: Range<usize>,
    /// Display text, as a byte range into [`Clusters::text`].
    pub byte_range: Range<usize>,
    pub width_cols: usize,
    pub kind: ClusterKind,
    /// The character whose line-breaking properties the cluster takes: its first visible
    /// source character, or the placeholder shown for a control.
    pub base: char,
    /// A dropped zero-width space follows: it is not shown but keeps its break opportunity.
    pub zwsp_after: bool,
}

impl Cluster {
    pub fn is_space(&self) -> bool {
        self.kind != ClusterKind::Text
    }
}

/// A paragraph as clusters, their display texts concatenated in `text`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    pub text: String,
    pub clusters: Vec<Cluster>,
}

fn str_width(s: &str, opts: &LayoutOptions) -> usize {
    if opts.ambiguous_wide {
        s.width_cjk()
    } else {
        s.width()
    }
}

fn char_width(c: char, opts: &LayoutOptions) -> usize {
    let width = if opts.ambiguous_wide {
        c.width_cjk()
    } else {
        c.width()
    };
    width.unwrap_or(0)
}

impl Clusters {
    pub fn build(paragraph: &str, opts: &LayoutOptions) -> Self {
        let chars: Vec<char> = paragraph.chars().collect();
        let pieces = sanitize::pieces(&chars);
        let mut out = Clusters {
            text: String::with_capacity(paragraph.len()),
            clusters: Vec::with_capacity(chars.len() + 1),
        };
        let first_shown = pieces.iter().find(|p| **p != Piece::Hidden);
        let has_own_indent = matches!(first_shown, Some(Piece::Space(_) | Piece::Tab));
        if opts.indent == Indent::AddTwoChars && first_shown.is_some() && !has_own_indent {
            out.push_new(0..0, ADDED_INDENT, ClusterKind::AddedIndent, ' ', opts);
        }
        // Hidden characters before the first cluster wait for it.
        let mut pending_start: Option<usize> = None;
        for (i, piece) in pieces.iter().enumerate() {
            let start = pending_start.unwrap_or(i);
            let mut buf = [0u8; 4];
            match *piece {
                Piece::Hidden => match out.last_source_mut() {
                    Some(last) => {
                        last.char_range.end = i + 1;
                        last.zwsp_after |= chars[i] == '\u{200B}';
                    }
                    None => {
                        pending_start.get_or_insert(i);
                        continue;
                    }
                },
                Piece::Mark(c) | Piece::Modifier(c) if out.last_is_text() => {
                    out.attach(i, c, opts);
                }
                Piece::Mark(c) => {
                    let mut shown = String::with_capacity(8);
                    shown.push(DOTTED_CIRCLE);
                    shown.push(c);
                    out.push_new(start..i + 1, &shown, ClusterKind::Text, DOTTED_CIRCLE, opts);
                }
                Piece::Text(c) | Piece::Modifier(c) => {
                    out.push_char(start..i + 1, c, c, opts);
                }
                Piece::Placeholder(p) => {
                    out.push_char(start..i + 1, p, p, opts);
                }
                Piece::Space(c) => {
                    let shown = c.encode_utf8(&mut buf);
                    out.push_new(start..i + 1, shown, ClusterKind::Space, c, opts);
                }
                Piece::Tab => {
                    let shown = " ".repeat(opts.tab_width_cols);
                    out.push_new(start..i + 1, &shown, ClusterKind::Space, '\t', opts);
                }
            }
            pending_start = None;
        }
        if let Some(start) = pending_start {
            // Nothing but invisible characters: one empty cluster keeps them on a line.
            out.push_new(start..chars.len(), "", ClusterKind::Text, '\u{2060}', opts);
        }
        out
    }

    fn last_source_mut(&mut self) -> Option<&mut Cluster> {
        self.clusters
            .last_mut()
            .filter(|c| c.kind != ClusterKind::AddedIndent)
    }

    fn last_is_text(&self) -> bool {
        self.clusters
            .last()
            .is_some_and(|c| c.kind == ClusterKind::Text)
    }

    fn push_new(
        &mut self,
        char_range: Range<usize>,
        shown: &str,
        kind: ClusterKind,
        base: char,
        opts: &LayoutOptions,
    ) {
        let start = self.text.len();
        self.text.push_str(shown);
        self.clusters.push(Cluster {
            char_range,
            byte_range: start..self.text.len(),
            width_cols: str_width(shown, opts),
            kind,
            base,
            zwsp_after: false,
        });
    }

    /// The common case, one printable character, without measuring a string.
    fn push_char(
        &mut self,
        char_range: Range<usize>,
        shown: char,
        base: char,
        opts: &LayoutOptions,
    ) {
        let start = self.text.len();
        self.text.push(shown);
        self.clusters.push(Cluster {
            char_range,
            byte_range: start..self.text.len(),
            width_cols: char_width(shown, opts),
            kind: ClusterKind::Text,
            base,
            zwsp_after: false,
        });
    }

    /// Appends the character at `char_idx` to the last cluster, which is text and ends the
    /// display buffer.
    fn attach(&mut self, char_idx: usize, c: char, opts: &LayoutOptions) {
        self.text.push(c);
        let end = self.text.len();
        if let Some(last) = self.clusters.last_mut() {
            last.char_range.end = char_idx + 1;
            last.byte_range.end = end;
            // Measured as a whole: an emoji with its modifier is one two-column glyph.
            last.width_cols = str_width(&self.text[last.byte_range.clone()], opts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(s: &str) -> Clusters {
        Clusters::build(s, &LayoutOptions::default())
    }

    fn shown(c: &Clusters) -> Vec<&str> {
        c.clusters
            .iter()
            .map(|cl| &c.text[cl.byte_range.clone()])
            .collect()
    }

    #[test]
    fn clusters_cover_every_source_char_in_order() {
        let s = "\u{feff}读\u{1b}[1m报\u{301}\u{200b} \tx";
        let c = build(s);
        let mut next = 0;
        for cl in &c.clusters {
            assert_eq!(cl.char_range.start, next);
            next = cl.char_range.end;
        }
        assert_eq!(next, s.chars().count());
    }

    #[test]
    fn marks_attach_to_their_base_and_add_no_width() {
        let c = build("e\u{301}\u{302}x");
        assert_eq!(shown(&c), ["e\u{301}\u{302}", "x"]);
        assert_eq!(c.clusters[0].width_cols, 1);
        assert_eq!(c.clusters[0].char_range, 0..3);
    }

    #[test]
    fn an_escape_sequence_is_one_cluster_of_width_one() {
        let c = build("a\u{1b}[31mb");
        assert_eq!(shown(&c), ["a", "␛", "b"]);
        assert_eq!(c.clusters[1].char_range, 1..6);
        assert_eq!(c.clusters[1].width_cols, 1);
    }

    #[test]
    fn leading_invisible_characters_join_the_first_cluster() {
        let c = build("\u{feff}\u{200b}读");
        assert_eq!(c.clusters.len(), 1);
        assert_eq!(c.clusters[0].char_range, 0..3);
    }

    #[test]
    fn a_paragraph_of_invisible_characters_is_one_empty_cluster() {
        let c = build("\u{200b}\u{feff}");
        assert_eq!(c.clusters.len(), 1);
        assert_eq!(c.clusters[0].char_range, 0..2);
        assert_eq!(c.clusters[0].width_cols, 0);
        assert_eq!(c.text, "");
    }

    #[test]
    fn an_emoji_modifier_joins_its_emoji() {
        let c = build("👍🏽");
        assert_eq!(c.clusters.len(), 1);
        assert_eq!(c.clusters[0].width_cols, 2);
        let alone = build(" 🏽");
        assert_eq!(alone.clusters[1].width_cols, 2);
    }

    #[test]
    fn the_added_indent_comes_only_where_the_source_has_none() {
        let opts = LayoutOptions {
            indent: Indent::AddTwoChars,
            ..LayoutOptions::default()
        };
        let added = Clusters::build("读报", &opts);
        assert_eq!(added.clusters[0].kind, ClusterKind::AddedIndent);
        assert_eq!(added.clusters[0].width_cols, 4);
        assert_eq!(added.clusters[0].char_range, 0..0);
        let own = Clusters::build("\u{3000}\u{3000}读报", &opts);
        assert_eq!(own.clusters[0].kind, ClusterKind::Space);
        assert!(Clusters::build("", &opts).clusters.is_empty());
    }

    #[test]
    fn a_zero_width_space_keeps_its_break_opportunity() {
        let c = build("ab\u{200b}cd");
        assert!(c.clusters[1].zwsp_after);
        assert_eq!(shown(&c), ["a", "b", "c", "d"]);
    }
}
