//! What one line of a raw issue is, judged on the line alone: a marked heading, a
//! byline, a photo caption, a page-jump note, body text, or a short unpunctuated line
//! (a headline, kicker or subhead, decided later from its neighbours).
//!
//! Each rule names the kind of sample line that needs it.

use std::sync::OnceLock;

use regex::Regex;
use unicode_width::UnicodeWidthStr;

use super::conventions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `#`, `##`, `###`… in Markdown-like files; the level is 1, 2 or 3 (deeper counts as 3).
    Marked(u8),
    /// "记者 王 勇", "(魏 薇)", "（以上由李杰华编辑整理）", "李涛 郝文娟 摄".
    Byline,
    /// "图为吕旭彩在车场检查车辆状况。"
    Caption,
    /// "(上接第1版)": a story continued from another page, printed where a kicker would be.
    ContinuedFrom,
    /// "(下转第2版)": the story goes on on another page; the note closes it here. So does
    /// a note sending the reader to another page: "（《决定》全文见第十一版）".
    ContinuedOn,
    /// A line that is only a dateline: "新华社贵阳4月27日电", which 新华社 features print at
    /// their end, or one cut from the paragraph it opens.
    Dateline,
    /// "——编  者": the signature that closes an editor's note.
    Signoff,
    /// Prose: punctuated inside, or long, or ending like a sentence.
    Body,
    /// A short line without sentence punctuation: some kind of heading.
    Short,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 0-based index of the line in the decoded text.
    pub number: usize,
    /// The line as printed, trimmed, with any `#` marks removed.
    pub text: String,
    pub kind: Kind,
    /// Blank lines between this line and the previous non-blank one.
    pub gap_before: usize,
    /// Display width of the line as printed (indentation included, CJK counted as 2),
    /// which tells a line filled to the wrap width from the last line of a paragraph.
    pub width_cols: usize,
    /// The line opens with an indent (full-width spaces "　　", or two or more spaces).
    pub indented: bool,
    /// Whether the page layout says this line goes on with the line above; set by
    /// `ingest::layout`.
    pub flow: Flow,
}

/// What the layout of the file says about a line and the one above it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Flow {
    /// Nothing: sentence ends decide.
    #[default]
    Unknown,
    /// The line above filled the wrap width, so this one goes on with it.
    Continues,
    /// An indented line in a file whose paragraphs open with an indent.
    Opens,
}

/// Longer than this (in characters, white space not counted) a line is prose even
/// without punctuation: headlines are short.
pub const MAX_HEADING_CHARS: usize = 40;

pub fn classify_all(text: &str, skip_lines: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut gap = 0;
    for (number, raw) in text.split('\n').enumerate().skip(skip_lines) {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            gap += 1;
            continue;
        }
        let (marks, rest) = split_marks(trimmed);
        let kind = if marks > 0 {
            Kind::Marked(marks.min(3) as u8)
        } else {
            classify(rest)
        };
        let printed = raw.trim_end();
        out.push(Line {
            number,
            text: rest.to_owned(),
            kind,
            gap_before: gap,
            width_cols: printed.width(),
            indented: is_indented(printed),
            flow: Flow::Unknown,
        });
        gap = 0;
    }
    out
}

/// "　　正文" or "  正文": the way a hard-wrapped text marks where a paragraph opens.
fn is_indented(printed: &str) -> bool {
    // Some sites put a stray space before the full-width indent (" 　　面对…").
    let t = printed.trim_start_matches([' ', '\u{a0}']);
    t.starts_with('\u{3000}') || printed.starts_with("  ") || printed.starts_with('\t')
}

/// `## 标题` → (2, "标题"). A `#` run only marks a heading when white space or a non-ASCII
/// character follows and something is left: "#1" or a lone "#" is text.
fn split_marks(line: &str) -> (usize, &str) {
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    if marks == 0 || marks > 6 {
        return (0, line);
    }
    let rest = &line[marks..];
    let next = rest.chars().next();
    match next {
        Some(c) if c.is_whitespace() || !c.is_ascii() => {
            let rest = rest.trim();
            if rest.is_empty() {
                (0, line)
            } else {
                (marks, rest)
            }
        }
        _ => (0, line),
    }
}

pub fn classify(line: &str) -> Kind {
    if is_caption(line) {
        return Kind::Caption;
    }
    if is_jump(line) {
        return if is_continued_on(line) {
            Kind::ContinuedOn
        } else {
            Kind::ContinuedFrom
        };
    }
    if is_see_page(line) {
        return Kind::ContinuedOn;
    }
    if conventions::is_lone_dateline(line) {
        return Kind::Dateline;
    }
    if conventions::is_editors_signoff(line) {
        return Kind::Signoff;
    }
    if is_byline(line) {
        return Kind::Byline;
    }
    if is_body(line) {
        Kind::Body
    } else {
        Kind::Short
    }
}

pub fn char_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Prose has commas, full stops or question marks inside; a headline has none
/// ("唐登杰金湘军与钱文挥举行工作会谈"), even when it holds quotes or brackets
/// ("中国(山西)援吉医疗队向当地捐赠药械"). A short line ending in a function word
/// ("每个安居安全网格员都要") is a sentence cut off by the layout, not a headline.
fn is_body(line: &str) -> bool {
    let len = char_len(line);
    if len > MAX_HEADING_CHARS {
        return true;
    }
    if line.contains(['，', ',', '。', '；', ';', '！', '!', '？', '?']) {
        return true;
    }
    if len > 25 && line.contains(['：', ':']) {
        return true;
    }
    ends_with_function_word(line)
}

/// Characters that close no headline: particles, conjunctions and prepositions waiting
/// for their object.
pub fn ends_with_function_word(line: &str) -> bool {
    let t = line.trim_end();
    let Some(last) = t.chars().last() else {
        return false;
    };
    // Words that end in one of those characters and close a phrase all the same:
    // "…首次证明胶球的存在".
    const WORDS: [&str; 20] = [
        "存在", "所在", "现在", "实在", "自在", "健在", "内在", "外在", "潜在", "参与", "涉及",
        "普及", "波及", "危及", "温和", "缓和", "祥和", "柔和", "总和", "目的",
    ];
    "的了和与及把被对将要是都也就从向给让而并或但在".contains(last)
        && char_len(line) > 2
        && !WORDS.iter().any(|w| t.ends_with(w))
}

fn is_caption(line: &str) -> bool {
    const OPENINGS: [&str; 10] = [
        "图为",
        "圖為",
        "图：",
        "图:",
        "上图",
        "下图",
        "左图",
        "右图",
        "图片：",
        "图片:",
    ];
    OPENINGS.iter().any(|p| line.starts_with(p))
}

fn jump_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[（(]?\s*(?:上接|下转|接上|转第|接第|續|续|上接第|下轉|上接)[^）)]{0,12}[版页頁][）)]?$")
            .expect("static regex")
    })
}

fn is_jump(line: &str) -> bool {
    char_len(line) <= 16 && jump_re().is_match(line)
}

/// "（《决定》全文见第十一版）", "（相关报道见第二版）": the rest is on another page.
fn is_see_page(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^[（(][^（）()]{0,24}见第\s*[0-9０-９一二三四五六七八九十百]{1,4}\s*版[）)]$")
            .expect("static regex")
    });
    char_len(line) <= 30 && re.is_match(line.trim())
}

/// "(下转第2版)", "（转第3版）": the note at the foot of a story that goes on elsewhere,
/// as opposed to "(上接第1版)" at the head of the rest.
fn is_continued_on(line: &str) -> bool {
    let inner = line.trim_start_matches(['（', '(']).trim_start();
    ["下转", "下轉", "转", "轉"]
        .iter()
        .any(|p| inner.starts_with(p))
}

/// A paragraph that ends with its page-jump note: "…推动绿色铝等产业(下转第2版)".
pub fn ends_with_jump_on(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[（(]\s*(?:下转|下轉|转|轉)[^（()）]{0,10}[版页頁]\s*[）)]$")
            .expect("static regex")
    });
    re.is_match(text.trim_end())
}

fn byline_res() -> &'static [Regex] {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    RES.get_or_init(|| {
        [
            // "记者 王 勇", "记者 郭晓华 通讯员 李 静 文/摄", "本报记者 张三 李四"
            r"^(?:本[报報]|新华社|新華社|人民日报|中新社|经济日报|光明日报|解放军报)?(?:特约|首席)?(?:记者|記者|通讯员|通訊員|特约记者|实习生)(?:\s+|[：:]\s*)[\p{Han}·]{1,4}(?:[\s、]+[\p{Han}·]{1,4})*(?:\s+(?:通讯员|通訊員|实习生)\s*[\p{Han}·]{1,4}(?:[\s、]+[\p{Han}·]{1,4})*)*(?:\s*(?:文/摄|文/圖|摄|攝|报道))?$",
            r"^(?:本[报報])?(?:记者|記者)[\p{Han}]{2,3}$",
            // "(魏 薇)", "（何宝国）", "(贾尚志、乔丹阳)", "（以上由李杰华编辑整理）"
            r"^[（(][\p{Han}·、\s]{2,24}[）)]$",
            // "李涛 郝文娟 摄", "本报记者 王勇 摄", "文/图 张三"
            r"^(?:本[报報]记者\s*)?[\p{Han}·]{2,4}(?:[\s、]+[\p{Han}·]{2,4})*\s*(?:摄|攝|摄影|供图|文/摄)$",
            // A photo credit naming the agency or desk before the names, "新华社记者 范 晨 摄",
            // or a picture supplied by an institution, "敦煌研究院供图"
            r"^[\p{Han}·]{2,10}(?:[\s、]+[\p{Han}·]{1,4})+\s+(?:摄|攝|摄影)$",
            r"^[\p{Han}·]{2,10}\s*(?:供图|供圖)$",
            r"^(?:文/图|文/圖|图/文|文图|摄影|图片|责任编辑|責任編輯|编辑|編輯)[\s：:/]+[\p{Han}·、\s]{2,}$",
            // "（以上由 王 勇 编辑整理）"
            r"^[（(]?以上由[\p{Han}·、\s]{2,16}(?:编辑整理|整理|编辑|供稿)[）)]?$",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("static regex"))
        .collect()
    })
}

fn is_byline(line: &str) -> bool {
    (char_len(line) <= 40 && byline_res().iter().any(|re| re.is_match(line)))
        || conventions::is_credit_line(line)
        || conventions::is_desk_byline(line)
}

/// A paragraph that opens with a dateline: "本报讯…", "新华社北京12月31日电…" (see
/// `ingest::conventions`).
pub fn starts_with_dateline(line: &str) -> bool {
    conventions::opens_with_dateline(line)
}

/// A paragraph opening with a date ("4月上旬,", "3月16日，", "2024年3月底") begins a
/// story or a paragraph of its own.
pub fn opens_with_date(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*日|[上中下]旬|初|底|末)",
        )
        .expect("static regex")
    });
    re.is_match(text.trim_start())
}

/// A paragraph that ends like a sentence. Closing quotes and brackets count only after a
/// stop ("…团圆了！”") or as an inline credit ("…和力量。(张波)"); "在“方向盘”" may
/// go on. A line that stops mid-sentence ("…发展情", "…能源体系,") is a fragment that
/// the next paragraph completes.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let Some(last) = t.chars().last() else {
        return true;
    };
    if "。！？!?…；;".contains(last) {
        return true;
    }
    if "”’」』》）)】".contains(last) {
        if matches!(last, '）' | ')') {
            if let Some(open) = t.rfind(['（', '(']) {
                let before = t[..open].trim_end().chars().last();
                let inner = &t[open..];
                if char_len(inner) <= 26 && before.is_some_and(|c| "。！？!?”".contains(c)) {
                    return true;
                }
            }
        }
        let mut rev = t.chars().rev().skip(1);
        return rev.next().is_some_and(|c| "。！？!?…".contains(c));
    }
    false
}

/// An article that ends with its credit on the last line of text: "…和力量。(张波)",
/// "…困难。 记者 阎轶洁 通讯员 李俾 张振江", "…优秀人才。 李学军 宋卫东 摄".
pub fn ends_with_credit(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"[。！？!?”]\s*(?:[（(][\p{Han}·、\s]{2,24}[）)]|(?:本[报報])?(?:记者|記者)[\p{Han}·、\s]{2,40}|[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4})*\s*摄)$",
        )
        .expect("static regex")
    });
    re.is_match(text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_make_headings() {
        assert_eq!(
            split_marks("# 市政协党组召开扩大会议"),
            (1, "市政协党组召开扩大会议")
        );
        assert_eq!(split_marks("## 全市工业高质量发展大会引发热烈反响").0, 2);
        assert_eq!(split_marks("### 万柏林区"), (3, "万柏林区"));
        assert_eq!(split_marks("#1 号文件"), (0, "#1 号文件"));
        assert_eq!(split_marks("#"), (0, "#"));
    }

    #[test]
    fn headlines_are_short_and_unpunctuated() {
        assert_eq!(classify("唐登杰金湘军与钱文挥举行工作会谈"), Kind::Short);
        assert_eq!(classify("中国(山西)援吉医疗队向当地捐赠药械"), Kind::Short);
        assert_eq!(
            classify("进一步强化省会龙头意识 更好发挥“五个引领带动作用”"),
            Kind::Short
        );
        assert_eq!(classify("——迎泽区2023年经济工作亮点解读"), Kind::Short);
        assert_eq!(classify("小店区"), Kind::Short);
    }

    #[test]
    fn punctuated_or_long_lines_are_body() {
        assert_eq!(classify("韦韬指出,2023年,我们坚持以领"), Kind::Body);
        assert_eq!(classify("可持续发展。"), Kind::Body);
        assert_eq!(
            classify("12月18日,省政協召開視頻會議,傳達學習省委樓陽生書記近期就政協工作講話精神"),
            Kind::Body
        );
        assert_eq!(classify(&"字".repeat(41)), Kind::Body);
    }

    #[test]
    fn a_line_ending_in_a_function_word_is_a_fragment() {
        assert_eq!(classify("每个安居安全网格员都要"), Kind::Body);
        assert_eq!(classify("韦韬在参加古交代表团审议时强调"), Kind::Short);
        assert_eq!(classify("北京谱仪Ⅲ实验首次证明胶球的存在"), Kind::Short);
    }

    #[test]
    fn bylines() {
        for line in [
            "记者 王 勇",
            "记者 郭晓华 通讯员 李 静 文/摄",
            "记者 王勇 司勇 李杰华 阎轶洁 侯慧琴 刘志刚",
            "(魏 薇)",
            "(何宝国)",
            "(贾尚志、乔丹阳)",
            "（以上由李杰华编辑整理）",
            "李涛 郝文娟 摄",
        ] {
            assert_eq!(classify(line), Kind::Byline, "{line}");
        }
        assert_eq!(classify("记者节特别报道"), Kind::Short);
    }

    #[test]
    fn photo_credits_naming_an_agency_or_an_institution_are_bylines() {
        for line in [
            "新华社记者 范 晨 摄",
            "(新华社记者 胡 超 摄)",
            "敦煌研究院供图",
        ] {
            assert_eq!(classify(line), Kind::Byline, "{line}");
        }
        assert_eq!(classify("电影在太原开机拍摄"), Kind::Short);
        assert_eq!(classify("省城首个摄影主题公园开园"), Kind::Short);
    }

    #[test]
    fn jump_notes_say_which_way_the_story_goes() {
        assert_eq!(classify("(上接第1版)"), Kind::ContinuedFrom);
        assert_eq!(classify("（下转第2版）"), Kind::ContinuedOn);
        assert_eq!(classify("(转第3版)"), Kind::ContinuedOn);
        assert!(ends_with_jump_on("推动绿色铝、硅光伏等产业(下转第2版)"));
        assert!(!ends_with_jump_on("推动绿色铝、硅光伏等产业。"));
    }

    #[test]
    fn dates_open_paragraphs() {
        assert!(opens_with_date(
            "4月上旬,我省主要茶区陆续进入春茶采摘旺季。"
        ));
        assert!(opens_with_date("3月16日，浏阳市举办招聘会。"));
        assert!(opens_with_date("2024年3月底，全省装机突破一亿千瓦。"));
        assert!(!opens_with_date("行发展的关心支持。"));
        assert!(!opens_with_date("12个项目集中开工。"));
    }

    #[test]
    fn lines_keep_indent_and_printed_width() {
        let lines = classify_all("标题\n\u{3000}\u{3000}正文，第一行\n接着写完。", 0);
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.indented, l.width_cols))
                .collect::<Vec<_>>(),
            [(false, 4), (true, 16), (false, 10)]
        );
        assert_eq!(lines[1].text, "正文，第一行", "the indent is not text");
        assert!(classify_all(" \u{3000}\u{3000}面对历史之问", 0)[0].indented);
    }

    #[test]
    fn captions() {
        assert_eq!(classify("图为吕旭彩在车场检查车辆状况。"), Kind::Caption);
        assert_eq!(classify("图书馆今日开放。"), Kind::Body);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("会谈结束后，举行了签约仪式。"));
        assert!(ends_sentence("我们也团圆了！”"));
        assert!(ends_sentence(
            "积极为推动我市全方位高质量发展贡献政协智慧和力量。(张波)"
        ));
        assert!(!ends_sentence("金湘军简要介绍了山西经济社会发展情"));
        assert!(!ends_sentence("全力构筑“风光水火储”一体化能源体系,"));
        assert!(!ends_sentence("在“方向盘”"));
        assert!(!ends_sentence("推进1000"));
    }

    #[test]
    fn credits_at_the_end_of_the_text() {
        assert!(ends_with_credit("贡献政协智慧和力量。(张波)"));
        assert!(ends_with_credit(
            "及时解决居民日常生活中遇到的困难。 记者 阎轶洁 通讯员 李俾 张振江"
        ));
        assert!(ends_with_credit("优秀人才。 李学军 宋卫东 摄"));
        assert!(!ends_with_credit("会谈结束后，举行了签约仪式。"));
    }

    #[test]
    fn datelines() {
        assert!(starts_with_dateline("本报讯（记者 魏薇）11月19日"));
        assert!(starts_with_dateline("本報訊12月17日,副省長王成"));
        assert!(!starts_with_dateline("据本报讯"));
    }

    #[test]
    fn lines_keep_numbers_and_gaps() {
        let lines = classify_all("\n\n标题\n\n正文，第一段。\n\n\n\n第二段。", 0);
        let got: Vec<(usize, usize)> = lines.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(got, [(2, 2), (4, 1), (8, 3)]);
    }
}
