//! The word-index peer: a full-text index built the way most Rust projects start with
//! Chinese, tantivy with a jieba tokenizer. jieba-rs `cut_for_search` (no HMM, as dubao's
//! ranking uses it), positions, the text stored, one document per file, a 200 MB writer,
//! tantivy's defaults for the rest (lz4 store, its merge policy). Queries go through
//! tantivy's `QueryParser` (a phrase of the query's words), top 20 with the stored text.
//! The tokenizer is written here because it is the thirty lines every such project
//! writes (the `tantivy-jieba` crate does the same and lags tantivy's releases).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{
    IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, TantivyDocument, doc};

const TOKENIZER: &str = "jieba";
const WRITER_BYTES: usize = 200_000_000;

#[derive(Clone)]
struct Jieba;

struct Tokens {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokenizer for Jieba {
    type TokenStream<'a> = Tokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let jieba = dubao::archive::tokenizer::jieba();
        let tokens = jieba
            .cut_for_search(text, false)
            .into_iter()
            .filter(|t| !t.word.trim().is_empty())
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position,
                text: t.word.to_lowercase(),
                position_length: 1,
            })
            .collect();
        Tokens { tokens, at: 0 }
    }
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

pub struct WordIndex {
    pub dir: PathBuf,
    pub import_s: f64,
    pub bytes: u64,
    index: Index,
    reader: IndexReader,
    parser: QueryParser,
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Indexes `files` into a new index at `dir`, timed from reading the first file to the
/// end of the last merge.
pub fn build(dir: &Path, files: &[PathBuf]) -> tantivy::Result<WordIndex> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let mut b = Schema::builder();
    let path = b.add_text_field("path", STRING | STORED);
    let body = b.add_text_field(
        "body",
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored(),
    );
    let started = Instant::now();
    let index = Index::create_in_dir(dir, b.build())?;
    index.tokenizers().register(TOKENIZER, Jieba);
    let mut writer = index.writer::<TantivyDocument>(WRITER_BYTES)?;
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        writer.add_document(doc!(path => f.to_string_lossy().into_owned(), body => text))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let import_s = started.elapsed().as_secs_f64();
    let reader = index.reader()?;
    let parser = QueryParser::for_index(&index, vec![body]);
    Ok(WordIndex {
        dir: dir.to_path_buf(),
        import_s,
        bytes: dir_bytes(dir),
        index,
        reader,
        parser,
    })
}

impl WordIndex {
    /// Top 20 for `term` with each hit's stored text read, and how many files match.
    pub fn search(&self, term: &str) -> (usize, usize) {
        let Ok(query) = self.parser.parse_query(&format!("\"{term}\"")) else {
            return (0, 0);
        };
        let searcher = self.reader.searcher();
        let Ok((count, top)) =
            searcher.search(&query, &(Count, TopDocs::with_limit(20).order_by_score()))
        else {
            return (0, 0);
        };
        let mut read = 0;
        for (_, addr) in top {
            if let Ok(d) = searcher.doc::<TantivyDocument>(addr) {
                read += d
                    .field_values()
                    .filter_map(|(_, v)| v.as_str().map(str::len))
                    .sum::<usize>();
            }
        }
        std::hint::black_box(read);
        (count, read)
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
}
