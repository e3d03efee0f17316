//! `dubao import`: files → issues → index documents, in commits of whole issues.
//!
//! An issue is every file of one paper and date (`ingest::IssueKey`); its id is a hash of
//! that key, so it stays the same when a page is added or changed. A new issue is added;
//! an issue that gains or changes a file is replaced by one made of every file it now has
//! (the files not given again are read back from the archive, so importing one page loses
//! nothing of the rest); an issue whose files are all unchanged is skipped. A file that
//! moves to another issue (its date corrected, say) leaves the old one. Bad files are
//! reported through [`ImportEvent`] and skipped.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::read::{IssueMeta, SourceMeta};
use super::schema;
use super::sources::{self, recorded_sources};
use super::stored;
use super::{Archive, ArchiveError, IssueId, Manifest, hex_digest, unix_now, write_manifest};
use crate::ingest::{self, IngestError, Issue, IssueKey, ParseOptions, SourceFile, TextRole};

/// Issues per commit by default: a killed import loses at most this much work, and a
/// commit's cost (segment flush, fsync) is spread over enough documents.
pub const ISSUES_PER_COMMIT: usize = 200;

/// Least time between two commits of one import by default: a commit rewrites the list
/// of sources (for a rebuild) and starts merges, so a commit every 200 issues made a
/// 1 GB import's commits cost more with every commit; readers still see new issues
/// every few seconds.
pub const COMMIT_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    pub issues_per_commit: usize,
    /// No commit sooner than this after the last (the final one aside).
    pub commit_interval: Duration,
    /// How files are read (the paper of files that name none).
    pub parse: ParseOptions,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            issues_per_commit: ISSUES_PER_COMMIT,
            commit_interval: COMMIT_INTERVAL,
            parse: ParseOptions::default(),
        }
    }
}
/// Memory the index writer may use before it flushes a segment.
const WRITER_MEMORY_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Replaced,
    Unchanged,
}

/// What happens during an import, for a progress bar and warnings.
#[derive(Debug)]
pub enum ImportEvent<'a> {
    Started {
        files: usize,
    },
    Issue {
        /// The issue's first file.
        path: &'a Path,
        /// Files of the issue read in this import.
        files: usize,
        outcome: Outcome,
        warnings: &'a [String],
    },
    Failed(&'a IngestError),
    Committed {
        issues: usize,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// Articles in the added and replaced issues.
    pub articles: usize,
    pub warnings: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} replaced, {} unchanged, {} failed; {} articles, {} warnings, {:.1}s",
            self.added,
            self.replaced,
            self.unchanged,
            self.failed,
            self.articles,
            self.warnings,
            self.elapsed.as_secs_f64()
        )
    }
}

fn canonical(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// An issue's id: a hash of its key, with paths made canonical, so that the same paper
/// and day (or folder and day, or file) is the same issue however it was named.
pub fn issue_id(key: &IssueKey) -> IssueId {
    let path = |p: &Option<String>| p.as_deref().map(|p| canonical(Path::new(p)));
    let text = format!(
        "paper={}\u{0}date={}\u{0}folder={}\u{0}file={}",
        key.paper.as_deref().unwrap_or(""),
        key.date.map(|d| d.to_string()).unwrap_or_default(),
        path(&key.folder).unwrap_or_default(),
        path(&key.file).unwrap_or_default(),
    );
    IssueId(hex_digest(text.as_bytes(), 12))
}

fn file_hash(text: &str) -> String {
    hex_digest(text.as_bytes(), 16)
}

/// The issue's paths made canonical: its files, and each article's own file.
fn canonicalize(issue: &mut Issue) {
    let mut map: HashMap<String, String> = HashMap::new();
    for f in &mut issue.files {
        let c = canonical(Path::new(&f.source));
        map.insert(f.source.clone(), c.clone());
        f.source = c;
    }
    let fix = |s: &mut String| {
        if let Some(c) = map.get(s.as_str()) {
            s.clone_from(c);
        }
    };
    fix(&mut issue.source);
    issue.sources.iter_mut().for_each(fix);
    for a in &mut issue.articles {
        fix(&mut a.source);
    }
}

/// What this import knows of an issue in the archive.
#[derive(Debug, Clone)]
struct Known {
    /// File → its text's hash.
    files: BTreeMap<String, String>,
    paper: Option<String>,
}

impl Archive {
    pub fn import(
        &self,
        paths: &[PathBuf],
        opts: &ImportOptions,
        on_event: &mut dyn FnMut(ImportEvent<'_>),
    ) -> Result<ImportReport, ArchiveError> {
        let started = Instant::now();
        let inputs = ingest::collect_inputs(paths);
        on_event(ImportEvent::Started {
            files: inputs.len(),
        });
        let metas = self.issues()?;
        // Every source the archive records, for sources.json: a rebuild reads it when
        // the index cannot be read.
        let mut all_sources: BTreeSet<PathBuf> = metas.iter().flat_map(recorded_sources).collect();
        let mut known: HashMap<IssueId, Known> = HashMap::new();
        let mut owner: HashMap<String, IssueId> = HashMap::new();
        for m in metas {
            for s in m.files() {
                owner.insert(s.path.clone(), m.id.clone());
            }
            let files = m.files().into_iter().map(|s| (s.path, s.hash)).collect();
            known.insert(
                m.id,
                Known {
                    files,
                    paper: m.paper,
                },
            );
        }
        let mut writer: IndexWriter<TantivyDocument> = self
            .index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|e| self.index_error(e))?;
        let mut batch = Batch {
            last_commit: Instant::now(),
            writer: &mut writer,
            uncommitted: HashSet::new(),
            all_sources: &mut all_sources,
        };
        let mut report = ImportReport::default();
        // Issues that lost a file to another issue, and which files they lost.
        let mut left: BTreeMap<IssueId, BTreeSet<String>> = BTreeMap::new();
        for issue in ingest::issues(inputs, &opts.parse) {
            let mut issue = match issue {
                Ok(issue) => issue,
                Err(e) => {
                    report.failed += 1;
                    on_event(ImportEvent::Failed(&e));
                    continue;
                }
            };
            canonicalize(&mut issue);
            let id = issue_id(&issue.key);
            let read = issue.files.len();
            let given: BTreeMap<String, String> = issue
                .files
                .iter()
                .map(|f| (f.source.clone(), file_hash(&f.text)))
                .collect();
            let old = known.get(&id);
            let unchanged =
                old.is_some_and(|k| given.iter().all(|(p, h)| k.files.get(p) == Some(h)));
            let outcome = match (old, unchanged) {
                (Some(_), true) => Outcome::Unchanged,
                (Some(_), false) => Outcome::Replaced,
                (None, _) => Outcome::Added,
            };
            if outcome != Outcome::Unchanged {
                // An issue gaining or changing a file keeps the files not given again.
                let kept: Vec<String> = old
                    .map(|k| {
                        k.files
                            .keys()
                            .filter(|p| !given.contains_key(*p))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                if !kept.is_empty() {
                    let paper = old.and_then(|k| k.paper.clone());
                    issue = self.merged(&mut batch, &id, issue, &kept, &opts.parse, paper)?;
                }
                for path in given.keys() {
                    match owner.get(path) {
                        Some(was) if *was != id => {
                            left.entry(was.clone()).or_default().insert(path.clone());
                        }
                        _ => {}
                    }
                    owner.insert(path.clone(), id.clone());
                }
                if outcome == Outcome::Replaced {
                    report.replaced += 1;
                } else {
                    report.added += 1;
                }
                report.articles += issue.articles.len();
                report.warnings += issue.warnings.len();
                let entry = self.put(&mut batch, &id, &issue)?;
                known.insert(id.clone(), entry);
            } else {
                report.unchanged += 1;
            }
            let path = PathBuf::from(&issue.source);
            on_event(ImportEvent::Issue {
                path: &path,
                files: read,
                outcome,
                warnings: &issue.warnings,
            });
            if batch.uncommitted.len() >= opts.issues_per_commit.max(1)
                && batch.last_commit.elapsed() >= opts.commit_interval
            {
                let n = batch.commit(self)?;
                on_event(ImportEvent::Committed { issues: n });
            }
        }
        // The issues files moved away from: made again of what they still have.
        for (id, gone) in left {
            let Some(k) = known.get(&id).cloned() else {
                continue;
            };
            let kept: Vec<String> = k
                .files
                .keys()
                .filter(|p| !gone.contains(*p))
                .cloned()
                .collect();
            batch.flush_if_touched(self, &id)?;
            batch
                .writer
                .delete_term(Term::from_field_text(self.fields.issue, &id.0));
            batch.uncommitted.insert(id.clone());
            if kept.is_empty() {
                known.remove(&id);
                continue;
            }
            let files = self.stored_files(&id, &kept)?;
            let issue = reassemble(files, &opts.parse, k.paper);
            let entry = self.put(&mut batch, &id, &issue)?;
            known.insert(id, entry);
        }
        if !batch.uncommitted.is_empty() {
            let n = batch.commit(self)?;
            on_event(ImportEvent::Committed { issues: n });
        }
        writer
            .wait_merging_threads()
            .map_err(|e| self.index_error(e))?;
        // The merges wrote the lists again.
        self.share_index_lists()?;
        // An archive from before the list gets one, even from an import that changed
        // nothing.
        if !self.dir.join(sources::SOURCES).exists() {
            sources::write(&self.dir, &all_sources)?;
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// `issue` with the files of the stored issue `id` it was not given again.
    fn merged(
        &self,
        batch: &mut Batch<'_>,
        id: &IssueId,
        issue: Issue,
        kept: &[String],
        opts: &ParseOptions,
        paper: Option<String>,
    ) -> Result<Issue, ArchiveError> {
        // The stored files are read from the index: what this import has not committed yet
        // is not there, so commit it first.
        batch.flush_if_touched(self, id)?;
        let mut files = self.stored_files(id, kept)?;
        files.extend(issue.files);
        files.sort_by(|a, b| a.source.cmp(&b.source));
        Ok(reassemble(files, opts, paper.or(issue.paper)))
    }

    /// The stored texts of some of an issue's files.
    fn stored_files(
        &self,
        id: &IssueId,
        paths: &[String],
    ) -> Result<Vec<SourceFile>, ArchiveError> {
        paths
            .iter()
            .map(|p| {
                Ok(SourceFile {
                    source: p.clone(),
                    text: self.raw_file(id, p)?,
                })
            })
            .collect()
    }

    /// Replaces the issue `id` with `issue` in the batch; what the import now knows of it.
    fn put(
        &self,
        batch: &mut Batch<'_>,
        id: &IssueId,
        issue: &Issue,
    ) -> Result<Known, ArchiveError> {
        // One group: tantivy puts its documents in one segment, in order, so an issue's
        // articles sit beside the files their texts point into.
        let mut ops = vec![UserOperation::Delete(Term::from_field_text(
            self.fields.issue,
            &id.0,
        ))];
        ops.extend(
            self.documents(id, issue)?
                .into_iter()
                .map(UserOperation::Add),
        );
        batch.writer.run(ops).map_err(|e| self.index_error(e))?;
        batch.uncommitted.insert(id.clone());
        batch
            .all_sources
            .extend(issue.files.iter().map(|f| PathBuf::from(&f.source)));
        Ok(Known {
            files: issue
                .files
                .iter()
                .map(|f| (f.source.clone(), file_hash(&f.text)))
                .collect(),
            paper: issue.paper.clone(),
        })
    }

    fn commit(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        all_sources: &BTreeSet<PathBuf>,
    ) -> Result<(), ArchiveError> {
        // Before the commit: a crash between the two leaves a list that names every
        // committed source and perhaps a few more, which a rebuild only imports too.
        sources::write(&self.dir, all_sources)?;
        writer.commit().map_err(|e| self.index_error(e))?;
        self.refresh()?;
        let old = self.manifest()?;
        write_manifest(
            &self.dir,
            &Manifest {
                updated: unix_now(),
                issues: self.count(schema::KIND_ISSUE)? as u64,
                articles: self.count(schema::KIND_ARTICLE)? as u64,
                writer: super::writer_name(),
                ..old
            },
        )?;
        self.share_index_lists()
    }

    fn share_index_lists(&self) -> Result<(), ArchiveError> {
        super::directory::share_index_lists(&self.dir).map_err(|error| ArchiveError::Io {
            path: self.dir.clone(),
            error,
        })
    }

    /// The issue, raw (one per file) and article documents of one issue.
    fn documents(&self, id: &IssueId, issue: &Issue) -> Result<Vec<TantivyDocument>, ArchiveError> {
        let f = self.fields;
        let date = issue.date.map_or(0, |d| u64::from(d.ordinal()));
        let files: Vec<SourceMeta> = issue
            .files
            .iter()
            .map(|file| SourceMeta {
                path: file.source.clone(),
                hash: file_hash(&file.text),
            })
            .collect();
        let hashes: Vec<&str> = files.iter().map(|s| s.hash.as_str()).collect();
        let meta = IssueMeta {
            id: id.clone(),
            source: issue.source.clone(),
            hash: hex_digest(hashes.join(" ").as_bytes(), 16),
            paper: issue.paper.clone(),
            date: issue.date,
            date_inferred: issue.date_inferred,
            script: issue.script,
            title: issue.title.clone(),
            warnings: issue.warnings.clone(),
            articles: issue.articles.len(),
            sources: files,
            pages: issue.pages.clone(),
        };
        let common = |kind: &str, source: &str| {
            let mut d = TantivyDocument::new();
            d.add_text(f.kind, kind);
            d.add_text(f.issue, &id.0);
            d.add_text(f.source, source);
            d.add_u64(f.date, date);
            d.add_u64(f.issue_ord, id.ordinal());
            if let Some(p) = &issue.paper {
                d.add_text(f.paper, p);
                d.add_text(f.paper_text, p);
            }
            d
        };
        let mut docs = Vec::with_capacity(issue.articles.len() + 1 + issue.files.len());
        let mut d = common(schema::KIND_ISSUE, &issue.source);
        d.add_bytes(f.meta, to_json(&meta)?.as_bytes());
        d.add_u64(f.articles, issue.articles.len() as u64);
        let mut flags = 0;
        if issue.date_inferred {
            flags |= schema::FLAG_DATE_INFERRED;
        }
        if issue.script == crate::ingest::Script::Traditional {
            flags |= schema::FLAG_TRADITIONAL;
        }
        d.add_u64(f.flags, flags);
        docs.push(d);
        for file in &issue.files {
            let mut d = common(schema::KIND_RAW, &file.source);
            d.add_text(f.doc, &file.text);
            docs.push(d);
        }
        let mut raws: HashMap<&str, stored::RawText<'_>> = HashMap::new();
        for (n, article) in issue.articles.iter().enumerate() {
            let mut d = common(schema::KIND_ARTICLE, &article.source);
            d.add_u64(f.article, n as u64);
            // Words only rank (no positions), so each field gets one value: one jieba
            // call per field instead of one per paragraph. Characters keep a value per
            // text, so no match can run from one text into the next.
            let mut title = String::new();
            let mut body = String::new();
            for (role, text) in article.texts() {
                let words = match role {
                    TextRole::Kicker | TextRole::Title | TextRole::Subtitle => &mut title,
                    _ => &mut body,
                };
                words.push_str(text);
                words.push('\n');
                d.add_text(f.text, text);
            }
            d.add_text(f.title_words, &title);
            d.add_text(f.body_words, &body);
            let raw = raws
                .entry(article.source.as_str())
                .or_insert_with_key(|source| {
                    let file = issue.files.iter().find(|file| file.source == *source);
                    stored::RawText::new(file.map_or("", |file| file.text.as_str()))
                });
            d.add_text(
                f.doc,
                stored::encode(article, raw).map_err(|error| ArchiveError::Encode { error })?,
            );
            docs.push(d);
        }
        Ok(docs)
    }
}

/// An issue made again from files (each read as a file of its path says).
fn reassemble(files: Vec<SourceFile>, opts: &ParseOptions, paper: Option<String>) -> Issue {
    let opts = ParseOptions {
        paper: opts.paper.clone().or(paper),
    };
    let parts = files
        .into_iter()
        .map(|f| ingest::parse_text(Path::new(&f.source), f.text, &opts))
        .collect();
    ingest::assemble(parts)
}

/// The writer and what it holds that is not committed yet.
struct Batch<'w> {
    last_commit: Instant,
    writer: &'w mut IndexWriter<TantivyDocument>,
    uncommitted: HashSet<IssueId>,
    all_sources: &'w mut BTreeSet<PathBuf>,
}

impl Batch<'_> {
    /// Commits; returns how many issues the commit held.
    fn commit(&mut self, archive: &Archive) -> Result<usize, ArchiveError> {
        archive.commit(self.writer, self.all_sources)?;
        self.last_commit = Instant::now();
        Ok(std::mem::take(&mut self.uncommitted).len())
    }

    /// Commits first when `id` was changed in this batch: its stored files are then
    /// readable.
    fn flush_if_touched(&mut self, archive: &Archive, id: &IssueId) -> Result<(), ArchiveError> {
        if self.uncommitted.contains(id) {
            self.commit(archive)?;
        }
        Ok(())
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ArchiveError> {
    serde_json::to_string(value).map_err(|error| ArchiveError::Encode { error })
}
