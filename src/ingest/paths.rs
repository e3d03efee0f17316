//! What a file's path says about it, in the layouts archives are kept in:
//!
//! - `YYYYMMDD-PP-NN.txt`: one article, the NNth on page PP (`YYYYMMDD-PP.txt`: a page);
//! - `…/NN-版名/标题.md` (or `第NN版/`): one article of page NN named 版名, titled by
//!   its file name when the text has no title;
//! - `PAPER/YYYY-MM-DD/PP.txt`: page PP (a file named by a number under a dated folder);
//! - anything else says nothing, and the file is read as a whole issue unless its head
//!   says otherwise.

use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use super::PartKind;
use super::metadata::{date_from_path, is_han};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PathFacts {
    pub kind: Option<PartKind>,
    pub page: Option<u32>,
    pub page_name: Option<String>,
    /// NN of `YYYYMMDD-PP-NN`: the article's place on its page.
    pub place: Option<u32>,
    /// The file name, when it reads as a headline (`乘长风破万里浪.md`).
    pub title: Option<String>,
}

fn article_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:18|19|20|21)\d{6}[-_](\d{1,3})(?:[-_](\d{1,3}))?$").expect("static regex")
    })
}

fn page_stem_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:第\s*)?(\d{1,3})\s*版?$|^(?i:p|page)[-_]?(\d{1,3})$")
            .expect("static regex")
    })
}

fn page_folder_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // "01-要闻", "05_评论", "第05版", "第05版：评论": the name must hold something other
        // than digits and separators, or a date folder ("11-19") would be a page.
        Regex::new(r"^(\d{1,3})[-_ ]+(.*[^\d\-_.\s].*)$|^第\s*(\d{1,3})\s*版[-_：:\s]*(.*)$")
            .expect("static regex")
    })
}

/// A page folder's number and name: "01-要闻" → (1, Some("要闻")), "第05版" → (5, None).
pub fn page_folder(name: &str) -> Option<(u32, Option<String>)> {
    let c = page_folder_re().captures(name.trim())?;
    let number = c.get(1).or(c.get(3))?.as_str().parse().ok()?;
    let label = c
        .get(2)
        .or(c.get(4))
        .map(|m| m.as_str().trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    Some((number, label))
}

pub fn read(path: &Path) -> PathFacts {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .trim();
    let parent = path.parent();
    let parent_name = parent
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if let Some(c) = article_name_re().captures(stem) {
        let page = c[1].parse().ok();
        return match c.get(2) {
            Some(place) => PathFacts {
                kind: Some(PartKind::Article),
                page,
                place: place.as_str().parse().ok(),
                ..PathFacts::default()
            },
            None => PathFacts {
                kind: Some(PartKind::Page),
                page,
                ..PathFacts::default()
            },
        };
    }
    if let Some((page, page_name)) = page_folder(parent_name) {
        return PathFacts {
            kind: Some(PartKind::Article),
            page: Some(page),
            page_name,
            title: reads_as_title(stem).then(|| stem.to_owned()),
            ..PathFacts::default()
        };
    }
    let dated_folder = parent.is_some_and(|p| date_from_path(&p.to_string_lossy()).is_some());
    if let (true, Some(c)) = (dated_folder, page_stem_re().captures(stem)) {
        let page = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
        return PathFacts {
            kind: Some(PartKind::Page),
            page,
            ..PathFacts::default()
        };
    }
    PathFacts::default()
}

/// A file name that is a headline rather than an id: it has Chinese in it.
fn reads_as_title(stem: &str) -> bool {
    stem.chars().any(is_han)
}

/// The folder an issue's files are kept in: the file's own, or the one above its page
/// folders (`2025-01-02/` for `2025-01-02/01-要闻/标题.md`), so that files of one day
/// group together when no paper names them.
pub fn issue_folder(path: &Path) -> String {
    let mut dir = path.parent();
    while let Some(d) = dir {
        let is_page = d
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| page_folder(n).is_some());
        if !is_page {
            break;
        }
        dir = d.parent();
    }
    dir.map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(p: &str) -> PathFacts {
        read(Path::new(p))
    }

    #[test]
    fn an_article_named_by_date_page_and_place() {
        let f = facts("rmrb/20230101-05-03.txt");
        assert_eq!(f.kind, Some(PartKind::Article));
        assert_eq!((f.page, f.place), (Some(5), Some(3)));
        let f = facts("20230101-2.txt");
        assert_eq!((f.kind, f.page), (Some(PartKind::Page), Some(2)));
        assert_eq!(facts("scan-120231120999.txt").kind, None);
    }

    #[test]
    fn an_article_in_a_page_folder() {
        let f = facts("vault/2025/01/2025-01-02/01-要闻/乘长风破万里浪.md");
        assert_eq!(f.kind, Some(PartKind::Article));
        assert_eq!(f.page, Some(1));
        assert_eq!(f.page_name.as_deref(), Some("要闻"));
        assert_eq!(f.title.as_deref(), Some("乘长风破万里浪"));
        let f = facts("x/第05版/a1.txt");
        assert_eq!((f.page, f.page_name, f.title), (Some(5), None, None));
        assert_eq!(
            page_folder("第05版：评论"),
            Some((5, Some("评论".to_owned())))
        );
    }

    #[test]
    fn a_page_named_by_number_under_a_dated_folder() {
        let f = facts("山西日报/2023-11-19/01.txt");
        assert_eq!((f.kind, f.page), (Some(PartKind::Page), Some(1)));
        let f = facts("2023/11/19/p02.txt");
        assert_eq!((f.kind, f.page), (Some(PartKind::Page), Some(2)));
        assert_eq!(facts("2023/11/20.txt").kind, None, "20 is the day");
        assert_eq!(facts("sample/01.txt").kind, None, "no date above it");
        assert_eq!(facts("assets/sample/000_f8e1adb28c4d49b6.txt").kind, None);
    }

    #[test]
    fn the_issue_folder_is_above_page_folders() {
        assert_eq!(
            issue_folder(Path::new("v/2025-01-02/01-要闻/标题.md")),
            "v/2025-01-02"
        );
        assert_eq!(issue_folder(Path::new("tab/20230101-01-01.txt")), "tab");
        assert_eq!(issue_folder(Path::new("a.txt")), "");
    }
}
