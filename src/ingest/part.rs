//! One file → a [`FilePart`]: what the file is (its path's layout, its front matter,
//! its head), its date and paper, and its pages and articles.
//!
//! - A file that is one article is one article: its text is segmented for bylines,
//!   captions and subheads, and what would start another article is a section.
//! - A page or a whole issue is split into articles by the segmenter; page heads in the
//!   text (`第01版：要闻`) start pages; furniture (`本版责编：…`) is the page's notes.
//! - Markdown is read as Markdown, HTML as HTML ([`super::markdown`], [`super::html`]).

use std::path::Path;

use super::article::{self, Fallback, PrintLine, fold, lines_of};
use super::heads::{self, ArticleHead, is_furniture, page_head};
use super::lines::{Line, classify_all};
use super::markdown::{self, Block, BlockKind};
use super::metadata::{self, FrontMatter};
use super::outline::{self, Unit};
use super::segment::{segment, segment_paragraphs};
use super::{Article, FilePart, Page, ParseOptions, PartKind, html, papers, paths, script};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
}

fn format_of(path: &Path) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        _ => Format::Text,
    }
}

/// A page as the file's text gives it, with its articles.
#[derive(Debug, Default)]
struct Draft {
    page: Option<u32>,
    name: Option<String>,
    notes: Vec<String>,
    articles: Vec<Article>,
}

impl Draft {
    fn is_empty(&self) -> bool {
        self.page.is_none()
            && self.name.is_none()
            && self.notes.is_empty()
            && self.articles.is_empty()
    }
}

#[derive(Debug, Default)]
struct Read {
    pages: Vec<Draft>,
    title: Option<String>,
    print: Option<PrintLine>,
}

/// The text after the first `skip` lines.
fn after_lines(text: &str, skip: usize) -> &str {
    if skip == 0 {
        return text;
    }
    text.match_indices('\n')
        .nth(skip - 1)
        .map_or("", |(i, _)| &text[i + 1..])
}

pub(super) fn read(path: &Path, text: String, opts: &ParseOptions) -> FilePart {
    let source = path.to_string_lossy().into_owned();
    let format = format_of(path);
    let front = metadata::front_matter(&text).unwrap_or_default();
    let facts = paths::read(path);
    let skip = front.line_count;
    let tab = match format {
        Format::Text => heads::tab_head(after_lines(&text, skip)),
        Format::Markdown | Format::Html => None,
    };
    let kind = if facts.kind == Some(PartKind::Article)
        || front.is_article()
        || tab.is_some()
        || format == Format::Html
    {
        PartKind::Article
    } else if facts.kind == Some(PartKind::Page)
        || front.page.is_some()
        || front.title_page().is_some()
    {
        PartKind::Page
    } else {
        PartKind::Issue
    };
    let fallback = Fallback {
        title: front
            .title
            .clone()
            .filter(|_| front.title_page().is_none())
            .or(facts.title.clone()),
        byline: front.author.clone(),
        url: front.source_url.clone(),
    };
    let read = match (format, kind) {
        (Format::Text, PartKind::Article) => {
            let head = tab.or_else(|| {
                // Three head lines are only told from a title over a subtitle by a
                // path that says the file is one article.
                (facts.kind == Some(PartKind::Article))
                    .then(|| heads::three_line_head(after_lines(&text, skip)))
                    .flatten()
            });
            text_article(&text, skip, head.unwrap_or_default(), fallback)
        }
        (Format::Text, _) => text_pages(&text, skip),
        (Format::Markdown, PartKind::Article) => {
            markup_article(&markdown::blocks(&text, skip), fallback)
        }
        (Format::Markdown, _) => markdown_pages(&markdown::blocks(&text, skip)),
        (Format::Html, _) => markup_article(&html_blocks(&text), fallback),
    };
    finish(FileInfo {
        source,
        path,
        kind,
        front,
        facts,
        opts,
        text,
        read,
    })
}

struct FileInfo<'a> {
    source: String,
    path: &'a Path,
    kind: PartKind,
    front: FrontMatter,
    facts: paths::PathFacts,
    opts: &'a ParseOptions,
    text: String,
    read: Read,
}

fn finish(f: FileInfo<'_>) -> FilePart {
    let FileInfo {
        source,
        path,
        kind,
        front,
        facts,
        opts,
        text,
        read,
    } = f;
    let mut warnings = front.warnings.clone();
    let print = read.print;
    let read_date = metadata::date_from_path(&source)
        .or(front.date)
        .or(print.as_ref().and_then(|p| p.date));
    let (date, date_inferred) = match read_date {
        Some(d) => (Some(d), false),
        None => match metadata::date_from_text(&text) {
            Some(d) => (Some(d), true),
            None => {
                warnings.push(
                    "no date in the path, front matter or text (name the file like 2023-11-20.txt)"
                        .to_owned(),
                );
                (None, false)
            }
        },
    };
    let paper = front
        .paper
        .clone()
        .or_else(|| papers::paper_from_path(path))
        .or_else(|| print.as_ref().map(|p| p.paper.clone()))
        .or_else(|| read.title.as_deref().and_then(papers::paper_in_title_marks))
        .or_else(|| papers::paper_from_dateline(&text))
        .or_else(|| opts.paper.clone());
    let title = match kind {
        PartKind::Article => None,
        PartKind::Issue | PartKind::Page => front.title.clone().or(read.title),
    };
    let mut drafts = read.pages;
    if kind != PartKind::Issue {
        // A page or an article file is one page, whichever page heads its text has.
        let mut one = Draft::default();
        for d in drafts {
            one.page = one.page.or(d.page);
            one.name = one.name.or(d.name);
            one.notes.extend(d.notes);
            one.articles.extend(d.articles);
        }
        let (front_page, front_name) = front
            .title_page()
            .map_or((None, None), |(n, name)| (Some(n), name));
        one.page = facts
            .page
            .or(front.page)
            .or(front_page)
            .or(print.as_ref().and_then(|p| p.page))
            .or(one.page);
        one.name = facts
            .page_name
            .clone()
            .or(front.page_name.clone())
            .or(front_name)
            .or(one.name);
        drafts = vec![one];
    } else {
        drafts.retain(|d| !d.is_empty());
        if drafts.is_empty() {
            drafts.push(Draft::default());
        }
    }
    let mut pages = Vec::with_capacity(drafts.len());
    let mut articles = Vec::new();
    for d in drafts {
        for mut a in d.articles {
            a.source = source.clone();
            a.page = d.page;
            a.page_name = d.name.clone();
            articles.push(a);
        }
        pages.push(Page {
            page: d.page,
            name: d.name,
            notes: d.notes,
        });
    }
    if articles.is_empty() && pages.iter().all(|p| p.notes.is_empty()) {
        warnings.push("no articles found (is this a newspaper issue?)".to_owned());
    }
    FilePart {
        folder: paths::issue_folder(path),
        source,
        kind,
        script: script::detect(&text),
        text,
        paper,
        date,
        date_inferred,
        title,
        pages,
        articles,
        warnings,
        place: facts.place,
    }
}

/// One article of a plain text file: the head the layout gave, then the text.
fn text_article(text: &str, skip: usize, mut head: ArticleHead, fallback: Fallback) -> Read {
    let mut draft = Draft::default();
    if head.parts().any(is_furniture) {
        // A file holding only the page's credits ("\t本版责编：…\t"): no article.
        draft.notes.extend(head.parts().map(str::to_owned));
        head = ArticleHead {
            line_count: head.line_count,
            ..ArticleHead::default()
        };
    }
    let head_lines = head.line_count;
    let lines = classify_all(text, skip + head_lines);
    let body = page_lines(lines, &mut draft);
    let headed = head.title.is_some();
    if let Some(mut a) = fold(head, segment(&body)) {
        if a.title.is_none() {
            a.title = fallback.title;
        }
        if a.byline.is_none() {
            a.byline = fallback.byline;
        }
        a.url = fallback.url;
        if headed {
            let first = skip + 1;
            a.raw_lines = Some(match a.raw_lines {
                Some([_, last]) => [first, last.max(skip + head_lines)],
                None => [first, skip + head_lines],
            });
        }
        draft.articles.push(a);
    }
    Read {
        pages: vec![draft],
        ..Read::default()
    }
}

/// Takes the page's own lines out of a run of lines: a page head names the page (the
/// first one, when the page has no name yet), furniture becomes its notes.
fn page_lines(lines: Vec<Line>, draft: &mut Draft) -> Vec<Line> {
    let mut body = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some((n, name)) = page_head(&line.text) {
            draft.page = draft.page.or(Some(n));
            draft.name = draft.name.take().or(name);
        } else if is_furniture(&line.text) {
            draft.notes.push(line.text);
        } else {
            body.push(line);
        }
    }
    body
}

/// A page or a whole issue of plain text: pages at each page head, articles by the
/// segmenter.
fn text_pages(text: &str, skip: usize) -> Read {
    let mut pages = Vec::new();
    let mut draft = Draft::default();
    let mut lines: Vec<Line> = Vec::new();
    let finish = |mut draft: Draft, lines: &[Line]| {
        draft.articles = segment(lines);
        draft
    };
    for line in classify_all(text, skip) {
        if let Some((n, name)) = page_head(&line.text) {
            pages.push(finish(std::mem::take(&mut draft), &lines));
            lines.clear();
            draft.page = Some(n);
            draft.name = name;
        } else if is_furniture(&line.text) {
            draft.notes.push(line.text);
        } else {
            lines.push(line);
        }
    }
    pages.push(finish(draft, &lines));
    Read {
        pages,
        ..Read::default()
    }
}

/// A Markdown or HTML file that is one article.
fn markup_article(blocks: &[Block], fallback: Fallback) -> Read {
    let story = article::story(blocks, fallback);
    Read {
        pages: vec![Draft {
            notes: story.notes,
            articles: story.article.into_iter().collect(),
            ..Draft::default()
        }],
        print: story.print,
        ..Read::default()
    }
}

/// A Markdown page or issue: one article per story heading ([`outline`]), the
/// segmenter for text under none.
fn markdown_pages(blocks: &[Block]) -> Read {
    let outline = outline::read(blocks);
    let mut read = Read {
        title: outline.title,
        ..Read::default()
    };
    for page in outline.pages {
        let mut draft = Draft {
            page: page.page,
            name: page.name,
            notes: page.notes,
            articles: Vec::new(),
        };
        for unit in page.units {
            match unit {
                Unit::Story(blocks) => {
                    let story = article::story(&blocks, Fallback::default());
                    draft.notes.extend(story.notes);
                    draft.articles.extend(story.article);
                    read.print = read.print.or(story.print);
                }
                Unit::Loose(blocks) => {
                    let mut text = Vec::with_capacity(blocks.len());
                    for b in blocks {
                        if b.kind == BlockKind::SourceLink || is_furniture(&b.text) {
                            draft.notes.push(article::note_text(&b));
                        } else {
                            text.push(b);
                        }
                    }
                    draft
                        .articles
                        .extend(segment_paragraphs(&lines_of(&text, false)));
                }
            }
        }
        read.pages.push(draft);
    }
    read
}

/// An HTML file's blocks; it has no line numbers to give, so each spans the file.
fn html_blocks(text: &str) -> Vec<Block> {
    let last_line = text.matches('\n').count();
    html::document_blocks(text)
        .into_iter()
        .map(|(kind, text)| Block {
            kind,
            text,
            url: None,
            line: 0,
            last_line,
        })
        .collect()
}
