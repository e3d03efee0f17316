//! A [`Library`] held in memory, built from parsed issues: the second implementation the
//! contract suite runs against, and a quick library for tests. Matching scans the folded
//! texts with the same folding as the index, so its answers are the archive's; ranking is
//! simpler (newest first), which the contract leaves open.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fold::fold_str;
use super::library::{Counts, Library};
use super::read::SourceMeta;
use super::search::{Hit, Sort};
use super::snippet::{self, find_matches};
use super::timeline::{self, Period, Tally, Timeline};
use super::{ArchiveError, IssueId, IssueMeta, Query, SearchOptions, SearchResults};
use crate::digest::hex_digest;
use crate::ingest::{Article, Issue, SourceFile};

struct Held {
    meta: IssueMeta,
    articles: Vec<Article>,
    files: Vec<SourceFile>,
}

#[derive(Default)]
pub struct MemoryLibrary {
    issues: Mutex<Vec<Held>>,
    changed: AtomicBool,
}

impl MemoryLibrary {
    pub fn new(issues: Vec<Issue>) -> MemoryLibrary {
        let lib = MemoryLibrary::default();
        for issue in issues {
            lib.insert(issue);
        }
        lib.changed.store(false, Ordering::SeqCst);
        lib
    }

    /// Adds an issue (or replaces the one of the same key), as an import would.
    pub fn insert(&self, issue: Issue) {
        let id = super::import::issue_id(&issue.key);
        let sources: Vec<SourceMeta> = issue
            .files
            .iter()
            .map(|f| SourceMeta {
                path: f.source.clone(),
                hash: hex_digest(f.text.as_bytes(), 16),
            })
            .collect();
        let meta = IssueMeta {
            id: id.clone(),
            source: issue.source.clone(),
            hash: hex_digest(
                sources
                    .iter()
                    .map(|s| s.hash.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_bytes(),
                16,
            ),
            sources,
            pages: issue.pages.clone(),
            paper: issue.paper.clone(),
            date: issue.date,
            date_inferred: issue.date_inferred,
            script: issue.script,
            title: issue.title.clone(),
            warnings: issue.warnings.clone(),
            articles: issue.articles.len(),
        };
        let held = Held {
            meta,
            articles: issue.articles,
            files: issue.files,
        };
        if let Ok(mut issues) = self.issues.lock() {
            issues.retain(|h| h.meta.id != id);
            issues.push(held);
            issues.sort_by_key(|h| order_key(&h.meta));
        }
        self.changed.store(true, Ordering::SeqCst);
    }

    fn with<T>(&self, f: impl FnOnce(&[Held]) -> T) -> T {
        match self.issues.lock() {
            Ok(issues) => f(&issues),
            // A panic while inserting left the list as it was before the insert.
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }
}

fn order_key(m: &IssueMeta) -> (bool, Option<crate::ingest::Date>, String) {
    (m.date.is_none(), m.date, m.source.clone())
}

/// Whether any one text of the article holds the folded term.
fn holds(article: &Article, folded: &[char]) -> bool {
    !find_matches(article, &[folded.to_vec()]).is_empty()
}

fn matches(meta: &IssueMeta, article: &Article, query: &Query) -> bool {
    let terms = snippet::folded_terms(&query.terms);
    let excluded = snippet::folded_terms(&query.excluded);
    let date = meta.date.map_or(0, |d| d.ordinal());
    terms.iter().all(|t| holds(article, t))
        && !excluded.iter().any(|t| holds(article, t))
        && query.date.is_none_or(|r| (r.from..=r.to).contains(&date))
        && of_papers(meta, query)
}

fn of_papers(meta: &IssueMeta, query: &Query) -> bool {
    query.papers.is_empty()
        || meta.paper.as_deref().is_some_and(|p| {
            let paper = fold_str(p);
            query.papers.iter().any(|q| paper.contains(&fold_str(q)))
        })
}

impl Library for MemoryLibrary {
    fn issues(&self) -> Result<Vec<IssueMeta>, ArchiveError> {
        Ok(self.with(|h| h.iter().map(|h| h.meta.clone()).collect()))
    }

    fn articles(&self, issue: &IssueId) -> Result<Vec<Article>, ArchiveError> {
        self.with(|h| {
            h.iter()
                .find(|h| &h.meta.id == issue)
                .map(|h| h.articles.clone())
                .ok_or_else(|| ArchiveError::NoSuchIssue { id: issue.clone() })
        })
    }

    fn raw(&self, issue: &IssueId, source: &str) -> Result<String, ArchiveError> {
        self.with(|h| {
            let held = h
                .iter()
                .find(|h| &h.meta.id == issue)
                .ok_or_else(|| ArchiveError::NoSuchIssue { id: issue.clone() })?;
            held.files
                .iter()
                .find(|f| f.source == source)
                .map(|f| f.text.clone())
                .ok_or_else(|| ArchiveError::NoSuchFile {
                    id: issue.clone(),
                    file: source.to_owned(),
                })
        })
    }

    fn search(&self, query: &Query, opts: &SearchOptions) -> Result<SearchResults, ArchiveError> {
        if query.is_empty() {
            return Ok(SearchResults::default());
        }
        let terms = snippet::folded_terms(&query.terms);
        Ok(self.with(|held| {
            // Newest issue first, then the order printed (oldest first when asked).
            let ordered: Box<dyn Iterator<Item = &Held>> = match opts.sort {
                Sort::Oldest => Box::new(held.iter()),
                Sort::Relevance | Sort::Newest => Box::new(held.iter().rev()),
            };
            let mut found: Vec<(&Held, usize, &Article)> = ordered
                .filter(|h| opts.issue.as_ref().is_none_or(|id| &h.meta.id == id))
                .flat_map(|h| h.articles.iter().enumerate().map(move |(n, a)| (h, n, a)))
                .filter(|(h, _, a)| matches(&h.meta, a, query))
                .collect();
            let total = found.len();
            let limit = if opts.limit == 0 { total } else { opts.limit };
            found = found.into_iter().skip(opts.offset).take(limit).collect();
            let hits = found
                .into_iter()
                .map(|(h, n, a)| {
                    let title = a.display_title();
                    Hit {
                        issue: h.meta.id.clone(),
                        article: u32::try_from(n).unwrap_or(u32::MAX),
                        source: h.meta.source.clone(),
                        date: h.meta.date,
                        paper: h.meta.paper.clone(),
                        title: title.text,
                        title_derived: title.derived,
                        page: a.page,
                        page_name: a.page_name.clone(),
                        snippet: snippet::snippet(a, &terms),
                        score: 0.0,
                    }
                })
                .collect();
            SearchResults { total, hits }
        }))
    }

    fn timeline(
        &self,
        query: &Query,
        by: Option<Period>,
        issue: Option<&IssueId>,
    ) -> Result<Timeline, ArchiveError> {
        if query.is_empty() {
            return Ok(Timeline::default());
        }
        Ok(self.with(|held| {
            let (mut hits, mut all) = (Tally::default(), Tally::default());
            for h in held
                .iter()
                .filter(|h| issue.is_none_or(|id| &h.meta.id == id))
            {
                let date = h.meta.date.map_or(0, |d| d.ordinal());
                let paper = h.meta.paper.as_deref();
                for a in &h.articles {
                    if of_papers(&h.meta, query) {
                        all.add(date, paper);
                    }
                    if matches(&h.meta, a, query) {
                        hits.add(date, paper);
                    }
                }
            }
            timeline::build(&hits, &all, query.date, by)
        }))
    }

    fn counts(&self) -> Result<Counts, ArchiveError> {
        Ok(self.with(|h| Counts {
            issues: h.len(),
            articles: h.iter().map(|h| h.articles.len()).sum(),
        }))
    }

    fn changed(&self) -> bool {
        self.changed.swap(false, Ordering::SeqCst)
    }

    fn location(&self) -> String {
        "memory".to_owned()
    }
}
