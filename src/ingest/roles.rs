//! Roles of the lines of a heading block (short or marked lines above body text):
//! kicker (引题), title, subtitle (副题) or the heading of a first section.
//!
//! Each rule names the kind of sample headline block that needs it.

use super::lines::{Kind, Line, char_len};
use super::metadata::is_han;

/// A second headline line this short, under a much longer one, heads a section of a
/// round-up ("进一步强化省会龙头意识…" / "小店区").
const MAX_ROUNDUP_HEADING_CHARS: usize = 8;
/// A first headline line sharing at most this share of its two-character words with the
/// opening of the story, above one sharing at least `MIN_TITLE_SHARE`, is a slogan kicker.
const MAX_KICKER_SHARE: f64 = 0.1;
const MIN_TITLE_SHARE: f64 = 0.25;

/// What a heading block says once its lines have roles.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Heads {
    pub kicker: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub section: Option<String>,
}

/// Roles of the lines of a heading block of two or more lines, or one that holds a jump
/// note.
/// `opening` is the start of the story under the block.
pub(super) fn block_roles(block: &[Line], opening: &str) -> Heads {
    let (jumps, rest): (Vec<&Line>, Vec<&Line>) =
        block.iter().partition(|l| l.kind == Kind::ContinuedFrom);
    let jump = (!jumps.is_empty()).then(|| join(&jumps));
    if jump.is_some() && rest.len() <= 1 {
        // A continued story has no headline of its own; a short line under the jump
        // note opens its first section ("(上接第1版)" / "杏花岭区").
        return Heads {
            kicker: jump,
            section: rest.first().map(|l| l.text.clone()),
            ..Heads::default()
        };
    }
    let mut heads = if rest.iter().any(|l| matches!(l.kind, Kind::Marked(_))) {
        marked_roles(&rest)
    } else {
        plain_roles(&rest, opening)
    };
    if let Some(j) = jump {
        heads.kicker = Some(match heads.kicker {
            Some(k) => format!("{j} {k}"),
            None => j,
        });
    }
    heads
}

fn join(lines: &[&Line]) -> String {
    lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `#` is a title; `##` a subtitle under a title, else a title; `###` or an unmarked
/// line above the title a kicker ("### 万柏林区" / "## 守护…", "古交市" / "## “春风行动”…"),
/// below it a subtitle, then section headings.
fn marked_roles(block: &[&Line]) -> Heads {
    let mut heads = Heads::default();
    let mut above: Vec<&Line> = Vec::new();
    for &line in block {
        let is_title_mark = matches!(line.kind, Kind::Marked(1) | Kind::Marked(2));
        if heads.title.is_none() {
            if is_title_mark {
                heads.title = Some(line.text.clone());
                heads.kicker = (!above.is_empty()).then(|| join(&above));
                above.clear();
            } else {
                above.push(line);
            }
        } else if heads.subtitle.is_none()
            && line.kind != Kind::Marked(3)
            && heads.section.is_none()
        {
            heads.subtitle = Some(line.text.clone());
        } else {
            match &mut heads.section {
                Some(s) => {
                    s.push(' ');
                    s.push_str(&line.text);
                }
                None => heads.section = Some(line.text.clone()),
            }
        }
    }
    if heads.title.is_none() {
        // Only ### lines: the last is the title, the ones above it kickers.
        if let Some((last, kickers)) = above.split_last() {
            heads.title = Some(last.text.clone());
            heads.kicker = (!kickers.is_empty()).then(|| join(kickers));
        }
    }
    heads
}

/// Unmarked headline blocks, as the samples print them:
/// - a "——" line under the title is its subtitle;
/// - a line ending in a speech verb ("…时强调") is a kicker;
/// - a very short line under a long one heads the first section of a round-up;
/// - a first line much shorter than the second is a kicker ("一周两例");
/// - so is a first line none of whose words recur in the opening of the story, above
///   one whose words do: a slogan ("奋进新征程 建功新时代" / "敦煌莫高窟数字化保护…");
/// - otherwise the second is a subtitle ("…举行工作会谈" / "省政府与…签署战略合作协议").
fn plain_roles(block: &[&Line], opening: &str) -> Heads {
    match block {
        [] => Heads::default(),
        [a] => Heads {
            title: Some(a.text.clone()),
            ..Heads::default()
        },
        [a, b] => two_line_roles(a, b, opening),
        [a, b, c] => {
            if is_roundup_heading(b, c) {
                let mut heads = two_line_roles(a, b, opening);
                // `b` may head a section already ("标题" / "小店区" / "#"): keep both.
                heads.section = Some(match heads.section {
                    Some(s) => format!("{s} {}", c.text),
                    None => c.text.clone(),
                });
                heads
            } else {
                Heads {
                    kicker: Some(a.text.clone()),
                    title: Some(b.text.clone()),
                    subtitle: Some(c.text.clone()),
                    section: None,
                }
            }
        }
        [kickers @ .., b, c] => Heads {
            kicker: Some(join(kickers)),
            title: Some(b.text.clone()),
            subtitle: Some(c.text.clone()),
            section: None,
        },
    }
}

fn two_line_roles(a: &Line, b: &Line, opening: &str) -> Heads {
    let (la, lb) = (char_len(&a.text), char_len(&b.text));
    let subtitle_mark = b.text.starts_with(['—', '－', '-']);
    let speech_verb = [
        "强调", "指出", "表示", "要求", "提出", "寄语", "强調", "表示",
    ]
    .iter()
    .any(|v| a.text.ends_with(v));
    let title_sub = |a: &Line, b: &Line| Heads {
        title: Some(a.text.clone()),
        subtitle: Some(b.text.clone()),
        ..Heads::default()
    };
    let kicker_title = |a: &Line, b: &Line| Heads {
        kicker: Some(a.text.clone()),
        title: Some(b.text.clone()),
        ..Heads::default()
    };
    if subtitle_mark {
        title_sub(a, b)
    } else if speech_verb {
        kicker_title(a, b)
    } else if is_roundup_heading(a, b) {
        Heads {
            title: Some(a.text.clone()),
            section: Some(b.text.clone()),
            ..Heads::default()
        }
    } else if la * 5 <= lb * 3 || is_slogan_above_title(&a.text, &b.text, opening) {
        kicker_title(a, b)
    } else {
        title_sub(a, b)
    }
}

/// A headline names what the story is about, so its words recur in the story's opening;
/// a slogan or column name above it does not. Title and subtitle both name the story
/// ("唐登杰金湘军与钱文挥举行工作会谈" / "省政府与…签署战略合作协议" share 0.87 and 0.84).
fn is_slogan_above_title(a: &str, b: &str, opening: &str) -> bool {
    match (share_in(a, opening), share_in(b, opening)) {
        (Some(sa), Some(sb)) => sa <= MAX_KICKER_SHARE && sb >= MIN_TITLE_SHARE,
        _ => false,
    }
}

/// The share of the line's two-character runs of Chinese that occur in `text`; `None`
/// for a line with no such run.
fn share_in(line: &str, text: &str) -> Option<f64> {
    let chars: Vec<char> = line.chars().collect();
    let pairs: Vec<String> = chars
        .windows(2)
        .filter(|w| is_han(w[0]) && is_han(w[1]))
        .map(|w| w.iter().collect())
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let found = pairs.iter().filter(|p| text.contains(p.as_str())).count();
    Some(found as f64 / pairs.len() as f64)
}

fn is_roundup_heading(above: &Line, line: &Line) -> bool {
    let len = char_len(&line.text);
    len <= MAX_ROUNDUP_HEADING_CHARS
        && !line.text.contains(char::is_whitespace)
        && char_len(&above.text) >= 2 * len
}

#[cfg(test)]
mod tests {
    use super::super::lines::classify_all;
    use super::super::segment::segment;
    use crate::ingest::Article;

    fn seg(text: &str) -> Vec<Article> {
        segment(&classify_all(text, 0))
    }

    #[test]
    fn title_and_subtitle() {
        let a = seg(
            "唐登杰金湘军与钱文挥举行工作会谈\n\n省政府与中国农业发展银行签署战略合作协议\n\n本报讯（山西日报记者 杨文）近日，省委书记唐登杰出席签约仪式。",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(
            a[0].title.as_deref(),
            Some("唐登杰金湘军与钱文挥举行工作会谈")
        );
        assert_eq!(
            a[0].subtitle.as_deref(),
            Some("省政府与中国农业发展银行签署战略合作协议")
        );
        assert_eq!(a[0].kicker, None);
    }

    #[test]
    fn a_slogan_above_a_headline_is_a_kicker() {
        let a = seg(
            "奋进新征程 建功新时代\n\n敦煌莫高窟数字化保护再获新进展\n\n本报讯（记者 李 婷）日前，敦煌研究院完成莫高窟第220窟等洞窟的高精度数字化采集工作，数字化保护再获进展。",
        );
        assert_eq!(a[0].kicker.as_deref(), Some("奋进新征程 建功新时代"));
        assert_eq!(
            a[0].title.as_deref(),
            Some("敦煌莫高窟数字化保护再获新进展")
        );
        let a = seg(
            "唐登杰金湘军与钱文挥举行工作会谈\n\n省政府与中国农业发展银行签署战略合作协议\n\n本报讯（山西日报记者 杨文）近日，省委书记唐登杰，省长金湘军与农发行董事长钱文挥举行工作会谈，出席省政府与农发行战略合作协议签约仪式。",
        );
        assert_eq!(
            a[0].subtitle.as_deref(),
            Some("省政府与中国农业发展银行签署战略合作协议"),
            "a title whose words recur in the story is no slogan"
        );
    }

    #[test]
    fn a_heading_block_drops_no_line() {
        // Found by tests/ingest_props.rs: the third line's section replaced the second's.
        let a = seg("本报讯（记者 魏薇）\n小店区\n# ");
        assert_eq!(a[0].title.as_deref(), Some("本报讯（记者 魏薇）"));
        assert_eq!(a[0].sections[0].heading.as_deref(), Some("小店区 #"));
    }

    #[test]
    fn short_first_line_is_a_kicker() {
        let a = seg(
            "一周两例\n\n太原志愿者再捐造血干细胞\n\n本报讯（记者 魏薇）11月19日，市红十字会传来好消息。",
        );
        assert_eq!(a[0].kicker.as_deref(), Some("一周两例"));
        assert_eq!(a[0].title.as_deref(), Some("太原志愿者再捐造血干细胞"));
    }

    #[test]
    fn dash_line_is_a_subtitle_and_lone_short_lines_are_sections() {
        let a = seg(
            "更高水平建设全省首善之区\n\n——迎泽区2023年经济工作亮点解读\n\n过去的一年，迎泽区实现了新突破。\n\n谋划90个项目\n\n作为服务业大区，迎泽区将持续推进。\n\n记者 王 勇",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(
            a[0].subtitle.as_deref(),
            Some("——迎泽区2023年经济工作亮点解读")
        );
        assert_eq!(a[0].sections.len(), 2);
        assert_eq!(a[0].sections[1].heading.as_deref(), Some("谋划90个项目"));
        assert_eq!(a[0].byline.as_deref(), Some("记者 王 勇"));
    }

    #[test]
    fn roundup_place_names_are_sections_of_one_article() {
        let a = seg(
            "进一步强化省会龙头意识 更好发挥“五个引领带动作用”\n\n小店区\n\n11月16日，小店区委负责人调研。\n\n尖草坪区\n\n11月16日，尖草坪区委负责人调度。\n\n综改示范区\n\n11月16日，负责人现场办公。\n\n（以上由李杰华编辑整理）",
        );
        assert_eq!(a.len(), 1);
        let heads: Vec<_> = a[0].sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(
            heads,
            [Some("小店区"), Some("尖草坪区"), Some("综改示范区")]
        );
        assert_eq!(a[0].byline.as_deref(), Some("（以上由李杰华编辑整理）"));
    }

    #[test]
    fn markdown_marks() {
        let a = seg(
            "韦韬在参加古交代表团审议时强调\n\n# 立足优势 勇蹚新路\n\n本报讯 正文。\n\n## 杏花岭区入选全国协同育人实验区\n\n本报讯 正文二。\n\n古交市\n\n## “春风行动” 送岗促就业\n\n本报讯 正文三。",
        );
        assert_eq!(a.len(), 3);
        assert_eq!(
            a[0].kicker.as_deref(),
            Some("韦韬在参加古交代表团审议时强调")
        );
        assert_eq!(
            a[1].title.as_deref(),
            Some("杏花岭区入选全国协同育人实验区")
        );
        assert_eq!(a[2].kicker.as_deref(), Some("古交市"));
    }

    #[test]
    fn marked_subtitle_kicker_and_sections() {
        let a = seg(
            "# 以更加饱满的精神状态 狠抓工业高质量发展\n\n## 全市工业高质量发展大会引发热烈反响\n\n正文。\n\n### 万柏林区\n\n## 守护“一老一小” 彰显民生温度\n\n自从专项行动开展以来,正文。\n\n### 托起幸福“夕阳红”\n\n正文二。",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(
            a[0].subtitle.as_deref(),
            Some("全市工业高质量发展大会引发热烈反响")
        );
        assert_eq!(a[1].kicker.as_deref(), Some("万柏林区"));
        assert_eq!(
            a[1].sections[1].heading.as_deref(),
            Some("托起幸福“夕阳红”")
        );
    }

    #[test]
    fn a_jump_note_heads_a_continued_roundup() {
        let a = seg(
            "上一篇。\n\n(贾尚志、乔丹阳)\n\n\n\n(上接第1版)\n\n杏花岭区\n\n1月20日，杏花岭区调研。\n\n尖草坪区\n\n1月19日，尖草坪区检查。",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].kicker.as_deref(), Some("(上接第1版)"));
        assert_eq!(a[1].title, None);
        assert_eq!(a[1].sections.len(), 2);
        assert_eq!(a[1].sections[0].heading.as_deref(), Some("杏花岭区"));
    }
}
