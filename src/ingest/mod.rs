//! Raw files → [`Issue`]s made of pages and [`Article`]s.
//!
//! A file is a whole issue, a page or one article ([`PartKind`]); what it is comes from
//! its path and its head ([`paths`], [`heads`], front matter). Each file is read on its
//! own into a [`FilePart`] ([`parse_file`], [`parse_bytes`], [`parse_text`]); the files
//! of one paper and date are one issue ([`assemble`], and [`issues`] over a walk of
//! folders, [`collect_inputs`]).
//!
//! Pure apart from [`parse_file`], [`collect_inputs`] and [`issues`], which read the
//! disk: decoding ([`decode`]), metadata ([`metadata`], [`papers`]), line
//! classification ([`lines`]), Markdown and HTML ([`markdown`], [`html`]) and
//! segmentation with paragraph repair ([`segment`]) are functions of their input.

mod article;
mod conventions;
pub mod date;
pub mod decode;
mod draft;
mod group;
mod head_zone;
pub mod heads;
pub mod html;
mod layout;
pub mod lines;
pub mod markdown;
pub mod metadata;
mod outline;
pub mod papers;
mod part;
pub mod paths;
mod roles;
pub mod script;
pub mod segment;
mod starts;
mod walk;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use date::Date;
pub use group::{IssueKey, Issues, assemble, issues};
pub use script::Script;
pub use walk::collect_inputs;

/// One issue of a paper: every file of one paper and date, as `dubao parse --json`
/// prints it (see docs/architecture.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// The first of [`Issue::sources`].
    pub source: String,
    /// The issue's files, in the order read (paths as given on the command line).
    #[serde(default)]
    pub sources: Vec<String>,
    pub paper: Option<String>,
    pub date: Option<Date>,
    /// The date was guessed from the text, not read from the path or front matter.
    pub date_inferred: bool,
    pub script: Script,
    /// An edition or page name from front matter, or a Markdown file's title, when
    /// there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub warnings: Vec<String>,
    /// Ordered by number; a page whose number no file gives comes last.
    #[serde(default)]
    pub pages: Vec<Page>,
    /// Ordered by page, then file, then place in the file.
    pub articles: Vec<Article>,
    /// Each file's decoded text as printed (line ends normalised), so nothing a rule
    /// got wrong is lost: the reader can always show the original.
    #[serde(skip)]
    pub files: Vec<SourceFile>,
    /// Which issue this is (of its first file): what an archive names it by.
    #[serde(skip)]
    pub key: IssueKey,
}

/// A page of an issue. `page` is `None` for text that no file numbers (a whole issue
/// without page heads, a broadcast transcript): every article belongs to one page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub page: Option<u32>,
    /// As printed: 要闻, 评论.
    pub name: Option<String>,
    /// What the page prints that is no article: editors' credits (`本版责编：…`), a
    /// broadcast's summary, an update time.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub source: String,
    pub text: String,
}

/// What `parse` is told about files that do not say it themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The paper of files whose front matter, folders and text name none.
    pub paper: Option<String>,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    Issue,
    Page,
    Article,
}

/// One file, read: what it says about its issue, and its pages and articles.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePart {
    pub source: String,
    pub kind: PartKind,
    /// The decoded text as printed.
    pub text: String,
    pub paper: Option<String>,
    pub date: Option<Date>,
    pub date_inferred: bool,
    /// The issue's or page's title (front matter, a Markdown file's container heading);
    /// an article file's title is its article's.
    pub title: Option<String>,
    pub script: Script,
    /// The page the file is (a page or an article file), or the pages its text heads
    /// (a whole issue); every article's `page` is one of these.
    pub pages: Vec<Page>,
    /// Each with its `source`, `page` and `page_name` set.
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// NN of `YYYYMMDD-PP-NN`: the article's place on its page.
    pub place: Option<u32>,
    /// The folder the file's issue is kept in (above any page folder), which groups
    /// files that name no paper.
    pub folder: String,
}

impl FilePart {
    /// The page a page or article file is.
    pub fn page(&self) -> Option<&Page> {
        match self.kind {
            PartKind::Issue => None,
            PartKind::Page | PartKind::Article => self.pages.first(),
        }
    }

    pub fn notes(&self) -> impl Iterator<Item = &str> {
        self.pages
            .iter()
            .flat_map(|p| p.notes.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub kicker: Option<String>,
    /// The headline as printed; `None` for a brief or a photo without one.
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub sections: Vec<Section>,
    pub captions: Vec<String>,
    /// First and last line (1-based) of the article's own file that it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_lines: Option<[usize; 2]>,
    /// The file the article is in.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub page_name: Option<String>,
    /// Where the original is online (`[查看原文](url)`, `source_url:`).
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Most characters a derived title keeps before it is cut with "…".
const DERIVED_TITLE_CHARS: usize = 24;

impl Article {
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(String::as_str))
    }

    /// The title to show: the printed one, or one made from the first clause of the
    /// text (`derived` is then true, so the reader can mark it as not printed).
    pub fn display_title(&self) -> DisplayTitle {
        if let Some(t) = &self.title {
            return DisplayTitle {
                text: t.clone(),
                derived: false,
            };
        }
        let source = self
            .paragraphs()
            .next()
            .or(self.captions.first().map(String::as_str))
            .or(self.kicker.as_deref())
            .unwrap_or("");
        DisplayTitle {
            text: first_clause(source),
            derived: true,
        }
    }

    /// The article with each of its texts (in [`Article::texts`] order) replaced by what
    /// `f` makes of it; structure, bylines and places stay.
    pub fn map_texts(&self, mut f: impl FnMut(&str) -> String) -> Article {
        let mut a = self.clone();
        let opt = |t: &mut Option<String>, f: &mut dyn FnMut(&str) -> String| {
            if let Some(s) = t.as_mut() {
                *s = f(s);
            }
        };
        opt(&mut a.kicker, &mut f);
        opt(&mut a.title, &mut f);
        opt(&mut a.subtitle, &mut f);
        opt(&mut a.byline, &mut f);
        for s in &mut a.sections {
            opt(&mut s.heading, &mut f);
            for p in &mut s.paragraphs {
                *p = f(p);
            }
        }
        for c in &mut a.captions {
            *c = f(c);
        }
        a
    }

    /// Every piece of text of the article in reading order, each with its role: what a
    /// search must look through and what the reader shows.
    pub fn texts(&self) -> Vec<(TextRole, &str)> {
        let mut out: Vec<(TextRole, &str)> = [
            (TextRole::Kicker, &self.kicker),
            (TextRole::Title, &self.title),
            (TextRole::Subtitle, &self.subtitle),
            (TextRole::Byline, &self.byline),
        ]
        .into_iter()
        .filter_map(|(role, text)| Some((role, text.as_deref()?)))
        .collect();
        for s in &self.sections {
            if let Some(h) = &s.heading {
                out.push((TextRole::Heading, h.as_str()));
            }
            for p in &s.paragraphs {
                out.push((TextRole::Paragraph, p.as_str()));
            }
        }
        for c in &self.captions {
            out.push((TextRole::Caption, c.as_str()));
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextRole {
    Kicker,
    Title,
    Subtitle,
    Byline,
    Heading,
    Paragraph,
    Caption,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayTitle {
    pub text: String,
    pub derived: bool,
}

/// "本报讯 省政府近日发布《通知》，要求…" → "省政府近日发布《通知》". The dateline and a
/// leading date say nothing about the story, so they are skipped.
fn first_clause(text: &str) -> String {
    let mut t = text.trim();
    for opening in ["本报讯", "本報訊"] {
        if let Some(rest) = t.strip_prefix(opening) {
            t = rest.trim_start();
            if let Some(rest) = t.strip_prefix(['（', '(']) {
                if let Some(close) = rest.find(['）', ')']) {
                    t = rest[close..].trim_start_matches(['）', ')']).trim_start();
                }
            }
        }
    }
    // "11月16日，" / "12月18日, " lead a brief; the clause after it names the event.
    if let Some(pos) = t.find(['，', ',']) {
        let head = &t[..pos];
        let is_date = head.ends_with('日') && head.chars().count() <= 10;
        if is_date && t[pos..].chars().count() > 4 {
            t = t[pos..].trim_start_matches(['，', ',']).trim_start();
        }
    }
    let clause: String = t
        .chars()
        .take_while(|c| !"，,。；;！!？?：:".contains(*c))
        .collect();
    let clause = if clause.trim().is_empty() {
        t
    } else {
        clause.trim()
    };
    let mut out: String = clause.chars().take(DERIVED_TITLE_CHARS).collect();
    if clause.chars().count() > DERIVED_TITLE_CHARS {
        out.push('…');
    }
    out
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read ({error})")]
    Read {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error("{path}: no such file or folder (check the path)")]
    NotFound { path: PathBuf },
    #[error("{path}: empty file, nothing to read (remove it or add the issue's text)")]
    Empty { path: PathBuf },
    #[error(
        "{path}: binary data at byte {offset}, not a text issue (only plain text files can be read)"
    )]
    Binary { path: PathBuf, offset: usize },
    #[error(
        "{path}: not text: {bad} characters could not be decoded even as {encoding}, the first at byte {offset} (convert the file to UTF-8, or leave it out)"
    )]
    Undecodable {
        path: PathBuf,
        encoding: &'static str,
        offset: usize,
        bad: usize,
    },
    #[error(
        "{path}: {size} bytes is more than the {limit} bytes one issue may have (split the file)"
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
}

impl IngestError {
    pub fn path(&self) -> &Path {
        match self {
            IngestError::Read { path, .. }
            | IngestError::NotFound { path }
            | IngestError::Empty { path }
            | IngestError::Binary { path, .. }
            | IngestError::Undecodable { path, .. }
            | IngestError::TooLarge { path, .. } => path,
        }
    }
}

/// An issue is a few hundred kilobytes; a file many times larger is not one issue, and
/// reading it whole would cost the memory of a small machine.
pub const MAX_ISSUE_BYTES: u64 = 64 * 1024 * 1024;

pub fn parse_file(path: &Path, opts: &ParseOptions) -> Result<FilePart, IngestError> {
    let read_err = |error| IngestError::Read {
        path: path.to_path_buf(),
        error,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_ISSUE_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_ISSUE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    parse_bytes(path, &bytes, opts)
}

pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
    opts: &ParseOptions,
) -> Result<FilePart, IngestError> {
    let decoded = decode::decode(bytes).map_err(|r| match r {
        decode::Refusal::Empty => IngestError::Empty {
            path: path.to_path_buf(),
        },
        decode::Refusal::Binary { offset } => IngestError::Binary {
            path: path.to_path_buf(),
            offset,
        },
        decode::Refusal::Undecodable {
            encoding,
            offset,
            bad,
        } => IngestError::Undecodable {
            path: path.to_path_buf(),
            encoding,
            offset,
            bad,
        },
    })?;
    let mut part = parse_text(path, decoded.text, opts);
    let mut warnings = decoded.warnings;
    warnings.append(&mut part.warnings);
    part.warnings = warnings;
    Ok(part)
}

/// Reads decoded text as the file at `path`: the path says what the file is and
/// supplies the date, page and paper where it names them.
/// One file's text as an issue of its own (tests and the in-memory library use it).
pub fn issue_from_text(path: &Path, text: String, opts: &ParseOptions) -> Issue {
    assemble(vec![parse_text(path, text, opts)])
}

pub fn parse_text(path: &Path, text: String, opts: &ParseOptions) -> FilePart {
    part::read(path, text, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_titles_skip_datelines_and_dates() {
        assert_eq!(
            first_clause("本报讯 省政府近日发布《关于做好安全生产工作的通知》，要求…"),
            "省政府近日发布《关于做好安全生产工作的通知》"
        );
        assert_eq!(
            first_clause("11月16日，西矿街社区与驻地单位举行消防演练。专业人士"),
            "西矿街社区与驻地单位举行消防演练"
        );
        assert_eq!(
            first_clause("本报讯（记者 魏薇）11月19日，市红十字会传来好消息"),
            "市红十字会传来好消息"
        );
        let long = first_clause(&"长".repeat(40));
        assert_eq!(long.chars().count(), DERIVED_TITLE_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn display_title_marks_derived_ones() {
        let mut a = Article {
            sections: vec![Section {
                heading: None,
                paragraphs: vec!["12月18日,省政協召開視頻會議,傳達學習精神。".into()],
            }],
            ..Article::default()
        };
        let t = a.display_title();
        assert!(t.derived);
        assert_eq!(t.text, "省政協召開視頻會議");
        a.title = Some("标题".into());
        assert_eq!(
            a.display_title(),
            DisplayTitle {
                text: "标题".into(),
                derived: false
            }
        );
    }

    #[test]
    fn metadata_from_path_beats_the_text() {
        let issue = parse_text(
            Path::new("山西日报/2023-11-20.txt"),
            "标题\n\n本报讯（太原日报记者 某）2022年5月1日，正文。".into(),
            &ParseOptions::default(),
        );
        assert_eq!(issue.date, Some("2023-11-20".parse().unwrap()));
        assert!(!issue.date_inferred);
        assert_eq!(issue.paper.as_deref(), Some("山西日报"));
    }

    #[test]
    fn front_matter_is_metadata_not_text() {
        let issue = parse_text(
            Path::new("x.md"),
            "---\ndate: 2023-11-20\npaper: 太原日报\n---\n标题\n\n正文，一段。".into(),
            &ParseOptions::default(),
        );
        assert_eq!(issue.paper.as_deref(), Some("太原日报"));
        assert_eq!(
            issue.date.map(|d| d.to_string()).as_deref(),
            Some("2023-11-20")
        );
        assert_eq!(issue.articles.len(), 1);
        assert_eq!(issue.articles[0].title.as_deref(), Some("标题"));
    }

    #[test]
    fn inferred_dates_are_marked() {
        let issue = parse_text(
            Path::new("a.txt"),
            "标题\n\n2023年，11月16日，正文。".into(),
            &ParseOptions::default(),
        );
        assert_eq!(
            issue.date.map(|d| d.to_string()).as_deref(),
            Some("2023-11-16")
        );
        assert!(issue.date_inferred);
    }

    #[test]
    fn binary_and_empty_files_are_errors_naming_the_file() {
        let e =
            parse_bytes(Path::new("scan.txt"), b"ab\0cd", &ParseOptions::default()).unwrap_err();
        assert_eq!(e.to_string().split(':').next(), Some("scan.txt"));
        assert!(matches!(e, IngestError::Binary { offset: 2, .. }));
        let e = parse_bytes(Path::new("blank.txt"), b"\n\n", &ParseOptions::default()).unwrap_err();
        assert!(matches!(e, IngestError::Empty { .. }), "{e}");
    }
}
