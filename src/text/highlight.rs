//! Source character ranges onto laid-out lines: highlights, and the cursor both ways.
//!
//! These functions take the paragraph and the options the lines were laid out with, and
//! rebuild its clusters (linear, cheap next to drawing) rather than keep them in every
//! cached [`LaidLine`].

use std::ops::Range;

use super::cluster::{Cluster, ClusterKind, Clusters};
use super::{LaidLine, LayoutOptions};

/// A run of a line's text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledPiece {
    pub text: String,
    pub highlighted: bool,
}

/// A place on the laid-out lines of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinePos {
    /// Index into the lines.
    pub line: usize,
    /// Display column from the start of the line (added indent included).
    pub col: usize,
}

/// The source clusters a line shows, in order (without the added indent).
fn clusters_of<'a>(clusters: &'a [Cluster], line: &LaidLine) -> impl Iterator<Item = &'a Cluster> {
    // Only the added indent has an empty char range; it ends at 0 and is skipped here.
    let first = clusters.partition_point(|c| c.char_range.end <= line.char_range.start);
    clusters[first..]
        .iter()
        .take_while(move |c| c.char_range.start < line.char_range.end)
}

/// Splits each line into pieces, highlighted where they show a source character inside one
/// of `ranges` (char ranges into `paragraph`; they may overlap and come in any order). A
/// cluster is highlighted whole if any of its characters is: a hit never cuts a character
/// from its accents. A range across a line break highlights the end of one line and the
/// start of the next. The added indent is never highlighted.
///
/// `lines` must come from [`layout`](super::layout) of `paragraph` with the same `opts`.
pub fn highlight(
    lines: &[LaidLine],
    paragraph: &str,
    ranges: &[Range<usize>],
    opts: &LayoutOptions,
) -> Vec<Vec<StyledPiece>> {
    let clusters = Clusters::build(paragraph, opts);
    let marked = marked_chars(paragraph.chars().count(), ranges);
    lines
        .iter()
        .map(|line| {
            let mut pieces: Vec<StyledPiece> = Vec::new();
            let added_indent = clusters
                .clusters
                .first()
                .filter(|c| line.indent_cols > 0 && c.kind == ClusterKind::AddedIndent);
            if let Some(indent) = added_indent {
                pieces.push(StyledPiece {
                    text: clusters.text[indent.byte_range.clone()].to_owned(),
                    highlighted: false,
                });
            }
            for cluster in clusters_of(&clusters.clusters, line) {
                let highlighted = marked[cluster.char_range.clone()].iter().any(|m| *m);
                let shown = &clusters.text[cluster.byte_range.clone()];
                match pieces.last_mut() {
                    Some(last) if last.highlighted == highlighted => last.text.push_str(shown),
                    _ => pieces.push(StyledPiece {
                        text: shown.to_owned(),
                        highlighted,
                    }),
                }
            }
            pieces
        })
        .collect()
}

/// For each source char, whether some range covers it. Counting starts and ends keeps this
/// linear however many and however long the ranges are.
fn marked_chars(len_chars: usize, ranges: &[Range<usize>]) -> Vec<bool> {
    let mut depth_change = vec![0i64; len_chars + 1];
    for range in ranges {
        let start = range.start.min(len_chars);
        let end = range.end.min(len_chars);
        if start < end {
            depth_change[start] += 1;
            depth_change[end] -= 1;
        }
    }
    let mut depth = 0;
    depth_change[..len_chars]
        .iter()
        .map(|change| {
            depth += change;
            depth > 0
        })
        .collect()
}

/// Where source char `char_idx` is shown: its line and the column its cluster starts at.
///
/// White space consumed by a break is placed at the end of the line before it (where a
/// cursor after the last word sits); before the first line, at the start of the first line;
/// past the end of the paragraph, at the end of the last line.
pub fn locate_char(
    lines: &[LaidLine],
    paragraph: &str,
    char_idx: usize,
    opts: &LayoutOptions,
) -> LinePos {
    // First line that does not end at or before the char: it holds it, or the char lies in
    // the gap before it.
    let line_idx = lines.partition_point(|l| l.char_range.end <= char_idx);
    let Some(line) = lines.get(line_idx) else {
        return match lines.last() {
            Some(last) => LinePos {
                line: lines.len() - 1,
                col: last.width_cols,
            },
            None => LinePos { line: 0, col: 0 },
        };
    };
    if char_idx < line.char_range.start {
        return match line_idx
            .checked_sub(1)
            .and_then(|i| lines.get(i).map(|l| (i, l)))
        {
            Some((prev_idx, prev)) => LinePos {
                line: prev_idx,
                col: prev.width_cols,
            },
            None => LinePos { line: 0, col: 0 },
        };
    }
    let clusters = Clusters::build(paragraph, opts);
    let col = line.indent_cols
        + clusters_of(&clusters.clusters, line)
            .take_while(|c| c.char_range.end <= char_idx)
            .map(|c| c.width_cols)
            .sum::<usize>();
    LinePos {
        line: line_idx,
        col,
    }
}

/// The source char shown at `pos`: the first char of the cluster covering that column (both
/// columns of a wide character give the same char). In the added indent, the line's first
/// char; past the end of the line, the char after its last (its `char_range.end`). `None`
/// when there is no such line.
pub fn char_at_col(
    lines: &[LaidLine],
    paragraph: &str,
    pos: LinePos,
    opts: &LayoutOptions,
) -> Option<usize> {
    let line = lines.get(pos.line)?;
    if pos.col < line.indent_cols {
        return Some(line.char_range.start);
    }
    let clusters = Clusters::build(paragraph, opts);
    let mut col = line.indent_cols;
    for cluster in clusters_of(&clusters.clusters, line) {
        if pos.col < col + cluster.width_cols {
            return Some(cluster.char_range.start);
        }
        col += cluster.width_cols;
    }
    Some(line.char_range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Indent, layout};

    fn opts() -> LayoutOptions {
        LayoutOptions::default()
    }

    fn rendered(pieces: &[StyledPiece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.highlighted {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn a_hit_is_highlighted_on_its_line() {
        let p = "人民生活显著改善";
        let lines = layout(p, 80, &opts());
        let pieces = highlight(&lines, p, std::slice::from_ref(&(4..6)), &opts());
        assert_eq!(rendered(&pieces[0]), "人民生活[显著]改善");
    }

    #[test]
    fn a_hit_across_a_break_is_highlighted_on_both_lines() {
        let p = "人民生活显著改善";
        let lines = layout(p, 8, &opts());
        let pieces = highlight(&lines, p, std::slice::from_ref(&(3..5)), &opts());
        assert_eq!(rendered(&pieces[0]), "人民生[活]");
        assert_eq!(rendered(&pieces[1]), "[显]著改善");
    }

    #[test]
    fn overlapping_unsorted_ranges_merge_into_one_piece() {
        let p = "脱贫攻坚取得决定性胜利";
        let lines = layout(p, 80, &opts());
        let pieces = highlight(&lines, p, &[6..8, 2..4, 3..7, 100..200], &opts());
        assert_eq!(rendered(&pieces[0]), "脱贫[攻坚取得决定]性胜利");
    }

    #[test]
    fn a_hit_on_an_accent_highlights_the_whole_character() {
        let p = "cafe\u{301} ok";
        let lines = layout(p, 80, &opts());
        let pieces = highlight(&lines, p, std::slice::from_ref(&(4..5)), &opts());
        assert_eq!(rendered(&pieces[0]), "caf[e\u{301}] ok");
    }

    #[test]
    fn the_added_indent_is_a_plain_piece() {
        let indented = LayoutOptions {
            indent: Indent::AddTwoChars,
            ..opts()
        };
        let p = "读报";
        let lines = layout(p, 80, &indented);
        let pieces = highlight(&lines, p, std::slice::from_ref(&(0..2)), &indented);
        assert_eq!(rendered(&pieces[0]), "\u{3000}\u{3000}[读报]");
    }

    #[test]
    fn pieces_spell_the_line_text() {
        let p = "红\u{1b}[31m色 words\tand 数字123，好";
        let lines = layout(p, 7, &opts());
        let pieces = highlight(&lines, p, &[1..3, 9..20], &opts());
        for (line, pieces) in lines.iter().zip(&pieces) {
            let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(joined, line.text);
        }
    }

    #[test]
    fn locate_char_gives_line_and_column() {
        let p = "人民生活显著改善";
        let lines = layout(p, 8, &opts());
        assert_eq!(
            locate_char(&lines, p, 0, &opts()),
            LinePos { line: 0, col: 0 }
        );
        assert_eq!(
            locate_char(&lines, p, 3, &opts()),
            LinePos { line: 0, col: 6 }
        );
        assert_eq!(
            locate_char(&lines, p, 5, &opts()),
            LinePos { line: 1, col: 2 }
        );
        assert_eq!(
            locate_char(&lines, p, 99, &opts()),
            LinePos { line: 1, col: 8 }
        );
    }

    #[test]
    fn locate_char_puts_consumed_space_at_the_end_of_the_line_before() {
        let p = "China Daily";
        let lines = layout(p, 6, &opts());
        assert_eq!(
            locate_char(&lines, p, 5, &opts()),
            LinePos { line: 0, col: 5 }
        );
        assert_eq!(
            locate_char(&lines, p, 6, &opts()),
            LinePos { line: 1, col: 0 }
        );
    }

    #[test]
    fn locate_char_counts_the_added_indent() {
        let indented = LayoutOptions {
            indent: Indent::AddTwoChars,
            ..opts()
        };
        let p = "读报";
        let lines = layout(p, 80, &indented);
        assert_eq!(
            locate_char(&lines, p, 1, &indented),
            LinePos { line: 0, col: 6 }
        );
        assert_eq!(
            char_at_col(&lines, p, LinePos { line: 0, col: 1 }, &indented),
            Some(0)
        );
        assert_eq!(
            char_at_col(&lines, p, LinePos { line: 0, col: 6 }, &indented),
            Some(1)
        );
    }

    #[test]
    fn char_at_col_maps_both_halves_of_a_wide_char() {
        let p = "人民生活显著改善";
        let lines = layout(p, 8, &opts());
        let at = |line, col| char_at_col(&lines, p, LinePos { line, col }, &opts());
        assert_eq!(at(0, 2), Some(1));
        assert_eq!(at(0, 3), Some(1));
        assert_eq!(at(1, 0), Some(4));
        assert_eq!(at(1, 99), Some(8));
        assert_eq!(at(2, 0), None);
    }

    #[test]
    fn an_escape_sequence_maps_to_its_placeholder_column() {
        let p = "a\u{1b}[31mb";
        let lines = layout(p, 80, &opts());
        for char_idx in 1..6 {
            assert_eq!(locate_char(&lines, p, char_idx, &opts()).col, 1);
        }
        assert_eq!(locate_char(&lines, p, 6, &opts()).col, 2);
        assert_eq!(
            char_at_col(&lines, p, LinePos { line: 0, col: 1 }, &opts()),
            Some(1)
        );
    }
}
