//! One article from a unit that is one article: a file of one article, or a Markdown
//! story under its heading. The segmenter still reads the unit's lines (it knows
//! bylines, captions, subheads and cut paragraphs), but whatever it would start as a
//! new article here is a section of this one: an article file is never split.

use std::sync::OnceLock;

use regex::Regex;
use unicode_width::UnicodeWidthStr;

use super::date::Date;
use super::heads::{ArticleHead, is_furniture};
use super::lines::{self, Flow, Kind, Line};
use super::markdown::{Block, BlockKind};
use super::roles::block_roles;
use super::segment::{append_byline, opening, segment_paragraphs};
use super::{Article, Section};

/// Folds what the segmenter found in one article's text into that article, under the
/// head the layout gave (`head`), or the first part's own head when the layout gave
/// none. Later parts' heads become their sections' headings. `None` when there is
/// nothing at all: no head and no text.
pub(super) fn fold(head: ArticleHead, parts: Vec<Article>) -> Option<Article> {
    let mut out = Article {
        kicker: head.kicker,
        title: head.title,
        subtitle: head.subtitle,
        ..Article::default()
    };
    let headed = out.kicker.is_some() || out.title.is_some() || out.subtitle.is_some();
    for (i, part) in parts.into_iter().enumerate() {
        let mut sections = part.sections;
        if i == 0 && !headed {
            // The first part's head is the article's, in its roles.
            out.kicker = part.kicker;
            out.title = part.title;
            out.subtitle = part.subtitle;
        } else {
            let heads: Vec<String> = [part.kicker, part.title, part.subtitle]
                .into_iter()
                .flatten()
                .collect();
            if !heads.is_empty() {
                head_sections(&mut sections, heads.join(" "));
            }
        }
        for section in sections {
            match out.sections.last_mut() {
                // Text the segmenter would have made another article of, with no head
                // of its own, goes on in the section it follows.
                Some(last) if section.heading.is_none() => {
                    last.paragraphs.extend(section.paragraphs);
                }
                _ if section.heading.is_none() && section.paragraphs.is_empty() => {}
                _ => out.sections.push(section),
            }
        }
        out.captions.extend(part.captions);
        if let Some(b) = part.byline {
            append_byline(&mut out.byline, &b);
        }
        out.raw_lines = span(out.raw_lines, part.raw_lines);
    }
    let empty = out.texts().is_empty();
    (!empty).then_some(out)
}

/// `heading` heads the first of `sections`, or a section of its own before them when
/// that one has a heading already.
fn head_sections(sections: &mut Vec<Section>, heading: String) {
    match sections.first_mut() {
        Some(s) if s.heading.is_none() => s.heading = Some(heading),
        _ => sections.insert(
            0,
            Section {
                heading: Some(heading),
                paragraphs: Vec::new(),
            },
        ),
    }
}

fn span(a: Option<[usize; 2]>, b: Option<[usize; 2]>) -> Option<[usize; 2]> {
    match (a, b) {
        (Some(a), Some(b)) => Some([a[0].min(b[0]), a[1].max(b[1])]),
        (a, b) => a.or(b),
    }
}

/// What a print line says: "本报记者  张  洋《人民日报》（2025年01月02日第 01 版）".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PrintLine {
    pub byline: Option<String>,
    pub paper: String,
    pub date: Option<Date>,
    pub page: Option<u32>,
}

pub(super) fn print_line(text: &str) -> Option<PrintLine> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(.*?)《([^《》]{1,20})》\s*[（(]\s*((?:18|19|20|21)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*第\s*(\d{1,3})\s*版\s*[）)]\s*$")
            .expect("static regex")
    });
    let c = re.captures(text.trim())?;
    let n = |i: usize| c[i].parse::<u32>().ok();
    let byline = c[1].trim();
    Some(PrintLine {
        byline: (!byline.is_empty()).then(|| byline.to_owned()),
        paper: c[2].trim().to_owned(),
        date: Date::new(n(3)?, n(4)?, n(5)?),
        page: n(6),
    })
}

/// A segmenter line for each text block: headings and bold subheads are `###` marks
/// (subheads inside the story), quotes are always text. Under a story's heading
/// (`in_story`) a paragraph is never a headline either, however short: the Markdown
/// says where the headings are.
pub(super) fn lines_of(blocks: &[Block], in_story: bool) -> Vec<Line> {
    blocks
        .iter()
        .filter_map(|b| {
            let kind = match b.kind {
                BlockKind::Heading(_) | BlockKind::Strong => Kind::Marked(3),
                BlockKind::Quote => Kind::Body,
                BlockKind::Paragraph | BlockKind::Item => match lines::classify(&b.text) {
                    Kind::Short if in_story => Kind::Body,
                    kind => kind,
                },
                BlockKind::Rule | BlockKind::SourceLink => return None,
            };
            Some(line(b, kind))
        })
        .collect()
}

fn line(b: &Block, kind: Kind) -> Line {
    Line {
        number: b.line,
        text: b.text.clone(),
        kind,
        gap_before: 1,
        width_cols: b.text.width(),
        indented: false,
        flow: Flow::Opens,
    }
}

/// What an article file says about itself outside its text, used where the text is
/// silent.
#[derive(Debug, Default, Clone)]
pub(super) struct Fallback {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub url: Option<String>,
}

/// One story of a Markdown or HTML file: its article, the page notes found in it, and
/// its print line.
#[derive(Debug, Default)]
pub(super) struct Story {
    pub article: Option<Article>,
    pub notes: Vec<String>,
    pub print: Option<PrintLine>,
}

/// A story from its blocks: the headings it opens with are its head (`###` kicker,
/// `#` headline, `##` subtitle), a `[查看原文](url)` paragraph its source link, a
/// print line its byline and where it was printed; furniture and what follows a rule
/// are notes.
pub(super) fn story(blocks: &[Block], fallback: Fallback) -> Story {
    let head_len = blocks
        .iter()
        .position(|b| !matches!(b.kind, BlockKind::Heading(_)))
        .unwrap_or(blocks.len());
    let (head, rest) = blocks.split_at(head_len);
    let mut out = Story::default();
    let mut body: Vec<Block> = Vec::new();
    let mut url = None;
    let mut after_rule = false;
    for b in rest {
        match b.kind {
            BlockKind::Rule => after_rule = true,
            BlockKind::Heading(_) => {
                after_rule = false;
                body.push(b.clone());
            }
            _ if after_rule => out.notes.push(note_text(b)),
            BlockKind::SourceLink => {
                url = url.or_else(|| b.url.clone());
            }
            BlockKind::Quote if out.print.is_none() && print_line(&b.text).is_some() => {
                out.print = print_line(&b.text);
            }
            _ if is_furniture(&b.text) => out.notes.push(b.text.clone()),
            _ => body.push(b.clone()),
        }
    }
    let body_lines = lines_of(&body, true);
    let head_lines: Vec<Line> = head
        .iter()
        .map(|b| match b.kind {
            BlockKind::Heading(level) => line(b, Kind::Marked(level.min(3))),
            _ => line(b, Kind::Marked(3)),
        })
        .collect();
    let heads = if head_lines.is_empty() {
        None
    } else {
        Some(block_roles(&head_lines, &opening(&body_lines)))
    };
    let section = heads.as_ref().and_then(|h| h.section.clone());
    let head = heads.map_or_else(ArticleHead::default, |h| ArticleHead {
        kicker: h.kicker,
        title: h.title,
        subtitle: h.subtitle,
        line_count: 0,
    });
    let Some(mut article) = fold(head, segment_paragraphs(&body_lines)).or_else(|| {
        // Only a head that held no more than a section heading, or nothing but metadata.
        (section.is_some() || fallback.title.is_some()).then(Article::default)
    }) else {
        return out;
    };
    if let Some(section) = section {
        head_sections(&mut article.sections, section);
    }
    if article.title.is_none() {
        article.title = fallback.title;
    }
    let printed_byline = out.print.as_ref().and_then(|p| p.byline.clone());
    if let Some(printed) = printed_byline {
        // The print line's byline is the one printed under the headline; one found in
        // the text (a photo credit) follows it.
        let mut byline = Some(printed);
        if let Some(b) = article.byline.take() {
            append_byline(&mut byline, &b);
        }
        article.byline = byline;
    } else if article.byline.is_none() {
        article.byline = fallback.byline;
    }
    article.url = url.or(fallback.url);
    let first = blocks.iter().map(|b| b.line).min();
    let last = blocks.iter().map(|b| b.last_line).max();
    if let (Some(first), Some(last)) = (first, last) {
        article.raw_lines = Some([first + 1, last + 1]);
    }
    out.article = Some(article);
    out
}

/// A block as a page note: a source link keeps its address.
pub(super) fn note_text(b: &Block) -> String {
    match (&b.kind, &b.url) {
        (BlockKind::SourceLink, Some(url)) => format!("{} {url}", b.text),
        _ => b.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::markdown::blocks;

    fn story_of(md: &str) -> Article {
        story(&blocks(md, 0), Fallback::default())
            .article
            .expect("an article")
    }

    #[test]
    fn what_the_segmenter_would_split_stays_one_article() {
        let parts = vec![
            Article {
                sections: vec![Section {
                    heading: None,
                    paragraphs: vec!["第一段。".into()],
                }],
                raw_lines: Some([2, 2]),
                ..Article::default()
            },
            Article {
                title: Some("在非凡成就中品味收获的喜悦".into()),
                sections: vec![Section {
                    heading: None,
                    paragraphs: vec!["第二段。".into()],
                }],
                byline: Some("本报记者 王珏".into()),
                raw_lines: Some([3, 9]),
                ..Article::default()
            },
        ];
        let head = ArticleHead {
            title: Some("标题".into()),
            ..ArticleHead::default()
        };
        let a = fold(head, parts).unwrap();
        assert_eq!(a.title.as_deref(), Some("标题"));
        assert_eq!(a.sections.len(), 2);
        assert_eq!(
            a.sections[1].heading.as_deref(),
            Some("在非凡成就中品味收获的喜悦")
        );
        assert_eq!(a.byline.as_deref(), Some("本报记者 王珏"));
        assert_eq!(a.raw_lines, Some([2, 9]));
        assert_eq!(fold(ArticleHead::default(), Vec::new()), None);
    }

    #[test]
    fn print_lines() {
        let p = print_line("本报记者  张  洋《人民日报》（2025年01月02日第 01 版）").unwrap();
        assert_eq!(p.byline.as_deref(), Some("本报记者  张  洋"));
        assert_eq!(p.paper, "人民日报");
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2025-01-02"));
        assert_eq!(p.page, Some(1));
        assert_eq!(
            print_line("《人民日报》（2025年01月02日第 18 版）")
                .unwrap()
                .byline,
            None
        );
        assert_eq!(print_line("《人民日报》评论说"), None);
    }

    #[test]
    fn a_markdown_story() {
        let a = story_of(
            "### 云南省盈江县发展观鸟产业——\n\n# 飞鸟翔集致富路\n\n> 系列：深阅读\n> 本报记者  杨文明《人民日报》（2025年01月02日第 04 版）\n\n第一段，正文。\n\n**小标题**\n\n第二段，正文。\n\n[查看原文](https://x.cn/a.html)\n",
        );
        assert_eq!(a.kicker.as_deref(), Some("云南省盈江县发展观鸟产业——"));
        assert_eq!(a.title.as_deref(), Some("飞鸟翔集致富路"));
        assert_eq!(a.byline.as_deref(), Some("本报记者  杨文明"));
        assert_eq!(a.url.as_deref(), Some("https://x.cn/a.html"));
        let paras: Vec<&str> = a.paragraphs().collect();
        assert_eq!(paras, ["系列：深阅读", "第一段，正文。", "第二段，正文。"]);
        assert_eq!(a.sections[1].heading.as_deref(), Some("小标题"));
        assert_eq!(a.raw_lines, Some([1, 14]));
    }

    #[test]
    fn a_story_whose_short_lines_would_start_articles_is_one() {
        let a = story_of(
            "### 国内联播快讯\n\n**央视网消息**（新闻联播）：\n\n**冷链物流规划发布**\n\n今天，规划发布。\n\n**中央气象台发布低温蓝色预警**\n\n今天，气温下降。\n",
        );
        assert_eq!(a.title.as_deref(), Some("国内联播快讯"));
        let heads: Vec<_> = a.sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(
            heads,
            [
                None,
                Some("冷链物流规划发布"),
                Some("中央气象台发布低温蓝色预警")
            ]
        );
    }
}
