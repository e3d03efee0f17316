//! Markdown → [`Block`]s, with pulldown-cmark: headings keep their level, emphasis is
//! text, links keep their text, a paragraph all in bold is a subhead, a paragraph that
//! is only a `[查看原文](url)` link is the article's source link, and inline or block
//! HTML becomes text ([`super::html`]), so no markup reaches a field.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html;

/// What a block of a Markdown or HTML file is to the article structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `#`…`######`, `<h1>`…`<h6>`.
    Heading(u8),
    Paragraph,
    /// A paragraph wholly in bold (`**守正创新  开拓奋进——**`): a subhead.
    Strong,
    /// A line of a block quote (`> 本报记者  张  洋《人民日报》…`).
    Quote,
    /// A list item.
    Item,
    /// `---`: what follows, up to the next heading, is no article's (an update time).
    Rule,
    /// A paragraph that is only a link back to the original (`[查看原文](url)`).
    SourceLink,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub url: Option<String>,
    /// First and last line (0-based) of the file the block was read from.
    pub line: usize,
    pub last_line: usize,
}

/// Link texts that point back to the page a story was taken from.
pub const SOURCE_LINK_TEXTS: [&str; 6] = [
    "查看原文",
    "阅读原文",
    "原文链接",
    "原文地址",
    "原文",
    "来源",
];

#[derive(Default)]
struct Leaf {
    kind: Option<BlockKind>,
    /// Text cut at hard breaks; `\n` marks a soft break inside a piece.
    pieces: Vec<String>,
    /// The text escaped, with the raw HTML between, for a block that holds HTML.
    html: String,
    has_html: bool,
    raw_html_block: bool,
    code: bool,
    strong_depth: usize,
    text_in_strong: bool,
    text_outside_strong: bool,
    link_depth: usize,
    link_url: Option<String>,
    link_text: String,
    text_outside_link: bool,
    start: usize,
    end: usize,
}

impl Leaf {
    fn push_text(&mut self, text: &str) {
        if self.pieces.is_empty() {
            self.pieces.push(String::new());
        }
        if let Some(last) = self.pieces.last_mut() {
            last.push_str(text);
        }
        push_escaped(&mut self.html, text);
        let visible = !text.trim().is_empty();
        if self.strong_depth > 0 {
            self.text_in_strong |= visible;
        } else {
            self.text_outside_strong |= visible;
        }
        if self.link_depth > 0 {
            self.link_text.push_str(text);
        } else {
            self.text_outside_link |= visible;
        }
    }
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Byte offset → 0-based line, over the lines of the parsed text.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line
            + self
                .starts
                .partition_point(|&s| s <= offset)
                .saturating_sub(1)
    }
}

struct Reader {
    out: Vec<Block>,
    leaf: Option<Leaf>,
    quote_depth: usize,
    item_depth: usize,
    index: LineIndex,
}

impl Reader {
    fn context_kind(&self) -> BlockKind {
        if self.quote_depth > 0 {
            BlockKind::Quote
        } else if self.item_depth > 0 {
            BlockKind::Item
        } else {
            BlockKind::Paragraph
        }
    }

    fn open(&mut self, kind: BlockKind, at: usize) -> &mut Leaf {
        self.flush();
        self.leaf.insert(Leaf {
            kind: Some(kind),
            start: at,
            end: at,
            ..Leaf::default()
        })
    }

    fn leaf(&mut self, at: usize) -> &mut Leaf {
        if self.leaf.is_none() {
            let kind = self.context_kind();
            self.open(kind, at);
        }
        self.leaf.get_or_insert_with(Leaf::default)
    }

    fn flush(&mut self) {
        let Some(leaf) = self.leaf.take() else {
            return;
        };
        let (line, last_line) = (
            self.index.line(leaf.start),
            self.index.line(leaf.end.saturating_sub(1).max(leaf.start)),
        );
        let kind = leaf.kind.unwrap_or(BlockKind::Paragraph);
        let mut push = |kind: BlockKind, text: String, url: Option<String>| {
            // A byte-order mark left inside a file by joining pieces is no text.
            let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            if !text.is_empty() {
                self.out.push(Block {
                    kind,
                    text: text.to_owned(),
                    url,
                    line,
                    last_line,
                });
            }
        };
        if leaf.has_html || leaf.raw_html_block {
            let parts = html::blocks(&leaf.html);
            if let BlockKind::Heading(_) = kind {
                let text: Vec<String> = parts.into_iter().map(|(_, t)| t).collect();
                push(kind, text.join(" "), None);
            } else {
                for (k, text) in parts {
                    // A paragraph of an HTML body keeps the place it was in (a quote,
                    // a list); headings and bold lines inside it keep theirs.
                    let k = match k {
                        BlockKind::Paragraph => kind_in(kind),
                        other => other,
                    };
                    push(k, text, None);
                }
            }
            return;
        }
        let is_source_link = !leaf.text_outside_link
            && leaf.link_url.is_some()
            && SOURCE_LINK_TEXTS.contains(&leaf.link_text.trim());
        if is_source_link {
            push(BlockKind::SourceLink, leaf.link_text, leaf.link_url);
            return;
        }
        let kind =
            if kind == BlockKind::Paragraph && leaf.text_in_strong && !leaf.text_outside_strong {
                BlockKind::Strong
            } else {
                kind
            };
        for piece in leaf.pieces {
            if leaf.code {
                // Each line of a code block is its own: nothing in it is markup.
                for line in piece.split('\n') {
                    push(kind, line.to_owned(), None);
                }
                continue;
            }
            // Each line of a quote is its own (a series name, then a print line).
            let lines = if kind == BlockKind::Quote {
                piece.split('\n').map(str::to_owned).collect()
            } else {
                vec![join_soft_breaks(&piece)]
            };
            for line in lines {
                let (text, bold) = without_stray_bold_marks(&line);
                let kind = if bold && kind == BlockKind::Paragraph {
                    BlockKind::Strong
                } else {
                    kind
                };
                push(kind, text, None);
            }
        }
    }

    fn event(&mut self, event: Event<'_>, at: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, at.start),
            Event::End(tag) => self.end(tag, at.end),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let leaf = self.leaf(at.start);
                leaf.push_text(&t);
                leaf.end = at.end;
            }
            Event::Html(raw) => {
                let leaf = self.leaf(at.start);
                leaf.raw_html_block = true;
                leaf.html.push_str(&raw);
                leaf.end = at.end;
            }
            Event::InlineHtml(raw) => {
                let leaf = self.leaf(at.start);
                leaf.has_html = true;
                leaf.html.push_str(&raw);
                leaf.end = at.end;
            }
            Event::SoftBreak => {
                let leaf = self.leaf(at.start);
                leaf.push_text("\n");
            }
            Event::HardBreak => {
                let leaf = self.leaf(at.start);
                leaf.pieces.push(String::new());
                leaf.html.push_str("<br>");
            }
            Event::Rule => {
                self.flush();
                self.out.push(Block {
                    kind: BlockKind::Rule,
                    text: String::new(),
                    url: None,
                    line: self.index.line(at.start),
                    last_line: self.index.line(at.start),
                });
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::Paragraph => {
                let kind = self.context_kind();
                self.open(kind, at);
            }
            Tag::Heading { level, .. } => {
                self.open(BlockKind::Heading(heading_level(level)), at);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::Item => {
                self.flush();
                self.item_depth += 1;
            }
            Tag::CodeBlock(_) => {
                let kind = self.context_kind();
                self.open(kind, at).code = true;
            }
            Tag::HtmlBlock => {
                let kind = self.context_kind();
                self.open(kind, at);
            }
            Tag::Strong => self.leaf(at).strong_depth += 1,
            Tag::Link { dest_url, .. } => {
                let leaf = self.leaf(at);
                leaf.link_depth += 1;
                if leaf.link_url.is_none() {
                    leaf.link_url = Some(dest_url.to_string());
                }
            }
            Tag::Emphasis
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Image { .. } => {
                self.leaf(at);
            }
            _ => self.flush(),
        }
    }

    fn end(&mut self, tag: TagEnd, at: usize) {
        if let Some(leaf) = self.leaf.as_mut() {
            leaf.end = leaf.end.max(at);
        }
        match tag {
            TagEnd::Strong => {
                if let Some(leaf) = self.leaf.as_mut() {
                    leaf.strong_depth = leaf.strong_depth.saturating_sub(1);
                }
            }
            TagEnd::Link => {
                if let Some(leaf) = self.leaf.as_mut() {
                    leaf.link_depth = leaf.link_depth.saturating_sub(1);
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Image => {}
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::Item => {
                self.flush();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            _ => self.flush(),
        }
    }
}

/// An HTML paragraph inside a quote or a list item is a quote line or an item.
fn kind_in(outer: BlockKind) -> BlockKind {
    match outer {
        BlockKind::Quote | BlockKind::Item => outer,
        _ => BlockKind::Paragraph,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Bold marks that did not pair (`**标题\*\***体系\*\*`, from a converter that escaped
/// some of them) are left as text by the parser; in a newspaper they are markup all the
/// same, never content. Whether they wrapped the whole paragraph (a subhead) is kept.
fn without_stray_bold_marks(text: &str) -> (String, bool) {
    if !text.contains("**") {
        return (text.to_owned(), false);
    }
    let t = text.trim();
    let bold = t.len() > 4 && t.starts_with("**") && t.ends_with("**");
    (text.replace("**", ""), bold)
}

/// A line break inside a Markdown paragraph is a wrap, not a space, between Chinese
/// characters ("…的\n中国" is "…的中国"); between Latin words it is a space.
pub fn join_soft_breaks(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut parts = piece.split('\n').peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if let Some(next) = parts.peek() {
            let before = out.trim_end().chars().last();
            let after = next.trim_start().chars().next();
            if before.is_some_and(|c| c.is_ascii()) && after.is_some_and(|c| c.is_ascii()) {
                out.push(' ');
            }
        }
    }
    out
}

/// The blocks of a Markdown text whose first `skip_lines` lines (front matter) are not
/// Markdown; line numbers count from the top of the file.
pub fn blocks(text: &str, skip_lines: usize) -> Vec<Block> {
    let offset = if skip_lines == 0 {
        0
    } else {
        text.match_indices('\n')
            .nth(skip_lines - 1)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let body = &text[offset..];
    let mut r = Reader {
        out: Vec::new(),
        leaf: None,
        quote_depth: 0,
        item_depth: 0,
        index: LineIndex::new(body, skip_lines),
    };
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        r.event(event, range);
    }
    r.flush();
    r.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(md: &str) -> Vec<(BlockKind, String)> {
        blocks(md, 0)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn headings_keep_their_level_and_emphasis_is_text() {
        use BlockKind::*;
        assert_eq!(
            kinds_and_texts(
                "# 标题\n\n## ——副题\n\n**央视网消息**（新闻联播）：正文。\n\n**小标题**\n"
            ),
            [
                (Heading(1), "标题".into()),
                (Heading(2), "——副题".into()),
                (Paragraph, "央视网消息（新闻联播）：正文。".into()),
                (Strong, "小标题".into()),
            ]
        );
    }

    #[test]
    fn links_keep_their_text_and_a_source_link_its_url() {
        let b = blocks(
            "见[新华网](http://x.cn)报道。\n\n[查看原文](https://tv.cctv.com/a.shtml)\n",
            0,
        );
        assert_eq!(b[0].text, "见新华网报道。");
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[1].kind, BlockKind::SourceLink);
        assert_eq!(b[1].url.as_deref(), Some("https://tv.cctv.com/a.shtml"));
    }

    #[test]
    fn html_becomes_text_and_breaks_paragraphs() {
        let b = kinds_and_texts(
            "<!--repaste.body.begin-->\n\n<p>第一段&nbsp;正文&amp;说明。<br>第二段。</p>\n\n一段<b>加粗</b>文字。\n",
        );
        let texts: Vec<&str> = b.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["第一段\u{a0}正文&说明。", "第二段。", "一段加粗文字。"]
        );
    }

    #[test]
    fn quote_lines_are_apart_and_soft_breaks_join_chinese() {
        let b = kinds_and_texts(
            "> 系列：深阅读\n> 本报记者  杨文明《人民日报》\n\n第一行\n第二行 and\nmore\n",
        );
        assert_eq!(
            b,
            [
                (BlockKind::Quote, "系列：深阅读".into()),
                (BlockKind::Quote, "本报记者  杨文明《人民日报》".into()),
                (BlockKind::Paragraph, "第一行第二行 and more".into()),
            ]
        );
    }

    #[test]
    fn line_numbers_count_from_the_top_of_the_file() {
        let text = "---\ntitle: x\n---\n# 标题\n\n正文一。\n正文二。\n";
        let b = blocks(text, 3);
        assert_eq!((b[0].line, b[0].last_line), (3, 3));
        assert_eq!((b[1].line, b[1].last_line), (5, 6));
    }

    #[test]
    fn bold_marks_that_do_not_pair_are_markup_still() {
        assert_eq!(
            kinds_and_texts(
                "**我国已建成全球规模最大的航海保障\\*\\***体系\\*\\*\n\n正文**一段。\n"
            ),
            [
                (
                    BlockKind::Strong,
                    "我国已建成全球规模最大的航海保障体系".into()
                ),
                (BlockKind::Paragraph, "正文一段。".into()),
            ]
        );
    }

    #[test]
    fn rules_and_list_items() {
        use BlockKind::*;
        let b = kinds_and_texts("- 一条\n- 二条\n\n---\n\n更新时间：2023\n");
        assert_eq!(
            b,
            [
                (Item, "一条".into()),
                (Item, "二条".into()),
                (Rule, String::new()),
                (Paragraph, "更新时间：2023".into()),
            ]
        );
    }
}
