//! `text::layout` on the sample issues, against ratatui's buffer, and on generated text.

use std::ops::Range;

use dubao::text::{
    Indent, LaidLine, LayoutOptions, LinePos, char_at_col, forbids_line_end, forbids_line_start,
    highlight, layout, locate_char, sanitize, sanitize_with,
};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const BORDER: &str = "│";

/// Every non-empty line of the sample issues: roughly one paragraph each.
fn sample_paragraphs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("sample dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "samples missing in {dir}");
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("sample is UTF-8");
            text.lines()
                .map(|l| l.trim_end_matches('\r').to_owned())
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn sample_containing(needle: &str) -> String {
    sample_paragraphs()
        .into_iter()
        .find(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("no sample paragraph contains {needle:?}"))
}

fn all_options() -> Vec<LayoutOptions> {
    let mut all = Vec::new();
    for ambiguous_wide in [false, true] {
        for indent in [Indent::Keep, Indent::AddTwoChars] {
            all.push(LayoutOptions {
                ambiguous_wide,
                indent,
                tab_width_cols: 4,
            });
        }
    }
    all
}

fn text_width(s: &str, opts: &LayoutOptions) -> usize {
    if opts.ambiguous_wide {
        s.width_cjk()
    } else {
        s.width()
    }
}

fn is_break_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// A line's text cut where the layout may cut: a new piece at each character that has
/// width, except emoji modifiers, which stay with what they follow unless that is a space.
fn clusters(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.chars() {
        let modifier = ('\u{1F3FB}'..='\u{1F3FF}').contains(&c);
        let joins = c.width() == Some(0)
            || (modifier && out.last().is_some_and(|l| !l.starts_with(is_break_space)));
        match out.last_mut() {
            Some(last) if joins => last.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

fn base(cluster: &str) -> char {
    cluster.chars().next().unwrap_or(' ')
}

/// Whether a break before `clusters[b]` would break the punctuation rules.
fn is_kinsoku(clusters: &[String], b: usize) -> bool {
    let prev = clusters[..b]
        .iter()
        .rev()
        .find(|c| !c.starts_with(is_break_space));
    forbids_line_start(base(&clusters[b])) || prev.is_some_and(|p| forbids_line_end(base(p)))
}

/// Everything a layout must hold, whatever the text.
fn check_layout(paragraph: &str, width_cols: usize, opts: &LayoutOptions, lines: &[LaidLine]) {
    let ctx = format!("width {width_cols}, {opts:?}, paragraph {paragraph:?}, lines {lines:#?}");
    let chars: Vec<char> = paragraph.chars().collect();
    assert!(!lines.is_empty(), "no lines: {ctx}");
    let mut covered_to = 0;
    for (i, line) in lines.iter().enumerate() {
        // Widths: exact, and within the line unless one cluster is wider than it all.
        assert_eq!(
            line.width_cols,
            text_width(&line.text, opts),
            "line {i}: {ctx}"
        );
        let shown = clusters(&line.text);
        let over_wide_alone = shown.len() == 1 && line.indent_cols == 0;
        assert!(
            line.width_cols <= width_cols.max(1) || over_wide_alone,
            "line {i} too wide: {ctx}"
        );
        assert!(
            !line.text.chars().any(char::is_control),
            "control in line {i}: {ctx}"
        );
        if let Some(first) = line.text.chars().next() {
            assert_ne!(
                first.width(),
                Some(0),
                "line {i} starts with a zero-width char: {ctx}"
            );
            assert!(
                i == 0 || !is_break_space(first),
                "line {i} starts with a space: {ctx}"
            );
        }
        if let Some(last) = line.text.chars().last() {
            assert!(!is_break_space(last), "line {i} ends with a space: {ctx}");
        }
        // Coverage: ranges in order; what lies between is white space or invisible.
        let range = line.char_range.clone();
        assert!(
            range.start >= covered_to && range.end >= range.start,
            "line {i}: {ctx}"
        );
        assert_only_consumable(&chars[covered_to..range.start], &ctx);
        covered_to = range.end;
        // Content: exactly the source characters of the range, sanitized.
        let source: String = chars[range].iter().collect();
        let indent_bytes: usize = line
            .text
            .chars()
            .take(if line.indent_cols > 0 { 2 } else { 0 })
            .map(char::len_utf8)
            .sum();
        assert_eq!(
            &line.text[indent_bytes..],
            sanitize_with(&source, opts),
            "line {i}: {ctx}"
        );
        assert!(
            line.indent_cols == 0 || (i == 0 && line.text.starts_with("\u{3000}\u{3000}")),
            "{ctx}"
        );
        // Punctuation: a bad break only where the line before had nothing else to give up.
        if i > 0 {
            let before = clusters(&lines[i - 1].text);
            let mut both = before.clone();
            both.extend(shown.iter().take(1).cloned());
            if !shown.is_empty() && is_kinsoku(&both, before.len()) {
                for b in 1..before.len() {
                    if !before[b].starts_with(is_break_space) {
                        assert!(
                            is_kinsoku(&before, b),
                            "line {i}: line before could give {b} up: {ctx}"
                        );
                    }
                }
            }
        }
    }
    assert!(covered_to <= chars.len(), "{ctx}");
    assert_only_consumable(&chars[covered_to..], &ctx);
}

fn assert_only_consumable(gap: &[char], ctx: &str) {
    for &c in gap {
        let invisible = sanitize(&c.to_string()).is_empty();
        assert!(
            c.is_whitespace() || invisible,
            "{c:?} lost between lines: {ctx}"
        );
    }
}

#[test]
fn sample_paragraphs_keep_every_rule_at_every_width() {
    let paragraphs = sample_paragraphs();
    assert!(paragraphs.len() > 200);
    for opts in all_options() {
        for p in &paragraphs {
            for width_cols in [0, 1, 2, 3, 4, 5, 7, 10, 20, 41, 80, 133] {
                check_layout(p, width_cols, &opts, &layout(p, width_cols, &opts));
            }
        }
    }
}

#[test]
fn sample_dash_and_ellipsis_are_never_torn() {
    for (needle, mark) in [
        ("——迎泽区", "——"),
        ("文瀛湖——海子边", "——"),
        ("打扫卫生……", "……"),
    ] {
        let p = sample_containing(needle);
        for opts in all_options() {
            for width_cols in 8..=90 {
                for line in layout(&p, width_cols, &opts) {
                    let first = mark.chars().next().unwrap_or(' ');
                    assert!(
                        !line.text.starts_with(&mark[first.len_utf8()..])
                            || line.text.starts_with(mark),
                        "{width_cols}: {line:?}"
                    );
                    assert!(
                        !line.text.ends_with(first) || line.text.ends_with(mark),
                        "{width_cols}: {line:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn sample_numbers_stay_whole() {
    for number in ["390936.46", "6.1", "5.24", "90%"] {
        let p = sample_containing(number);
        let at = p.find(number).map(|b| p[..b].chars().count()).unwrap_or(0);
        let span = at..at + number.chars().count();
        for width_cols in 12..=90 {
            for line in layout(&p, width_cols, &LayoutOptions::default()) {
                let r = &line.char_range;
                let cuts = (r.start > span.start && r.start < span.end)
                    || (r.end > span.start && r.end < span.end);
                assert!(!cuts, "{number} cut at width {width_cols}: {line:?}");
            }
        }
    }
}

#[test]
fn sample_half_width_punctuation_never_starts_a_line() {
    // The traditional-script issue uses half-width `,` `(` `)`.
    let p = sample_containing("2020中國(太原)");
    for width_cols in 4..=90 {
        let lines = layout(&p, width_cols, &LayoutOptions::default());
        for pair in lines.windows(2) {
            assert!(
                !pair[1].text.starts_with([',', ')', '、', '。', ':']),
                "{width_cols}: {pair:?}"
            );
            assert!(
                !pair[0].text.ends_with(['(', '“']),
                "{width_cols}: {pair:?}"
            );
        }
    }
}

#[test]
fn sample_middle_dot_and_quotes_stay_with_their_words() {
    for needle in ["绿城·桃花源", "‘两高’", "“三农”"] {
        let p = sample_containing(needle);
        // From 6: at 4, `展。”` (5 columns, nothing may break inside) must be cut somewhere.
        for width_cols in 6..=90 {
            let lines = layout(&p, width_cols, &LayoutOptions::default());
            for pair in lines.windows(2) {
                assert!(
                    !pair[1].text.starts_with(['·', '’', '”']),
                    "{width_cols}: {pair:?}"
                );
                assert!(
                    !pair[0].text.ends_with(['‘', '“']),
                    "{width_cols}: {pair:?}"
                );
            }
        }
    }
}

/// Prints each line between two borders, padded to the width by our own count, into a
/// ratatui buffer, and returns the column of the right border on each row.
fn right_border_cols(lines: &[LaidLine], width_cols: usize) -> Vec<usize> {
    let buffer_width = u16::try_from(width_cols + 8).expect("test width fits u16");
    let height = u16::try_from(lines.len()).expect("test height fits u16");
    let mut buf = Buffer::empty(Rect::new(0, 0, buffer_width, height));
    for (y, line) in (0u16..).zip(lines) {
        let pad = " ".repeat(width_cols.saturating_sub(line.width_cols));
        buf.set_string(
            0,
            y,
            format!("{BORDER}{}{pad}{BORDER}", line.text),
            ratatui::style::Style::default(),
        );
    }
    (0..height)
        .map(|y| {
            let row: Vec<&str> = (0..buffer_width).map(|x| buf[(x, y)].symbol()).collect();
            assert_eq!(row[0], BORDER);
            row.iter().rposition(|s| *s == BORDER).unwrap_or(0)
        })
        .collect()
}

#[test]
fn sample_lines_keep_the_right_border_in_one_column() {
    let paragraphs = sample_paragraphs();
    for width_cols in [20, 41, 80, 133] {
        for indent in [Indent::Keep, Indent::AddTwoChars] {
            let opts = LayoutOptions {
                indent,
                ..LayoutOptions::default()
            };
            for p in &paragraphs {
                let lines = layout(p, width_cols, &opts);
                for (row, col) in right_border_cols(&lines, width_cols)
                    .into_iter()
                    .enumerate()
                {
                    assert_eq!(
                        col,
                        width_cols + 1,
                        "row {row} at width {width_cols}: {:?}",
                        lines[row]
                    );
                }
            }
        }
    }
}

#[test]
fn the_border_test_catches_a_miscounted_width() {
    let mut lines = layout("人民生活显著改善", 10, &LayoutOptions::default());
    lines[0].width_cols = lines[0].text.chars().count();
    assert_ne!(right_border_cols(&lines, 10)[0], 11);
}

// ---- generated text ----

fn token() -> impl Strategy<Value = String> {
    let ideograph =
        (0x4E00u32..=0x9FA5).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default());
    let punct = prop::sample::select(vec![
        "、", "。", "，", "．", "：", "；", "？", "！", "）", "」", "』", "】", "〉", "》", "〕",
        "”", "’", ",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "·", "（", "「", "『", "【",
        "〈", "《", "〔", "“", "‘", "(", "[", "{",
    ]);
    let marks = prop::sample::select(vec![
        "——", "……", "―", "—", "…", "\u{3000}", " ", "  ", "\t", "\u{a0}",
    ]);
    let nasty = prop::sample::select(vec![
        "\u{0}",
        "\u{7}",
        "\u{8}",
        "\r",
        "\n",
        "\r\n",
        "\u{7f}",
        "\u{85}",
        "\u{9b}",
        "\u{200b}",
        "\u{200d}",
        "\u{202e}",
        "\u{2066}",
        "\u{feff}",
        "\u{fe0f}",
        "\u{2028}",
        "\u{ad}",
        "\u{1b}",
        "\u{1b}[31m",
        "\u{1b}[",
        "\u{1b}]0;标题\u{7}",
        "\u{1b}]8;;x\u{1b}\\",
        "\u{1b}(B",
        "\u{301}",
        "\u{302}\u{303}",
        "\u{20dd}",
        "\u{3099}",
        "😀",
        "👍🏽",
        "\u{1F3FD}",
        "👨\u{200d}👩",
        "❤\u{fe0f}",
        "🇨🇳",
        "°",
        "±",
        "α",
        "２０２３",
        "ＡＢＣ",
        "６．１",
    ]);
    let any_char = any::<char>().prop_filter("outside scripts whose ligatures change widths", |c| {
        !matches!(*c as u32, 0x600..=0x6FF | 0x1780..=0x17FF | 0x2D30..=0x2D7F | 0xA4D0..=0xA4FF | 0xFF9E | 0xFF9F | 0x16D40..=0x16D7F | 0x338)
    });
    prop_oneof![
        8 => ideograph,
        3 => punct.prop_map(String::from),
        2 => marks.prop_map(String::from),
        2 => "[0-9]{1,7}(\\.[0-9]{1,3})?%?",
        2 => "[A-Za-z]{1,12}",
        2 => nasty.prop_map(String::from),
        1 => any_char.prop_map(String::from),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..80).prop_map(|t| t.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (any::<bool>(), any::<bool>(), 0usize..=8).prop_map(|(ambiguous_wide, add, tab_width_cols)| {
        LayoutOptions {
            ambiguous_wide,
            indent: if add {
                Indent::AddTwoChars
            } else {
                Indent::Keep
            },
            tab_width_cols,
        }
    })
}

/// Ideographs with one of the marks that must not be torn between them, so that a break is
/// always available next to each.
fn tidy_paragraph() -> impl Strategy<Value = (String, Vec<Range<usize>>)> {
    let ideograph =
        (0x4E00u32..=0x9FA5).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default());
    let unit = prop::sample::select(vec![
        "——",
        "……",
        "390936.46",
        "6.1%",
        "China",
        "，",
        "。",
        "”",
        "：",
        "",
    ]);
    prop::collection::vec((ideograph, unit), 1..60).prop_map(|pairs| {
        let mut text = String::new();
        let mut spans = Vec::new();
        for (ideograph, unit) in pairs {
            text.push_str(&ideograph);
            let start = text.chars().count();
            text.push_str(unit);
            if unit.chars().count() > 1 {
                spans.push(start..text.chars().count());
            }
        }
        (text, spans)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_keeps_every_rule(p in paragraph(), width_cols in 0usize..=300, opts in options()) {
        let lines = layout(&p, width_cols, &opts);
        check_layout(&p, width_cols, &opts, &lines);
    }

    #[test]
    fn tiny_widths_terminate_and_keep_every_rule(p in paragraph(), width_cols in 0usize..=2, opts in options()) {
        check_layout(&p, width_cols, &opts, &layout(&p, width_cols, &opts));
    }

    #[test]
    fn ratatui_counts_the_same_width(p in paragraph(), width_cols in 1usize..=120) {
        let opts = LayoutOptions::default();
        for line in layout(&p, width_cols, &opts) {
            let mut buf = Buffer::empty(Rect::new(0, 0, 400, 1));
            let (end_x, _) = buf.set_stringn(0, 0, &line.text, 400, ratatui::style::Style::default());
            prop_assert_eq!(usize::from(end_x), line.width_cols, "{:?}", line);
        }
    }

    #[test]
    fn marks_and_numbers_stay_whole_when_they_fit((p, spans) in tidy_paragraph(), width_cols in 0usize..=300, ambiguous_wide in any::<bool>()) {
        let opts = LayoutOptions { ambiguous_wide, ..LayoutOptions::default() };
        let lines = layout(&p, width_cols, &opts);
        check_layout(&p, width_cols, &opts, &lines);
        // The widest unit with the ideograph glued before it (× IN) is 2 + 9 columns.
        if width_cols >= 11 {
            for line in &lines {
                for span in &spans {
                    let r = &line.char_range;
                    let cuts = (r.start > span.start && r.start < span.end) || (r.end > span.start && r.end < span.end);
                    prop_assert!(!cuts, "{:?} cut: {:?}", span, line);
                }
            }
        }
        if width_cols >= 4 {
            for line in lines.iter().skip(1) {
                prop_assert!(!line.text.starts_with(forbids_line_start), "{:?}", lines);
            }
        }
    }

    #[test]
    fn columns_and_chars_map_both_ways(p in paragraph(), width_cols in 1usize..=80, opts in options()) {
        let lines = layout(&p, width_cols, &opts);
        for (i, line) in lines.iter().enumerate() {
            for col in 0..=line.width_cols {
                let pos = LinePos { line: i, col };
                let c = char_at_col(&lines, &p, pos, &opts);
                prop_assert!(c.is_some());
                let c = c.unwrap_or(0);
                if col < line.width_cols && col >= line.indent_cols {
                    prop_assert!(line.char_range.contains(&c), "col {} of {:?} gave {}", col, line, c);
                    let back = locate_char(&lines, &p, c, &opts);
                    prop_assert_eq!(back.line, i);
                    prop_assert!(back.col <= col, "{:?} for col {}", back, col);
                    prop_assert_eq!(char_at_col(&lines, &p, back, &opts), Some(c));
                }
            }
        }
        prop_assert_eq!(char_at_col(&lines, &p, LinePos { line: lines.len(), col: 0 }, &opts), None);
    }

    #[test]
    fn highlight_pieces_spell_each_line(p in paragraph(), width_cols in 1usize..=80, opts in options(),
                                        ranges in prop::collection::vec((0usize..200, 0usize..40), 0..5)) {
        let ranges: Vec<Range<usize>> = ranges.into_iter().map(|(s, len)| s..s + len).collect();
        let lines = layout(&p, width_cols, &opts);
        let styled = highlight(&lines, &p, &ranges, &opts);
        prop_assert_eq!(styled.len(), lines.len());
        let all = highlight(&lines, &p, std::slice::from_ref(&(0..usize::MAX)), &opts);
        for ((line, pieces), all_pieces) in lines.iter().zip(&styled).zip(&all) {
            let joined: String = pieces.iter().map(|s| s.text.as_str()).collect();
            prop_assert_eq!(&joined, &line.text);
            prop_assert!(pieces.windows(2).all(|w| w[0].highlighted != w[1].highlighted));
            let plain: usize = all_pieces.iter().filter(|s| !s.highlighted).count();
            prop_assert!(plain <= usize::from(line.indent_cols > 0));
        }
    }
}
