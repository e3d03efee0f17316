//! Lines whose shape has one meaning on the page of any Chinese daily, whatever paper or
//! scraper printed it: datelines (电头), closing credits, name lines, an editor's
//! sign-off, the headings of boxes inside an article, a column's name in brackets.
//!
//! Each rule names the kind of real line that needs it (quoted from
//! `tests/fixtures/real/pages/tune`).

use std::sync::OnceLock;

use regex::Regex;

use super::lines::char_len;

/// Longest closing credit in brackets: a list of reporters runs to about a line.
const MAX_CREDIT_CHARS: usize = 100;
/// Longest column name in brackets after a headline ("（中国—吉尔吉斯斯坦媒体高质量共建
/// “一带一路”联合采访）").
const MAX_COLUMN_TAG_CHARS: usize = 40;

/// Zero-width characters some sites leave in a head ("​——推进基层工作方法谈④"): no text,
/// but they hide the line's first character from every rule.
pub fn trim_invisible(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}')
    })
}

const AGENCIES: &str =
    r"本报|本報|新华社|新華社|中新社|中新网|人民网|新华网|央视网|央广网|人民日报|经济日报|光明日报";
const DIGITS: &str = "[0-9０-９]";

fn dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // "本报讯", or an agency, the places filed from, the day and 电: "新华社北京12月31日电",
        // "本报北京、华盛顿、巴黎5月15日电", "本报北京电", "新华社北京１２月３１日电".
        let place = r"(?:[\p{Han}·]{1,12}(?:[、，,/／][\p{Han}·]{1,12})*)?";
        let day = format!(r"(?:{DIGITS}{{1,2}}\s*月\s*)?(?:{DIGITS}{{1,2}}\s*日\s*)?");
        Regex::new(&format!(
            r"^(?:本报讯|本報訊|新华社讯|新華社訊|(?:央视网|新华网|人民网|中新网)消息|据?(?:{AGENCIES}){place}\s*{day}(?:电|電))"
        ))
        .expect("static regex")
    })
}

/// Byte length of the dateline a paragraph opens with, if it opens with one.
pub fn dateline_len(text: &str) -> Option<usize> {
    let t = trim_invisible(text);
    let m = dateline_re().find(t)?;
    // "本报记者…" or "新华社记者…" opens no dispatch: the place must not be a desk.
    let place = &t[..m.end()];
    if ["记者", "記者", "评论员", "通讯员"]
        .iter()
        .any(|w| place.contains(w))
    {
        return None;
    }
    let offset = t.as_ptr() as usize - text.as_ptr() as usize;
    Some(offset + m.end())
}

pub fn opens_with_dateline(text: &str) -> bool {
    dateline_len(text).is_some()
}

/// "本报讯": a local paper's brief, a story of its own, as opposed to a dispatch filed
/// "…电", which a round-up may set under one headline with others.
pub fn opens_with_news_flash(text: &str) -> bool {
    let t = trim_invisible(text);
    ["本报讯", "本報訊", "新华社讯", "新華社訊"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// A line that is only a dateline, maybe in brackets with the reporters after it: where
/// 新华社 features print it, at the end ("　　　　新华社贵阳4月27日电", "（新华社北京12月31日电
/// 新华社记者）", "（本报吉尔吉斯斯坦巴尔斯科恩8月7日电）"), or cut from its paragraph.
pub fn is_lone_dateline(text: &str) -> bool {
    let t = trim_invisible(text);
    let (inner, bracketed) = match t
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
    {
        Some(inner) => (inner.trim(), true),
        None => (t, false),
    };
    let Some(m) = dateline_re().find(inner) else {
        return false;
    };
    if opens_with_news_flash(inner) || dateline_len(inner).is_none() {
        return false;
    }
    let rest = inner[m.end()..].trim();
    if rest.is_empty() {
        return true;
    }
    // The reporters after the dateline: "新华社记者", "（记者马卓言）", "记者陈效卫、刘仲华".
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^[（(]?\s*(?:[\p{Han}]{0,6}记者|記者)[\p{Han}·、\s]{0,60}[）)]?$")
            .expect("static regex")
    });
    bracketed && re.is_match(rest)
}

/// "——编  者": the signature under an editor's note (编者按).
pub fn is_editors_signoff(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^[—－\-]{1,4}\s*编\s*者\s*$").expect("static regex"));
    re.is_match(trim_invisible(text))
}

/// "编者按" heading an article that is only the editor's note: its sign-off ends it.
pub fn is_editors_note_title(text: &str) -> bool {
    let t: String = trim_invisible(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !"【】［］[]：:".contains(*c))
        .collect();
    matches!(t.as_str(), "编者按" | "编者的话" | "编辑的话")
}

/// The heading of a box set inside an article ("核心阅读", "■记者手记", "【链接】",
/// "开栏的话"): a part of the story, never a headline of its own.
pub fn is_box_heading(text: &str) -> bool {
    const BOXES: [&str; 22] = [
        "核心阅读",
        "记者手记",
        "链接",
        "相关链接",
        "背景链接",
        "知识链接",
        "延伸阅读",
        "开栏的话",
        "编者按",
        "编后",
        "编后语",
        "短评",
        "小贴士",
        "名词解释",
        "数读",
        "专家点评",
        "专家观点",
        "记者观察",
        "图片报道",
        "留言板",
        "对话人",
        "这正是",
    ];
    let t = trim_invisible(text);
    if t.starts_with('■') || t.starts_with('▲') || t.starts_with('●') {
        return char_len(t) <= 16;
    }
    let core: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !"【】［］[]：:".contains(*c))
        .collect();
    BOXES.contains(&core.as_str())
}

/// The column a headline belongs to, in brackets after it: "（人民时评）",
/// "（院士讲科普·未来产业）", "相向而行，共同开启中美关系新篇章（钟声）".
pub fn ends_with_column_tag(text: &str) -> bool {
    let t = trim_invisible(text);
    let Some(body) = t.strip_suffix('）') else {
        return false;
    };
    let Some(open) = body.rfind('（') else {
        return false;
    };
    let inner = &body[open + '（'.len_utf8()..];
    let n = char_len(inner);
    (2..=MAX_COLUMN_TAG_CHARS).contains(&n)
        && !inner.contains(['，', '。', '；', ',', '：'])
        && !is_credit_text(inner)
}

/// Words of a closing credit: who reported, wrote, took part, edited.
fn is_credit_text(inner: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"记者|記者|通讯员|作者|执笔|整理|采写|供稿|编译|撰稿|综合|编辑|摄|^据")
            .expect("static regex")
    });
    re.is_match(inner)
}

/// A closing credit on a line of its own: "（本报记者游仪、李洋、季芳…）", "（作者为中国社科院
/// 考古研究所所长）", "（作者单位：…）", "（执笔：邹翔、尹双红…）", "（刘潇参与采写）", or a
/// picture credit "王  将摄（影像中国）", "以上图片均为新华社记者孙凡越摄".
pub fn is_credit_line(text: &str) -> bool {
    let t = trim_invisible(text);
    if char_len(t) > MAX_CREDIT_CHARS || t.contains('。') {
        return false;
    }
    if let Some(inner) = t
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
    {
        return !inner.contains(['（', '(']) && is_credit_text(inner);
    }
    is_picture_credit(t)
}

/// "王  将摄（影像中国）", "以上图片均为新华社记者孙凡越摄": who took the pictures, named.
fn is_picture_credit(t: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?:以上|本版)?图片均为|图片由)?(?P<who>[\p{Han}·、\s]{2,40}?)\s*(?:摄|攝)(?:[（(][\p{Han}·]{2,12}[）)])?$",
        )
        .expect("static regex")
    });
    static DESK: OnceLock<Regex> = OnceLock::new();
    let desk = DESK.get_or_init(|| {
        Regex::new(&format!(
            r"^(?:(?:{AGENCIES})?(?:特约)?(?:记者|記者|通讯员))\s*"
        ))
        .expect("static regex")
    });
    let Some(c) = re.captures(t) else {
        return false;
    };
    let who = desk.replace(c["who"].trim(), "");
    names(&who.replace('、', "  ")).is_some()
}

/// A desk signing the piece: "本报评论员", "本报评论部", "新华社评论员", "本报记者" (its
/// names on the next line).
pub fn is_desk_byline(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:本报|本報|本刊|人民日报|新华社|新華社|经济日报|光明日报)(?:特约)?(?:评论员|評論員|评论部|编辑部|记者|記者|通讯员)$")
            .expect("static regex")
    });
    re.is_match(trim_invisible(text))
}

/// Surnames common enough that a short line starting with one, in a byline's place, is a
/// name ("陈星灿", "高  悦", "王志强  许国强  温  馨").
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒",
    "夏侯", "端木", "公孙", "轩辕",
];

/// What ends the name of a place or a body, not of a person: "古交市", "苏州博物馆".
const PLACE_ENDINGS: &str = "市县区省镇村乡州旗盟局厅部委院馆社队所站台团会组处室校";

/// A short name of a place or a body standing alone: "苏州博物馆", "玉架山考古博物馆", "古交市".
pub fn names_a_place_or_body(text: &str) -> bool {
    let t = trim_invisible(text);
    (2..=10).contains(&t.chars().count())
        && t.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
        && t.chars().last().is_some_and(|c| PLACE_ENDINGS.contains(c))
}

fn is_name(name: &str) -> bool {
    let n = name.chars().count();
    if name
        .chars()
        .last()
        .is_some_and(|c| PLACE_ENDINGS.contains(c))
    {
        return false;
    }
    let surname = COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c));
    (2..=4).contains(&n) && surname && name.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
}

/// The names in a line of names, as typeset: two-character names get a wide space inside
/// ("高  悦", "温  馨"), names are set apart by wide spaces ("王志强  许国强"). A name may
/// end with 文 or 摄 ("杨  羽文": text by 杨羽).
fn names(text: &str) -> Option<Vec<String>> {
    let t = trim_invisible(text);
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        let n = tok.chars().count();
        // A one-character token is half a spaced-out name: the next token completes it.
        if n == 1 && i + 1 < tokens.len() && tokens[i + 1].chars().count() <= 2 {
            out.push(format!("{tok}{}", tokens[i + 1]));
            i += 2;
        } else {
            out.push(tok.to_owned());
            i += 1;
        }
    }
    if let Some(last) = out.last_mut() {
        for suffix in ['文', '摄', '攝'] {
            if last.chars().count() >= 3 && last.ends_with(suffix) {
                last.pop();
                break;
            }
        }
    }
    (!out.is_empty() && out.len() <= 8 && out.iter().all(|n| is_name(n))).then_some(out)
}

/// A line of one or more person names and nothing else. A lone two-character word could
/// be anything ("秦岭", "高原"), so one name of two characters counts only when spaced
/// out as names are ("高  悦"), unless `loose` (a line right under a byline: "戴威").
pub fn is_name_line(text: &str, loose: bool) -> bool {
    let Some(names) = names(text) else {
        return false;
    };
    let t = trim_invisible(text);
    let spaced = t.split_whitespace().count() > 1;
    loose || spaced || names.iter().any(|n| n.chars().count() >= 3)
}

/// A writer named after where they work, as essays print it under the headline:
/// "中共中央党校（国家行政学院）教授  张三" — a body or a title, then the name.
pub fn is_affiliated_name_line(text: &str) -> bool {
    let t = trim_invisible(text);
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let Some((name_at, _)) = (1..tokens.len())
        .rev()
        .map(|k| (k, names(&tokens[k..].join("  "))))
        .find(|(_, n)| n.as_ref().is_some_and(|n| n.len() == 1))
    else {
        return false;
    };
    let place = tokens[..name_at].concat();
    (2..=MAX_AFFILIATION_CHARS).contains(&place.chars().count())
        && place
            .chars()
            .all(|c| (c.is_alphabetic() && !c.is_ascii()) || "（）()·、".contains(c))
}

/// Longest affiliation before a writer's name.
const MAX_AFFILIATION_CHARS: usize = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_of_dispatches_and_briefs() {
        for line in [
            "新华社北京12月31日电  新年前夕，国家主席习近平通过中央广播电视总台和互联网",
            "本报北京5月15日电  （记者闫伊乔）5月15日，新时代中国特色哲学社会科学",
            "本报北京电  （记者吴月辉）记者6日从中国科学院高能物理研究所获悉",
            "新华社北京１２月３１日电  全文如下",
            "本报讯（记者 魏薇）11月19日",
            "本报北京、华盛顿、约翰内斯堡、曼谷、首尔、巴黎5月15日电  记者陈",
            "新华社莫斯科/东京8月13日电  俄罗斯联邦",
            "据新华社巴格达8月12日电  （记者李军）",
        ] {
            assert!(opens_with_dateline(line), "{line}");
        }
        for line in [
            "本报记者近日对话英国知名学者马丁·雅克，从国家治理能力",
            "新华社记者 李凤双",
            "据本报讯",
            "本报评论员文章指出",
        ] {
            assert!(!opens_with_dateline(line), "{line}");
        }
        assert!(opens_with_news_flash("本报讯（记者 魏薇）11月19日"));
        assert!(!opens_with_news_flash("新华社北京5月25日电  5月25日上午"));
    }

    #[test]
    fn a_dateline_alone_on_its_line() {
        for line in [
            "\u{3000}\u{3000}\u{3000}\u{3000}新华社贵阳4月27日电",
            "（新华社北京12月31日电  新华社记者）",
            "（本报吉尔吉斯斯坦巴尔斯科恩8月7日电） ",
            "新华社深圳4月27日电",
        ] {
            assert!(is_lone_dateline(line), "{line}");
        }
        assert!(!is_lone_dateline(
            "新华社北京12月31日电  2023年1月1日出版的第1期《求是》杂志"
        ));
        assert!(!is_lone_dateline("本报讯"));
    }

    #[test]
    fn an_editors_signoff() {
        assert!(is_editors_signoff("\u{3000}\u{3000}——编  者  "));
        assert!(is_editors_signoff("——编者"));
        assert!(!is_editors_signoff("——习近平主席二〇二三年新年贺词启示录①"));
        assert!(is_editors_note_title("编者按"));
    }

    #[test]
    fn boxes_inside_an_article() {
        for line in ["核心阅读", "■记者手记", "【链接】", "　　链接", "开栏的话"]
        {
            assert!(is_box_heading(line), "{line}");
        }
        assert!(!is_box_heading("湖南凤凰县东子山村培育乡土影像人才"));
    }

    #[test]
    fn a_column_name_after_a_headline() {
        assert!(ends_with_column_tag(
            "相向而行，共同开启中美关系新篇章（钟声）"
        ));
        assert!(ends_with_column_tag("以党建之“钥”开治理之“锁”（人民时评）"));
        assert!(ends_with_column_tag(
            "具身智能，在物理世界中成长（院士讲科普·未来产业）"
        ));
        assert!(!ends_with_column_tag("（本报记者张武岳）"));
        assert!(!ends_with_column_tag("中国(山西)援吉医疗队向当地捐赠药械"));
    }

    #[test]
    fn closing_credits() {
        for line in [
            "　　（本报记者游仪、李洋、季芳、余建斌、沈文敏、张云河、王昊男、强郁文）",
            "　　（作者为中国社科院考古研究所所长）",
            "　　（作者单位：内蒙古工业大学建筑学院，本报记者李祉瑶采访整理）",
            "　　（执笔：邹翔、尹双红、崔妍、李铁林） ",
            "　　（刘潇参与采写）",
            "　　王  将摄（影像中国） ",
            "　　以上图片均为新华社记者孙凡越摄 ",
            "　　以上图片均为刘冉阳摄（人民视觉） ",
        ] {
            assert!(is_credit_line(line), "{line}");
        }
        for line in [
            "（一）",
            "（人民时评）",
            "（上接第1版）",
            "电影在太原开机拍摄",
        ] {
            assert!(!is_credit_line(line), "{line}");
        }
    }

    #[test]
    fn desks_and_names() {
        assert!(is_desk_byline("本报评论员"));
        assert!(is_desk_byline("本报评论部"));
        assert!(is_desk_byline("本报记者 "));
        for line in [
            "陈星灿",
            "　　高  悦",
            "王志强  许国强  温  馨",
            "　　杨  羽文 ",
            "周珊珊",
        ] {
            assert!(is_name_line(line, false), "{line}");
        }
        assert!(!is_name_line("秦岭", false));
        assert!(is_affiliated_name_line(
            "中共中央党校（国家行政学院）教授  张三"
        ));
        assert!(is_affiliated_name_line("本报评论部 李  莉"));
        assert!(!is_affiliated_name_line("感受城市风貌  探寻发展路径"));
        assert!(!is_affiliated_name_line("奋进新征程 建功新时代"));
        assert!(is_name_line("戴威", true));
        for line in [
            "苏州博物馆",
            "留言板",
            "雄安新区",
            "广告",
            "上海崇明",
            "古交市",
        ] {
            assert!(!is_name_line(line, false), "{line}");
        }
    }
}
