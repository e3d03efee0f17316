//! `dubao::archive::query::parse` on arbitrary text (docs/fuzzing.md): never a panic;
//! more than `MAX_QUERY_CHARS` characters is `TooLong`; and a query that parses has
//! - no term, excluded term or paper that is empty or all white space, or holds a `"`
//!   (quotes are syntax), and papers trimmed;
//! - a date range with from <= to, each bound a real day or open (0 / u32::MAX), not
//!   both open;
//! - the same meaning when printed back in the query language (`"term"`, `-"term"`,
//!   `paper:"name"`, `date:from..to`) and parsed again.

#![no_main]

use dubao::archive::query::{self, DateRange, MAX_QUERY_CHARS, Query, QueryError};
use dubao::ingest::Date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let chars = input.chars().count();
    match query::parse(&input) {
        Ok(q) => {
            assert!(chars <= MAX_QUERY_CHARS);
            check(&q);
            let printed = print(&q);
            if printed.chars().count() <= MAX_QUERY_CHARS {
                let again = query::parse(&printed)
                    .unwrap_or_else(|e| panic!("{printed:?} from {input:?}: {e}"));
                assert_eq!(again, q, "{printed:?} from {input:?}");
            }
        }
        Err(QueryError::TooLong { chars: c, max }) => {
            assert_eq!((c, max), (chars, MAX_QUERY_CHARS));
            assert!(chars > MAX_QUERY_CHARS);
        }
        Err(e @ QueryError::BadDate { .. }) => {
            assert!(chars <= MAX_QUERY_CHARS);
            assert!(e.to_string().contains("date:2023-11"), "{e}");
        }
    }
});

fn check(q: &Query) {
    for t in q.terms.iter().chain(&q.excluded).chain(&q.papers) {
        assert!(
            !t.is_empty() && !t.chars().all(char::is_whitespace),
            "{q:?}"
        );
        assert!(!t.contains('"'), "{q:?}");
    }
    for p in &q.papers {
        assert_eq!(p.trim(), p, "{q:?}");
    }
    if let Some(DateRange { from, to }) = q.date {
        assert!(from <= to, "{q:?}");
        assert!(from == 0 || Date::from_ordinal(from).is_some(), "{q:?}");
        assert!(to == u32::MAX || Date::from_ordinal(to).is_some(), "{q:?}");
        assert!(from != 0 || to != u32::MAX, "{q:?}");
    }
}

/// The query written back in its own language.
fn print(q: &Query) -> String {
    let mut words: Vec<String> = Vec::new();
    words.extend(q.terms.iter().map(|t| format!("\"{t}\"")));
    words.extend(q.excluded.iter().map(|t| format!("-\"{t}\"")));
    words.extend(q.papers.iter().map(|p| format!("paper:\"{p}\"")));
    if let Some(DateRange { from, to }) = q.date {
        let day = |n: u32| {
            Date::from_ordinal(n)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        words.push(format!("date:{}..{}", day(from), day(to)));
    }
    words.join(" ")
}
