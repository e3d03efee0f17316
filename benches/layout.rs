//! `text::layout` on a long article at 80 columns, beside `textwrap::wrap` on the same
//! paragraphs at the same width, and the cost of a cached re-layout.
//!
//! Run: `cargo bench --bench layout` (add `-- --quick` for a short run).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dubao::text::{LayoutCache, LayoutOptions, layout};

const WIDTH_COLS: usize = 80;
/// The samples hold ~23k chars; they are repeated up to a long article's length.
const ARTICLE_CHARS: usize = 60_000;

/// The non-empty lines of the sample issues (one paragraph each), repeated to
/// `ARTICLE_CHARS`.
fn article() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("sample dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let samples: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("sample is UTF-8");
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!samples.is_empty(), "no sample paragraphs in {dir}");
    let mut paragraphs = Vec::new();
    let mut chars = 0;
    for p in samples.iter().cycle() {
        if chars >= ARTICLE_CHARS {
            break;
        }
        chars += p.chars().count();
        paragraphs.push(p.clone());
    }
    paragraphs
}

fn layout_beside_textwrap(c: &mut Criterion) {
    let paragraphs = article();
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    let opts = LayoutOptions::default();

    let mut group = c.benchmark_group("article_80_cols");
    group.throughput(Throughput::Elements(chars as u64));
    group.bench_function("dubao_layout", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| layout(black_box(p), WIDTH_COLS, &opts).len())
                .sum::<usize>()
        })
    });
    group.bench_function("textwrap_wrap", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| textwrap::wrap(black_box(p), WIDTH_COLS).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut cached = c.benchmark_group("article_80_cols_cached");
    cached.throughput(Throughput::Elements(chars as u64));
    let mut cache = LayoutCache::new(paragraphs.len() * 2);
    for p in &paragraphs {
        cache.get_or_layout(p, WIDTH_COLS, &opts);
    }
    cached.bench_function("dubao_cache_hit", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| cache.get_or_layout(black_box(p), WIDTH_COLS, &opts).len())
                .sum::<usize>()
        })
    });
    cached.finish();
}

criterion_group!(benches, layout_beside_textwrap);
criterion_main!(benches);
