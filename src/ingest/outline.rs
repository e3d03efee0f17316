//! The outline of a Markdown page or issue: which headings start articles and which
//! name parts of the page.
//!
//! - A heading with no text of its own over two or more headings one level down is a
//!   container (`# 《新闻联播》（20230108）` over `## 新闻摘要` and `## 详细新闻`; `## 详细新闻`
//!   over its `###` stories): the first one is the file's title, the others are notes.
//! - A summary (`## 新闻摘要`, `## 内容提要`…) lists the stories: it is the page's notes,
//!   not an article.
//! - A page head as a heading (`## 第01版：要闻`) starts a page.
//! - Every other heading at the shallowest level left starts an article (a story); the
//!   headings right after it are its head (kicker, subtitle), deeper ones further down
//!   its subheads. Text under no such heading is left to the segmenter.
//! - After a rule (`---`), text up to the next heading is notes (an update time).

use super::heads::page_head;
use super::markdown::{Block, BlockKind};

/// Headings of a list of what the page holds, rather than of a story.
pub const SUMMARY_HEADINGS: [&str; 8] = [
    "新闻摘要",
    "内容提要",
    "本期提要",
    "本期导读",
    "导读",
    "要目",
    "目录",
    "本期要目",
];

/// A run of blocks that becomes articles: one story, or text under no story heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Story(Vec<Block>),
    Loose(Vec<Block>),
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutlinePage {
    pub page: Option<u32>,
    pub name: Option<String>,
    pub notes: Vec<String>,
    pub units: Vec<Unit>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outline {
    pub title: Option<String>,
    pub pages: Vec<OutlinePage>,
}

fn level(b: &Block) -> Option<u8> {
    match b.kind {
        BlockKind::Heading(l) => Some(l),
        _ => None,
    }
}

/// No text of its own, and two or more headings one level down before the next heading
/// of its level.
fn is_container(blocks: &[Block], i: usize) -> bool {
    let Some(l) = level(&blocks[i]) else {
        return false;
    };
    let rest = &blocks[i + 1..];
    let end = rest
        .iter()
        .position(|b| level(b).is_some_and(|m| m <= l))
        .unwrap_or(rest.len());
    let span = &rest[..end];
    let own_text = span
        .iter()
        .take_while(|b| level(b).is_none())
        .any(|b| b.kind != BlockKind::Rule);
    let Some(child_level) = span.iter().filter_map(level).min() else {
        return false;
    };
    let children = span
        .iter()
        .filter(|b| level(b) == Some(child_level))
        .count();
    !own_text && children >= 2
}

fn is_summary(b: &Block) -> bool {
    level(b).is_some()
        && SUMMARY_HEADINGS.contains(&b.text.trim().trim_end_matches(['：', ':']).trim())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Container,
    Summary,
    PageHead,
    Story,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Loose,
    Story,
    /// Notes until a heading at this level or above (`None`: any heading).
    Notes(Option<u8>),
}

pub fn read(blocks: &[Block]) -> Outline {
    let roles: Vec<Option<Role>> = (0..blocks.len())
        .map(|i| {
            level(&blocks[i])?;
            Some(if i == 0 && is_container(blocks, 0) {
                Role::Title
            } else if is_container(blocks, i) {
                Role::Container
            } else if is_summary(&blocks[i]) {
                Role::Summary
            } else if page_head(&blocks[i].text).is_some() {
                Role::PageHead
            } else {
                Role::Story
            })
        })
        .collect();
    let story_level = blocks
        .iter()
        .zip(&roles)
        .filter(|(_, r)| **r == Some(Role::Story))
        .filter_map(|(b, _)| level(b))
        .min()
        .unwrap_or(u8::MAX);
    let mut out = Outline::default();
    let mut page = OutlinePage::default();
    let mut mode = Mode::Loose;
    for (b, role) in blocks.iter().zip(roles) {
        if let (Mode::Notes(Some(top)), Some(l)) = (mode, level(b)) {
            if l > top {
                page.notes.push(b.text.clone());
                continue;
            }
        }
        match role {
            Some(Role::Title) => out.title = Some(b.text.clone()),
            Some(Role::Container) => {
                page.notes.push(b.text.clone());
                mode = Mode::Loose;
            }
            Some(Role::Summary) => {
                page.notes.push(b.text.clone());
                mode = Mode::Notes(level(b));
            }
            Some(Role::PageHead) => {
                if page != OutlinePage::default() {
                    out.pages.push(std::mem::take(&mut page));
                }
                if let Some((number, name)) = page_head(&b.text) {
                    page.page = Some(number);
                    page.name = name;
                }
                mode = Mode::Loose;
            }
            Some(Role::Story) => {
                let joins = match (mode, page.units.last_mut()) {
                    (Mode::Story, Some(Unit::Story(story))) => {
                        let head_only = story.iter().all(|s| level(s).is_some());
                        // Right under the story's head: more of the head (a subtitle
                        // under the headline, a headline under a kicker). Further down,
                        // a deeper heading is a subhead.
                        head_only || level(b).is_some_and(|l| l > story_level)
                    }
                    _ => false,
                };
                if joins {
                    if let Some(Unit::Story(story)) = page.units.last_mut() {
                        story.push(b.clone());
                    }
                } else {
                    page.units.push(Unit::Story(vec![b.clone()]));
                }
                mode = Mode::Story;
            }
            None if b.kind == BlockKind::Rule => mode = Mode::Notes(None),
            None => match mode {
                Mode::Notes(_) => page.notes.push(super::article::note_text(b)),
                Mode::Story => {
                    if let Some(Unit::Story(story)) = page.units.last_mut() {
                        story.push(b.clone());
                    }
                }
                Mode::Loose => match page.units.last_mut() {
                    Some(Unit::Loose(blocks)) => blocks.push(b.clone()),
                    _ => page.units.push(Unit::Loose(vec![b.clone()])),
                },
            },
        }
    }
    out.pages.push(page);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::markdown::blocks;

    fn stories(o: &Outline) -> Vec<Vec<String>> {
        o.pages
            .iter()
            .flat_map(|p| &p.units)
            .map(|u| match u {
                Unit::Story(b) | Unit::Loose(b) => b.iter().map(|b| b.text.clone()).collect(),
            })
            .collect()
    }

    const XWLB: &str = "# 《新闻联播》（20230108）\n\n## 新闻摘要\n\n本期节目主要内容：\n\n1.第一条；\n\n[查看原文](https://tv.cctv.com/x.shtml)\n\n## 详细新闻\n\n### 第一条新闻\n\n**央视网消息**：正文一。\n\n[查看原文](https://tv.cctv.com/1.shtml)\n\n### 第二条新闻\n\n正文二。\n\n---\n\n更新时间：2023-09-04\n";

    #[test]
    fn a_transcript_has_one_story_per_heading_under_its_container() {
        let o = read(&blocks(XWLB, 0));
        assert_eq!(o.title.as_deref(), Some("《新闻联播》（20230108）"));
        assert_eq!(
            stories(&o),
            [
                vec!["第一条新闻", "央视网消息：正文一。", "查看原文"],
                vec!["第二条新闻", "正文二。"],
            ]
        );
        assert_eq!(
            o.pages[0].notes,
            [
                "新闻摘要",
                "本期节目主要内容：",
                "1.第一条；",
                "查看原文 https://tv.cctv.com/x.shtml",
                "详细新闻",
                "更新时间：2023-09-04"
            ]
        );
    }

    #[test]
    fn kickers_and_subtitles_join_their_headline() {
        let o = read(&blocks(
            "### 引题\n\n# 标题一\n\n## 副题\n\n正文。\n\n### 小标题\n\n正文。\n\n# 标题二\n\n正文。\n",
            0,
        ));
        let s = stories(&o);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0][..3], ["引题", "标题一", "副题"]);
        assert!(s[0].contains(&"小标题".to_owned()));
    }

    #[test]
    fn page_heads_start_pages_and_loose_text_is_kept() {
        let o = read(&blocks(
            "开头的文字。\n\n## 第01版：要闻\n\n# 标题\n\n正文。\n\n## 第02版\n\n正文，没有标题。\n",
            0,
        ));
        assert_eq!(o.pages.len(), 3);
        assert_eq!(o.pages[1].page, Some(1));
        assert_eq!(o.pages[1].name.as_deref(), Some("要闻"));
        assert_eq!(
            (o.pages[2].page, o.pages[2].name.as_deref()),
            (Some(2), None)
        );
        assert!(matches!(&o.pages[0].units[0], Unit::Loose(_)));
        assert!(matches!(&o.pages[2].units[0], Unit::Loose(_)));
    }
}
