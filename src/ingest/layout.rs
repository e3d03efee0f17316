//! What a line is once the whole file and its neighbours are seen: the file's layout
//! (one brief per line; paragraphs hard-wrapped at a fixed width; paragraphs opened by an
//! indent) and the lines whose kind that changes (a wrapped line without punctuation is
//! prose; a headline with a comma above a dateline is a headline).
//!
//! Each rule names the kind of line that needs it. Where a line stands in a head (a
//! name under a headline, a subtitle with commas) is read in `ingest::head_zone`.

use super::head_zone as heads;
use super::lines::{
    Flow, Kind, Line, MAX_HEADING_CHARS, char_len, ends_sentence, ends_with_credit,
    ends_with_function_word, ends_with_jump_on, starts_with_dateline,
};

/// Lines filled to the wrap width needed before a file counts as hard-wrapped.
const MIN_WRAPPED_LINES: usize = 4;
/// How far a wrapped line may fall short of, or run past, the wrap width (in display
/// columns): a wide character that does not fit goes to the next line, and a closing
/// mark is kept on the line it closes.
const WRAP_SLACK_COLS: usize = 3;
/// Paragraphs following paragraphs needed before a file counts as set solid.
const MIN_SOLID_RUNS: usize = 5;
/// Indented lines needed before indentation counts as the paragraph mark of a file.
const MIN_INDENTED_LINES: usize = 3;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Single-spaced lines and no headings at all: each line is a brief of its own.
    pub brief_per_line: bool,
    /// The width (display columns) the text was hard-wrapped at, if it was.
    pub wrap_cols: Option<usize>,
    /// Paragraphs open with an indent ("　　"), so an indented line starts one.
    pub indented_paragraphs: bool,
    /// Paragraphs open with an indent and headlines do not (an e-paper's text: the head
    /// flush left, the body indented), so an indented line is text of the article above,
    /// whatever it looks like: a subhead, a credit, a byline of one part of a feature.
    pub flush_heads: bool,
    /// The text is set solid (paragraphs follow each other without a blank line) and
    /// heads stand apart with blank lines above them: a heading set solid under the text
    /// is a subhead of it.
    pub solid_text: bool,
}

/// Reads the layout of a file and marks each line with what it says ([`Line::flow`], and
/// kinds that change with the neighbours).
pub fn read(lines: &mut [Line]) -> Layout {
    let wrap_cols = wrap_width(lines);
    let indented_paragraphs = opens_paragraphs_with_indent(lines);
    let flush_heads = indented_paragraphs && lines.first().is_some_and(|l| !l.indented);
    if wrap_cols.is_none() && !is_brief_per_line(lines) {
        // Names under a head are a byline, and a line over a byline is a head: each
        // tells the other, so names are read again once heads are known. Before the
        // flow of lines is read: a head line under another is no cut paragraph.
        heads::mark_bylines(lines);
        heads::promote_heads(lines, flush_heads);
        heads::mark_bylines(lines);
    }
    set_flow(lines, wrap_cols, indented_paragraphs);
    let brief_per_line = is_brief_per_line(lines);
    if !brief_per_line {
        promote_headlines(lines);
    }
    let solid_text = !brief_per_line && is_set_solid(lines);
    Layout {
        brief_per_line,
        wrap_cols,
        indented_paragraphs,
        flush_heads,
        solid_text,
    }
}

fn is_text(line: &Line) -> bool {
    matches!(line.kind, Kind::Body | Kind::Short)
}

/// The width most lines that run on into the next one are filled to, when enough of them
/// are: a text hard-wrapped by an export ("…今年一" / "季度，宁波舟山港…"). Paragraphs
/// that are one line each vary in width, and end in a full stop.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let run_on: Vec<&Line> = lines
        .windows(2)
        .filter(|w| is_text(&w[0]) && is_text(&w[1]) && w[1].gap_before == 0)
        .map(|w| &w[0])
        .collect();
    if run_on.len() < MIN_WRAPPED_LINES {
        return None;
    }
    let widths: Vec<usize> = run_on.iter().map(|l| l.width_cols).collect();
    // The width most lines are near, counted over the distinct widths (not line against
    // line, which made a long file quadratic).
    let mut by_width: std::collections::BTreeMap<usize, usize> = Default::default();
    for &w in &widths {
        *by_width.entry(w).or_default() += 1;
    }
    let (cols, count) = by_width
        .keys()
        .map(|&w| {
            let near: usize = by_width
                .range(w.saturating_sub(WRAP_SLACK_COLS)..=w + WRAP_SLACK_COLS)
                .map(|(_, n)| n)
                .sum();
            (w, near)
        })
        .max_by_key(|&(w, n)| (n, w))?;
    // A wrapper cuts wherever the width runs out, so few of its lines end a sentence;
    // one-line paragraphs of about the same length all do.
    let full_stops = run_on
        .iter()
        .filter(|l| l.width_cols.abs_diff(cols) <= WRAP_SLACK_COLS && ends_sentence(&l.text))
        .count();
    (count >= MIN_WRAPPED_LINES && count * 2 >= widths.len() && full_stops * 2 < count)
        .then_some(cols)
}

/// Enough body lines open with an indent that it marks where paragraphs begin.
fn opens_paragraphs_with_indent(lines: &[Line]) -> bool {
    let body = lines.iter().filter(|l| l.kind == Kind::Body).count();
    let indented = lines
        .iter()
        .filter(|l| l.kind == Kind::Body && l.indented)
        .count();
    indented >= MIN_INDENTED_LINES && indented * 4 >= body
}

/// - In a file whose paragraphs open with an indent, an indented line opens one, even
///   under a line that does not end a sentence.
/// - A line right under one filled to the wrap width goes on with it, even when that
///   one ends in a full stop ("…程序员陈浩说。" / "为了让场馆…") or has no punctuation
///   at all, which would make it look like a headline.
/// - Where indents open paragraphs, an unindented line right under prose goes on with
///   it, unless it is a short line (a headline, maybe) under a finished sentence.
fn set_flow(lines: &mut [Line], wrap_cols: Option<usize>, indented_paragraphs: bool) {
    for i in 1..lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        let (above, line) = (&head[i - 1], &mut tail[0]);
        if !is_text(line) {
            continue;
        }
        let full_above = wrap_cols.is_some_and(|w| above.width_cols + WRAP_SLACK_COLS >= w);
        let runs_on = line.gap_before == 0 && is_text(above) && !line.indented;
        let under_prose = indented_paragraphs
            && above.kind == Kind::Body
            && (line.kind == Kind::Body || !ends_sentence(&above.text));
        line.flow = if indented_paragraphs && line.indented {
            Flow::Opens
        } else if runs_on && (full_above || under_prose) {
            Flow::Continues
        } else {
            Flow::Unknown
        };
    }
    // A wrapped line is prose whatever its punctuation, and so is the one it goes on from.
    for i in 1..lines.len() {
        if lines[i].flow == Flow::Continues {
            for j in [i - 1, i] {
                if lines[j].kind == Kind::Short {
                    lines[j].kind = Kind::Body;
                }
            }
        }
    }
}

/// Paragraphs set solid (four in five follow the one above without a blank line), and
/// some heading set apart by a blank line above it.
fn is_set_solid(lines: &[Line]) -> bool {
    let runs: Vec<&Line> = lines
        .windows(2)
        .filter(|w| w[0].kind == Kind::Body && w[1].kind == Kind::Body)
        .map(|w| &w[1])
        .collect();
    let solid = runs.iter().filter(|l| l.gap_before == 0).count();
    let spaced_head = lines
        .windows(2)
        .any(|w| w[0].kind == Kind::Body && w[1].kind == Kind::Short && w[1].gap_before >= 1);
    runs.len() >= MIN_SOLID_RUNS && solid * 5 >= runs.len() * 4 && spaced_head
}

/// Single-spaced lines (no blank line between most of them) and no headings at all:
/// each line is a brief of its own, as in a column of news in brief.
fn is_brief_per_line(lines: &[Line]) -> bool {
    if lines.len() < 3 {
        return false;
    }
    let headed = lines.iter().any(|l| {
        matches!(
            l.kind,
            Kind::Marked(_) | Kind::Short | Kind::ContinuedFrom | Kind::ContinuedOn
        )
    });
    let tight = lines[1..].iter().filter(|l| l.gap_before == 0).count();
    !headed && tight * 5 >= (lines.len() - 1) * 4
}

/// A headline may hold a comma or a colon ("守好“米袋子”，拎稳“菜篮子”",
/// "昆明:聚焦“五个一批”…核心区"), which makes it look like prose on its own. Standing
/// right above a dateline ("本报讯…"), under a finished paragraph or a heading, not
/// ending like a sentence or a cut clause and with no full stop inside, it is the
/// headline of that story.
fn promote_headlines(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let above_open = i > 0 && {
            let above = &lines[i - 1];
            above.kind == Kind::Body
                && !ends_sentence(&above.text)
                && !ends_with_credit(&above.text)
                && !ends_with_jump_on(&above.text)
        };
        let under_dateline = lines
            .get(i + 1)
            .is_some_and(|n| n.kind == Kind::Body && starts_with_dateline(&n.text));
        let line = &mut lines[i];
        if line.kind == Kind::Body
            && under_dateline
            && !above_open
            && line.flow != Flow::Continues
            && reads_like_a_headline(&line.text)
        {
            line.kind = Kind::Short;
        }
    }
}

fn reads_like_a_headline(text: &str) -> bool {
    char_len(text) <= MAX_HEADING_CHARS
        && !starts_with_dateline(text)
        && !text.contains(['。', '；', ';'])
        && !ends_sentence(text)
        && !text.trim_end().ends_with([',', '，', '、', ':', '：'])
        && !ends_with_function_word(text)
}

#[cfg(test)]
mod tests {
    use super::super::lines::classify_all;
    use super::*;

    fn read_text(text: &str) -> (Vec<Line>, Layout) {
        let mut lines = classify_all(text, 0);
        let layout = read(&mut lines);
        (lines, layout)
    }

    /// Wrapped at 60 columns; paragraphs open with an indent.
    const WRAPPED: &str = "标题一\n\u{3000}\u{3000}本报讯今年一季度，宁波港完成了集装箱吞吐量九百五十万标准\n箱，同比增长九点二个百分点，增速继续领跑全球前十大港口。其中\n海铁联运业务量完成四十二万标准箱新开通至新疆甘肃等地的班列五\n条，运量再创新高。\n\u{3000}\u{3000}走进体育馆，羽毛球、篮球场地几乎每天都被预订一空。“价\n格也不贵。”在附近公司上班的程序员陈浩一边擦汗一边笑着说。\n为了让场馆热起来，杭州推出了公益开放时段。\n\u{3000}\u{3000}杭州市体育局负责人介绍，下一步将继续引进高水平赛事。\n";

    #[test]
    fn a_hard_wrapped_file_has_a_wrap_width() {
        let (_, layout) = read_text(WRAPPED);
        assert_eq!(layout.wrap_cols, Some(60));
        assert!(layout.indented_paragraphs);
        let (_, layout) = read_text(
            "标题\n第一段，这一段很长很长很长很长很长很长很长很长很长很长。\n第二段，短。\n第三段，这一段比第一段还要长很多很多很多很多很多很多很多很多很多很多。\n第四段，中等长度的一段话。\n",
        );
        assert_eq!(layout.wrap_cols, None, "one line a paragraph");
        assert!(!layout.indented_paragraphs);
        let (_, layout) = read_text(
            "标题\n第一段，正文写在这里。\n第二段，正文写在这里。\n第三段，正文也在这里。\n第四段，正文还在这里。\n第五段，正文写在这里。\n",
        );
        assert_eq!(layout.wrap_cols, None, "one-line paragraphs of one length");
    }

    #[test]
    fn a_line_under_a_full_wrapped_line_goes_on_with_it() {
        let (lines, _) = read_text(WRAPPED);
        let flows: Vec<Flow> = lines.iter().map(|l| l.flow).collect();
        use Flow::*;
        assert_eq!(
            flows,
            [
                Unknown, Opens, Continues, Continues, Continues, Opens, Continues, Continues, Opens
            ]
        );
        assert_eq!(
            lines[3].kind,
            Kind::Body,
            "a wrapped line without punctuation is prose"
        );
    }

    #[test]
    fn an_indented_line_opens_a_paragraph_even_under_an_open_one() {
        let (lines, _) = read_text(
            "标题\n\u{3000}\u{3000}第一段，说到一半\n\u{3000}\u{3000}第二段，正文。\n\u{3000}\u{3000}第三段，正文。\n\u{3000}\u{3000}第四段，正文。\n",
        );
        assert!(lines[2..].iter().all(|l| l.flow == Flow::Opens));
    }

    #[test]
    fn a_headline_with_a_comma_above_a_dateline_is_a_headline() {
        let (lines, _) = read_text(
            "标题\n\n正文。（龙 琪）\n\n守好“米袋子”，拎稳“菜篮子”\n\n本报讯 春分时节，各地抢抓农时。\n\n昆明:聚焦“五个一批”加快打造面向南亚东南亚辐射中心核心区\n\n本报讯 (记者 杨 艳)4月6日，昆明市召开大会。",
        );
        assert_eq!(lines[2].kind, Kind::Short);
        assert_eq!(lines[4].kind, Kind::Short);
    }

    #[test]
    fn a_cut_clause_above_a_dateline_stays_prose() {
        let (lines, _) = read_text(
            "标题\n\n正文说到一半，\n\n剩下的，没有说完\n\n本报讯 另一篇。\n\n正文。\n\n说了一句，又说一句，\n\n本报讯 又一篇。\n\n正文。\n\n一句话。又一句\n\n本报讯 再一篇。",
        );
        assert_eq!(lines[2].kind, Kind::Body, "under an open paragraph");
        assert_eq!(lines[5].kind, Kind::Body, "ends in a comma");
        assert_eq!(lines[8].kind, Kind::Body, "a full stop inside");
    }

    #[test]
    fn briefs_one_a_line() {
        let (_, layout) = read_text(
            "12月18日,省政協召開視頻會議。\n12月18日,省政府召開會議。\n12月17日,民進山西省委會舉行揭牌儀式。\n本報訊12月17日,副省長王成在大同市調研。\n",
        );
        assert!(layout.brief_per_line);
    }
}
