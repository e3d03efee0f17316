//! Roles of the lines of a heading block (short or marked lines above body text):
//! kicker (引题), title, subtitle (副题) or the heading of a first section.
//!
//! Each rule names the kind of sample headline block that needs it.

use std::sync::OnceLock;

use regex::Regex;

use super::conventions::{ends_with_column_tag, names_a_place_or_body, trim_invisible};
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

/// How a two-line head divides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    KickerTitle,
    TitleSubtitle,
    /// One headline set on two short lines ("技能可以“炼化”" / "隐私权不能让渡").
    OneHeadline,
}

fn two_line_roles(a: &Line, b: &Line, opening: &str) -> Heads {
    let pair = printed_pair(&a.text, &b.text);
    if pair.is_none() && is_roundup_heading(a, b) {
        return Heads {
            title: Some(a.text.clone()),
            section: Some(b.text.clone()),
            ..Heads::default()
        };
    }
    let pair = pair.or_else(|| worded_pair(&a.text, &b.text, opening));
    match pair.unwrap_or(Pair::TitleSubtitle) {
        Pair::KickerTitle => Heads {
            kicker: Some(a.text.clone()),
            title: Some(b.text.clone()),
            ..Heads::default()
        },
        Pair::TitleSubtitle => Heads {
            title: Some(a.text.clone()),
            subtitle: Some(b.text.clone()),
            ..Heads::default()
        },
        Pair::OneHeadline => Heads {
            title: Some(format!("{} {}", a.text, b.text)),
            ..Heads::default()
        },
    }
}

/// What the marks and set words of a two-line head say about its roles: sure enough to
/// come before anything else.
fn printed_pair(a: &str, b: &str) -> Option<Pair> {
    let (a, b) = (trim_invisible(a), trim_invisible(b));
    let pair = if b.starts_with(['—', '－', '-']) {
        // "——习近平主席二〇二三年新年贺词启示录①", "​——推进基层工作方法谈④"
        Pair::TitleSubtitle
    } else if a.ends_with(['—', '－', '：', ':']) {
        // The kicker leads into the headline: "习近平主席新年贺词引发海外华侨华人热烈反响——",
        // "外交部发言人："
        Pair::KickerTitle
    } else if is_split_headline(a, b) {
        Pair::OneHeadline
    } else if ends_with_kicker_verb(a) {
        Pair::KickerTitle
    } else if ends_with_column_tag(a) != ends_with_column_tag(b) {
        // The column's name goes with the headline: "穹庐之下  草原为家（传统民居）".
        if ends_with_column_tag(a) {
            Pair::TitleSubtitle
        } else {
            Pair::KickerTitle
        }
    } else {
        return None;
    };
    Some(pair)
}

/// What the lengths and the wording of two head lines suggest, when no mark says.
fn worded_pair(a: &str, b: &str, opening: &str) -> Option<Pair> {
    let (a, b) = (trim_invisible(a), trim_invisible(b));
    let (la, lb) = (char_len(a), char_len(b));
    let comma = |t: &str| t.contains(['，', ',']);
    let lists = |t: &str| t.contains(['、', '，', ',']);
    let pair = if lb > MAX_TITLE_CHARS && comma(b) && !comma(a) {
        // A subtitle that sums up the story in a sentence, under a headline however
        // short: "一张清单为基层干部减负增能" / "浙江湖州推行村社工作事项清单改革，清退…".
        Pair::TitleSubtitle
    } else if la * 5 <= lb * 3 || is_slogan_above_title(a, b, opening) {
        // "一周两例" / "太原志愿者再捐造血干细胞", "截至4月末" / "普惠小微贷款余额…"
        Pair::KickerTitle
    } else if (comma(a) && !comma(b))
        || (is_couplet(b) && !is_couplet(a))
        || is_quoted(b)
        || names_a_place_or_body(a)
    {
        // A kicker may run on like a sentence ("样品进入中国空间站，将接受舱外环境长期验证");
        // the headline is a slogan set in two halves ("感受城市风貌  探寻发展路径"), a
        // quote ("“让2026年成为中美关系继往开来的历史性、标志性年份”"), or stands under
        // the name of the body that wrote it ("玉架山考古博物馆").
        Pair::KickerTitle
    } else if lb > MAX_TITLE_CHARS || (lists(b) && !lists(a)) {
        // A subtitle lists or explains: "审议社会救助法草案、农业法修订草案等 赵乐际主持".
        Pair::TitleSubtitle
    } else {
        return None;
    };
    Some(pair)
}

/// Longest a headline line runs; a longer second line is a subtitle that sums up.
const MAX_TITLE_CHARS: usize = 30;
/// Each line of a headline set on two lines is this short.
const MAX_HALF_HEADLINE_CHARS: usize = 8;

/// Two short lines of about one length: a headline set on two lines, as a couplet
/// ("“炼化”也许冰冷" / "职场要有温度").
fn is_split_headline(a: &str, b: &str) -> bool {
    let (la, lb) = (char_len(a), char_len(b));
    la <= MAX_HALF_HEADLINE_CHARS
        && lb <= MAX_HALF_HEADLINE_CHARS
        && la.abs_diff(lb) <= 2
        && la >= 4
        && !a.contains(char::is_whitespace)
        && !b.contains(char::is_whitespace)
}

/// A kicker says who spoke or issued what; the headline under it says what: "…时强调",
/// "《求是》杂志发表习近平总书记重要讲话", "国家乡村振兴局印发通知部署",
/// "市场监管总局开展专项行动", "李强签署国务院令", "…学习委员会赴江西".
fn ends_with_kicker_verb(a: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:强调|强調|指出|表示|要求|提出|寄语|部署|发言人)$|发表[\p{Han}《》“”]{0,20}(?:讲话|文章)$|(?:发布|印发|出台)[\p{Han}]{0,4}(?:办法|意见|通知|规定|方案|公告|规划|条例)$|开展[\p{Han}]{0,6}行动$|签署[\p{Han}]{0,8}令$|赴[\p{Han}]{1,5}$",
        )
        .expect("static regex")
    });
    re.is_match(a)
}

/// A slogan in two halves set apart by a wide space: "感受城市风貌  探寻发展路径".
fn is_couplet(t: &str) -> bool {
    let parts: Vec<&str> = t
        .split('\u{3000}')
        .flat_map(|p| p.split("  "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() == 2 && parts.iter().all(|p| char_len(p) >= 3)
}

fn is_quoted(t: &str) -> bool {
    t.starts_with('“') && t.ends_with('”') && t.matches('“').count() == 1
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

    #[test]
    fn two_line_heads_of_real_pages() {
        use super::{Pair, printed_pair, worded_pair};
        let pair = |a: &str, b: &str| printed_pair(a, b).or_else(|| worded_pair(a, b, ""));
        for (a, b, want) in [
            (
                "今天的中国，是梦想接连实现的中国",
                "——习近平主席二〇二三年新年贺词启示录①",
                Pair::TitleSubtitle,
            ),
            (
                "善治之道，在“未病先防”（评论员观察）",
                "\u{200b}——推进基层工作方法谈④",
                Pair::TitleSubtitle,
            ),
            (
                "外交部发言人：",
                "中国将继续加快实施创新驱动发展战略，同世界共享创新发展成果",
                Pair::KickerTitle,
            ),
            (
                "《求是》杂志发表习近平总书记重要讲话",
                "为实现党的二十大确定的目标任务而团结奋斗",
                Pair::KickerTitle,
            ),
            (
                "国家乡村振兴局印发通知部署",
                "扎实做好巩固拓展脱贫攻坚成果工作",
                Pair::KickerTitle,
            ),
            (
                "蒙古包的营造智慧——",
                "穹庐之下  草原为家（传统民居）",
                Pair::KickerTitle,
            ),
            (
                "人工智能相关产品拉动外贸增长（经济新方位）",
                "前4月集成电路出口额增长78.3%、工业机器人出口额增长30%",
                Pair::TitleSubtitle,
            ),
            (
                "“2026世界市长对话·成都”活动在蓉城举行",
                "感受城市风貌  探寻发展路径",
                Pair::KickerTitle,
            ),
            (
                "“考古中国”实施200余项考古发掘",
                "探寻文明源流  坚定文化自信",
                Pair::KickerTitle,
            ),
            (
                "样品进入中国空间站，将接受舱外环境长期验证",
                "月壤纤维有望成为月面基建“钢筋”",
                Pair::KickerTitle,
            ),
            (
                "玉架山考古博物馆",
                "在岁月中锚定我们的来处",
                Pair::KickerTitle,
            ),
            (
                "一张清单为基层干部减负增能",
                "浙江湖州推行村社工作事项清单改革，清退“分外事”，让村社干部专注“分内事”",
                Pair::TitleSubtitle,
            ),
            ("技能可以“炼化”", "隐私权不能让渡", Pair::OneHeadline),
        ] {
            assert_eq!(pair(a, b), Some(want), "{a} / {b}");
        }
        assert_eq!(
            pair("中俄两国元首互致新年贺电", "中俄两国总理互致新年贺电"),
            None
        );
    }
}
