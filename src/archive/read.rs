//! Reading what the archive holds: the issues, an issue's articles, one article, an
//! issue's raw text.

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::schema::{self, Fields};
use super::stored;
use super::{Archive, ArchiveError, ArticleRef, IssueId};
use crate::ingest::{Article, Date, Page, Script};

/// What the archive knows of an issue without reading its articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueMeta {
    pub id: IssueId,
    /// The canonical path of the file it was imported from.
    pub source: String,
    /// Hash of the decoded text: an unchanged file is skipped on re-import.
    pub hash: String,
    pub paper: Option<String>,
    pub date: Option<Date>,
    pub date_inferred: bool,
    pub script: Script,
    #[serde(default)]
    pub title: Option<String>,
    pub warnings: Vec<String>,
    pub articles: usize,
    /// The issue's files and their texts' hashes: an unchanged file is skipped on
    /// re-import, a changed one replaces the issue.
    #[serde(default)]
    pub sources: Vec<SourceMeta>,
    /// The issue's pages (number, name, notes), in order.
    #[serde(default)]
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    /// Canonical path.
    pub path: String,
    pub hash: String,
}

impl IssueMeta {
    /// The issue's files (an issue from before files were recorded: its one source).
    pub fn files(&self) -> Vec<SourceMeta> {
        if self.sources.is_empty() {
            vec![SourceMeta {
                path: self.source.clone(),
                hash: self.hash.clone(),
            }]
        } else {
            self.sources.clone()
        }
    }

    /// Pages with a number.
    pub fn numbered_pages(&self) -> usize {
        self.pages.iter().filter(|p| p.page.is_some()).count()
    }
}

impl Archive {
    pub(super) fn term(&self, field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    }

    fn docs(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<Vec<TantivyDocument>, ArchiveError> {
        self.addresses(searcher, query)?
            .into_iter()
            .map(|a| searcher.doc(a).map_err(|e| self.index_error(e)))
            .collect()
    }

    pub(super) fn stored_str<'d>(
        &self,
        doc: &'d TantivyDocument,
        field: tantivy::schema::Field,
        what: &'static str,
    ) -> Result<&'d str, ArchiveError> {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .ok_or_else(|| self.damaged(what))
    }

    pub(super) fn damaged(&self, what: &'static str) -> ArchiveError {
        ArchiveError::Damaged {
            dir: self.dir.clone(),
            what,
        }
    }

    pub(super) fn fields(&self) -> &Fields {
        &self.fields
    }

    pub(super) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    fn addresses(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<Vec<DocAddress>, ArchiveError> {
        let mut addrs: Vec<DocAddress> = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| self.index_error(e))?
            .into_iter()
            .collect();
        addrs.sort();
        Ok(addrs)
    }

    /// Issue metadata of the documents at `addrs`. It is read from a fast field, not the
    /// document store: the store interleaves metadata with whole raw texts, and listing
    /// the issues from it would page most of the archive into memory.
    fn metas(
        &self,
        searcher: &Searcher,
        addrs: &[DocAddress],
    ) -> Result<Vec<IssueMeta>, ArchiveError> {
        let ix = |e| self.index_error(e);
        let mut out = Vec::with_capacity(addrs.len());
        let mut column = None;
        let mut column_segment = None;
        let mut bytes = Vec::new();
        for addr in addrs {
            if column_segment != Some(addr.segment_ord) {
                let reader = searcher.segment_reader(addr.segment_ord);
                column = reader.fast_fields().bytes(schema::META).map_err(ix)?;
                column_segment = Some(addr.segment_ord);
            }
            let col = column
                .as_ref()
                .ok_or_else(|| self.damaged("issue metadata"))?;
            let ord = col
                .term_ords(addr.doc_id)
                .next()
                .ok_or_else(|| self.damaged("issue metadata"))?;
            bytes.clear();
            col.ord_to_bytes(ord, &mut bytes)
                .map_err(|e| ix(e.into()))?;
            out.push(serde_json::from_slice(&bytes).map_err(|_| self.damaged("issue metadata"))?);
        }
        Ok(out)
    }

    /// Every issue, oldest first (undated ones last), then by source.
    pub fn issues(&self) -> Result<Vec<IssueMeta>, ArchiveError> {
        let searcher = self.searcher();
        let query = self.term(self.fields.kind, schema::KIND_ISSUE);
        let addrs = self.addresses(&searcher, query.as_ref())?;
        let mut out = self.metas(&searcher, &addrs)?;
        out.sort_by(|a, b| {
            let key = |m: &IssueMeta| (m.date.is_none(), m.date, m.source.clone());
            key(a).cmp(&key(b))
        });
        Ok(out)
    }

    /// Every issue as the reader lists it, oldest first (undated last), read from fast
    /// columns only (id, date, paper, article count, flags): no stored document and no
    /// metadata JSON, so listing costs microseconds an issue at any archive size. The
    /// rest of [`IssueMeta`] (source, files, pages, warnings) is left empty: [`Archive::issues`]
    /// reads it.
    pub fn issue_list(&self) -> Result<Vec<IssueMeta>, ArchiveError> {
        let searcher = self.searcher();
        let query = self.term(self.fields.kind, schema::KIND_ISSUE);
        let addrs = self.addresses(&searcher, query.as_ref())?;
        let ix = |e: tantivy::TantivyError| self.index_error(e);
        let mut out = Vec::with_capacity(addrs.len());
        let mut segment = None;
        let mut cols = None;
        let mut names: std::collections::HashMap<u64, String> = Default::default();
        for addr in addrs {
            if segment != Some(addr.segment_ord) {
                let fast = searcher.segment_reader(addr.segment_ord).fast_fields();
                let u = |name| fast.u64(name).map(|c| c.first_or_default_col(0));
                cols = Some((
                    u(schema::ISSUE_ORD).map_err(ix)?,
                    u(schema::DATE).map_err(ix)?,
                    u(schema::ARTICLES).map_err(ix)?,
                    u(schema::FLAGS).map_err(ix)?,
                    fast.str(schema::PAPER).map_err(ix)?,
                ));
                segment = Some(addr.segment_ord);
                names.clear();
            }
            let Some((ids, dates, articles, flags, papers)) = cols.as_ref() else {
                continue;
            };
            let doc = addr.doc_id;
            // A few papers in many issues: each name read once a segment.
            let paper = match papers.as_ref().and_then(|p| p.term_ords(doc).next()) {
                Some(ord) => {
                    if let std::collections::hash_map::Entry::Vacant(e) = names.entry(ord) {
                        let mut name = String::new();
                        if let Some(p) = papers {
                            p.ord_to_str(ord, &mut name).map_err(|e| ix(e.into()))?;
                        }
                        e.insert(name);
                    }
                    names.get(&ord).cloned()
                }
                None => None,
            };
            let flag = flags.get_val(doc);
            out.push(IssueMeta {
                id: IssueId::from_ordinal(ids.get_val(doc)),
                source: String::new(),
                hash: String::new(),
                paper,
                date: u32::try_from(dates.get_val(doc))
                    .ok()
                    .and_then(Date::from_ordinal),
                date_inferred: flag & schema::FLAG_DATE_INFERRED != 0,
                script: if flag & schema::FLAG_TRADITIONAL != 0 {
                    Script::Traditional
                } else {
                    Script::Simplified
                },
                title: None,
                warnings: Vec::new(),
                articles: usize::try_from(articles.get_val(doc)).unwrap_or(0),
                sources: Vec::new(),
                pages: Vec::new(),
            });
        }
        out.sort_by(|a, b| {
            let key = |m: &IssueMeta| (m.date.is_none(), m.date, m.paper.clone(), m.id.clone());
            key(a).cmp(&key(b))
        });
        Ok(out)
    }

    /// The documents of one kind that belong to an issue, in index order.
    fn issue_docs(&self, kind: &str, id: &IssueId) -> Result<Vec<TantivyDocument>, ArchiveError> {
        let f = self.fields;
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.term(f.kind, kind)),
            (Occur::Must, self.term(f.issue, &id.0)),
        ]);
        self.docs(&self.searcher(), &query)
    }

    pub fn issue(&self, id: &IssueId) -> Result<IssueMeta, ArchiveError> {
        let f = self.fields;
        let searcher = self.searcher();
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.term(f.kind, schema::KIND_ISSUE)),
            (Occur::Must, self.term(f.issue, &id.0)),
        ]);
        let addrs = self.addresses(&searcher, &query)?;
        self.metas(&searcher, &addrs)?
            .into_iter()
            .next()
            .ok_or_else(|| ArchiveError::NoSuchIssue { id: id.clone() })
    }

    /// The articles of an issue, in the order printed.
    pub fn articles(&self, id: &IssueId) -> Result<Vec<Article>, ArchiveError> {
        let f = self.fields;
        let docs = self.issue_docs(schema::KIND_ARTICLE, id)?;
        // The files' texts, which the articles' texts are ranges of: read once an issue.
        let mut raws: Option<std::collections::HashMap<String, String>> = None;
        let mut numbered = Vec::new();
        for doc in docs {
            let n = doc
                .get_first(f.article)
                .and_then(|v| v.as_u64())
                .ok_or_else(|| self.damaged("article number"))?;
            let json = self.stored_str(&doc, f.doc, "article text")?;
            let source = self.stored_str(&doc, f.source, "source")?;
            if raws.is_none() && stored::has_ranges(json) {
                raws = Some(self.raw_files(id)?);
            }
            let article = stored::decode(json, || raws.as_ref()?.get(source))
                .ok_or_else(|| self.damaged("article text"))?;
            numbered.push((n, article));
        }
        if numbered.is_empty() {
            // No articles: an issue without any, or no such issue; only the second is an
            // error.
            self.issue(id)?;
        }
        numbered.sort_by_key(|(n, _)| *n);
        Ok(numbered.into_iter().map(|(_, a)| a).collect())
    }

    pub fn article(&self, r: &ArticleRef) -> Result<Article, ArchiveError> {
        self.articles(&r.issue)?
            .into_iter()
            .nth(r.article as usize)
            .ok_or_else(|| ArchiveError::NoSuchArticle(r.clone()))
    }

    /// The text of the issue's first file (in the order of its paths) as it was imported.
    pub fn raw(&self, id: &IssueId) -> Result<String, ArchiveError> {
        let meta = self.issue(id)?;
        let first = meta
            .files()
            .into_iter()
            .map(|f| f.path)
            .min()
            .ok_or_else(|| self.damaged("raw text"))?;
        self.raw_file(id, &first)
    }

    /// The texts of all the issue's files, by file.
    fn raw_files(
        &self,
        id: &IssueId,
    ) -> Result<std::collections::HashMap<String, String>, ArchiveError> {
        let f = self.fields;
        self.issue_docs(schema::KIND_RAW, id)?
            .iter()
            .map(|doc| {
                Ok((
                    self.stored_str(doc, f.source, "source")?.to_owned(),
                    self.stored_str(doc, f.doc, "raw text")?.to_owned(),
                ))
            })
            .collect()
    }

    /// The text of one of the issue's files as it was imported.
    pub fn raw_file(&self, id: &IssueId, source: &str) -> Result<String, ArchiveError> {
        let f = self.fields;
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.term(f.kind, schema::KIND_RAW)),
            (Occur::Must, self.term(f.issue, &id.0)),
            (Occur::Must, self.term(f.source, source)),
        ]);
        let Some(doc) = self.docs(&self.searcher(), &query)?.into_iter().next() else {
            // No such issue, or an issue without that file: say which.
            self.issue(id)?;
            return Err(ArchiveError::NoSuchFile {
                id: id.clone(),
                file: source.to_owned(),
            });
        };
        Ok(self.stored_str(&doc, f.doc, "raw text")?.to_owned())
    }

    /// Number of documents of a kind (issues, articles) in the current commit.
    pub fn count(&self, kind: &str) -> Result<usize, ArchiveError> {
        let searcher = self.searcher();
        let query = self.term(self.fields.kind, kind);
        searcher
            .search(query.as_ref(), &tantivy::collector::Count)
            .map_err(|e| self.index_error(e))
    }
}
