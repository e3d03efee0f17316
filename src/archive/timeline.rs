//! When a word appears: matching articles counted per year or month, beside all articles
//! of each period (volume changes over decades; raw counts alone mislead), and per paper.
//! Counted by a collector over fast fields (the date, the paper): no stored document is
//! read, so the count costs about what matching does.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::query::{DateRange, Query};
use super::{Archive, ArchiveError, IssueId, schema};

/// Counted by year or by month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
}

impl Period {
    /// The period of a yyyymmdd date: yyyy or yyyymm.
    pub fn key(self, ordinal: u32) -> u32 {
        match self {
            Period::Year => ordinal / 10_000,
            Period::Month => ordinal / 100,
        }
    }

    /// "2003" or "2003-05".
    pub fn label(self, key: u32) -> String {
        match self {
            Period::Year => format!("{key:04}"),
            Period::Month => format!("{:04}-{:02}", key / 100, key % 100),
        }
    }

    /// Every period from `first` to `last` (keys), inclusive.
    fn span(self, first: u32, last: u32) -> Vec<u32> {
        match self {
            Period::Year => (first..=last).collect(),
            Period::Month => {
                let mut out = Vec::new();
                let (mut y, mut m) = (first / 100, first % 100);
                while y * 100 + m <= last {
                    out.push(y * 100 + m);
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                }
                out
            }
        }
    }

    /// By month when the span is at most three years (a year has too few bars to see a
    /// trend in it), by year otherwise.
    pub fn for_span(first: u32, last: u32) -> Period {
        let months = (last / 10_000 * 12 + last / 100 % 100)
            .saturating_sub(first / 10_000 * 12 + first / 100 % 100);
        if months < 36 {
            Period::Month
        } else {
            Period::Year
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// "2003" or "2003-05".
    pub period: String,
    /// Matching articles of the period.
    pub hits: u64,
    /// All articles of the period.
    pub articles: u64,
}

impl PeriodCount {
    /// Matching articles per article of the period (0 where it has none).
    pub fn share(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.hits as f64 / self.articles as f64
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub by: Option<Period>,
    /// Every period of the span, zeros included, oldest first.
    pub periods: Vec<PeriodCount>,
    /// Matching articles per paper, most first (then by name).
    pub papers: Vec<(String, u64)>,
    /// Every matching article, dated or not.
    pub total: u64,
    /// Matching articles of issues without a date (in no period).
    pub undated: u64,
}

impl Timeline {
    pub fn peak(&self) -> Option<&PeriodCount> {
        self.periods
            .iter()
            .max_by(|a, b| a.hits.cmp(&b.hits).then(b.period.cmp(&a.period)))
            .filter(|p| p.hits > 0)
    }
}

/// Counts per date (yyyymmdd, 0 when undated) and per paper of the documents collected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub dates: BTreeMap<u32, u64>,
    pub papers: HashMap<String, u64>,
}

impl Tally {
    /// Adds the counts of `(yyyymmdd, paper)` pairs (an in-memory library counts so).
    pub fn add(&mut self, date: u32, paper: Option<&str>) {
        *self.dates.entry(date).or_default() += 1;
        if let Some(p) = paper {
            *self.papers.entry(p.to_owned()).or_default() += 1;
        }
    }
}

struct TallyCollector;

/// What the counts of all articles in a scope depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ScopeKey {
    generation: u64,
    papers: Vec<String>,
    issue: Option<IssueId>,
}

/// The last scope counted, and its counts.
pub(super) type ScopeCache = std::sync::Mutex<Option<(ScopeKey, Tally)>>;

struct SegmentTally {
    dates: Option<Column<u64>>,
    papers: Option<StrColumn>,
    by_date: HashMap<u32, u64>,
    by_paper_ord: HashMap<u64, u64>,
    /// The date and paper of the documents just collected and how many there were: an
    /// issue's articles are side by side in a segment, so counting runs of them costs a
    /// map update an issue, not one an article.
    run: Option<(u32, Option<u64>, u64)>,
}

impl SegmentTally {
    fn flush(&mut self) {
        if let Some((date, paper, n)) = self.run.take() {
            *self.by_date.entry(date).or_default() += n;
            if let Some(ord) = paper {
                *self.by_paper_ord.entry(ord).or_default() += n;
            }
        }
    }
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let fast = segment.fast_fields();
        Ok(SegmentTally {
            dates: fast.u64(schema::DATE).ok(),
            papers: fast.str(schema::PAPER)?,
            by_date: HashMap::new(),
            by_paper_ord: HashMap::new(),
            run: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut out = Tally::default();
        for f in fruits {
            for (d, n) in f.dates {
                *out.dates.entry(d).or_default() += n;
            }
            for (p, n) in f.papers {
                *out.papers.entry(p).or_default() += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _: Score) {
        let date = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or(0);
        let paper = self.papers.as_ref().and_then(|c| c.term_ords(doc).next());
        match &mut self.run {
            Some((d, p, n)) if *d == date && *p == paper => *n += 1,
            _ => {
                self.flush();
                self.run = Some((date, paper, 1));
            }
        }
    }

    fn harvest(mut self) -> Tally {
        self.flush();
        let mut papers = HashMap::new();
        if let Some(column) = &self.papers {
            let mut name = String::new();
            for (ord, n) in self.by_paper_ord {
                name.clear();
                if column.ord_to_str(ord, &mut name).unwrap_or(false) {
                    *papers.entry(name.clone()).or_default() += n;
                }
            }
        }
        Tally {
            dates: self.by_date.into_iter().collect(),
            papers,
        }
    }
}

/// The timeline of `hits` against `all` (every article in scope): periods over the span
/// of `all`, or over `range` where the query gives one (an open end reaches as far as the
/// archive does), zeros included.
pub fn build(hits: &Tally, all: &Tally, range: Option<DateRange>, by: Option<Period>) -> Timeline {
    let total = hits.dates.values().sum();
    let undated = hits.dates.get(&0).copied().unwrap_or(0);
    let mut papers: Vec<(String, u64)> = hits.papers.clone().into_iter().collect();
    papers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let dated = all.dates.keys().copied().filter(|d| *d > 0);
    let (archive_first, archive_last) = (dated.clone().min(), dated.max());
    let first = match range {
        Some(r) if r.from > 0 => Some(r.from),
        _ => archive_first,
    };
    let last = match range {
        Some(r) if r.to < u32::MAX => Some(r.to),
        _ => archive_last,
    };
    let (Some(first), Some(last)) = (first, last) else {
        return Timeline {
            by,
            periods: Vec::new(),
            papers,
            total,
            undated,
        };
    };
    if first > last {
        return Timeline {
            by,
            periods: Vec::new(),
            papers,
            total,
            undated,
        };
    }
    let by = by.unwrap_or_else(|| Period::for_span(first, last));
    let mut counts: BTreeMap<u32, (u64, u64)> = by
        .span(by.key(first), by.key(last))
        .into_iter()
        .map(|k| (k, (0, 0)))
        .collect();
    for (date, n) in &hits.dates {
        if let Some(c) = counts.get_mut(&by.key(*date)).filter(|_| *date > 0) {
            c.0 += n;
        }
    }
    for (date, n) in &all.dates {
        if let Some(c) = counts.get_mut(&by.key(*date)).filter(|_| *date > 0) {
            c.1 += n;
        }
    }
    Timeline {
        by: Some(by),
        periods: counts
            .into_iter()
            .map(|(k, (hits, articles))| PeriodCount {
                period: by.label(k),
                hits,
                articles,
            })
            .collect(),
        papers,
        total,
        undated,
    }
}

impl Archive {
    /// Matching articles per period and per paper, beside all articles per period. `by`
    /// `None` picks months for a span of at most three years, else years.
    pub fn timeline(
        &self,
        query: &Query,
        by: Option<Period>,
        issue: Option<&IssueId>,
    ) -> Result<Timeline, ArchiveError> {
        if query.is_empty() {
            return Ok(Timeline::default());
        }
        let searcher = self.searcher();
        let ix = |e| self.index_error(e);
        let matching = self.tantivy_query(&searcher, query, issue);
        let hits = searcher.search(&matching, &TallyCollector).map_err(ix)?;
        // Every article in the same scope (the same issue and papers, any text), for the
        // share and for the periods with no hit.
        let scope = Query {
            terms: Vec::new(),
            excluded: Vec::new(),
            date: None,
            papers: query.papers.clone(),
        };
        // The same for every query of a scope: counted once a commit.
        let key = ScopeKey {
            generation: searcher.generation().generation_id(),
            papers: query.papers.clone(),
            issue: issue.cloned(),
        };
        let cached = self.scopes.lock().ok().and_then(|c| {
            c.as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, t)| t.clone())
        });
        let all = match cached {
            Some(all) => all,
            None => {
                let everything = self.tantivy_query(&searcher, &scope, issue);
                let all = searcher.search(&everything, &TallyCollector).map_err(ix)?;
                if let Ok(mut c) = self.scopes.lock() {
                    *c = Some((key, all.clone()));
                }
                all
            }
        };
        Ok(build(&hits, &all, query.date, by))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(dates: &[(u32, u64)]) -> Tally {
        Tally {
            dates: dates.iter().copied().collect(),
            papers: HashMap::new(),
        }
    }

    #[test]
    fn periods_cover_the_span_with_zeros() {
        let hits = tally(&[(20010305, 2), (20030101, 1), (0, 4)]);
        let all = tally(&[(20000101, 10), (20010305, 5), (20030101, 7), (0, 9)]);
        let t = build(&hits, &all, None, None);
        assert_eq!(t.by, Some(Period::Year));
        let got: Vec<(&str, u64, u64)> = t
            .periods
            .iter()
            .map(|p| (p.period.as_str(), p.hits, p.articles))
            .collect();
        assert_eq!(
            got,
            [
                ("2000", 0, 10),
                ("2001", 2, 5),
                ("2002", 0, 0),
                ("2003", 1, 7)
            ]
        );
        assert_eq!((t.total, t.undated), (7, 4));
        assert_eq!(t.peak().map(|p| p.period.as_str()), Some("2001"));
    }

    #[test]
    fn a_short_span_counts_by_month_and_a_range_narrows_it() {
        let hits = tally(&[(20231105, 1), (20240210, 2)]);
        let all = tally(&[(20231105, 3), (20240210, 4), (20200101, 1)]);
        let range = DateRange {
            from: 20231101,
            to: 20240229,
        };
        let t = build(&hits, &all, Some(range), None);
        assert_eq!(t.by, Some(Period::Month));
        let labels: Vec<&str> = t.periods.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(t.periods[3].share(), 0.5);
        // A year asked for is twelve months, whatever the archive holds of it.
        let year = DateRange {
            from: 20050101,
            to: 20051231,
        };
        let t = build(&hits, &all, Some(year), Some(Period::Month));
        assert_eq!(t.periods.len(), 12);
        assert!(t.periods.iter().all(|p| p.hits == 0 && p.articles == 0));
    }

    #[test]
    fn the_rule_for_months() {
        assert_eq!(Period::for_span(20230101, 20251231), Period::Month);
        assert_eq!(Period::for_span(20230101, 20260101), Period::Year);
        assert_eq!(Period::Month.span(202311, 202402).len(), 4);
        assert_eq!(Period::Year.label(2003), "2003");
        assert_eq!(Period::Month.label(200305), "2003-05");
    }
}
