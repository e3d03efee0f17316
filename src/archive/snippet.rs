//! Where the query's terms are in an article, and the snippet a hit shows: about 80
//! characters of the text as printed around the best place, with the character ranges
//! of every match in it.
//!
//! Written on folded characters rather than with tantivy's `SnippetGenerator`, which
//! highlights tokens (overlapping pairs here) in byte offsets; the contract is character
//! offsets of whole matches.

use std::ops::Range;

use super::fold::{Folded, fold_str};
use crate::ingest::{Article, TextRole};

/// Characters a snippet shows (not counting the "…" marks).
pub const SNIPPET_CHARS: usize = 80;
/// Characters kept before the first match, so it reads in context.
const LEAD_CHARS: usize = 20;

/// The folded terms to look for, without empty ones (a term of only white space).
pub fn folded_terms(terms: &[String]) -> Vec<Vec<char>> {
    terms
        .iter()
        .map(|t| fold_str(t).chars().collect::<Vec<_>>())
        .filter(|t: &Vec<char>| !t.is_empty())
        .collect()
}

/// One occurrence of a term in one text of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`Article::texts`].
    pub text: usize,
    /// Characters of that text, as printed.
    pub chars: Range<usize>,
    /// Which term matched.
    pub term: usize,
}

/// Every occurrence of every term, in reading order.
pub fn find_matches(article: &Article, terms: &[Vec<char>]) -> Vec<Match> {
    let mut out = Vec::new();
    for (text, (_, s)) in article.texts().into_iter().enumerate() {
        let folded = Folded::new(s);
        for (term, needle) in terms.iter().enumerate() {
            for chars in folded.find_all(needle) {
                out.push(Match { text, chars, term });
            }
        }
    }
    out.sort_by_key(|m| (m.text, m.chars.start, m.chars.end, m.term));
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Character ranges of `text`, one per match fully inside the snippet; they may
    /// overlap ("哈哈" in "哈哈哈").
    pub highlights: Vec<[usize; 2]>,
}

/// Distinct terms in a window, whether it is body text, matches in it.
type Rank = (usize, bool, usize);

pub fn snippet(article: &Article, terms: &[Vec<char>]) -> Snippet {
    let texts = article.texts();
    let matches = find_matches(article, terms);
    // Ranked by distinct terms in the window, then body over headline (body text reads
    // better than a repeat of the title shown beside it), then matches in the window; the
    // earliest place wins ties.
    let mut best: Option<(Rank, &Match, Range<usize>)> = None;
    for m in &matches {
        let len = texts[m.text].1.chars().count();
        let window = window_around(m.chars.start, len);
        let inside: Vec<&Match> = matches
            .iter()
            .filter(|o| o.text == m.text && contains(&window, &o.chars))
            .collect();
        let mut distinct: Vec<usize> = inside.iter().map(|o| o.term).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let body = !matches!(
            texts[m.text].0,
            TextRole::Title | TextRole::Kicker | TextRole::Subtitle
        );
        let rank = (distinct.len(), body, inside.len());
        if best.as_ref().is_none_or(|b| rank > b.0) {
            best = Some((rank, m, window));
        }
    }
    let Some((_, m, window)) = best else {
        let first = article
            .paragraphs()
            .next()
            .or(texts.first().map(|t| t.1))
            .unwrap_or("");
        let len = first.chars().count();
        return cut(first, 0..len.min(SNIPPET_CHARS), len, &[]);
    };
    let text = texts[m.text].1;
    let len = text.chars().count();
    let inside: Vec<Range<usize>> = matches
        .iter()
        .filter(|o| o.text == m.text && contains(&window, &o.chars))
        .map(|o| o.chars.clone())
        .collect();
    cut(text, window, len, &inside)
}

fn window_around(start: usize, len: usize) -> Range<usize> {
    let from = start.saturating_sub(LEAD_CHARS);
    let to = (from + SNIPPET_CHARS).min(len);
    let from = to.saturating_sub(SNIPPET_CHARS).min(from);
    from..to
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn cut(text: &str, window: Range<usize>, len: usize, matches: &[Range<usize>]) -> Snippet {
    let mut out = String::new();
    let lead = usize::from(window.start > 0);
    if lead == 1 {
        out.push('…');
    }
    out.extend(text.chars().skip(window.start).take(window.len()));
    if window.end < len {
        out.push('…');
    }
    let highlights = matches
        .iter()
        .map(|r| [r.start - window.start + lead, r.end - window.start + lead])
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Section;

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        Article {
            title: Some(title.into()),
            sections: vec![Section {
                heading: None,
                paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            }],
            ..Article::default()
        }
    }

    fn terms(ts: &[&str]) -> Vec<Vec<char>> {
        folded_terms(&ts.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>())
    }

    fn cut_out(s: &Snippet, h: [usize; 2]) -> String {
        s.text.chars().skip(h[0]).take(h[1] - h[0]).collect()
    }

    #[test]
    fn highlights_are_character_offsets_of_the_printed_text() {
        let a = article("标题", &["鞏固拓展脫貧攻堅成果。"]);
        let s = snippet(&a, &terms(&["脱贫"]));
        assert_eq!(s.text, "鞏固拓展脫貧攻堅成果。");
        assert_eq!(s.highlights, [[4, 6]]);
        assert_eq!(cut_out(&s, s.highlights[0]), "脫貧");
    }

    #[test]
    fn long_text_is_cut_around_the_match_with_marks() {
        let p = format!("{}脱贫攻坚{}", "前".repeat(100), "后".repeat(100));
        let s = snippet(&article("标题", &[&p]), &terms(&["攻坚"]));
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS + 2);
        let h = s.highlights[0];
        assert_eq!(cut_out(&s, h), "攻坚");
        assert_eq!(h[0], 1 + LEAD_CHARS);
    }

    #[test]
    fn the_place_with_the_most_terms_wins() {
        let a = article("标题", &["脱贫在这里。", "这里既有脱贫也有攻坚。"]);
        let s = snippet(&a, &terms(&["脱贫", "攻坚"]));
        assert_eq!(s.text, "这里既有脱贫也有攻坚。");
        assert_eq!(s.highlights.len(), 2);
    }

    #[test]
    fn body_text_is_preferred_to_the_title() {
        let a = article("脱贫攻坚", &["全省脱贫攻坚取得胜利。"]);
        let s = snippet(&a, &terms(&["脱贫"]));
        assert_eq!(s.text, "全省脱贫攻坚取得胜利。");
    }

    #[test]
    fn a_match_across_white_space_is_one_range() {
        let a = article("标题", &["记者 王 勇报道"]);
        let s = snippet(&a, &terms(&["王勇"]));
        assert_eq!(cut_out(&s, s.highlights[0]), "王 勇");
    }

    #[test]
    fn no_match_gives_the_start_of_the_text() {
        let a = article("标题", &["第一段。"]);
        let s = snippet(&a, &[]);
        assert_eq!(s.text, "第一段。");
        assert!(s.highlights.is_empty());
    }
}
