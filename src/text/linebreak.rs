//! Where a line may end: UAX #14, tailored to the Chinese layout requirements (W3C clreq).
//!
//! UAX #14 (the `unicode-linebreak` crate, Unicode 15.0) runs on a shadow string with one
//! character per cluster. The tailorings are made by putting another character of the class
//! we want into the shadow string, so the crate's pair table still does the rest:
//!
//! - `“ ‘` are opening and `” ’` closing quotation marks in Chinese. UAX #14 gives all of
//!   them class QU, which allows no break on either side, so `他说“你好”` could only break
//!   after `他`. They take the classes of `（` and `）`. A `’` between two letters is an
//!   apostrophe (`don’t`) and takes the class of a letter.
//! - `·` (U+00B7, the middle dot between the parts of a foreign name) and `‧` may not start a
//!   line; UAX #14 allows it (AI/BA). They take the class of `・` (NS).
//! - `―` (U+2015, the dash of traditional-script texts) is AI in UAX #14, so `――` could be
//!   torn apart; it takes the class of `—` (B2, never split from its pair).
//! - Full-width digits and letters are ID in UAX #14, so `２０２３` could break anywhere;
//!   they take the classes of `0` and `a`, and `．` between two digits that of `.`.
//! - Half-width `, . : ;` right after a wide character are the comma and stops of a
//!   half-width-punctuated Chinese text (as in the traditional-script sample), not decimal
//!   separators: they take the classes of `，．：；`. Otherwise `日,2020年` could not break
//!   after the comma (the pair table has IS × NU; the regex form of LB25 in later Unicode
//!   versions only keeps digits together when a digit comes first).
//! - U+3000 and the other spaces are white space (SP): a break after them is allowed and
//!   consumes them.
//!
//! On top of UAX #14, the clreq line-start and line-end prohibitions ([`forbids_line_start`],
//! [`forbids_line_end`]) are checked on the source characters, so they hold whatever UAX #14
//! says, e.g. for `·` after an ideograph.

use unicode_linebreak::{BreakClass, break_property, linebreaks};
use unicode_width::UnicodeWidthChar;

use super::cluster::{Cluster, ClusterKind};

/// How acceptable a line break before a cluster is; the layout takes the best one that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Break {
    /// A line would start with closing punctuation or end with opening punctuation: only
    /// when the line before has nothing else to give up.
    Kinsoku,
    /// Inside a word, a number, a `——` or `……`: only when it is wider than the line.
    Inside,
    /// A break opportunity.
    Allowed,
}

/// Closing punctuation and pause or stop marks: never at the start of a line (clreq's
/// prohibition rules), with their half-width forms.
pub fn forbids_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '》'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '〞'
            | '〟'
            | '｠'
            | '｝'
            | '］'
            | '％'
            | '｡'
            | '､'
            | '｣'
            | '”'
            | '’'
            | ','
            | '.'
            | ':'
            | ';'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '·'
            | '‧'
            | '・'
    )
}

/// Opening punctuation: never at the end of a line (clreq's prohibition rules).
pub fn forbids_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '〈'
            | '《'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '〝'
            | '｟'
            | '｛'
            | '［'
            | '｢'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

fn is_letter_class(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::Alphabetic | BreakClass::HebrewLetter
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The character standing for cluster `i` in the shadow string given to UAX #14.
fn shadow_char(clusters: &[Cluster], i: usize) -> char {
    let cluster = &clusters[i];
    if cluster.kind != ClusterKind::Text {
        return ' ';
    }
    let prev = i
        .checked_sub(1)
        .and_then(|p| clusters.get(p))
        .filter(|c| c.kind == ClusterKind::Text)
        .map(|c| c.base);
    let next = clusters
        .get(i + 1)
        .filter(|c| c.kind == ClusterKind::Text)
        .map(|c| c.base);
    match cluster.base {
        '“' | '‘' => '（',
        '’' if prev.is_some_and(is_letter_class) && next.is_some_and(is_letter_class) => 'a',
        '”' | '’' => '）',
        '·' | '‧' => '・',
        '―' => '—',
        '０'..='９' => '0',
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => 'a',
        '．' if prev.is_some_and(is_digit) && next.is_some_and(is_digit) => '.',
        c @ (',' | '.' | ':' | ';') if prev.is_some_and(|p| p.width() == Some(2)) => match c {
            ',' => '，',
            '.' => '．',
            ':' => '：',
            _ => '；',
        },
        c => c,
    }
}

/// For each cluster index `b`, how acceptable a break right before cluster `b` is (index 0
/// and white-space clusters: never asked; the result has `clusters.len() + 1` entries).
pub(crate) fn break_levels(clusters: &[Cluster]) -> Vec<Break> {
    let n = clusters.len();
    let mut shadow = String::with_capacity(n * 3);
    let mut shadow_starts = Vec::with_capacity(n);
    for i in 0..n {
        shadow_starts.push(shadow.len());
        shadow.push(shadow_char(clusters, i));
    }
    let mut allowed = vec![false; n + 1];
    let mut k = 0;
    for (byte, _) in linebreaks(&shadow) {
        // One shadow char per cluster: every opportunity is at some cluster's start.
        while k < n && shadow_starts[k] < byte {
            k += 1;
        }
        if k < n && shadow_starts[k] == byte {
            allowed[k] = true;
        }
    }

    let mut levels = vec![Break::Inside; n + 1];
    let mut prev_text: Option<usize> = None;
    for (b, cluster) in clusters.iter().enumerate() {
        if cluster.kind != ClusterKind::Text {
            continue;
        }
        if b > 0 {
            let prev = prev_text.map(|p| &clusters[p]);
            let kinsoku =
                prev.is_some_and(|p| forbids_line_end(p.base)) || forbids_line_start(cluster.base);
            let after_zwsp = prev_text == Some(b - 1) && prev.is_some_and(|p| p.zwsp_after);
            levels[b] = if kinsoku {
                Break::Kinsoku
            } else if allowed[b] || after_zwsp {
                Break::Allowed
            } else {
                Break::Inside
            };
        }
        prev_text = Some(b);
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LayoutOptions;
    use crate::text::cluster::Clusters;

    /// Char indices before which a break is Allowed.
    fn allowed(s: &str) -> Vec<usize> {
        let c = Clusters::build(s, &LayoutOptions::default());
        let levels = break_levels(&c.clusters);
        c.clusters
            .iter()
            .enumerate()
            .filter(|(b, _)| levels[*b] == Break::Allowed)
            .map(|(_, cl)| cl.char_range.start)
            .collect()
    }

    fn level_before(s: &str, char_idx: usize) -> Break {
        let c = Clusters::build(s, &LayoutOptions::default());
        let levels = break_levels(&c.clusters);
        let b = c
            .clusters
            .iter()
            .position(|cl| cl.char_range.start == char_idx)
            .expect("a cluster starts there");
        levels[b]
    }

    #[test]
    fn ideographs_break_anywhere() {
        assert_eq!(allowed("读报人"), [1, 2]);
    }

    #[test]
    fn closing_and_pause_marks_never_start_a_line() {
        for s in [
            "好，", "好。", "好、", "好：", "好；", "好？", "好！", "好）", "好》", "好」",
        ] {
            assert_eq!(level_before(s, 1), Break::Kinsoku, "{s}");
        }
        for s in ["a,", "a.", "a)", "a%", "a!", "1%"] {
            assert_ne!(level_before(s, 1), Break::Allowed, "{s}");
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for s in ["（好", "《好", "「好", "【好", "(a"] {
            assert_eq!(level_before(s, 1), Break::Kinsoku, "{s}");
        }
    }

    #[test]
    fn tailoring_chinese_quotation_marks_open_and_close() {
        // UAX #14 alone (QU): only [1, 4].
        assert_eq!(allowed("他说“你好”我"), [1, 2, 4, 6]);
        assert_eq!(level_before("他说“你", 3), Break::Kinsoku);
        assert_eq!(level_before("你好”", 2), Break::Kinsoku);
    }

    #[test]
    fn tailoring_an_apostrophe_inside_a_word_is_a_letter() {
        assert_eq!(allowed("don’t"), Vec::<usize>::new());
    }

    #[test]
    fn tailoring_middle_dot_in_names_never_starts_a_line() {
        assert_eq!(level_before("阿卜·杜勒", 2), Break::Kinsoku);
        assert_eq!(level_before("阿卜·杜勒", 3), Break::Allowed);
    }

    #[test]
    fn dashes_and_ellipses_stay_whole() {
        assert_eq!(level_before("好——好", 2), Break::Inside);
        assert_eq!(level_before("好……好", 2), Break::Inside);
        // Tailoring: U+2015 is AI in UAX #14, not B2.
        assert_eq!(level_before("好――好", 2), Break::Inside);
        assert_eq!(allowed("好——好"), [1, 3]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(allowed("共390936.46元"), [1, 10]);
        assert_eq!(allowed("增长6.1%以上"), [1, 2, 6, 7]);
        assert_eq!(allowed("2023-11-20日"), [10]);
    }

    #[test]
    fn tailoring_full_width_digits_stay_whole() {
        assert_eq!(allowed("共２０２３年"), [1, 5]);
        assert_eq!(allowed("共６．１年"), [1, 4]);
    }

    #[test]
    fn tailoring_half_width_comma_after_ideograph_allows_a_break() {
        // UAX #14's pair table keeps `,2020` together (IS × NU).
        assert_eq!(allowed("日,2020年"), [2, 6]);
        assert_eq!(level_before("日,2020年", 1), Break::Kinsoku);
        // A decimal comma after a digit still binds.
        assert_eq!(allowed("1,000元"), [5]);
    }

    #[test]
    fn latin_words_stay_whole_and_break_at_spaces() {
        assert_eq!(allowed("GDP增长 China Daily"), [3, 4, 6, 12]);
    }

    #[test]
    fn ideographic_space_is_breakable_white_space() {
        assert_eq!(allowed("记者\u{3000}王勇"), [1, 3, 4]);
    }

    #[test]
    fn opening_punctuation_before_a_space_still_binds() {
        assert_eq!(level_before("（ 好", 2), Break::Kinsoku);
    }
}
