//! `dubao import`: files → issues → index documents, in commits of whole issues.
//!
//! An issue is identified by its source path; its text hash says whether it changed. A
//! new issue is added, a changed one replaced (delete and add in the same commit), an
//! unchanged one skipped. Bad files are reported through [`ImportEvent`] and skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::read::IssueMeta;
use super::schema;
use super::{Archive, ArchiveError, IssueId, Manifest, hex_digest, unix_now, write_manifest};
use crate::ingest::{self, IngestError, Issue, TextRole};

/// Issues per commit by default: a killed import loses at most this much work, and a
/// commit's cost (segment flush, fsync) is spread over enough documents.
pub const ISSUES_PER_COMMIT: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    pub issues_per_commit: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            issues_per_commit: ISSUES_PER_COMMIT,
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
        path: &'a Path,
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
        let mut known: HashMap<String, String> = self
            .issues()?
            .into_iter()
            .map(|m| (m.source, m.hash))
            .collect();
        let mut writer: IndexWriter<TantivyDocument> = self
            .index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => ArchiveError::Locked {
                    dir: self.dir.clone(),
                },
                e => self.index_error(e),
            })?;
        let mut report = ImportReport::default();
        let mut uncommitted = 0;
        for issue in ingest::issues(inputs, &ingest::ParseOptions::default()) {
            let mut issue = match issue {
                Ok(issue) => issue,
                Err(e) => {
                    report.failed += 1;
                    on_event(ImportEvent::Failed(&e));
                    continue;
                }
            };
            // Identity is the issue's first file, wherever it was named from.
            let path = PathBuf::from(&issue.source);
            issue.source = canonical(&path);
            // TODO(#14): an issue of several files is stored as their texts joined; the
            // archive half keeps them apart.
            let raw = issue
                .files
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let hash = hex_digest(raw.as_bytes(), 16);
            let outcome = match known.get(&issue.source) {
                Some(h) if *h == hash => Outcome::Unchanged,
                Some(_) => Outcome::Replaced,
                None => Outcome::Added,
            };
            match outcome {
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Replaced | Outcome::Added => {
                    if outcome == Outcome::Replaced {
                        writer
                            .delete_term(Term::from_field_text(self.fields.source, &issue.source));
                        report.replaced += 1;
                    } else {
                        report.added += 1;
                    }
                    report.articles += issue.articles.len();
                    report.warnings += issue.warnings.len();
                    for doc in self.documents(&issue, &raw, &hash)? {
                        writer.add_document(doc).map_err(|e| self.index_error(e))?;
                    }
                    known.insert(issue.source.clone(), hash);
                    uncommitted += 1;
                }
            }
            on_event(ImportEvent::Issue {
                path: &path,
                outcome,
                warnings: &issue.warnings,
            });
            if uncommitted >= opts.issues_per_commit.max(1) {
                self.commit(&mut writer)?;
                on_event(ImportEvent::Committed {
                    issues: uncommitted,
                });
                uncommitted = 0;
            }
        }
        if uncommitted > 0 {
            self.commit(&mut writer)?;
            on_event(ImportEvent::Committed {
                issues: uncommitted,
            });
        }
        writer
            .wait_merging_threads()
            .map_err(|e| self.index_error(e))?;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    fn commit(&self, writer: &mut IndexWriter<TantivyDocument>) -> Result<(), ArchiveError> {
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
        )
    }

    /// The issue, raw and article documents of one issue.
    fn documents(
        &self,
        issue: &Issue,
        raw: &str,
        hash: &str,
    ) -> Result<Vec<TantivyDocument>, ArchiveError> {
        let f = self.fields;
        let id = IssueId::for_source(&issue.source);
        let date = issue.date.map_or(0, |d| u64::from(d.ordinal()));
        let meta = IssueMeta {
            id: id.clone(),
            source: issue.source.clone(),
            hash: hash.to_owned(),
            paper: issue.paper.clone(),
            date: issue.date,
            date_inferred: issue.date_inferred,
            script: issue.script,
            title: issue.title.clone(),
            warnings: issue.warnings.clone(),
            articles: issue.articles.len(),
        };
        let common = |kind: &str| {
            let mut d = TantivyDocument::new();
            d.add_text(f.kind, kind);
            d.add_text(f.issue, &id.0);
            d.add_text(f.source, &issue.source);
            d.add_u64(f.date, date);
            if let Some(p) = &issue.paper {
                d.add_text(f.paper, p);
                d.add_text(f.paper_text.pairs, p);
                d.add_text(f.paper_text.singles, p);
            }
            d
        };
        let mut docs = Vec::with_capacity(issue.articles.len() + 2);
        let mut d = common(schema::KIND_ISSUE);
        d.add_bytes(f.meta, to_json(&meta)?.as_bytes());
        docs.push(d);
        let mut d = common(schema::KIND_RAW);
        d.add_text(f.doc, raw);
        docs.push(d);
        for (n, article) in issue.articles.iter().enumerate() {
            let mut d = common(schema::KIND_ARTICLE);
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
                d.add_text(f.text.pairs, text);
                d.add_text(f.text.singles, text);
            }
            d.add_text(f.title_words, &title);
            d.add_text(f.body_words, &body);
            d.add_text(f.doc, to_json(article)?);
            docs.push(d);
        }
        Ok(docs)
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, ArchiveError> {
    serde_json::to_string(value).map_err(|error| ArchiveError::Encode { error })
}

fn canonical(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}
