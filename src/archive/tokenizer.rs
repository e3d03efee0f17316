//! The two tokenizers of the index, both over folded text ([`super::fold`]):
//! - [`CharTokenizer`]: every character and every pair of neighbouring characters, white
//!   space removed. A phrase of pairs finds any substring exactly, so search never misses
//!   what is printed, and needs no dictionary.
//! - [`WordTokenizer`]: jieba's search-mode words, used only to rank (whole words and
//!   title words first).
//!
//! tantivy forgets tokenizers between processes: [`register`] runs on every open.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::fold::fold_char;

/// Names the schema and the registration share, so they cannot drift apart.
pub const CHARS: &str = "dubao_chars";
pub const WORDS: &str = "dubao_words";

pub fn register(index: &Index) {
    index.tokenizers().register(CHARS, CharTokenizer);
    index.tokenizers().register(WORDS, WordTokenizer);
}

/// The dictionary takes a noticeable moment to load, so it is loaded once per process
/// and only when words are needed (indexing, ranking): opening an archive and matching
/// characters never wait for it.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

#[derive(Clone, Copy, Debug, Default)]
pub struct CharTokenizer;

#[derive(Clone, Copy, Debug, Default)]
pub struct WordTokenizer;

/// Tokens computed up front: both tokenizers need the whole folded text first.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: char_tokens(text),
            next: 0,
        }
    }
}

/// Unigram and bigram at each folded position: position i holds character i and the pair
/// (i, i+1), so the pairs of a query are consecutive positions.
pub fn char_tokens(text: &str) -> Vec<Token> {
    let folded: Vec<(usize, usize, char)> = text
        .char_indices()
        .filter_map(|(at, c)| fold_char(c).map(|f| (at, at + c.len_utf8(), f)))
        .collect();
    let mut tokens = Vec::with_capacity(folded.len() * 2);
    for (position, &(from, to, c)) in folded.iter().enumerate() {
        tokens.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: c.to_string(),
            position_length: 1,
        });
        if let Some(&(_, next_to, next)) = folded.get(position + 1) {
            let mut pair = String::with_capacity(8);
            pair.push(c);
            pair.push(next);
            tokens.push(Token {
                offset_from: from,
                offset_to: next_to,
                position,
                text: pair,
                position_length: 1,
            });
        }
    }
    tokens
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: word_tokens(text),
            next: 0,
        }
    }
}

/// Folded words; white space is kept as a separator (so Latin words stay apart) and
/// punctuation is not a word.
pub fn word_tokens(text: &str) -> Vec<Token> {
    let folded: String = text.chars().map(|c| fold_char(c).unwrap_or(' ')).collect();
    let mut tokens = Vec::new();
    for word in jieba().cut_for_search(&folded, true) {
        if !word.word.chars().any(char::is_alphanumeric) {
            continue;
        }
        tokens.push(Token {
            offset_from: word.byte_start,
            offset_to: word.byte_end,
            position: tokens.len(),
            text: word.word.to_owned(),
            position_length: 1,
        });
    }
    tokens
}

/// The words of a query term, as the index holds them.
pub fn query_words(term: &str) -> Vec<String> {
    word_tokens(term).into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<(usize, &str)> {
        tokens
            .iter()
            .map(|t| (t.position, t.text.as_str()))
            .collect()
    }

    #[test]
    fn chars_and_pairs_share_positions() {
        let t = char_tokens("脫貧 攻");
        assert_eq!(
            texts(&t),
            [(0, "脱"), (0, "脱贫"), (1, "贫"), (1, "贫攻"), (2, "攻")]
        );
        assert_eq!(t[1].offset_from, 0);
        assert_eq!(t[1].offset_to, "脫貧".len());
    }

    #[test]
    fn empty_and_blank_text_give_no_tokens() {
        assert!(char_tokens("").is_empty());
        assert!(char_tokens(" \u{3000}\n").is_empty());
        assert!(word_tokens("，。 ").is_empty());
    }

    #[test]
    fn words_are_folded_and_cut_for_search() {
        let words: Vec<String> = word_tokens("中華人民共和國成立75周年")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(words.contains(&"中华".to_owned()), "{words:?}");
        assert!(words.contains(&"中华人民共和国".to_owned()), "{words:?}");
        assert!(words.contains(&"75".to_owned()), "{words:?}");
    }
}
