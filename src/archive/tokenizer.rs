//! The tokenizers of the index, all over folded text ([`super::fold`]):
//! - [`PairTokenizer`]: every pair of neighbouring characters, white space removed, at
//!   consecutive positions, then the last character alone. A phrase of pairs finds any
//!   substring of two or more characters exactly, so search never misses what is printed,
//!   and needs no dictionary; every character starts a term, so the terms starting with a
//!   character find it alone (a range of the term dictionary), and no field of single
//!   characters is needed.
//! - [`WordTokenizer`]: jieba's search-mode words, used only to rank (whole words and
//!   title words first).
//!
//! Tokens stream out of one reused buffer: indexing makes a token per character, and an
//! allocation each would cost more than the indexing itself.
//!
//! tantivy forgets tokenizers between processes: [`register`] runs on every open.

use std::str::CharIndices;
use std::sync::OnceLock;

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::fold::fold_char;

/// Names the schema and the registration share, so they cannot drift apart.
pub const PAIRS: &str = "dubao_pairs";
pub const WORDS: &str = "dubao_words";

pub fn register(index: &Index) {
    index.tokenizers().register(PAIRS, PairTokenizer);
    index.tokenizers().register(WORDS, WordTokenizer);
}

/// The dictionary takes a noticeable moment to load, so it is loaded once per process
/// and only for indexing: searching never needs it (see [`ranking_terms`]).
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Folded characters of a text with their byte ranges in it.
struct Folding<'a> {
    chars: CharIndices<'a>,
}

impl Iterator for Folding<'_> {
    type Item = (usize, usize, char);

    fn next(&mut self) -> Option<(usize, usize, char)> {
        loop {
            let (at, c) = self.chars.next()?;
            if let Some(f) = fold_char(c) {
                return Some((at, at + c.len_utf8(), f));
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct PairTokenizer;

pub struct PairStream<'a> {
    folding: Folding<'a>,
    /// The last character read, where it starts and ends.
    previous: Option<(usize, usize, char)>,
    position: usize,
    token: Token,
    /// The last character has been given alone.
    ended: bool,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairStream<'a> {
        PairStream {
            folding: Folding {
                chars: text.char_indices(),
            },
            previous: None,
            position: 0,
            token: Token::default(),
            ended: false,
        }
    }
}

impl PairStream<'_> {
    fn emit(&mut self, text: &[char], from: usize, to: usize) {
        let t = &mut self.token;
        t.text.clear();
        t.text.extend(text);
        t.offset_from = from;
        t.offset_to = to;
        t.position = self.position;
        t.position_length = 1;
        self.position += 1;
    }
}

impl TokenStream for PairStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to, c)) = self.folding.next() {
            let Some((prev_from, _, prev)) = self.previous.replace((from, to, c)) else {
                continue;
            };
            self.emit(&[prev, c], prev_from, to);
            return true;
        }
        match self.previous {
            Some((from, to, c)) if !self.ended => {
                self.ended = true;
                self.emit(&[c], from, to);
                true
            }
            _ => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct WordTokenizer;

/// The folded text and where jieba's words are in it.
pub struct WordStream {
    folded: String,
    words: Vec<(usize, usize)>,
    next: usize,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        // White space stays as a separator so Latin words stay apart.
        let folded: String = text.chars().map(|c| fold_char(c).unwrap_or(' ')).collect();
        // Without HMM: new-word guessing costs time, and what it would find is matched by
        // the character fields anyway; words only rank.
        let words = jieba()
            .cut_for_search(&folded, false)
            .into_iter()
            .filter(|w| w.word.chars().any(char::is_alphanumeric))
            .map(|w| (w.byte_start, w.byte_end))
            .collect();
        WordStream {
            folded,
            words,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        let Some(&(from, to)) = self.words.get(self.next) else {
            return false;
        };
        let t = &mut self.token;
        t.text.clear();
        t.text.push_str(&self.folded[from..to]);
        t.offset_from = from;
        t.offset_to = to;
        t.position = self.next;
        t.position_length = 1;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Longest word looked up in the word index for ranking: jieba's dictionary words are
/// rarely longer.
const MAX_WORD_CHARS: usize = 6;
/// Terms longer than this are not ranked by words: they match few articles, and their
/// substrings would make thousands of clauses.
const MAX_RANKED_TERM_CHARS: usize = 12;

/// The words to rank a folded term by, without jieba: every substring of 2–6 characters
/// (or the single character). Those that are words in the index add BM25 score; the rest
/// are not in its dictionary and cost a lookup. Jieba's search mode indexes the words
/// inside longer words, so this finds what segmenting the term would, and a process that
/// only searches never loads the dictionary.
pub fn ranking_terms(folded: &[char]) -> Vec<String> {
    let n = folded.len();
    if n == 0 || n > MAX_RANKED_TERM_CHARS {
        return Vec::new();
    }
    if n == 1 {
        return vec![folded[0].to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    for len in 2..=n.min(MAX_WORD_CHARS) {
        for start in 0..=n - len {
            let w: String = folded[start..start + len].iter().collect();
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream<T: Tokenizer>(mut t: T, text: &str) -> Vec<(usize, String)> {
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().position, s.token().text.clone()));
        }
        out
    }

    fn texts(v: &[(usize, String)]) -> Vec<(usize, &str)> {
        v.iter().map(|(p, t)| (*p, t.as_str())).collect()
    }

    #[test]
    fn pairs_are_folded_and_skip_white_space_and_the_last_character_comes_alone() {
        let t = stream(PairTokenizer, "脫貧 攻");
        assert_eq!(texts(&t), [(0, "脱贫"), (1, "贫攻"), (2, "攻")]);
        assert_eq!(texts(&stream(PairTokenizer, "Ａ")), [(0, "a")]);
        let mut tokenizer = PairTokenizer;
        let mut s = tokenizer.token_stream("脫貧");
        assert!(s.advance());
        assert_eq!(
            (s.token().offset_from, s.token().offset_to),
            (0, "脫貧".len())
        );
    }

    #[test]
    fn empty_and_blank_text_give_no_tokens() {
        assert!(stream(PairTokenizer, "").is_empty());
        assert!(stream(PairTokenizer, " \u{3000}\n").is_empty());
        assert!(stream(WordTokenizer, "，。 ").is_empty());
    }

    #[test]
    fn words_are_folded_and_cut_for_search() {
        let words: Vec<String> = stream(WordTokenizer, "中華人民共和國成立75周年")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(words.contains(&"中华".to_owned()), "{words:?}");
        assert!(words.contains(&"中华人民共和国".to_owned()), "{words:?}");
        assert!(words.contains(&"75".to_owned()), "{words:?}");
    }

    #[test]
    fn ranking_terms_cover_the_words_jieba_would_find() {
        let chars: Vec<char> = "脱贫攻坚".chars().collect();
        let terms = ranking_terms(&chars);
        let words: Vec<String> = stream(WordTokenizer, "脱贫攻坚")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        for w in words {
            assert!(terms.contains(&w), "{w} missing from {terms:?}");
        }
        assert_eq!(ranking_terms(&['贫']), ["贫"]);
        assert!(ranking_terms(&['字'; 13]).is_empty());
        assert!(ranking_terms(&[]).is_empty());
    }
}
