//! Filling lines: greedy, never wider than the width, breaking at the best place that fits.

use std::ops::Range;

use super::cluster::{Cluster, ClusterKind, Clusters};
use super::linebreak::{self, Break};
use super::{LaidLine, LayoutOptions};

/// Lays `paragraph` out in lines at most `width_cols` wide.
///
/// A line is wider than `width_cols` only when it is a single cluster wider than the whole
/// width (a CJK character at width 1). A width of 0 is taken as 1: a pane squeezed to
/// nothing still gets every character, one per line, and nobody loops forever.
///
/// Breaks follow UAX #14 with the Chinese tailorings of `linebreak`. Where the last break
/// opportunity that fits would start a line with closing punctuation or end one with opening
/// punctuation, an earlier opportunity is taken, pushing characters down to the next line
/// (oshidashi). A word, number, `——` or `……` wider than the line is cut at the last cluster
/// that fits, still keeping clear of the punctuation rules when it can.
///
/// White space at a break is consumed: it is in no line's `char_range`. So is the leading
/// indent when not even the first word fits beside it. An empty or blank paragraph is one
/// empty line.
pub fn layout(paragraph: &str, width_cols: usize, opts: &LayoutOptions) -> Vec<LaidLine> {
    let clusters = Clusters::build(paragraph, opts);
    let levels = linebreak::break_levels(&clusters.clusters);
    let mut lines: Vec<LaidLine> = line_ranges(&clusters.clusters, &levels, width_cols.max(1))
        .into_iter()
        .map(|range| laid_line(&clusters, range))
        .collect();
    if lines.is_empty() {
        lines.push(LaidLine {
            text: String::new(),
            width_cols: 0,
            char_range: 0..0,
            indent_cols: 0,
        });
    }
    lines
}

/// The cluster ranges of the lines, trailing white space trimmed, empty lines left out.
fn line_ranges(clusters: &[Cluster], levels: &[Break], width_cols: usize) -> Vec<Range<usize>> {
    let n = clusters.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        // Only the first line keeps its leading white space (the indent); a later line starts
        // after a break, which consumed it.
        if start > 0 {
            while start < n && clusters[start].is_space() {
                start += 1;
            }
            if start == n {
                break;
            }
        }
        let end = match first_overflow(clusters, start, width_cols) {
            None => n,
            Some(overflow) => best_break(clusters, levels, start, overflow),
        };
        let mut trimmed_end = end;
        while trimmed_end > start && clusters[trimmed_end - 1].is_space() {
            trimmed_end -= 1;
        }
        // Empty only when the indent was all there was before the break.
        if trimmed_end > start {
            lines.push(start..trimmed_end);
        }
        start = end;
    }
    lines
}

/// The first non-space cluster from `start` on that does not fit in `width_cols`, or `None`
/// when the rest of the paragraph fits.
fn first_overflow(clusters: &[Cluster], start: usize, width_cols: usize) -> Option<usize> {
    let mut used_cols = 0;
    let mut has_text = false;
    for (i, cluster) in clusters.iter().enumerate().skip(start) {
        // White space may hang past the edge: if a break follows, it is consumed.
        if !cluster.is_space() {
            let fits = used_cols + cluster.width_cols <= width_cols;
            // A cluster wider than the whole line goes alone on its line; but not beside an
            // indent, which gives way instead.
            let alone = !has_text && i == start;
            if !fits && !alone {
                return Some(i);
            }
            has_text = true;
        }
        used_cols += cluster.width_cols;
    }
    None
}

/// Where to end the line that starts at `start` and cannot hold `overflow`: the last break
/// opportunity at or before `overflow`; failing that, the last place inside a word; failing
/// that, right before `overflow` even if it breaks the punctuation rules (the line has
/// nothing else to give up).
fn best_break(clusters: &[Cluster], levels: &[Break], start: usize, overflow: usize) -> usize {
    let mut inside = None;
    for b in (start + 1..=overflow).rev() {
        if clusters[b].kind != ClusterKind::Text {
            continue;
        }
        match levels[b] {
            Break::Allowed => return b,
            Break::Inside => {
                inside.get_or_insert(b);
            }
            Break::Kinsoku => {}
        }
    }
    inside.unwrap_or(overflow)
}

fn laid_line(clusters: &Clusters, range: Range<usize>) -> LaidLine {
    let shown = &clusters.clusters[range];
    let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
        return LaidLine {
            text: String::new(),
            width_cols: 0,
            char_range: 0..0,
            indent_cols: 0,
        };
    };
    let indent_cols = if first.kind == ClusterKind::AddedIndent {
        first.width_cols
    } else {
        0
    };
    LaidLine {
        text: clusters.text[first.byte_range.start..last.byte_range.end].to_owned(),
        width_cols: shown.iter().map(|c| c.width_cols).sum(),
        // The added indent's range is 0..0, so starting from it is starting at the source.
        char_range: first.char_range.start..last.char_range.end,
        indent_cols,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Indent;

    fn texts(paragraph: &str, width_cols: usize) -> Vec<String> {
        layout(paragraph, width_cols, &LayoutOptions::default())
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    fn indented() -> LayoutOptions {
        LayoutOptions {
            indent: Indent::AddTwoChars,
            ..LayoutOptions::default()
        }
    }

    #[test]
    fn fills_lines_up_to_the_width() {
        assert_eq!(
            texts("脱贫攻坚取得决定性胜利", 8),
            ["脱贫攻坚", "取得决定", "性胜利"]
        );
    }

    #[test]
    fn an_odd_width_leaves_a_column_rather_than_cut_a_character() {
        let lines = layout("脱贫攻坚取得", 7, &LayoutOptions::default());
        assert_eq!(lines[0].text, "脱贫攻");
        assert_eq!(lines[0].width_cols, 6);
    }

    #[test]
    fn closing_punctuation_pulls_the_previous_character_down() {
        assert_eq!(
            texts("人民生活显著改善。", 8),
            ["人民生活", "显著改", "善。"]
        );
        assert_eq!(texts("取得胜利，人民", 8), ["取得胜", "利，人民"]);
    }

    #[test]
    fn closing_punctuation_after_a_space_is_not_stranded() {
        // Break after the space would start a line with `.`; break before `b` instead.
        assert_eq!(texts("a b .c", 4), ["a", "b .c"]);
    }

    #[test]
    fn opening_punctuation_goes_down_with_what_it_opens() {
        assert_eq!(texts("他在《山西日报》", 6), ["他在", "《山西", "日报》"]);
        assert_eq!(texts("他说“你好”", 6), ["他说", "“你好”"]);
    }

    #[test]
    fn dashes_and_ellipses_are_not_torn() {
        assert_eq!(texts("文瀛湖——海子边", 7), ["文瀛湖", "——海子", "边"]);
        let ambiguous = LayoutOptions {
            ambiguous_wide: true,
            ..LayoutOptions::default()
        };
        let lines: Vec<String> = layout("他说……好", 6, &ambiguous)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(lines, ["他", "说……", "好"]);
    }

    #[test]
    fn numbers_and_words_are_kept_whole_unless_wider_than_the_line() {
        assert_eq!(texts("金额390936.46元", 10), ["金额", "390936.46", "元"]);
        assert_eq!(texts("GDP增长6.1%", 6), ["GDP增", "长6.1%"]);
        assert_eq!(texts("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn a_word_too_wide_is_cut_away_from_closing_punctuation() {
        assert_eq!(texts("abcdef，", 6), ["abcde", "f，"]);
    }

    #[test]
    fn white_space_at_a_break_is_consumed() {
        let lines = layout("China Daily", 6, &LayoutOptions::default());
        assert_eq!(lines[0].text, "China");
        assert_eq!(lines[0].char_range, 0..5);
        assert_eq!(lines[1].text, "Daily");
        assert_eq!(lines[1].char_range, 6..11);
        assert_eq!(texts("读报   ", 10), ["读报"]);
    }

    #[test]
    fn the_source_indent_is_kept() {
        let lines = layout(
            "\u{3000}\u{3000}今年迎泽区共谋划项目",
            12,
            &LayoutOptions::default(),
        );
        assert_eq!(lines[0].text, "\u{3000}\u{3000}今年迎泽");
        assert_eq!(lines[0].char_range, 0..6);
        assert_eq!(lines[0].indent_cols, 0);
        assert_eq!(lines[1].text, "区共谋划项目");
        assert_eq!(texts("  ab cd", 4), ["  ab", "cd"]);
    }

    #[test]
    fn an_indent_is_added_where_the_source_has_none() {
        let lines = layout("今年迎泽区共谋划项目", 12, &indented());
        assert_eq!(lines[0].text, "\u{3000}\u{3000}今年迎泽");
        assert_eq!(lines[0].indent_cols, 4);
        assert_eq!(lines[0].width_cols, 12);
        assert_eq!(lines[0].char_range, 0..4);
        assert_eq!(lines[1].indent_cols, 0);
        assert_eq!(lines[1].char_range, 4..10);
        let own = layout("\u{3000}\u{3000}今年", 12, &indented());
        assert_eq!(own[0].text, "\u{3000}\u{3000}今年");
        assert_eq!(own[0].indent_cols, 0);
    }

    #[test]
    fn an_indent_gives_way_when_not_even_the_first_word_fits_beside_it() {
        assert_eq!(texts("\u{3000}\u{3000}今年", 5), ["今年"]);
        let lines = layout("abcdefg", 8, &indented());
        assert_eq!(lines[0].text, "abcdefg");
        assert_eq!(lines[0].indent_cols, 0);
    }

    #[test]
    fn a_character_wider_than_the_line_goes_alone() {
        assert_eq!(texts("读报，好", 1), ["读", "报", "，", "好"]);
        assert_eq!(texts("读报", 0), ["读", "报"]);
    }

    #[test]
    fn empty_and_blank_paragraphs_are_one_empty_line() {
        for p in ["", "   ", "\u{3000}\u{3000}", "\t"] {
            let lines = layout(p, 10, &LayoutOptions::default());
            assert_eq!(lines.len(), 1, "{p:?}");
            assert_eq!(lines[0].text, "");
            assert_eq!(lines[0].width_cols, 0);
        }
    }

    #[test]
    fn a_combining_mark_never_starts_a_line() {
        assert_eq!(texts("abe\u{301}", 2), ["ab", "e\u{301}"]);
        assert_eq!(texts("ae\u{301}\u{302}b", 2), ["ae\u{301}\u{302}", "b"]);
    }

    #[test]
    fn control_characters_are_shown_and_measured_as_placeholders() {
        let lines = layout("红\u{1b}[31m色\u{7}", 80, &LayoutOptions::default());
        assert_eq!(lines[0].text, "红␛色␇");
        assert_eq!(lines[0].width_cols, 6);
        assert_eq!(lines[0].char_range, 0..8);
    }

    #[test]
    fn ambiguous_width_quotes_count_two_columns_when_asked() {
        let ambiguous = LayoutOptions {
            ambiguous_wide: true,
            ..LayoutOptions::default()
        };
        let lines = layout("“读报”", 6, &ambiguous);
        let widths: Vec<usize> = lines.iter().map(|l| l.width_cols).collect();
        assert_eq!(widths, [4, 4]);
        assert_eq!(layout("“读报”", 6, &LayoutOptions::default()).len(), 1);
    }
}
