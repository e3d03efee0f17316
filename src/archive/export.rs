//! Taking the evidence away: articles (a query's hits, or bookmarks) written with their
//! citation — paper, date, page, title, source — as Markdown (notes), CSV (a spreadsheet)
//! or JSON lines (a program). Written as they are read, an issue at a time, so an export
//! of every hit of a common word never holds the archive in memory.

use std::io::{self, Write};

use serde::Serialize;

use super::library::Library;
use super::search::{SearchOptions, Sort};
use super::{ArchiveError, ArticleRef, IssueId, IssueMeta, Query};
use crate::ingest::{Article, TextRole};

/// Hits read at a time.
const PAGE_HITS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Csv,
    Jsonl,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Library(#[from] ArchiveError),
    #[error("cannot write the export ({error}); check the place it goes to")]
    Write {
        #[source]
        error: io::Error,
    },
}

impl From<io::Error> for ExportError {
    fn from(error: io::Error) -> Self {
        ExportError::Write { error }
    }
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> Self {
        ExportError::Write {
            error: io::Error::other(error),
        }
    }
}

/// One article with what its citation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited<'a> {
    pub meta: &'a IssueMeta,
    pub number: u32,
    pub article: &'a Article,
}

impl Cited<'_> {
    /// "人民日报 · 2023-01-01 · 第4版 · /srv/rmrb/20230101-04-02.txt": paper, date, page
    /// and the file the article came from, each left out when unknown.
    pub fn citation(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.meta.paper {
            parts.push(p.clone());
        }
        parts.push(
            self.meta
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
        );
        if let Some(page) = self.article.page {
            parts.push(match &self.article.page_name {
                Some(name) => format!("第{page}版 {name}"),
                None => format!("第{page}版"),
            });
        }
        parts.push(self.source().to_owned());
        parts.join(" · ")
    }

    /// The article's own file (an older archive's articles name none: the issue's).
    pub fn source(&self) -> &str {
        if self.article.source.is_empty() {
            &self.meta.source
        } else {
            &self.article.source
        }
    }

    fn title(&self) -> String {
        self.article.display_title().text
    }

    /// The article's text after its head: headings, paragraphs and captions, a blank line
    /// between each.
    fn body(&self) -> String {
        self.article
            .texts()
            .into_iter()
            .filter(|(role, _)| {
                !matches!(
                    role,
                    TextRole::Kicker | TextRole::Title | TextRole::Subtitle | TextRole::Byline
                )
            })
            .map(|(_, t)| t.trim().to_owned())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// The CSV header, a column per field of [`Row`].
pub const CSV_COLUMNS: [&str; 11] = [
    "paper", "date", "page", "title", "kicker", "subtitle", "byline", "source", "issue", "article",
    "text",
];

#[derive(Serialize)]
struct Row<'a> {
    paper: Option<&'a str>,
    date: Option<String>,
    page: Option<u32>,
    title: String,
    kicker: Option<&'a str>,
    subtitle: Option<&'a str>,
    byline: Option<&'a str>,
    source: &'a str,
    issue: &'a str,
    article: u32,
    text: String,
}

fn row<'a>(c: &'a Cited<'a>) -> Row<'a> {
    Row {
        paper: c.meta.paper.as_deref(),
        date: c.meta.date.map(|d| d.to_string()),
        page: c.article.page,
        title: c.title(),
        kicker: c.article.kicker.as_deref(),
        subtitle: c.article.subtitle.as_deref(),
        byline: c.article.byline.as_deref(),
        source: c.source(),
        issue: &c.meta.id.0,
        article: c.number,
        text: c.body(),
    }
}

/// Markdown's own characters in printed text, escaped so the text reads as printed.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with(['#', '>', '-', '+', '=']) {
            out.push('\\');
        }
        for c in line.chars() {
            if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Writes articles one by one in a format; `finish` closes what the format needs closed.
pub struct Writer<W: Write> {
    format: Format,
    csv: Option<csv::Writer<W>>,
    out: Option<W>,
    pub written: usize,
}

impl<W: Write> Writer<W> {
    /// `heading` opens a Markdown export (what was exported, and when).
    pub fn new(out: W, format: Format, heading: &str) -> Result<Writer<W>, ExportError> {
        let mut w = Writer {
            format,
            csv: None,
            out: None,
            written: 0,
        };
        match format {
            Format::Csv => {
                // The header is written here, once, even for an export of nothing.
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                csv.write_record(CSV_COLUMNS)?;
                w.csv = Some(csv);
            }
            Format::Markdown => {
                let mut out = out;
                writeln!(out, "# {}\n", markdown_text(heading))?;
                w.out = Some(out);
            }
            Format::Jsonl => w.out = Some(out),
        }
        Ok(w)
    }

    pub fn write(&mut self, c: &Cited<'_>) -> Result<(), ExportError> {
        self.written += 1;
        match (self.format, self.csv.as_mut(), self.out.as_mut()) {
            (Format::Csv, Some(csv), _) => csv.serialize(row(c))?,
            (Format::Markdown, _, Some(out)) => {
                writeln!(out, "## {}\n", markdown_text(&c.title()))?;
                for part in [&c.article.kicker, &c.article.subtitle]
                    .into_iter()
                    .flatten()
                {
                    writeln!(out, "{}\n", markdown_text(part))?;
                }
                writeln!(out, "*{}*\n", markdown_text(&c.citation()))?;
                for section in &c.article.sections {
                    if let Some(h) = &section.heading {
                        writeln!(out, "**{}**\n", markdown_text(h))?;
                    }
                    for p in &section.paragraphs {
                        writeln!(out, "{}\n", markdown_text(p.trim()))?;
                    }
                }
                for caption in &c.article.captions {
                    writeln!(out, "> {}\n", markdown_text(caption))?;
                }
                if let Some(b) = &c.article.byline {
                    writeln!(out, "{}\n", markdown_text(b))?;
                }
            }
            (Format::Jsonl, _, Some(out)) => {
                let value = serde_json::json!({
                    "citation": c.citation(),
                    "paper": c.meta.paper,
                    "date": c.meta.date,
                    "page": c.article.page,
                    "page_name": c.article.page_name,
                    "source": c.source(),
                    "issue": c.meta.id,
                    "article": c.number,
                    "title": c.title(),
                    "text": c.body(),
                    "content": c.article,
                });
                serde_json::to_writer(&mut *out, &value).map_err(io::Error::from)?;
                writeln!(out)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub fn finish(self) -> Result<usize, ExportError> {
        if let Some(mut csv) = self.csv {
            csv.flush()?;
        }
        if let Some(mut out) = self.out {
            out.flush()?;
        }
        Ok(self.written)
    }
}

/// Every article matching `query` (oldest first), written to `w`.
pub fn query_hits<W: Write>(
    library: &dyn Library,
    query: &Query,
    issue: Option<&IssueId>,
    w: &mut Writer<W>,
) -> Result<(), ExportError> {
    let metas = library.issues()?;
    let mut offset = 0;
    let mut current: Option<(IssueId, Vec<Article>)> = None;
    loop {
        let page = library.search(
            query,
            &SearchOptions {
                limit: PAGE_HITS,
                offset,
                issue: issue.cloned(),
                sort: Sort::Oldest,
            },
        )?;
        for hit in &page.hits {
            if current.as_ref().is_none_or(|(id, _)| *id != hit.issue) {
                current = Some((hit.issue.clone(), library.articles(&hit.issue)?));
            }
            let (Some(meta), Some((_, articles))) =
                (metas.iter().find(|m| m.id == hit.issue), current.as_ref())
            else {
                continue;
            };
            if let Some(article) = articles.get(hit.article as usize) {
                w.write(&Cited {
                    meta,
                    number: hit.article,
                    article,
                })?;
            }
        }
        offset += page.hits.len();
        if page.hits.is_empty() || offset >= page.total {
            return Ok(());
        }
    }
}

/// The articles `refs` names (bookmarks), in that order; one no longer in the archive is
/// skipped and counted in the result.
pub fn articles<W: Write>(
    library: &dyn Library,
    refs: &[ArticleRef],
    w: &mut Writer<W>,
) -> Result<usize, ExportError> {
    let metas = library.issues()?;
    let mut missing = 0;
    for r in refs {
        let Some(meta) = metas.iter().find(|m| m.id == r.issue) else {
            missing += 1;
            continue;
        };
        let articles = library.articles(&r.issue)?;
        match articles.get(r.article as usize) {
            Some(article) => w.write(&Cited {
                meta,
                number: r.article,
                article,
            })?,
            None => missing += 1,
        }
    }
    Ok(missing)
}

/// What the reader exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every hit of a query (`text` as typed, for the file's name and heading).
    Query {
        query: Query,
        text: String,
        issue: Option<IssueId>,
    },
    Bookmarks(Vec<ArticleRef>),
}

impl Selection {
    /// What the export is of, for its heading and its file's name.
    pub fn label(&self) -> &str {
        match self {
            Selection::Query { text, .. } => text,
            Selection::Bookmarks(_) => "bookmarks",
        }
    }
}

/// A file name for an export of `label` made at `unix_secs`: the label with what a file
/// name cannot hold replaced, cut to 40 characters, then the time (UTC).
pub fn file_name(label: &str, unix_secs: u64, format: Format) -> String {
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let slug = slug.trim_matches('_');
    let slug = if slug.is_empty() { "export" } else { slug };
    format!(
        "{slug}-{}.{}",
        super::rebuild::utc_stamp(unix_secs),
        format.extension()
    )
}

/// Writes `selection` to `out` in `format`; returns (articles written, bookmarks missing).
pub fn write_selection<W: Write>(
    library: &dyn Library,
    selection: &Selection,
    format: Format,
    out: W,
) -> Result<(usize, usize), ExportError> {
    let mut w = Writer::new(out, format, &format!("dubao: {}", selection.label()))?;
    let missing = match selection {
        Selection::Query { query, issue, .. } => {
            query_hits(library, query, issue.as_ref(), &mut w)?;
            0
        }
        Selection::Bookmarks(refs) => articles(library, refs, &mut w)?,
    };
    Ok((w.finish()?, missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_hold_the_label_and_the_time() {
        assert_eq!(
            file_name("改革 开放/date:2003", 0, Format::Markdown),
            "改革_开放_date_2003-19700101000000.md"
        );
        assert_eq!(file_name("//", 0, Format::Csv), "export-19700101000000.csv");
        assert_eq!(
            file_name(&"长".repeat(60), 0, Format::Jsonl)
                .chars()
                .count(),
            40 + 21
        );
    }

    #[test]
    fn markdown_characters_in_the_text_are_escaped() {
        assert_eq!(markdown_text("# 标题"), "\\# 标题");
        assert_eq!(markdown_text("a*b_c [x](y)"), "a\\*b\\_c \\[x\\](y)");
        assert_eq!(markdown_text("一\n- 二"), "一\n\\- 二");
    }
}
