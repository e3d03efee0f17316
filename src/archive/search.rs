//! Search: a parsed [`Query`] → tantivy queries → ranked hits with snippets.
//!
//! Matching uses the character field: each term is a phrase of character pairs (or one
//! character), so an article matches exactly when its folded text contains the term.
//! Ranking uses words: BM25 over jieba words, title words weighted above body words;
//! the matching clauses score nothing. Ties go to the newer issue.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument, Term};

use super::fold::fold_str;
use super::query::Query;
use super::snippet::{self, Snippet};
use super::stored;
use super::{Archive, ArchiveError, IssueId, schema, tokenizer};
use crate::ingest::{Article, Date};

/// BM25 score, then the issue date (yyyymmdd): newer first on equal scores; then a fixed
/// order of issues and the order printed, so equal hits always come in one order.
type RankKey = (Score, u64, u64);
/// The date (or its reverse, oldest first), then the place: the order of a date sort.
type DateKey = (u64, u64);

/// The columns that order hits: the date, and where the article is (issue, place).
struct OrderColumns {
    dates: Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
    issues: Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
    articles: Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>>,
}

impl OrderColumns {
    fn of(segment: &SegmentReader) -> OrderColumns {
        let col = |name| {
            segment
                .fast_fields()
                .u64(name)
                .ok()
                .map(|c| c.first_or_default_col(0))
        };
        OrderColumns {
            dates: col(schema::DATE),
            issues: col(schema::ISSUE_ORD),
            articles: col(schema::ARTICLE),
        }
    }

    fn date(&self, doc: DocId) -> u64 {
        self.dates.as_ref().map_or(0, |d| d.get_val(doc))
    }

    /// Larger first in a ranking: issues in a fixed order, articles as printed.
    fn place(&self, doc: DocId) -> u64 {
        let issue = self.issues.as_ref().map_or(0, |c| c.get_val(doc));
        let article = self.articles.as_ref().map_or(0, |c| c.get_val(doc));
        ((issue >> 8) << 24) | (0xFF_FFFF - article.min(0xFF_FFFF))
    }
}

/// Title words count this many times a body word.
const TITLE_BOOST: Score = 3.0;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Most hits to return; 0 returns every hit.
    pub limit: usize,
    /// Hits to skip (for paging).
    pub offset: usize,
    /// Only this issue's articles.
    pub issue: Option<IssueId>,
    pub sort: Sort,
}

/// The order of the hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Best first: whole words and title matches, newer issues on ties.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Newest, Sort::Oldest];

    /// As the command line and the pane's title name it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    pub fn next(self) -> Sort {
        match self {
            Sort::Relevance => Sort::Newest,
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Relevance,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub issue: IssueId,
    pub article: u32,
    pub source: String,
    pub date: Option<Date>,
    pub paper: Option<String>,
    pub title: String,
    /// The title was made from the text (the article has none printed).
    pub title_derived: bool,
    /// The page the article is on, when known.
    pub page: Option<u32>,
    pub page_name: Option<String>,
    pub snippet: Snippet,
    pub score: Score,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// All matching articles, not just those returned.
    pub total: usize,
    pub hits: Vec<Hit>,
}

impl Archive {
    pub fn search(
        &self,
        query: &Query,
        opts: &SearchOptions,
    ) -> Result<SearchResults, ArchiveError> {
        if query.is_empty() {
            return Ok(SearchResults::default());
        }
        let searcher = self.searcher();
        let tq = self.tantivy_query(&searcher, query, opts.issue.as_ref());
        let ix = |e| self.index_error(e);
        // Every hit asked for: count first, then collect that many. Otherwise one pass
        // counts and ranks together.
        let (total, limit) = if opts.limit == 0 {
            let total = searcher.search(&tq, &Count).map_err(ix)?;
            (total, total.saturating_sub(opts.offset))
        } else {
            (0, opts.limit)
        };
        if limit == 0 {
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let (counted, top): (usize, Vec<(Score, DocAddress)>) = match opts.sort {
            Sort::Relevance => {
                let ranked = TopDocs::with_limit(limit)
                    .and_offset(opts.offset)
                    .tweak_score(|segment: &SegmentReader| {
                        let c = OrderColumns::of(segment);
                        move |doc: DocId, score: Score| (score, c.date(doc), c.place(doc))
                    });
                let (n, top): (usize, Vec<(RankKey, DocAddress)>) =
                    searcher.search(&tq, &(Count, ranked)).map_err(ix)?;
                (n, top.into_iter().map(|((s, _, _), a)| (s, a)).collect())
            }
            Sort::Newest | Sort::Oldest => {
                let newest = opts.sort == Sort::Newest;
                // No scoring to do: the date orders them, then where they are.
                let unscored = ConstScoreQuery::new(Box::new(tq.clone()), 0.0);
                let dated = TopDocs::with_limit(limit)
                    .and_offset(opts.offset)
                    .tweak_score(move |segment: &SegmentReader| {
                        let c = OrderColumns::of(segment);
                        move |doc: DocId, _: Score| {
                            let date = c.date(doc);
                            (if newest { date } else { u64::MAX - date }, c.place(doc))
                        }
                    });
                let (n, top): (usize, Vec<(DateKey, DocAddress)>) =
                    searcher.search(&unscored, &(Count, dated)).map_err(ix)?;
                (n, top.into_iter().map(|(_, a)| (0.0, a)).collect())
            }
        };
        let total = if opts.limit == 0 { total } else { counted };
        let terms = snippet::folded_terms(&query.terms);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(ix)?;
            hits.push(self.hit(&doc, &terms, score)?);
        }
        Ok(SearchResults { total, hits })
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        terms: &[Vec<char>],
        score: Score,
    ) -> Result<Hit, ArchiveError> {
        let f = self.fields();
        let json = self.stored_str(doc, f.doc, "article text")?;
        let issue = IssueId(self.stored_str(doc, f.issue, "issue id")?.to_owned());
        let source = self.stored_str(doc, f.source, "source")?;
        let article: Article = stored::decode(json, || self.raw_file(&issue, source).ok())
            .ok_or_else(|| self.damaged("article text"))?;
        let title = article.display_title();
        let number = doc
            .get_first(f.article)
            .and_then(|v| v.as_u64())
            .ok_or_else(|| self.damaged("article number"))?;
        let date = doc
            .get_first(f.date)
            .and_then(|v| v.as_u64())
            .and_then(|n| Date::from_ordinal(u32::try_from(n).ok()?));
        Ok(Hit {
            issue,
            article: u32::try_from(number).map_err(|_| self.damaged("article number"))?,
            source: source.to_owned(),
            date,
            paper: doc
                .get_first(f.paper)
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            title: title.text,
            title_derived: title.derived,
            page: article.page,
            page_name: article.page_name.clone(),
            snippet: snippet::snippet(&article, terms),
            score,
        })
    }

    pub(super) fn tantivy_query(
        &self,
        searcher: &Searcher,
        q: &Query,
        issue: Option<&IssueId>,
    ) -> BooleanQuery {
        let f = self.fields();
        let zero =
            |q: Box<dyn TQuery>| -> Box<dyn TQuery> { Box::new(ConstScoreQuery::new(q, 0.0)) };
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> =
            vec![(Occur::Must, zero(self.term(f.kind, schema::KIND_ARTICLE)))];
        for term in &q.terms {
            let folded: Vec<char> = fold_str(term).chars().collect();
            if let Some(m) = substring_query(f.text, &folded) {
                clauses.push((Occur::Must, zero(m)));
            }
            for word in tokenizer::ranking_terms(&folded) {
                let title = Term::from_field_text(f.title_words, &word);
                let body = Term::from_field_text(f.body_words, &word);
                if !discriminates(searcher, &title, &body) {
                    continue;
                }
                let title = TermQuery::new(title, IndexRecordOption::WithFreqs);
                let body = TermQuery::new(body, IndexRecordOption::WithFreqs);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST)),
                ));
                clauses.push((Occur::Should, Box::new(body)));
            }
        }
        for term in &q.excluded {
            let folded: Vec<char> = fold_str(term).chars().collect();
            if let Some(m) = substring_query(f.text, &folded) {
                clauses.push((Occur::MustNot, m));
            }
        }
        if let Some(range) = q.date {
            let bound = |n: u32| Term::from_field_u64(f.date, u64::from(n));
            let r = RangeQuery::new(
                std::ops::Bound::Included(bound(range.from)),
                std::ops::Bound::Included(bound(range.to)),
            );
            clauses.push((Occur::Must, zero(Box::new(r))));
        }
        if !q.papers.is_empty() {
            let any: Vec<(Occur, Box<dyn TQuery>)> = q
                .papers
                .iter()
                .filter_map(|p| {
                    substring_query(f.paper_text, &fold_str(p).chars().collect::<Vec<_>>())
                })
                .map(|m| (Occur::Should, m))
                .collect();
            clauses.push((Occur::Must, zero(Box::new(BooleanQuery::new(any)))));
        }
        if let Some(id) = issue {
            clauses.push((Occur::Must, zero(self.term(f.issue, &id.0))));
        }
        BooleanQuery::new(clauses)
    }
}

/// A word in most documents ranks nothing (its BM25 weight is near zero) and costs the
/// most to score: "本报" in a paper's every report. Such words are left out of ranking;
/// words not in the index at all are too.
fn discriminates(searcher: &Searcher, title: &Term, body: &Term) -> bool {
    let docs = searcher.num_docs();
    let (Ok(in_titles), Ok(in_bodies)) = (searcher.doc_freq(title), searcher.doc_freq(body)) else {
        return false;
    };
    in_titles + in_bodies > 0
        && in_titles.saturating_mul(2) <= docs
        && in_bodies.saturating_mul(2) <= docs
}

/// The query that matches a folded string as a substring of the pair field `field` (see
/// [`tokenizer::PairTokenizer`]): one character, every term it starts; one pair; or a
/// phrase of pairs. Pairs at every other position cover all the characters (plus the
/// last pair when the length is even), which halves the postings read.
pub fn substring_query(field: Field, folded: &[char]) -> Option<Box<dyn TQuery>> {
    let term = |s: &[char]| Term::from_field_text(field, &s.iter().collect::<String>());
    match folded.len() {
        0 => None,
        1 => {
            // UTF-8 orders as code points do: the terms starting with the character lie
            // from it alone to the next character.
            let next = (u32::from(folded[0]) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
            let upper = next.map_or(std::ops::Bound::Unbounded, |n| {
                std::ops::Bound::Excluded(term(&[n]))
            });
            Some(Box::new(RangeQuery::new(
                std::ops::Bound::Included(term(folded)),
                upper,
            )))
        }
        2 => Some(Box::new(TermQuery::new(
            term(folded),
            IndexRecordOption::Basic,
        ))),
        n => {
            let mut offsets: Vec<usize> = (0..n - 1).step_by(2).collect();
            if offsets.last() != Some(&(n - 2)) {
                offsets.push(n - 2);
            }
            let pairs = offsets
                .into_iter()
                .map(|i| (i, term(&folded[i..i + 2])))
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset(pairs)))
        }
    }
}
