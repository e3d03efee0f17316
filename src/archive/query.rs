//! The query language (docs/architecture.md, "Search semantics"), parsed by hand so that nothing a person types can
//! reach tantivy's parser and come back as a syntax error:
//! - space-separated terms must all match; `"…"` keeps spaces together in one term;
//! - `-term` excludes; `date:2023-11`, `date:2023-11-01..2023-11-30`, `paper:NAME` filter.
//!
//! Matching ignores white space, so quoting only groups words into one term.

use crate::ingest::Date;
use crate::ingest::date::days_in_month;

/// Longer queries are refused: no one types them, and a phrase of thousands of character
/// pairs would cost more than it could be worth.
pub const MAX_QUERY_CHARS: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Terms that must all occur, as typed.
    pub terms: Vec<String>,
    /// Terms that must not occur.
    pub excluded: Vec<String>,
    pub date: Option<DateRange>,
    /// `paper:` filters; an article matches if its paper contains any of them.
    pub papers: Vec<String>,
}

/// Inclusive bounds as yyyymmdd numbers (see [`Date::ordinal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error(
        "date:{input} is not a date or range (try date:2023-11, date:2023-11-20 or date:2023-11-01..2023-11-30)"
    )]
    BadDate { input: String },
    #[error("the query is {chars} characters long; at most {max} can be searched")]
    TooLong { chars: usize, max: usize },
}

impl Query {
    /// Nothing to match and nothing to filter on.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.date.is_none() && self.papers.is_empty()
    }
}

pub fn parse(input: &str) -> Result<Query, QueryError> {
    let chars = input.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong {
            chars,
            max: MAX_QUERY_CHARS,
        });
    }
    let mut q = Query::default();
    for word in split(input) {
        let (negated, body) = match word.text.strip_prefix('-') {
            Some(rest) if !rest.is_empty() && !word.quoted_from_start => (true, rest.to_owned()),
            _ => (false, word.text.clone()),
        };
        if !word.quoted_from_start && !negated {
            if let Some(spec) = strip_filter(&body, "date") {
                q.date = Some(parse_date_range(spec)?);
                continue;
            }
            if let Some(name) = strip_filter(&body, "paper") {
                if !name.trim().is_empty() {
                    q.papers.push(name.trim().to_owned());
                }
                continue;
            }
        }
        if body.chars().all(char::is_whitespace) {
            continue;
        }
        if negated {
            q.excluded.push(body);
        } else {
            q.terms.push(body);
        }
    }
    Ok(q)
}

struct Word {
    text: String,
    /// The word began with a quote: `"date:x"` is a term, not a filter.
    quoted_from_start: bool,
}

/// White-space separated words; `"…"` may hold white space, and an unclosed quote runs
/// to the end. Ideographic spaces separate too, as an input method types them.
fn split(input: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted_from_start = false;
    let mut in_quote = false;
    let mut started = false;
    for c in input.chars() {
        if c == '"' {
            if !started {
                quoted_from_start = true;
            }
            in_quote = !in_quote;
            started = true;
            continue;
        }
        if c.is_whitespace() && !in_quote {
            if started {
                out.push(Word {
                    text: std::mem::take(&mut cur),
                    quoted_from_start,
                });
            }
            started = false;
            quoted_from_start = false;
            continue;
        }
        cur.push(c);
        started = true;
    }
    if started {
        out.push(Word {
            text: cur,
            quoted_from_start,
        });
    }
    out
}

/// `paper:名` → `Some("名")` for `name` "paper" (either colon, any case of the name).
pub fn strip_filter<'a>(word: &'a str, name: &str) -> Option<&'a str> {
    let (head, rest) = word.split_once([':', '：'])?;
    head.eq_ignore_ascii_case(name).then_some(rest)
}

fn parse_date_range(spec: &str) -> Result<DateRange, QueryError> {
    let bad = || QueryError::BadDate {
        input: spec.to_owned(),
    };
    let (from, to) = match spec.split_once("..") {
        Some((a, b)) => {
            let from = if a.is_empty() {
                0
            } else {
                period(a).ok_or_else(bad)?.0
            };
            let to = if b.is_empty() {
                u32::MAX
            } else {
                period(b).ok_or_else(bad)?.1
            };
            if a.is_empty() && b.is_empty() {
                return Err(bad());
            }
            (from, to)
        }
        None => period(spec).ok_or_else(bad)?,
    };
    if from > to {
        return Err(bad());
    }
    Ok(DateRange { from, to })
}

/// `2023`, `2023-11` or `2023-11-20` (also with `/` or `.`, or `20231120`) → the first
/// and last day of that period as yyyymmdd.
pub fn period(s: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        vec![&s[..4], &s[4..6], &s[6..]]
    } else {
        s.split(['-', '/', '.']).collect()
    };
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y)?;
            let first = Date::new(y, 1, 1)?;
            Some((first.ordinal(), first.ordinal() + 1130))
        }
        [y, m] => {
            let (y, m) = (num(y)?, num(m)?);
            let first = Date::new(y, m, 1)?;
            Some((first.ordinal(), first.ordinal() + days_in_month(y, m) - 1))
        }
        [y, m, d] => {
            let d = Date::new(num(y)?, num(m)?, num(d)?)?;
            Some((d.ordinal(), d.ordinal()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &Query) -> Vec<&str> {
        q.terms.iter().map(String::as_str).collect()
    }

    #[test]
    fn terms_quotes_and_exclusions() {
        let q = parse("脱贫 \"攻坚 成果\" -河曲　巩固").unwrap();
        assert_eq!(terms(&q), ["脱贫", "攻坚 成果", "巩固"]);
        assert_eq!(q.excluded, ["河曲"]);
    }

    #[test]
    fn filters() {
        let q = parse("date:2023-11 paper:山西 会谈").unwrap();
        assert_eq!(
            q.date,
            Some(DateRange {
                from: 20231101,
                to: 20231130
            })
        );
        assert_eq!(q.papers, ["山西"]);
        assert_eq!(terms(&q), ["会谈"]);
        let q = parse("date：2023-11-01..2023-11-30").unwrap();
        assert_eq!(
            q.date,
            Some(DateRange {
                from: 20231101,
                to: 20231130
            })
        );
        let q = parse("date:2024-02").unwrap();
        assert_eq!(
            q.date,
            Some(DateRange {
                from: 20240201,
                to: 20240229
            })
        );
        let q = parse("date:..2020").unwrap();
        assert_eq!(
            q.date,
            Some(DateRange {
                from: 0,
                to: 20201231
            })
        );
        let q = parse("date:2023-11-20..").unwrap();
        assert_eq!(q.date.unwrap().from, 20231120);
        assert!(q.terms.is_empty() && !q.is_empty());
    }

    #[test]
    fn bad_dates_are_errors_that_say_what_works() {
        for bad in [
            "date:2023-13",
            "date:2023-02-30",
            "date:yesterday",
            "date:",
            "date:..",
            "date:2023-12..2023-01",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(matches!(e, QueryError::BadDate { .. }), "{bad}");
            assert!(e.to_string().contains("date:2023-11"), "{e}");
        }
    }

    #[test]
    fn quoted_filters_are_plain_terms() {
        let q = parse("\"date:2023\" \"-x\"").unwrap();
        assert_eq!(terms(&q), ["date:2023", "-x"]);
        assert!(q.date.is_none());
    }

    #[test]
    fn odd_input_never_fails() {
        for s in [
            "",
            "   ",
            "\"",
            "\"\"",
            "-",
            "--",
            "-\"",
            "，。！",
            "a\"b c",
            "paper:",
            ":",
            "date",
        ] {
            assert!(parse(s).is_ok(), "{s:?}");
        }
        assert!(parse("").unwrap().is_empty());
        assert_eq!(terms(&parse("-").unwrap()), ["-"]);
        assert_eq!(terms(&parse("a\"b c").unwrap()), ["ab c"]);
    }

    #[test]
    fn long_queries_are_refused_not_run() {
        let e = parse(&"字".repeat(10_000)).unwrap_err();
        assert_eq!(
            e,
            QueryError::TooLong {
                chars: 10_000,
                max: MAX_QUERY_CHARS
            }
        );
    }
}
