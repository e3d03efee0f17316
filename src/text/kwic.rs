//! A concordance line fitted to columns: the left context right-aligned into exactly its
//! columns, the match after it, the right context in what is left. Widths are terminal
//! columns (CJK two, ambiguous characters as configured), the text is sanitised, and no
//! character (or character with its marks) is ever cut: where a wide one does not fit, a
//! space takes its column, so every line's match starts at the same column.

use super::LayoutOptions;
use super::cluster::Clusters;

/// Shown where a context was cut.
const CUT: &str = "…";

/// The three parts of a concordance line, sanitised and fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicCells {
    /// Exactly `left_cols` columns wide: spaces, then the end of the left context.
    pub left: String,
    pub matched: String,
    /// At most what remains of the line.
    pub right: String,
}

/// Display pieces of `s` (sanitised; line breaks shown as spaces) with their widths.
fn pieces(s: &str, opts: &LayoutOptions) -> Vec<(String, usize)> {
    let opts = LayoutOptions {
        indent: super::Indent::Keep,
        ..*opts
    };
    let c = Clusters::build(s, &opts);
    c.clusters
        .iter()
        .map(|k| (c.text[k.byte_range.clone()].to_owned(), k.width_cols))
        .collect()
}

fn width_of(s: &str, opts: &LayoutOptions) -> usize {
    super::display_width(s, opts)
}

/// The longest end of `pieces` that fits `cols` (with the cut mark when cut), padded on the
/// left to exactly `cols`.
fn fit_end(pieces: &[(String, usize)], cols: usize, opts: &LayoutOptions) -> String {
    let total: usize = pieces.iter().map(|p| p.1).sum();
    let (mark, room) = if total <= cols {
        ("", cols)
    } else {
        (CUT, cols.saturating_sub(width_of(CUT, opts)))
    };
    let mut used = 0;
    let mut kept = Vec::new();
    for (text, w) in pieces.iter().rev() {
        if used + w > room {
            break;
        }
        used += w;
        kept.push(text.as_str());
    }
    let mark = if mark.is_empty() || width_of(mark, opts) > cols {
        ""
    } else {
        mark
    };
    let used = used + width_of(mark, opts);
    let body: String = kept.into_iter().rev().collect();
    format!("{}{mark}{body}", " ".repeat(cols.saturating_sub(used)))
}

/// The longest start of `pieces` that fits `cols` (with the cut mark when cut).
fn fit_start(pieces: &[(String, usize)], cols: usize, opts: &LayoutOptions) -> String {
    let total: usize = pieces.iter().map(|p| p.1).sum();
    if total <= cols {
        return pieces.iter().map(|p| p.0.as_str()).collect();
    }
    let mark_cols = width_of(CUT, opts);
    let room = cols.saturating_sub(mark_cols);
    let mut used = 0;
    let mut out = String::new();
    for (text, w) in pieces {
        if used + w > room {
            break;
        }
        used += w;
        out.push_str(text);
    }
    if mark_cols <= cols {
        out.push_str(CUT);
    }
    out
}

/// A concordance line in `total_cols` columns with the match at column `left_cols`.
pub fn kwic_cells(
    left: &str,
    matched: &str,
    right: &str,
    left_cols: usize,
    total_cols: usize,
    opts: &LayoutOptions,
) -> KwicCells {
    let left_cols = left_cols.min(total_cols);
    let left = fit_end(&pieces(left, opts), left_cols, opts);
    let room = total_cols - left_cols;
    let matched = fit_start(&pieces(matched, opts), room, opts);
    let room = room.saturating_sub(width_of(&matched, opts));
    let right = fit_start(&pieces(right, opts), room, opts);
    KwicCells {
        left,
        matched,
        right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(left: &str, m: &str, right: &str, lc: usize, total: usize, wide: bool) -> KwicCells {
        let opts = LayoutOptions {
            ambiguous_wide: wide,
            ..LayoutOptions::default()
        };
        kwic_cells(left, m, right, lc, total, &opts)
    }

    #[test]
    fn the_left_is_exactly_its_columns_whatever_the_script() {
        for left in ["改革开放以来", "abc", "", "以来，“改", "a改b革c"] {
            for lc in 0..12 {
                for wide in [false, true] {
                    let c = cells(left, "改革", "不断深化", lc, 30, wide);
                    let opts = LayoutOptions {
                        ambiguous_wide: wide,
                        ..LayoutOptions::default()
                    };
                    assert_eq!(width_of(&c.left, &opts), lc, "{left:?} {lc} {wide}: {c:?}");
                }
            }
        }
    }

    #[test]
    fn a_wide_character_that_does_not_fit_leaves_a_space() {
        let c = cells("改革开放", "以", "", 6, 20, false);
        assert_eq!(c.left, " …开放");
        let c = cells("开放", "以", "", 5, 20, false);
        assert_eq!(c.left, " 开放");
    }

    #[test]
    fn the_right_is_cut_to_the_line_and_controls_are_pictures() {
        let c = cells("", "改革", "不断深化\u{1b}]0;x\u{7}的进程", 0, 12, false);
        assert_eq!(c.matched, "改革");
        assert!(width_of(&c.right, &LayoutOptions::default()) <= 8, "{c:?}");
        assert!(c.right.ends_with('…'));
        let c = cells("a\nb", "x", "\u{1b}[2J", 4, 20, false);
        assert_eq!(c.left, " a b", "a line break is a space");
        assert_eq!(c.right, "␛");
    }
}
