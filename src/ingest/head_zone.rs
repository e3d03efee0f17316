//! Lines read by where they stand around a headline: a line of names under a headline or
//! at the end of a story is its byline ("周珊珊", "王志强  许国强  温  馨", "陈星灿"), and a
//! line with commas or a question mark standing where a head stands is part of the head
//! ("样品进入中国空间站，将接受舱外环境长期验证", "如何防范蜱虫侵扰？").
//!
//! Each rule names the kind of real line that needs it.

use super::conventions::{
    ends_with_column_tag, is_affiliated_name_line, is_name_line, trim_invisible,
};
use super::lines::{Flow, Kind, Line, char_len, ends_sentence, starts_with_dateline};

/// Longest line that is read as part of a head for where it stands: about two printed
/// lines of a headline ("湖北襄阳加强预报预警、加紧烘干入仓，小麦收割近九成").
const MAX_HEAD_LINE_CHARS: usize = 60;

fn is_head_line(line: &Line) -> bool {
    matches!(line.kind, Kind::Short | Kind::Marked(_))
}

/// Names standing alone are a byline where bylines stand: under a head or under another
/// byline ("本报记者 吴慧珺" / "戴威"), or closing a story (the last line before the next
/// head or the end of the text). Elsewhere a short line of names could be a subhead.
pub fn mark_bylines(lines: &mut [Line]) {
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Short {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| &lines[j]);
        let next = lines.get(i + 1);
        let under_byline = prev.is_some_and(|p| p.kind == Kind::Byline);
        let under_head = prev.is_some_and(|p| is_head_line(p) || p.kind == Kind::Byline);
        let named = is_name_line(&lines[i].text, under_byline)
            || (under_head
                && next.is_some_and(|n| n.kind == Kind::Body)
                && is_affiliated_name_line(&lines[i].text));
        if !named {
            continue;
        }
        let closing = prev.is_some_and(|p| p.kind == Kind::Body)
            && next.is_none_or(|n| is_head_line(n) || n.gap_before >= 2);
        if under_head || closing {
            lines[i].kind = Kind::Byline;
        }
    }
}

/// A line that could be a head: short, not ending like a clause waiting for more, no
/// full stop. It may hold commas and end with a question mark or a column's name.
fn could_be_head(text: &str) -> bool {
    let t = trim_invisible(text);
    let Some(last) = t.chars().last() else {
        return false;
    };
    char_len(t) <= MAX_HEAD_LINE_CHARS
        && !t.contains(['。', '；', ';'])
        && !"，,、：:".contains(last)
        && (!starts_with_dateline(t) || ends_with_column_tag(t))
}

/// Lines that read as prose on their own but stand where a head stands:
/// - where headlines are flush left and paragraphs indented (`flush`), an unindented
///   line right after the text of a story, a byline or another head line, and right
///   above a byline, a head line or an indented paragraph ("今天的中国，是梦想接连实现的
///   中国" / "——习近平主席二〇二三年新年贺词启示录①");
/// - anywhere, a line between a headline and a byline over the text ("一张清单为基层干部
///   减负增能" / "浙江湖州推行村社工作事项清单改革，清退“分外事”…" / "本报记者 张典标").
pub fn promote_heads(lines: &mut [Line], flush: bool) {
    let candidate = |l: &Line| {
        matches!(l.kind, Kind::Body | Kind::Short)
            && l.flow != Flow::Continues
            && could_be_head(&l.text)
    };
    let mut i = 0;
    while i < lines.len() {
        if !candidate(&lines[i]) || lines[i].kind != Kind::Body {
            i += 1;
            continue;
        }
        // The run of head-like lines this one stands in: a head may be two lines of
        // prose ("知名作家走进村庄，普通村民学习写作" / "在清溪村，文学就是日常生活（…）").
        let mut start = i;
        while start > 0
            && lines[start].gap_before == 0
            && candidate(&lines[start - 1])
            && !lines[start - 1].indented
        {
            start -= 1;
        }
        let mut end = i + 1;
        while end < lines.len()
            && lines[end].gap_before == 0
            && candidate(&lines[end])
            && !lines[end].indented
        {
            end += 1;
        }
        if stands_as_a_head(lines, start, end, flush) {
            for line in &mut lines[start..end] {
                line.kind = Kind::Short;
            }
        }
        i = end;
    }
}

/// Whether lines `start..end`, head-like each, stand where a head stands.
fn stands_as_a_head(lines: &[Line], start: usize, end: usize, flush: bool) -> bool {
    let prev = start.checked_sub(1).map(|j| &lines[j]);
    let next = lines.get(end);
    let after_next = lines.get(end + 1);
    let names_next = next.is_some_and(|n| {
        n.kind == Kind::Byline || (n.kind == Kind::Short && is_name_line(&n.text, false))
    });
    let top_byline =
        names_next && after_next.is_none_or(|n| matches!(n.kind, Kind::Body | Kind::Byline));
    let run = &lines[start..end];
    let in_flush_head = flush
        && run.iter().all(|l| !l.indented)
        && prev.is_none_or(|p| p.indented || p.kind != Kind::Body || run[0].gap_before >= 2)
        && next.is_some_and(|n| {
            n.indented || matches!(n.kind, Kind::Byline | Kind::Short | Kind::Marked(_))
        });
    // Without indents to go by, only a byline under the run says it is a head: under a
    // headline, at the top of the text, or after a story that has ended ("…的智慧。" /
    // "山水为媒聚新人，集体婚礼情更浓" / "新华社记者 彭奕凯").
    let at_a_start = prev.is_none_or(|p| {
        is_head_line(p)
            || run[0].gap_before >= 2
            || matches!(p.kind, Kind::Byline | Kind::Dateline | Kind::ContinuedOn)
            || (p.kind == Kind::Body && ends_sentence(&p.text))
    });
    // A subtitle under the run ("——习近平主席二〇二三年新年贺词启示录①"), or a column's name
    // closing it ("相向而行，共同开启中美关系新篇章（钟声）"), says the same.
    let subtitle_next = next
        .is_some_and(|n| n.kind == Kind::Short && trim_invisible(&n.text).starts_with(['—', '－']));
    let column = run.last().is_some_and(|l| ends_with_column_tag(&l.text));
    in_flush_head || ((top_byline || subtitle_next || column) && at_a_start && run.len() <= 2)
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::lines::classify_all;
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        let mut lines = classify_all(text, 0);
        layout::read(&mut lines);
        lines.iter().map(|l| l.kind).collect()
    }

    #[test]
    fn names_under_a_headline_or_closing_a_story_are_bylines() {
        let k = kinds(
            "善治之道，在“未病先防”（评论员观察）\n\n周珊珊\n\n\u{3000}\u{3000}正文，第一段。\n\u{3000}\u{3000}正文，第二段。\n\u{3000}\u{3000}正文，第三段。\n\u{3000}\u{3000}（作者为中国社科院考古研究所所长）\n陈星灿\n\n\n用巧思激活善意（纵横）",
        );
        assert_eq!(k[1], Kind::Byline, "under a headline");
        assert_eq!(k[0], Kind::Short, "a headline with a comma over a name");
        assert_eq!(k[6], Kind::Byline, "under a credit");
        let k = kinds("本报记者 吴慧珺 \n戴威\n\u{3000}\u{3000}4月26日至28日，正文。");
        assert_eq!(k[..2], [Kind::Byline, Kind::Byline]);
        let k = kinds("标题\n\n正文，第一段。\n\n秦岭\n\n正文，第二段。");
        assert_eq!(k[2], Kind::Short, "a two-character word is no name");
    }

    #[test]
    fn prose_where_a_head_stands_is_a_head() {
        let k = kinds(
            "一张清单为基层干部减负增能\n浙江湖州推行村社工作事项清单改革，清退“分外事”，让村社干部专注“分内事”\n\n本报记者 张典标\n\u{3000}\u{3000}当了快10年村支书，宋根荣的手机终于能“歇口气”了。",
        );
        assert_eq!(k[1], Kind::Short);
        let k = kinds(
            "标题\n\u{3000}\u{3000}正文，第一段。\n\u{3000}\u{3000}正文，第二段。\n\u{3000}\u{3000}正文，第三段。\n\n\n样品进入中国空间站，将接受舱外环境长期验证\n月壤纤维有望成为月面基建“钢筋”\n\n本报记者 黄晓慧\n\u{3000}\u{3000}如果把月壤比作“白砂糖”，它能不能拉出细丝？",
        );
        assert_eq!(k[4], Kind::Short, "flush left between stories");
    }
}
