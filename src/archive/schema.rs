//! The index schema. One index holds three kinds of documents:
//! - `issue`: an issue's metadata (JSON in the `meta` fast field), one per issue;
//! - `raw`: an issue's raw text (in `doc`), read only when the reader shows the original;
//! - `article`: one per article, with its JSON in `doc` and every text indexed twice,
//!   as characters (matching: pairs, and each text's last character alone) and as words
//!   (ranking).
//!
//! Every document carries `issue` and `source`, so replacing an issue is one
//! `delete_term` on its source.

use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::tokenizer;

pub const KIND: &str = "kind";
pub const ISSUE: &str = "issue";
pub const SOURCE: &str = "source";
pub const DATE: &str = "date";
pub const ISSUE_ORD: &str = "issue_ord";
pub const ARTICLES: &str = "articles";
pub const FLAGS: &str = "flags";
pub const ARTICLE: &str = "article";
pub const PAPER: &str = "paper";
pub const PAPER_PAIRS: &str = "paper_pairs";
pub const TITLE_WORDS: &str = "title_words";
pub const BODY_WORDS: &str = "body_words";
pub const PAIRS: &str = "pairs";
pub const DOC: &str = "doc";
pub const META: &str = "meta";

pub const KIND_ISSUE: &str = "issue";
pub const FLAG_DATE_INFERRED: u64 = 1;
pub const FLAG_TRADITIONAL: u64 = 2;
pub const KIND_RAW: &str = "raw";
pub const KIND_ARTICLE: &str = "article";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub issue: Field,
    pub source: Field,
    /// The issue date as yyyymmdd (0 when unknown), for ranges, ordering and display.
    pub date: Field,
    /// The article's index within its issue.
    pub article: Field,
    /// The issue's id as a number: orders equal hits the same way every time.
    pub issue_ord: Field,
    /// An issue document's article count, and its [`FLAG_DATE_INFERRED`] and
    /// [`FLAG_TRADITIONAL`]: with the date and paper columns, the issue list, read
    /// without a stored document.
    pub articles: Field,
    pub flags: Field,
    pub paper: Field,
    pub paper_text: Field,
    pub title_words: Field,
    pub body_words: Field,
    /// Every text of the article, for matching (see [`super::tokenizer::PairTokenizer`]).
    pub text: Field,
    pub doc: Field,
    /// An issue's metadata (JSON), as a fast field: listing issues reads this compact
    /// column, not the store.
    pub meta: Field,
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    let pairs = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::PAIRS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::WORDS)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    b.add_text_field(KIND, STRING);
    b.add_text_field(ISSUE, STRING | STORED);
    b.add_text_field(SOURCE, STRING | STORED);
    b.add_u64_field(DATE, INDEXED | STORED | tantivy::schema::FAST);
    b.add_u64_field(ARTICLE, STORED | tantivy::schema::FAST);
    b.add_u64_field(ISSUE_ORD, tantivy::schema::FAST);
    b.add_u64_field(ARTICLES, tantivy::schema::FAST);
    b.add_u64_field(FLAGS, tantivy::schema::FAST);
    // Fast too: the timeline counts hits per paper without reading the store.
    b.add_text_field(PAPER, TextOptions::default().set_stored().set_fast("raw"));
    b.add_text_field(PAPER_PAIRS, pairs.clone());
    b.add_text_field(TITLE_WORDS, words.clone());
    b.add_text_field(BODY_WORDS, words);
    b.add_text_field(PAIRS, pairs);
    b.add_text_field(DOC, STORED);
    b.add_bytes_field(META, tantivy::schema::FAST);
    b.build()
}

impl Fields {
    /// Resolves every field, or names the first one missing: an index with another
    /// schema is not ours, whatever its folder says.
    pub fn resolve(schema: &Schema) -> Result<Fields, &'static str> {
        let f = |name: &'static str| schema.get_field(name).map_err(|_| name);
        Ok(Fields {
            kind: f(KIND)?,
            issue: f(ISSUE)?,
            source: f(SOURCE)?,
            date: f(DATE)?,
            article: f(ARTICLE)?,
            issue_ord: f(ISSUE_ORD)?,
            articles: f(ARTICLES)?,
            flags: f(FLAGS)?,
            paper: f(PAPER)?,
            paper_text: f(PAPER_PAIRS)?,
            title_words: f(TITLE_WORDS)?,
            body_words: f(BODY_WORDS)?,
            text: f(PAIRS)?,
            doc: f(DOC)?,
            meta: f(META)?,
        })
    }
}
