//! [`Library`]: what the reader needs of an archive, and nothing of how it is kept. The
//! local tantivy [`Archive`] implements it; so does [`super::memory::MemoryLibrary`], built
//! from parsed issues, which tests and the contract suite use. A remote search engine
//! would be a third implementation (docs/architecture.md says what it must provide).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use super::timeline::{Period, Timeline};
use super::{
    Archive, ArchiveError, IssueId, IssueMeta, MANIFEST, Query, SearchOptions, SearchResults,
};
use crate::ingest::Article;

/// How much the library holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub issues: usize,
    pub articles: usize,
}

/// The reads and searches of the reader. Every method may be called from any thread; a
/// reader holds one `Arc<dyn Library>` for all its workers.
pub trait Library: Send + Sync {
    /// Every issue, oldest first (undated ones last): at least its id, date (and whether
    /// it was inferred), paper, script and article count — what the reader lists. Cheap at
    /// any size: the reader calls it at start and after every import.
    fn issues(&self) -> Result<Vec<IssueMeta>, ArchiveError>;
    /// The articles of an issue, in the order printed.
    fn articles(&self, issue: &IssueId) -> Result<Vec<Article>, ArchiveError>;
    /// One of the issue's files as it was imported (an article's `source`).
    fn raw(&self, issue: &IssueId, source: &str) -> Result<String, ArchiveError>;
    /// Articles matching the query (every term as a substring of one of its texts, after
    /// folding), best first, with snippets.
    fn search(&self, query: &Query, opts: &SearchOptions) -> Result<SearchResults, ArchiveError>;
    /// Matching articles per year or month (zeros included) beside all articles of each
    /// period, and per paper: when a word appears. `by: None` lets the span decide.
    fn timeline(
        &self,
        query: &Query,
        by: Option<Period>,
        issue: Option<&IssueId>,
    ) -> Result<Timeline, ArchiveError>;
    fn counts(&self) -> Result<Counts, ArchiveError>;
    /// Whether what the library holds changed since the last call (an import committed);
    /// the reader then lists the issues again. Cheap: called every few seconds.
    fn changed(&self) -> bool;
    /// Where the library is, for messages ("/srv/papers", a URL…).
    fn location(&self) -> String;
}

/// The local archive, with the manifest's modification time as its change signal: every
/// import commit rewrites the manifest.
pub struct LocalLibrary {
    archive: Archive,
    seen: Mutex<Option<SystemTime>>,
}

impl LocalLibrary {
    pub fn open(dir: &Path) -> Result<LocalLibrary, ArchiveError> {
        let archive = Archive::open(dir)?;
        let seen = Mutex::new(manifest_time(dir));
        Ok(LocalLibrary { archive, seen })
    }

    pub fn archive(&self) -> &Archive {
        &self.archive
    }
}

fn manifest_time(dir: &Path) -> Option<SystemTime> {
    std::fs::metadata(dir.join(MANIFEST))
        .and_then(|m| m.modified())
        .ok()
}

impl Library for LocalLibrary {
    fn issues(&self) -> Result<Vec<IssueMeta>, ArchiveError> {
        self.archive.issue_list()
    }

    fn articles(&self, issue: &IssueId) -> Result<Vec<Article>, ArchiveError> {
        self.archive.articles(issue)
    }

    fn raw(&self, issue: &IssueId, source: &str) -> Result<String, ArchiveError> {
        self.archive.raw_file(issue, source)
    }

    fn search(&self, query: &Query, opts: &SearchOptions) -> Result<SearchResults, ArchiveError> {
        self.archive.search(query, opts)
    }

    fn timeline(
        &self,
        query: &Query,
        by: Option<Period>,
        issue: Option<&IssueId>,
    ) -> Result<Timeline, ArchiveError> {
        self.archive.timeline(query, by, issue)
    }

    fn counts(&self) -> Result<Counts, ArchiveError> {
        Ok(Counts {
            issues: self.archive.count(super::schema::KIND_ISSUE)?,
            articles: self.archive.count(super::schema::KIND_ARTICLE)?,
        })
    }

    fn changed(&self) -> bool {
        let now = manifest_time(self.archive.dir());
        let Ok(mut seen) = self.seen.lock() else {
            return false;
        };
        if *seen == now {
            return false;
        }
        *seen = now;
        // The reader's reload policy would see the commit within moments; now is better.
        let _ = self.archive.refresh();
        true
    }

    fn location(&self) -> String {
        self.archive.dir().display().to_string()
    }
}

/// Opens the local archive at `dir` as a library (what the reader does by default).
pub fn open_local(dir: PathBuf) -> Result<std::sync::Arc<dyn Library>, ArchiveError> {
    Ok(std::sync::Arc::new(LocalLibrary::open(&dir)?))
}
