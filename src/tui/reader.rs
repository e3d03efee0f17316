//! An article (or an issue's raw text) laid out into screen lines for a given width:
//! styled by role, with search matches highlighted. Pure: `update` calls it when the
//! article, the width or the matches change; `view` only prints the lines.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::archive::snippet::Match;
use crate::ingest::{Article, TextRole};
use crate::text::{self, Indent, LayoutCache, LayoutOptions, StyledPiece};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Kicker,
    Title,
    /// A title made from the text: the article printed none.
    DerivedTitle,
    Subtitle,
    Byline,
    Heading,
    Paragraph,
    Caption,
    Blank,
    Raw,
    /// "↪ continued on page 2 (c)": the story's jump note, followed with `c`.
    Link,
}

/// Where a screen line's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Index into [`Article::texts`].
    Text(usize),
    /// 0-based line of the raw issue text.
    RawLine(usize),
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLine {
    pub kind: LineKind,
    pub origin: Origin,
    /// The characters of the origin text this line shows.
    pub char_range: Range<usize>,
    pub pieces: Vec<StyledPiece>,
}

impl ReaderLine {
    fn blank() -> ReaderLine {
        ReaderLine {
            kind: LineKind::Blank,
            origin: Origin::None,
            char_range: 0..0,
            pieces: Vec::new(),
        }
    }

    pub fn is_highlighted(&self) -> bool {
        self.pieces.iter().any(|p| p.highlighted)
    }
}

fn kind_of(role: TextRole) -> LineKind {
    match role {
        TextRole::Kicker => LineKind::Kicker,
        TextRole::Title => LineKind::Title,
        TextRole::Subtitle => LineKind::Subtitle,
        TextRole::Byline => LineKind::Byline,
        TextRole::Heading => LineKind::Heading,
        TextRole::Paragraph => LineKind::Paragraph,
        TextRole::Caption => LineKind::Caption,
    }
}

/// Lays texts out one after another at one width.
struct Lines<'c> {
    out: Vec<ReaderLine>,
    width_cols: usize,
    cache: &'c mut LayoutCache,
}

impl<'c> Lines<'c> {
    fn new(width_cols: usize, cache: &'c mut LayoutCache) -> Lines<'c> {
        Lines {
            out: Vec::new(),
            width_cols,
            cache,
        }
    }

    fn push(
        &mut self,
        text: &str,
        kind: LineKind,
        origin: Origin,
        opts: &LayoutOptions,
        ranges: &[Range<usize>],
    ) {
        let laid = self.cache.get_or_layout(text, self.width_cols, opts);
        let pieces = text::highlight(&laid, text, ranges, opts);
        for (line, pieces) in laid.iter().zip(pieces) {
            self.out.push(ReaderLine {
                kind,
                origin,
                char_range: line.char_range.clone(),
                pieces,
            });
        }
    }

    fn blank(&mut self, origin: Origin) {
        self.out.push(ReaderLine {
            origin,
            ..ReaderLine::blank()
        });
    }
}

/// Headlines and raw lines are not indented; only paragraphs take the option's indent.
fn unindented(opts: &LayoutOptions) -> LayoutOptions {
    LayoutOptions {
        indent: Indent::Keep,
        ..*opts
    }
}

/// A story continued on another page of its issue: `(下转第2版)` at its end, or its
/// other half, `(上接第1版)` at its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jump {
    pub page: u32,
    /// `true`: the story goes on on `page` (下转); `false`: it began there (上接).
    pub continued_on: bool,
}

/// The page number in a jump note: "第2版", "第１２版", "第十二版".
fn jump_page(note: &str) -> Option<u32> {
    let inner = note
        .split_once('第')?
        .1
        .split_once(['版', '页', '頁'])?
        .0
        .trim();
    if let Ok(n) = inner
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .parse::<u32>()
    {
        return Some(n);
    }
    // 一 … 九十九, as page numbers are written.
    let digit = |c| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let mut chars: Vec<char> = inner.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        Some(at) => {
            let tens = if at == 0 { 1 } else { digit(chars[0])? };
            let ones = chars.drain(at + 1..).next().map_or(Some(0), digit)?;
            Some(tens * 10 + ones)
        }
        None if chars.len() == 1 => digit(chars[0]),
        None => None,
    }
}

/// The jump note of an article, if it has one.
pub fn continuation(article: &Article) -> Option<Jump> {
    let note = |text: &str, ways: &[&str]| -> Option<u32> {
        let t = text.trim();
        let open = t.rfind(['（', '('])?;
        let inner = &t[open..];
        (ways.iter().any(|w| inner.contains(w)) && inner.chars().count() <= 16)
            .then(|| jump_page(inner))
            .flatten()
    };
    let last = article.paragraphs().last().unwrap_or_default();
    if let Some(page) = note(last, &["下转", "下轉", "转第", "轉第"]) {
        return Some(Jump {
            page,
            continued_on: true,
        });
    }
    let head = [&article.kicker, &article.title]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(article.paragraphs().next());
    for text in head {
        let start: String = text.trim().chars().take(14).collect();
        if let Some(page) = note(&start, &["上接", "接第", "上接第"]) {
            return Some(Jump {
                page,
                continued_on: false,
            });
        }
    }
    None
}

/// The screen lines of an article: kicker, title (or a derived one, marked), subtitle and
/// byline together, then each heading, paragraph and caption after a blank line; a story
/// continued elsewhere ends (or begins) with a line saying where `c` goes.
pub fn article_lines(
    article: &Article,
    width_cols: usize,
    opts: &LayoutOptions,
    cache: &mut LayoutCache,
    matches: &[Match],
) -> Vec<ReaderLine> {
    story_lines(article, None, width_cols, opts, cache, matches)
}

/// Where a story shown whole goes on from another page: before which of its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Join {
    pub at_text: usize,
    pub page: u32,
}

/// The screen lines of an article shown with its continuation (`join` says where the
/// other page's text begins: a line marks it).
pub fn story_lines(
    article: &Article,
    join: Option<Join>,
    width_cols: usize,
    opts: &LayoutOptions,
    cache: &mut LayoutCache,
    matches: &[Match],
) -> Vec<ReaderLine> {
    let mut by_text: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for m in matches {
        by_text.entry(m.text).or_default().push(m.chars.clone());
    }
    let plain = unindented(opts);
    let mut lines = Lines::new(width_cols, cache);
    if article.title.is_none() {
        let derived = article.display_title();
        lines.push(
            &format!("~ {}", derived.text),
            LineKind::DerivedTitle,
            Origin::None,
            &plain,
            &[],
        );
    }
    for (i, (role, text)) in article.texts().into_iter().enumerate() {
        let body = matches!(
            role,
            TextRole::Heading | TextRole::Paragraph | TextRole::Caption
        );
        if body && !lines.out.is_empty() {
            lines.blank(Origin::None);
        }
        if let Some(j) = join.filter(|j| j.at_text == i) {
            let mark = format!("↪ continued from page {} (c goes there)", j.page);
            lines.push(&mark, LineKind::Link, Origin::None, &plain, &[]);
            lines.blank(Origin::None);
        }
        let layout_opts = if role == TextRole::Paragraph {
            opts
        } else {
            &plain
        };
        let ranges = by_text.get(&i).map(Vec::as_slice).unwrap_or(&[]);
        lines.push(text, kind_of(role), Origin::Text(i), layout_opts, ranges);
    }
    if let Some(jump) = continuation(article) {
        let what = if jump.continued_on {
            format!("↪ continued on page {} (c goes there)", jump.page)
        } else {
            format!("↩ begins on page {} (c goes there)", jump.page)
        };
        lines.blank(Origin::None);
        lines.push(&what, LineKind::Link, Origin::None, &plain, &[]);
    }
    lines.out
}

/// The raw issue text, each raw line laid out on its own, blank lines kept.
pub fn raw_lines(
    raw: &str,
    width_cols: usize,
    opts: &LayoutOptions,
    cache: &mut LayoutCache,
) -> Vec<ReaderLine> {
    let plain = unindented(opts);
    let mut lines = Lines::new(width_cols, cache);
    for (n, line) in raw.split('\n').enumerate() {
        if line.trim().is_empty() {
            lines.blank(Origin::RawLine(n));
        } else {
            lines.push(line, LineKind::Raw, Origin::RawLine(n), &plain, &[]);
        }
    }
    lines.out
}

/// The first screen line showing a given text position (for scrolling to a match).
pub fn line_of(lines: &[ReaderLine], origin: Origin, char_index: usize) -> Option<usize> {
    lines
        .iter()
        .position(|l| l.origin == origin && l.char_range.contains(&char_index))
        .or_else(|| lines.iter().position(|l| l.origin == origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Section;

    fn article() -> Article {
        Article {
            kicker: Some("一周两例".into()),
            title: Some("太原志愿者再捐造血干细胞".into()),
            sections: vec![Section {
                heading: None,
                paragraphs: vec!["本报讯（记者 魏薇）11月19日，市红十字会传来好消息，近日，太钢集团的任先生在省城完成造血干细胞捐献。".into(), "第二段。".into()],
            }],
            captions: vec!["图为捐献现场。".into()],
            ..Article::default()
        }
    }

    fn text_of(l: &ReaderLine) -> String {
        l.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn blocks_are_separated_and_paragraphs_indented() {
        let mut cache = LayoutCache::default();
        let opts = LayoutOptions {
            indent: Indent::AddTwoChars,
            ..LayoutOptions::default()
        };
        let lines = article_lines(&article(), 30, &opts, &mut cache, &[]);
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds[..4],
            [
                LineKind::Kicker,
                LineKind::Title,
                LineKind::Blank,
                LineKind::Paragraph
            ]
        );
        assert!(text_of(&lines[3]).starts_with("\u{3000}\u{3000}本报讯"));
        assert_eq!(*kinds.last().unwrap(), LineKind::Caption);
        let blank_before_caption = kinds.len() - 2;
        assert_eq!(kinds[blank_before_caption], LineKind::Blank);
    }

    #[test]
    fn matches_are_highlighted_where_they_are() {
        let mut cache = LayoutCache::default();
        let a = article();
        let terms = vec!["造血干细胞".chars().collect::<Vec<_>>()];
        let matches = crate::archive::snippet::find_matches(&a, &terms);
        let lines = article_lines(&a, 20, &LayoutOptions::default(), &mut cache, &matches);
        let lit: Vec<String> = lines
            .iter()
            .flat_map(|l| {
                l.pieces
                    .iter()
                    .filter(|p| p.highlighted)
                    .map(|p| p.text.clone())
            })
            .collect();
        assert_eq!(lit.concat(), "造血干细胞造血干细胞");
    }

    #[test]
    fn an_untitled_article_shows_a_derived_title() {
        let mut cache = LayoutCache::default();
        let mut a = article();
        a.title = None;
        a.kicker = None;
        let lines = article_lines(&a, 40, &LayoutOptions::default(), &mut cache, &[]);
        assert_eq!(lines[0].kind, LineKind::DerivedTitle);
        assert!(text_of(&lines[0]).starts_with("~ "));
    }

    #[test]
    fn raw_lines_keep_line_numbers() {
        let mut cache = LayoutCache::default();
        let lines = raw_lines("标题\n\n正文。", 10, &LayoutOptions::default(), &mut cache);
        let origins: Vec<Origin> = lines.iter().map(|l| l.origin).collect();
        assert_eq!(
            origins,
            [Origin::RawLine(0), Origin::RawLine(1), Origin::RawLine(2)]
        );
        assert_eq!(line_of(&lines, Origin::RawLine(2), 0), Some(2));
    }
}
