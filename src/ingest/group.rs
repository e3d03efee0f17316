//! Files → issues: all files of one paper and date are one issue.
//!
//! [`issues`] streams: it reads one file at a time and holds only the files of the issue
//! it is building, grouping *consecutive* files with the same [`IssueKey`]. A walk is
//! sorted, so one issue's files are next to each other in every layout of
//! [`super::paths`]; a key seen again later (files given out of order) makes another
//! `Issue`, which the archive merges.

use std::collections::HashSet;
use std::path::PathBuf;

use super::{
    Date, FilePart, IngestError, Issue, Page, ParseOptions, Script, SourceFile, parse_file,
};

/// Which issue a file belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct IssueKey {
    pub paper: Option<String>,
    /// The date read from the path, front matter or a print line. A date guessed from
    /// the text groups nothing: the file is an issue of its own (`file`).
    pub date: Option<Date>,
    /// The folder the files are kept in, when no paper is named: files of one day in
    /// one folder are one issue.
    pub folder: Option<String>,
    /// The file itself, when it has no date read from it.
    pub file: Option<String>,
}

impl FilePart {
    pub fn key(&self) -> IssueKey {
        let date = self.date.filter(|_| !self.date_inferred);
        IssueKey {
            paper: self.paper.clone(),
            date,
            folder: self.paper.is_none().then(|| self.folder.clone()),
            file: date.is_none().then(|| self.source.clone()),
        }
    }
}

/// One issue from its files: pages merged by number and ordered by it (a page no file
/// numbers last), articles by page, then file, then place in the file. The files are
/// kept in the order given; a warning of any file but the first names it.
pub fn assemble(parts: Vec<FilePart>) -> Issue {
    let sources: Vec<String> = parts.iter().map(|p| p.source.clone()).collect();
    let first = parts.first();
    let key = first.map(FilePart::key).unwrap_or_default();
    let paper = parts.iter().find_map(|p| p.paper.clone());
    let date = first.and_then(|p| p.date);
    let date_inferred = first.is_some_and(|p| p.date_inferred);
    let title = parts.iter().find_map(|p| p.title.clone());
    // The script of most of the text: one traditional brief in a simplified issue does
    // not make the issue traditional.
    let traditional: usize = parts
        .iter()
        .filter(|p| p.script == Script::Traditional)
        .map(|p| p.text.len())
        .sum();
    let all: usize = parts.iter().map(|p| p.text.len()).sum();
    let script = if traditional * 2 > all {
        Script::Traditional
    } else {
        Script::Simplified
    };
    let mut warnings = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    let mut articles = Vec::new();
    let mut files = Vec::with_capacity(parts.len());
    for (file_index, part) in parts.into_iter().enumerate() {
        let name = file_name(&part.source);
        for w in part.warnings {
            warnings.push(if file_index == 0 {
                w
            } else {
                format!("{name}: {w}")
            });
        }
        for page in part.pages {
            match pages.iter_mut().find(|p| p.page == page.page) {
                Some(p) => {
                    p.name = p.name.take().or(page.name);
                    p.notes.extend(page.notes);
                }
                None => pages.push(page),
            }
        }
        for (place_in_file, a) in part.articles.into_iter().enumerate() {
            articles.push(((a.page, part.place, file_index, place_in_file), a));
        }
        files.push(SourceFile {
            source: part.source,
            text: part.text,
        });
    }
    pages.sort_by_key(|p| (p.page.is_none(), p.page));
    articles
        .sort_by_key(|((page, place, file, at), _)| (page.is_none(), *page, *place, *file, *at));
    Issue {
        source: sources.first().cloned().unwrap_or_default(),
        sources,
        paper,
        date,
        date_inferred,
        script,
        title,
        warnings,
        pages,
        articles: articles.into_iter().map(|(_, a)| a).collect(),
        files,
        key,
    }
}

fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

/// The issues of the files in `inputs` (as [`super::collect_inputs`] gives them), one
/// at a time; a file that cannot be read is an error in its place.
pub fn issues<I>(inputs: I, opts: &ParseOptions) -> Issues<I::IntoIter>
where
    I: IntoIterator<Item = Result<PathBuf, IngestError>>,
{
    Issues {
        inputs: inputs.into_iter(),
        opts: opts.clone(),
        group: Vec::new(),
        key: None,
        warned_folders: HashSet::new(),
    }
}

/// The iterator of [`issues`]: the files of the issue being built and nothing more.
pub struct Issues<I> {
    inputs: I,
    opts: ParseOptions,
    group: Vec<FilePart>,
    key: Option<IssueKey>,
    /// Folders already warned about for naming no paper: once per folder is enough.
    warned_folders: HashSet<String>,
}

impl<I> Issues<I> {
    fn finish(&mut self) -> Option<Issue> {
        let key = self.key.take()?;
        let mut issue = assemble(std::mem::take(&mut self.group));
        if let (None, Some(folder), Some(_)) = (&key.paper, &key.folder, key.date) {
            if self.warned_folders.insert(folder.clone()) {
                let shown = if folder.is_empty() { "." } else { folder };
                issue.warnings.push(format!(
                    "no paper named in the path, front matter or text: the files of {shown} are grouped by date (pass --paper NAME, or keep them in a folder named for the paper)"
                ));
            }
        }
        Some(issue)
    }
}

impl<I> Iterator for Issues<I>
where
    I: Iterator<Item = Result<PathBuf, IngestError>>,
{
    type Item = Result<Issue, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some(input) = self.inputs.next() else {
                return self.finish().map(Ok);
            };
            let part = match input.and_then(|path| parse_file(&path, &self.opts)) {
                Ok(part) => part,
                Err(e) => return Some(Err(e)),
            };
            let key = part.key();
            if self.key.as_ref().is_some_and(|k| *k != key) {
                let done = self.finish();
                self.key = Some(key);
                self.group.push(part);
                return done.map(Ok);
            }
            self.key = Some(key);
            self.group.push(part);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ingest::parse_text;

    fn part(path: &str, text: &str) -> FilePart {
        parse_text(Path::new(path), text.to_owned(), &ParseOptions::default())
    }

    #[test]
    fn files_of_one_paper_and_day_are_one_issue() {
        let a = part(
            "山西日报/2023-11-19/01.txt",
            "标题一\n\n本报讯 正文一。\n\n本版责编：王勇",
        );
        let b = part("山西日报/2023-11-19/02.txt", "标题二\n\n本报讯 正文二。");
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key().folder, None, "the paper is named");
        let issue = assemble(vec![b, a]);
        assert_eq!(issue.sources.len(), 2);
        let pages: Vec<Option<u32>> = issue.pages.iter().map(|p| p.page).collect();
        assert_eq!(pages, [Some(1), Some(2)]);
        assert_eq!(issue.pages[0].notes, ["本版责编：王勇"]);
        let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
        assert_eq!(titles, [Some("标题一"), Some("标题二")], "page order");
        assert_eq!(issue.articles[0].source, "山西日报/2023-11-19/01.txt");
        assert_eq!(issue.files.len(), 2);
    }

    #[test]
    fn a_guessed_date_groups_nothing() {
        let a = part("sample/a.txt", "标题\n\n2023年11月19日，正文。");
        let b = part("sample/b.txt", "标题\n\n2023年11月19日，正文。");
        assert!(a.date_inferred);
        assert_ne!(a.key(), b.key());
    }

    #[test]
    fn without_a_paper_files_group_by_folder_and_day() {
        let a = part("x/20230101-01-01.txt", "\t标题一\t\n\n　　正文一。");
        let b = part("x/20230101-02-01.txt", "\t标题二\t\n\n　　正文二。");
        let c = part("y/20230101-01-01.txt", "\t标题三\t\n\n　　正文三。");
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), c.key());
        assert_eq!(a.key().folder.as_deref(), Some("x"));
    }

    #[test]
    fn a_warning_of_a_later_file_names_it() {
        let a = part("x/2023-11-19.txt", "标题\n\n正文。");
        let b = part("x/2023-11-19-2.txt", "");
        let issue = assemble(vec![a, b]);
        assert!(
            issue
                .warnings
                .iter()
                .any(|w| w.starts_with("2023-11-19-2.txt: ")),
            "{:?}",
            issue.warnings
        );
    }
}
