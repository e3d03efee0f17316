//! HTML → text blocks, with html5ever (through scraper): `h1`–`h6` are headings, `p`,
//! `div`, `li` and the other block elements and `<br>` end a paragraph, a paragraph all
//! in `<strong>`/`<b>` is a subhead, entities are decoded, comments, scripts and the
//! document head are not text. No tag reaches a field.
//!
//! A DOM walk rather than an HTML-to-text renderer (html2text): the structure (which
//! text is a heading, where a paragraph ends) is what ingest needs, and a renderer's
//! output would have to be parsed again for it.

use scraper::{ElementRef, Html, Node};

use super::markdown::BlockKind;

/// Elements whose content is not printed text.
const SKIPPED: [&str; 9] = [
    "head", "script", "style", "template", "noscript", "iframe", "svg", "object", "select",
];

/// Elements that stand apart from the text around them: they end the paragraph before
/// and after.
const BLOCK_ELEMENTS: [&str; 31] = [
    "html",
    "body",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "address",
    "center",
];

#[derive(Default)]
struct Walker {
    /// Only text inside `p` (and headings) is printed: an e-paper page around its
    /// article has menus, links and a footer.
    paragraphs_only: bool,
    paragraph_depth: usize,
    out: Vec<(BlockKind, String)>,
    buf: String,
    /// White space seen since the last character; whether it held a line break.
    pending_space: Option<bool>,
    strong_depth: usize,
    text_in_strong: bool,
    text_outside_strong: bool,
}

impl Walker {
    fn text(&mut self, text: &str) {
        if self.paragraphs_only && self.paragraph_depth == 0 {
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                let newline = matches!(c, '\n' | '\r');
                self.pending_space = Some(self.pending_space.unwrap_or(false) || newline);
                continue;
            }
            if let Some(newline) = self.pending_space.take() {
                let before = self.buf.chars().last();
                // HTML renders a line break as a space; between Chinese characters it
                // is only where the source was wrapped.
                let wrap_in_chinese =
                    newline && before.is_some_and(|b| !b.is_ascii()) && !c.is_ascii();
                if before.is_some() && !wrap_in_chinese {
                    self.buf.push(' ');
                }
            }
            self.buf.push(c);
            if self.strong_depth > 0 {
                self.text_in_strong = true;
            } else {
                self.text_outside_strong = true;
            }
        }
    }

    fn flush(&mut self) {
        let text = self.buf.trim();
        if !text.is_empty() {
            let kind = if self.text_in_strong && !self.text_outside_strong {
                BlockKind::Strong
            } else {
                BlockKind::Paragraph
            };
            self.out.push((kind, text.to_owned()));
        }
        self.buf.clear();
        self.pending_space = None;
        self.text_in_strong = false;
        self.text_outside_strong = false;
    }

    fn walk(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if SKIPPED.contains(&name) {
            return;
        }
        if name == "br" {
            self.flush();
            return;
        }
        if let Some(level) = heading_level(name) {
            self.flush();
            let mut inner = Walker::default();
            inner.children(el);
            inner.flush();
            let text: Vec<String> = inner.out.into_iter().map(|(_, t)| t).collect();
            let text = text.join(" ");
            if !text.is_empty() {
                self.out.push((BlockKind::Heading(level), text));
            }
            return;
        }
        let block = BLOCK_ELEMENTS.contains(&name);
        if block {
            self.flush();
        }
        let strong = matches!(name, "strong" | "b");
        let paragraph = name == "p";
        self.strong_depth += usize::from(strong);
        self.paragraph_depth += usize::from(paragraph);
        self.children(el);
        self.strong_depth -= usize::from(strong);
        self.paragraph_depth -= usize::from(paragraph);
        if block {
            self.flush();
        }
    }

    fn children(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.walk(e);
                    }
                }
                _ => {}
            }
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The text blocks of an HTML fragment (a Markdown file's HTML body), in order: all
/// of its text.
pub fn blocks(html: &str) -> Vec<(BlockKind, String)> {
    walk_document(&Html::parse_document(html), false)
}

/// The text blocks of an HTML file (an e-paper article page): its headings and
/// paragraphs when it has any, else all of its text.
pub fn document_blocks(html: &str) -> Vec<(BlockKind, String)> {
    let doc = Html::parse_document(html);
    let structured = doc.tree.nodes().any(
        |n| matches!(n.value(), Node::Element(e) if matches!(e.name(), "p" | "h1" | "h2" | "h3")),
    );
    walk_document(&doc, structured)
}

fn walk_document(doc: &Html, paragraphs_only: bool) -> Vec<(BlockKind, String)> {
    let mut w = Walker {
        paragraphs_only,
        ..Walker::default()
    };
    w.walk(doc.root_element());
    w.flush();
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(BlockKind, String)> {
        blocks(html)
    }

    #[test]
    fn paragraphs_and_line_breaks_end_blocks() {
        use BlockKind::*;
        assert_eq!(
            texts("<p>第一段，正文。<br>第二段&nbsp;正文&lt;续&gt;。</p><p>第三段</p>"),
            [
                (Paragraph, "第一段，正文。".into()),
                (Paragraph, "第二段\u{a0}正文<续>。".into()),
                (Paragraph, "第三段".into()),
            ]
        );
    }

    #[test]
    fn headings_subheads_and_what_is_not_text() {
        use BlockKind::*;
        let doc = "<!DOCTYPE html><html><head><title>人民网</title><style>p{}</style></head>\
                   <body><h3>引题</h3><h1>标题</h1><h2>副题</h2><!-- 注释 -->\
                   <p><strong>小标题</strong></p><p><b>央视网消息</b>：正文。</p>\
                   <script>var x = '<p>';</script></body></html>";
        assert_eq!(
            texts(doc),
            [
                (Heading(3), "引题".into()),
                (Heading(1), "标题".into()),
                (Heading(2), "副题".into()),
                (Strong, "小标题".into()),
                (Paragraph, "央视网消息：正文。".into()),
            ]
        );
    }

    #[test]
    fn an_article_page_is_its_headings_and_paragraphs() {
        let page = "<html><body><div class=\"nav\"><a href=\"/\">首页</a> <a>要闻</a></div>\
                    <div class=\"article\"><h1>标题</h1><div id=\"ozoom\"><p>正文。</p></div></div>\
                    <div class=\"footer\">版权所有</div></body></html>";
        assert_eq!(
            document_blocks(page),
            [
                (BlockKind::Heading(1), "标题".into()),
                (BlockKind::Paragraph, "正文。".into())
            ]
        );
        assert_eq!(
            document_blocks("<div>只有文字</div>"),
            [(BlockKind::Paragraph, "只有文字".into())]
        );
    }

    #[test]
    fn a_wrap_between_chinese_characters_is_no_space() {
        assert_eq!(
            texts("<p>新时代的\n中国 and\nthe world</p>"),
            [(BlockKind::Paragraph, "新时代的中国 and the world".into())]
        );
    }
}
