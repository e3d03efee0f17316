//! A keyword-in-context concordance: every occurrence of the query's terms in the matching
//! articles, one line each, with the text as printed on either side. Occurrences are found
//! with the same folding as search (script, width, case; white space and line breaks
//! ignored), so the concordance lists exactly what search finds, occurrence by occurrence.
//!
//! Sorted by date, the lines come hit page by hit page (the first screen costs what the
//! hit list's does); sorted by context, every occurrence has to be seen first.

use serde::Serialize;

use super::library::Library;
use super::search::{Hit, SearchOptions, Sort};
use super::snippet::{self, find_matches};
use super::{ArchiveError, ArticleRef, IssueId, Query};
use crate::ingest::{Article, Date};

/// Characters of context kept on each side by default.
pub const CONTEXT_CHARS: usize = 30;
/// Hits read at a time when the lines come in date order: at least a line each, so a
/// first page fills a pane. Each hit's issue is read whole, which makes the first
/// screen 3–5× the hit list's time (fewer hits would change recorded answers).
const HITS_PER_PAGE: usize = 50;

/// How the lines are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KwicSort {
    /// Oldest issue first, then the order printed.
    #[default]
    Date,
    /// By the left context read backwards: the character before the match first.
    Left,
    /// By the right context.
    Right,
}

impl KwicSort {
    pub fn next(self) -> KwicSort {
        match self {
            KwicSort::Date => KwicSort::Left,
            KwicSort::Left => KwicSort::Right,
            KwicSort::Right => KwicSort::Date,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KwicSort::Date => "date",
            KwicSort::Left => "left context",
            KwicSort::Right => "right context",
        }
    }
}

/// One occurrence in its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub issue: IssueId,
    pub article: u32,
    pub date: Option<Date>,
    pub paper: Option<String>,
    pub title: String,
    /// Up to the context's length of the text before the match, as printed.
    pub left: String,
    /// The match as printed (a traditional match of a simplified query stays traditional).
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    /// Where the match is: which of the article's texts, and its characters there.
    #[serde(skip)]
    pub text: usize,
    #[serde(skip)]
    pub chars: std::ops::Range<usize>,
}

impl KwicLine {
    pub fn article_ref(&self) -> ArticleRef {
        ArticleRef {
            issue: self.issue.clone(),
            article: self.article,
        }
    }
}

/// The lines of one article's occurrences, in reading order.
pub fn lines_of(
    hit: &Hit,
    article: &Article,
    terms: &[Vec<char>],
    context: usize,
) -> Vec<KwicLine> {
    let texts = article.texts();
    find_matches(article, terms)
        .into_iter()
        .map(|m| {
            let chars: Vec<char> = texts[m.text].1.chars().collect();
            let from = m.chars.start.saturating_sub(context);
            let to = (m.chars.end + context).min(chars.len());
            KwicLine {
                issue: hit.issue.clone(),
                article: hit.article,
                date: hit.date,
                paper: hit.paper.clone(),
                title: hit.title.clone(),
                left: chars[from..m.chars.start].iter().collect(),
                matched: chars[m.chars.clone()].iter().collect(),
                right: chars[m.chars.end..to].iter().collect(),
                text: m.text,
                chars: m.chars,
            }
        })
        .collect()
}

/// What orders lines by context: folded, so that script and width do not split equals.
fn context_key(s: &str, backwards: bool) -> Vec<char> {
    let folded: Vec<char> = super::fold::fold_str(s).chars().collect();
    if backwards {
        folded.into_iter().rev().collect()
    } else {
        folded
    }
}

pub fn sort_lines(lines: &mut [KwicLine], sort: KwicSort) {
    match sort {
        KwicSort::Date => lines.sort_by(|a, b| {
            (
                a.date.is_none(),
                a.date,
                &a.issue,
                a.article,
                a.text,
                a.chars.start,
            )
                .cmp(&(
                    b.date.is_none(),
                    b.date,
                    &b.issue,
                    b.article,
                    b.text,
                    b.chars.start,
                ))
        }),
        KwicSort::Left => lines.sort_by_cached_key(|l| {
            (
                context_key(&l.left, true),
                l.date,
                l.issue.clone(),
                l.article,
            )
        }),
        KwicSort::Right => lines.sort_by_cached_key(|l| {
            (
                context_key(&l.right, false),
                l.date,
                l.issue.clone(),
                l.article,
            )
        }),
    }
}

/// A part of the concordance: the lines of hits `hits_from..` (date order), or every line
/// (context orders).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KwicPage {
    pub lines: Vec<KwicLine>,
    /// The hit to read from for the next page; `None` when every hit has been read.
    pub next_hit: Option<usize>,
    /// Articles matching in all.
    pub hits: usize,
}

/// The concordance of `query`, from hit `from` on. In date order one page of hits is read;
/// in a context order every hit is, and the lines come sorted.
pub fn page(
    library: &dyn Library,
    query: &Query,
    issue: Option<&IssueId>,
    sort: KwicSort,
    from: usize,
    context: usize,
) -> Result<KwicPage, ArchiveError> {
    let terms = snippet::folded_terms(&query.terms);
    let limit = match sort {
        KwicSort::Date => HITS_PER_PAGE,
        KwicSort::Left | KwicSort::Right => 0,
    };
    let results = library.search(
        query,
        &SearchOptions {
            limit,
            offset: from,
            issue: issue.cloned(),
            sort: Sort::Oldest,
        },
    )?;
    let mut lines = Vec::new();
    let mut articles: Option<(IssueId, Vec<Article>)> = None;
    for hit in &results.hits {
        // Hits in date order come issue by issue: load each issue's articles once.
        if articles.as_ref().is_none_or(|(id, _)| *id != hit.issue) {
            articles = Some((hit.issue.clone(), library.articles(&hit.issue)?));
        }
        let Some(article) = articles
            .as_ref()
            .and_then(|(_, a)| a.get(hit.article as usize))
        else {
            continue;
        };
        lines.extend(lines_of(hit, article, &terms, context));
    }
    sort_lines(&mut lines, sort);
    let read = from + results.hits.len();
    Ok(KwicPage {
        lines,
        next_hit: (read < results.total && !results.hits.is_empty()).then_some(read),
        hits: results.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Section;

    fn hit() -> Hit {
        Hit {
            issue: IssueId("i".into()),
            article: 0,
            source: String::new(),
            date: None,
            paper: None,
            title: "标题".into(),
            title_derived: false,
            page: None,
            page_name: None,
            snippet: Default::default(),
            score: 0.0,
        }
    }

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            title: Some("标题".into()),
            sections: vec![Section {
                heading: None,
                paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            }],
            ..Article::default()
        }
    }

    #[test]
    fn every_occurrence_is_a_line_with_its_context_as_printed() {
        let a = article(&["改革开放以来，改革不断深化。", "深化改\n革"]);
        let terms = snippet::folded_terms(&["改革".to_owned()]);
        let lines = lines_of(&hit(), &a, &terms, 4);
        let got: Vec<(&str, &str, &str)> = lines
            .iter()
            .map(|l| (l.left.as_str(), l.matched.as_str(), l.right.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("", "改革", "开放以来"),
                ("放以来，", "改革", "不断深化"),
                // Across a line break: the match as printed, break included.
                ("深化", "改\n革", ""),
            ]
        );
    }

    #[test]
    fn a_traditional_match_stays_traditional() {
        let a = article(&["鞏固脫貧攻堅成果"]);
        let terms = snippet::folded_terms(&["脱贫".to_owned()]);
        let lines = lines_of(&hit(), &a, &terms, 2);
        assert_eq!(lines[0].matched, "脫貧");
        assert_eq!(
            (lines[0].left.as_str(), lines[0].right.as_str()),
            ("鞏固", "攻堅")
        );
    }

    #[test]
    fn context_orders_read_the_left_backwards() {
        let mk = |left: &str, right: &str| KwicLine {
            left: left.into(),
            right: right.into(),
            matched: "改革".into(),
            ..lines_of(
                &hit(),
                &article(&["改革"]),
                &snippet::folded_terms(&["改革".to_owned()]),
                1,
            )
            .remove(0)
        };
        let mut lines = vec![mk("深化", "乙"), mk("全面", "甲"), mk("要深化", "丙")];
        sort_lines(&mut lines, KwicSort::Left);
        let lefts: Vec<&str> = lines.iter().map(|l| l.left.as_str()).collect();
        // Read from the match outwards: 化 (U+5316) before 面 (U+9762); "深化" before
        // "要深化", which goes on further left.
        assert_eq!(lefts, ["深化", "要深化", "全面"]);
        sort_lines(&mut lines, KwicSort::Right);
        let rights: Vec<&str> = lines.iter().map(|l| l.right.as_str()).collect();
        assert_eq!(rights, ["丙", "乙", "甲"]);
    }
}
