//! Heads that say what a text file is, and lines that are about the page rather than
//! any article on it:
//!
//! - an article's head as scrapers write it: one line `kicker TAB headline TAB subtitle`,
//!   or three lines kicker / headline / subtitle with blank lines where one is absent;
//! - a page head in the text of a whole issue: `第01版：要闻`, `第2版`;
//! - page furniture: `本版责编：…`, `版式设计：…`, `电子信箱：…`, kept as the page's notes.

use std::sync::OnceLock;

use regex::Regex;

use super::lines::{Kind, char_len, classify};

/// Longest part of an article head: headlines run to two printed lines, not to a
/// paragraph.
const MAX_HEAD_CHARS: usize = 80;
/// Longest page name after a page head ("第01版：要闻", "第5版 国际新闻").
const MAX_PAGE_NAME_CHARS: usize = 16;
/// Longest furniture line: a list of editors' names, a mail address.
const MAX_FURNITURE_CHARS: usize = 80;

/// Kicker, headline and subtitle of one article, and how many lines of the file they
/// take.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ArticleHead {
    pub kicker: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub line_count: usize,
}

impl ArticleHead {
    fn from_parts(parts: [&str; 3], line_count: usize) -> Option<ArticleHead> {
        let part = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        };
        let mut head = ArticleHead {
            kicker: part(parts[0]),
            title: part(parts[1]),
            subtitle: part(parts[2]),
            line_count,
        };
        if head.title.is_none() {
            // A head with one part only has a headline, whichever place it was put in.
            head.title = head.kicker.take().or_else(|| head.subtitle.take());
        }
        head.title.is_some().then_some(head)
    }

    pub fn parts(&self) -> impl Iterator<Item = &str> {
        [&self.kicker, &self.title, &self.subtitle]
            .into_iter()
            .filter_map(|p| p.as_deref())
    }
}

fn fits_a_head(part: &str) -> bool {
    let part = part.trim();
    part.is_empty() || (char_len(part) <= MAX_HEAD_CHARS && !part.contains('。'))
}

/// "kicker TAB headline TAB subtitle" on the first line (parts may be empty):
/// "\t中俄两国元首互致新年贺电\t中俄两国总理互致新年贺电".
pub fn tab_head(text: &str) -> Option<ArticleHead> {
    let first = text.split('\n').next()?;
    if !first.contains('\t') {
        return None;
    }
    let parts: Vec<&str> = first.split('\t').collect();
    if parts.len() > 3 || !parts.iter().all(|p| fits_a_head(p)) {
        return None;
    }
    let get = |i: usize| parts.get(i).copied().unwrap_or("");
    ArticleHead::from_parts([get(0), get(1), get(2)], 1)
}

/// Three lines kicker / headline / subtitle, blank where absent, above the text:
/// "" / "国家主席习近平发表二〇二三年新年贺词" / "" / "　　■ 2022年，…". Only for a file
/// that the path says is one article: in other text a title over a subtitle reads the
/// same.
pub fn three_line_head(text: &str) -> Option<ArticleHead> {
    let lines: Vec<&str> = text.split('\n').take(3).collect();
    let get = |i: usize| lines.get(i).copied().unwrap_or("");
    if get(1).trim().is_empty() {
        return None;
    }
    let head_like = |line: &str| {
        let t = line.trim();
        t.is_empty()
            || (!is_indented(line)
                && fits_a_head(t)
                && !matches!(classify(t), Kind::Caption | Kind::Byline))
    };
    if !(0..3).all(|i| head_like(get(i))) {
        return None;
    }
    ArticleHead::from_parts([get(0), get(1), get(2)], lines.len())
}

/// Paragraphs of these files open with an indent; a head line never does.
fn is_indented(line: &str) -> bool {
    line.starts_with(['\u{3000}', ' ', '\t'])
}

fn page_head_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // A name follows the number after a colon or a space ("第01版：要闻",
        // "第5版 国际"); "第2版刊登…" is a sentence.
        Regex::new(r"^第\s*([0-9０-９]{1,3})\s*版(?:\s*[：:·|｜]\s*(.*)|\s+(.*))?$")
            .expect("static regex")
    })
}

/// "第01版：要闻" → (1, Some("要闻")), "第2版" → (2, None).
pub fn page_head(line: &str) -> Option<(u32, Option<String>)> {
    let c = page_head_re().captures(line.trim())?;
    let digits: String = c[1]
        .chars()
        .map(|d| match d {
            '０'..='９' => char::from_u32(d as u32 - '０' as u32 + '0' as u32).unwrap_or(d),
            _ => d,
        })
        .collect();
    let number = digits.parse().ok()?;
    let name = c.get(2).or(c.get(3)).map(|m| m.as_str().trim());
    match name {
        None | Some("") => Some((number, None)),
        Some(n)
            if char_len(n) <= MAX_PAGE_NAME_CHARS
                && !n.contains(['，', ',', '。', '；', '！', '？']) =>
        {
            Some((number, Some(n.to_owned())))
        }
        Some(_) => None,
    }
}

fn furniture_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // The label, then a colon or a space, then the names ("本版责编：刘 念",
        // "版式设计 张芳曼"); "制图工作…" is text.
        Regex::new(
            r"^[（(]?\s*(?:[一二三四五六七八九十]{1,3}版责编|本期(?:统筹|策划|主编|编辑|责编)|本版责编|本版編輯|本版编辑|本版主编|本版策划|本版统筹|本版监制|责任编辑|責任編輯|版式设计|版面设计|美术编辑|融媒创作|制图|製圖|电子信箱|電子信箱|本版邮箱|投稿邮箱)(?:\s*[：:]\s*|\s+)\S",
        )
        .expect("static regex")
    })
}

/// A line that credits the page's editors or designers, or gives its mail address:
/// about the page, not part of any article.
pub fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    char_len(t) <= MAX_FURNITURE_CHARS && !t.contains('。') && furniture_re().is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_separated_head() {
        let h =
            tab_head("\t中俄两国元首互致新年贺电\t中俄两国总理互致新年贺电\n\n　　正文。").unwrap();
        assert_eq!(h.kicker, None);
        assert_eq!(h.title.as_deref(), Some("中俄两国元首互致新年贺电"));
        assert_eq!(h.subtitle.as_deref(), Some("中俄两国总理互致新年贺电"));
        assert_eq!(h.line_count, 1);
        let h = tab_head("外交部发言人：\t中国将继续加快实施创新驱动发展战略\t\n").unwrap();
        assert_eq!(h.kicker.as_deref(), Some("外交部发言人："));
        assert_eq!(
            h.title.as_deref(),
            Some("中国将继续加快实施创新驱动发展战略")
        );
        assert_eq!(
            tab_head("广告\t").unwrap().title.as_deref(),
            Some("广告"),
            "a lone part is the headline"
        );
        assert_eq!(tab_head("标题\n\n正文"), None);
        assert_eq!(tab_head("a\tb\tc\td"), None, "a table row, not a head");
        assert_eq!(tab_head("\t\t"), None);
    }

    #[test]
    fn a_three_line_head() {
        let h = three_line_head(
            "\n国家主席习近平发表二〇二三年新年贺词\n\n　　■ 2022年，我们胜利召开党的二十大。",
        )
        .unwrap();
        assert_eq!(h.kicker, None);
        assert_eq!(
            h.title.as_deref(),
            Some("国家主席习近平发表二〇二三年新年贺词")
        );
        assert_eq!(h.line_count, 3);
        let h = three_line_head(
            "《求是》杂志发表习近平总书记重要讲话\n为实现党的二十大确定的目标任务而团结奋斗\n\n　　新华社北京12月31日电",
        )
        .unwrap();
        assert_eq!(
            h.kicker.as_deref(),
            Some("《求是》杂志发表习近平总书记重要讲话")
        );
        let h = three_line_head("\n今天的中国，是梦想接连实现的中国\n——习近平主席二〇二三年新年贺词启示录①\n　　日月开新元。").unwrap();
        assert_eq!(
            h.subtitle.as_deref(),
            Some("——习近平主席二〇二三年新年贺词启示录①")
        );
        assert_eq!(
            three_line_head("标题\n\n　　正文。"),
            None,
            "no headline line"
        );
        assert_eq!(
            three_line_head("标题\n　　正文，第一段。"),
            None,
            "indented"
        );
        assert_eq!(
            three_line_head("\n第一句话。第二句话。\n"),
            None,
            "a sentence is no headline"
        );
    }

    #[test]
    fn page_heads() {
        assert_eq!(page_head("第01版：要闻"), Some((1, Some("要闻".into()))));
        assert_eq!(page_head("第2版"), Some((2, None)));
        assert_eq!(page_head("第 05 版 评论"), Some((5, Some("评论".into()))));
        assert_eq!(page_head("第１２版：国际"), Some((12, Some("国际".into()))));
        assert_eq!(page_head("第2版刊登了读者来信"), None);
        assert_eq!(page_head("(下转第2版)"), None);
        assert_eq!(page_head("第3版：我们要继续努力，不断前进"), None);
    }

    #[test]
    fn page_furniture() {
        for line in [
            "本版责编：刘 念\u{3000}史 哲\u{3000}张帅祯",
            "\u{3000}\u{3000}本版策划：殷新宇\u{a0}\u{a0}吴\u{a0}\u{a0}燕",
            "版式设计：赵偲汝",
            "版式设计 张芳曼",
            "本版责编 陈  斌 张武军",
            "制图：蔡华伟",
            "电子信箱：rmrbxxx@people.cn",
            "（责任编辑：王海）",
            "融媒创作：刘莉莉  娄霄霄",
            "本期统筹  张一夫",
            "一版责编：杨  旭  张帅祯  赵  政  二版责编：韩晓明  姜  波  龚  鸣",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "制图工作已经完成。",
            "本版策划",
            "版式设计是一门学问，需要长期积累。",
            "记者 王 勇",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
