//! `cargo bench --bench figures [-- --size MB]`: dubao's figures beside its peers, measured
//! in the same run on a synthetic archive (default 100 MB of text), as ratios: import and
//! archive size beside a plain tantivy + jieba word index of the same files (and raw jieba
//! `cut_for_search`), query latency beside `rg -F -c` over the raw files and beside the
//! word index, `search` as a process, the reader's first frame, first issue-list screen
//! and peak memory, the timeline and the concordance beside the hit list, layout beside
//! textwrap. `--size N` above 100 measures 100 MB and N MB in one run and prints them side
//! by side. Prints a table and writes `target/bench/report.json`.
//!
//! ripgrep is installed with apt-get when it is missing (the peer must be on the
//! machine); without it the rg columns say "n/a".

#[path = "support/synth.rs"]
mod synth;
#[path = "support/word_index.rs"]
mod word_index;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dubao::archive::concordance::{self, KwicSort};
use dubao::archive::library::LocalLibrary;
use dubao::archive::{Archive, ImportOptions, SearchOptions, query};
use dubao::text::{self, LayoutOptions};
use serde_json::json;

const DEFAULT_MB: u64 = 100;
const QUERIES: usize = 200;
const PROCESS_RUNS: usize = 20;
/// Queries the timeline and the concordance are timed on (the first of the 200).
const VIEW_QUERIES: usize = 50;
const SEED: u64 = 0x00d0_ba00;

/// One figure at one size: what dubao measured, what its peer did, and their ratio.
#[derive(Clone, Default)]
struct Cell {
    dubao: String,
    peer: String,
    ratio: Option<f64>,
    met: Option<bool>,
}

struct Row {
    what: &'static str,
    goal: &'static str,
    cells: Vec<Cell>,
}

/// Everything measured on one corpus.
struct Run {
    mb: f64,
    issues: usize,
    articles: usize,
    cells: Vec<(&'static str, &'static str, Cell)>,
    space: Vec<(String, u64)>,
    slowest: Vec<(f64, String)>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb = args
        .iter()
        .position(|a| a == "--size")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.trim_end_matches(['M', 'B', 'm', 'b']).parse().ok())
        .unwrap_or(DEFAULT_MB);
    let sizes: Vec<u64> = if mb > DEFAULT_MB {
        vec![DEFAULT_MB, mb]
    } else {
        vec![mb]
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| manifest.join("target"), PathBuf::from);
    let root = target.join("bench");
    std::fs::create_dir_all(&root).expect("target/bench");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rg = ensure_ripgrep();
    let runs: Vec<Run> = sizes
        .iter()
        .map(|&mb| run(mb, manifest, &root, rg.as_deref(), threads))
        .collect();
    // Rows in the order measured; a cell per size.
    let rows: Vec<Row> = runs[0]
        .cells
        .iter()
        .enumerate()
        .map(|(i, (what, goal, _))| Row {
            what,
            goal,
            cells: runs.iter().map(|r| r.cells[i].2.clone()).collect(),
        })
        .collect();
    print_table(&rows, &runs, threads);
    let report = json!({
        "threads": threads,
        "sizes": runs.iter().map(|r| json!({
            "corpus_mb": r.mb,
            "issues": r.issues,
            "articles": r.articles,
            "space": r.space.iter().map(|(k, v)| json!({"part": k, "bytes": v})).collect::<Vec<_>>(),
            "slowest_queries_ms": r.slowest.iter().map(|(ms, q)| json!({"query": q, "ms": ms})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "rows": rows.iter().map(|r| json!({
            "what": r.what, "goal": r.goal,
            "cells": r.cells.iter().map(|c| json!({
                "dubao": c.dubao, "peer": c.peer, "ratio": c.ratio, "met": c.met,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let path = root.join("report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).expect("json"))
        .expect("report.json");
    eprintln!("bench: report written to {}", path.display());
}

fn run(mb: u64, manifest: &Path, root: &Path, rg: Option<&str>, threads: usize) -> Run {
    let dubao_bin = PathBuf::from(env!("CARGO_BIN_EXE_dubao"));
    let mut cells: Vec<(&'static str, &'static str, Cell)> = Vec::new();
    let mut push = |what, goal, cell| cells.push((what, goal, cell));
    let big = mb >= 1000;

    eprintln!("bench: generating {mb} MB of issues…");
    let corpus = synth::generate(
        &root.join(format!("corpus-{mb}")),
        &manifest.join("assets/sample"),
        &synth::Spec {
            bytes: mb * 1_000_000,
            seed: SEED,
        },
    )
    .expect("corpus");
    let corpus_mb = corpus.bytes as f64 / 1e6;

    // Import, beside the word index and raw jieba over the same text.
    eprintln!(
        "bench: importing {} files ({corpus_mb:.1} MB)…",
        corpus.files.len()
    );
    let archive_dir = root.join(format!("archive-{mb}"));
    let _ = std::fs::remove_dir_all(&archive_dir);
    let started = Instant::now();
    let archive = Archive::open_or_create(&archive_dir).expect("archive");
    let report = archive
        .import(
            std::slice::from_ref(&corpus.dir),
            &ImportOptions::default(),
            &mut |_| {},
        )
        .expect("import");
    let import_s = started.elapsed().as_secs_f64();
    eprintln!("bench: the word index (tantivy + jieba)…");
    let words =
        word_index::build(&root.join(format!("words-{mb}")), &corpus.files).expect("word index");
    eprintln!("bench: jieba cut_for_search on {threads} threads…");
    let jieba_s = jieba_peer(&corpus.files, threads);
    let import_rate = corpus_mb / import_s;
    let words_rate = corpus_mb / words.import_s;
    push(
        "import (MB/s)",
        "≥ 0.5× word index",
        Cell {
            dubao: format!("{import_rate:.2} ({import_s:.0} s)"),
            peer: format!(
                "{words_rate:.2} word index; {:.1} jieba alone",
                corpus_mb / jieba_s
            ),
            ratio: Some(import_rate / words_rate),
            met: Some(import_rate / words_rate >= 0.5),
        },
    );
    let space = archive.space().expect("space");
    let size_ratio = space.total as f64 / corpus.bytes as f64;
    let words_ratio = words.bytes as f64 / corpus.bytes as f64;
    push(
        "archive size ÷ text",
        "≤ 1.6×",
        Cell {
            dubao: format!("{size_ratio:.2} ({:.0} MB)", space.total as f64 / 1e6),
            peer: format!("{words_ratio:.2} word index"),
            ratio: Some(size_ratio / words_ratio),
            met: Some(size_ratio <= 1.6),
        },
    );

    // Queries in-process, top 20 with snippets, beside rg -F -c over the raw files and
    // the word index's top 20.
    let queries = make_queries(&archive, QUERIES);
    let _ = archive.search(
        &query::parse("山西").expect("query"),
        &SearchOptions::default(),
    );
    let opts = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    let parsed: Vec<query::Query> = queries
        .iter()
        .map(|(q, _)| query::parse(q).expect("query"))
        .collect();
    let mut ours: Vec<f64> = parsed
        .iter()
        .map(|q| {
            let t = Instant::now();
            let r = archive.search(q, &opts).expect("search");
            std::hint::black_box(r);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let mut slowest: Vec<(f64, String)> = ours
        .iter()
        .copied()
        .zip(queries.iter().map(|(q, _)| q.clone()))
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    slowest.truncate(5);
    for (ms, q) in &slowest {
        eprintln!("bench: slow query {ms:.2} ms: {q}");
    }
    // rg's files with a match, and the word index's, for the one-term queries: how much
    // of what is printed a word index finds.
    let (mut rg_files, mut word_files) = (0usize, 0usize);
    let mut theirs: Vec<f64> = Vec::new();
    if let Some(rg) = rg {
        for (q, term) in &queries {
            let t = Instant::now();
            let out = Command::new(rg)
                .args(["-F", "-c", "--no-messages", term])
                .arg(&corpus.dir)
                .stderr(Stdio::null())
                .output();
            theirs.push(t.elapsed().as_secs_f64() * 1000.0);
            if q == term {
                let files = out.map_or(0, |o| o.stdout.iter().filter(|b| **b == b'\n').count());
                rg_files += files;
                word_files += words.search(term).0.min(files);
            }
        }
    }
    let mut word_ms: Vec<f64> = queries
        .iter()
        .map(|(_, term)| {
            let t = Instant::now();
            std::hint::black_box(words.search(term));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (p50, p99) = (percentile(&mut ours, 50.0), percentile(&mut ours, 99.0));
    let rg_p50 = (!theirs.is_empty()).then(|| percentile(&mut theirs, 50.0));
    let rg_p99 = (!theirs.is_empty()).then(|| percentile(&mut theirs, 99.0));
    let (w50, w99) = (
        percentile(&mut word_ms, 50.0),
        percentile(&mut word_ms, 99.0),
    );
    push(
        "query p50 (ms, in-process, top 20)",
        "≥ 20× rg",
        Cell {
            dubao: format!("{p50:.2}"),
            peer: format!(
                "{} rg -F -c; {w50:.2} word index",
                rg_p50.map_or("n/a".into(), |v| format!("{v:.1}"))
            ),
            ratio: rg_p50.map(|v| v / p50),
            met: rg_p50.map(|v| v / p50 >= 20.0),
        },
    );
    push(
        "query p99 (ms, in-process, top 20)",
        "≤ 20 ms at 1 GB",
        Cell {
            dubao: format!("{p99:.2}"),
            peer: format!(
                "{} rg -F -c; {w99:.2} word index",
                rg_p99.map_or("n/a".into(), |v| format!("{v:.1}"))
            ),
            ratio: rg_p99.map(|v| v / p99),
            met: big.then_some(p99 <= 20.0),
        },
    );
    // One character, as the first key typed in live search sends: the range of pair
    // terms it starts.
    let mut single: Vec<f64> = queries
        .iter()
        .take(VIEW_QUERIES)
        .filter_map(|(_, term)| term.chars().next())
        .map(|c| {
            let q = query::parse(&c.to_string()).expect("query");
            let t = Instant::now();
            std::hint::black_box(archive.search(&q, &opts).expect("search"));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (s50, s99) = (percentile(&mut single, 50.0), percentile(&mut single, 99.0));
    push(
        "one-character query p50 / p99 (ms, top 20)",
        "-",
        Cell {
            dubao: format!("{s50:.2} / {s99:.2}"),
            peer: format!("{p50:.2} all queries p50"),
            ratio: Some(s50 / p50),
            met: None,
        },
    );
    if rg_files > 0 {
        let recall = word_files as f64 / rg_files as f64;
        push(
            "files found of those rg finds (one-term queries)",
            "exact: 1.000",
            Cell {
                dubao: "1.000 (tests/archive_search.rs)".into(),
                peer: format!("{recall:.3} word index"),
                ratio: None,
                met: None,
            },
        );
    }

    // The views that read more than a page of hits, beside the hit list.
    let library = LocalLibrary::open(&archive_dir).expect("library");
    let view = &parsed[..VIEW_QUERIES.min(parsed.len())];
    let time = |f: &dyn Fn(&query::Query)| -> Vec<f64> {
        view.iter()
            .map(|q| {
                let t = Instant::now();
                f(q);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect()
    };
    let mut list = time(&|q| {
        std::hint::black_box(archive.search(q, &opts).expect("search"));
    });
    let mut chart = time(&|q| {
        std::hint::black_box(archive.timeline(q, None, None).expect("timeline"));
    });
    let mut kwic = time(&|q| {
        std::hint::black_box(
            concordance::page(
                &library,
                q,
                None,
                KwicSort::Date,
                0,
                concordance::CONTEXT_CHARS,
            )
            .expect("concordance"),
        );
    });
    let list50 = percentile(&mut list, 50.0);
    for (what, v) in [
        ("timeline p50 / p99 (ms)", &mut chart),
        ("concordance first screen p50 / p99 (ms)", &mut kwic),
    ] {
        let (a, b) = (percentile(v, 50.0), percentile(v, 99.0));
        push(
            what,
            "-",
            Cell {
                dubao: format!("{a:.2} / {b:.2}"),
                peer: format!("{list50:.2} hit list p50"),
                ratio: Some(a / list50),
                met: None,
            },
        );
    }

    // Whole processes: `dubao search` against `rg`.
    let mut proc_ours = Vec::new();
    let mut proc_theirs = Vec::new();
    for (q, term) in queries.iter().take(PROCESS_RUNS) {
        let mut cmd = Command::new(&dubao_bin);
        cmd.arg("--archive")
            .arg(&archive_dir)
            .args(["search", q, "--limit", "20", "--json"]);
        isolate(&mut cmd, root);
        proc_ours.push(time_process(&mut cmd));
        if let Some(rg) = rg {
            proc_theirs.push(time_process(
                Command::new(rg)
                    .args(["-F", "-c", "--no-messages", term])
                    .arg(&corpus.dir),
            ));
        }
    }
    let ours_med = percentile(&mut proc_ours, 50.0);
    let theirs_med = (!proc_theirs.is_empty()).then(|| percentile(&mut proc_theirs, 50.0));
    push(
        "search as a process, median (ms)",
        "faster than rg",
        Cell {
            dubao: format!("{ours_med:.1}"),
            peer: theirs_med.map_or("n/a".into(), |v| format!("{v:.1} rg as a process")),
            ratio: theirs_med.map(|v| v / ours_med),
            met: theirs_med.map(|v| v > ours_med),
        },
    );

    // The reader: first frame, first issue-list screen and peak memory, in a
    // pseudo-terminal.
    match reader_figures(&dubao_bin, &archive_dir, root) {
        Some(r) => {
            push(
                "first frame (ms from process start)",
                "≤ 50 ms",
                Cell {
                    dubao: format!("{:.1}", r.first_frame),
                    met: Some(r.first_frame <= 50.0),
                    ..Cell::default()
                },
            );
            push(
                "first issue-list screen (ms from process start)",
                "≤ 300 ms at 1 GB",
                Cell {
                    dubao: format!("{:.1}", r.first_list),
                    met: big.then_some(r.first_list <= 300.0),
                    ..Cell::default()
                },
            );
            push(
                "reader VmHWM, list + a search (MB)",
                "≤ 100 MB at 1 GB",
                Cell {
                    dubao: format!("{:.1}", r.rss_mb),
                    met: big.then_some(r.rss_mb <= 100.0),
                    ..Cell::default()
                },
            );
        }
        None => eprintln!(
            "bench: no `script` to give the reader a terminal; the reader's figures skipped"
        ),
    }

    // Layout beside textwrap.
    let (ours_mbs, theirs_mbs) = layout_figures(&corpus.files);
    push(
        "layout at 80 columns (MB/s)",
        "-",
        Cell {
            dubao: format!("{ours_mbs:.1}"),
            peer: format!("{theirs_mbs:.1} textwrap::wrap"),
            ratio: Some(ours_mbs / theirs_mbs),
            met: None,
        },
    );
    let total = space.total.max(1) as f64;
    let mut parts: Vec<(String, u64)> = space
        .largest()
        .into_iter()
        .map(|(part, field, n)| (format!("{part} {field}"), n))
        .collect();
    parts.truncate(12);
    eprintln!("bench: where the archive's {:.0} MB go:", total / 1e6);
    for (k, v) in &parts {
        eprintln!(
            "bench:   {k:<28} {:>8.1} MB {:>5.1}% {:>5.2}× text",
            *v as f64 / 1e6,
            100.0 * *v as f64 / total,
            *v as f64 / corpus.bytes as f64
        );
    }
    Run {
        mb: corpus_mb,
        issues: corpus.files.len(),
        articles: report.articles,
        cells,
        space: parts,
        slowest,
    }
}

/// Never the real home: config, data and state point into the bench folder.
fn isolate(cmd: &mut Command, root: &Path) {
    cmd.env("DUBAO_CONFIG_DIR", root.join("config"))
        .env("DUBAO_DATA_DIR", root.join("data"))
        .env("DUBAO_STATE_DIR", root.join("state"))
        .env_remove("DUBAO_ARCHIVE");
}

fn ensure_ripgrep() -> Option<String> {
    let works = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if works("rg") {
        return Some("rg".into());
    }
    eprintln!(
        "bench: ripgrep is missing; installing it with apt-get (the peer of the search figures)"
    );
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let sudo: &[&str] = if root { &[] } else { &["sudo"] };
    let run = |args: &[&str]| {
        let (cmd, rest) = [sudo, args]
            .concat()
            .split_first()
            .map(|(c, r)| (c.to_string(), r.to_vec()))
            .unwrap_or_default();
        Command::new(cmd)
            .args(rest)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    let _ = run(&["apt-get", "update", "-qq"]);
    let _ = run(&["apt-get", "install", "-y", "-qq", "ripgrep"]);
    works("rg").then(|| "rg".into())
}

fn time_process(cmd: &mut Command) -> f64 {
    let t = Instant::now();
    let _ = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status();
    t.elapsed().as_secs_f64() * 1000.0
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

fn jieba_peer(files: &[PathBuf], threads: usize) -> f64 {
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let jieba = dubao::archive::tokenizer::jieba();
    let started = Instant::now();
    std::thread::scope(|s| {
        for chunk in texts.chunks(texts.len().div_ceil(threads).max(1)) {
            s.spawn(move || {
                let mut n = 0usize;
                for t in chunk {
                    // The same setting the index uses (no HMM).
                    n += jieba.cut_for_search(t, false).len();
                }
                std::hint::black_box(n);
            });
        }
    });
    started.elapsed().as_secs_f64()
}

/// Queries like people type: 2–6 characters, two-term phrases, and filtered ones, taken
/// from the archive's text. The second value is the term rg looks for.
fn make_queries(archive: &Archive, n: usize) -> Vec<(String, String)> {
    let mut rng = synth::Rng::new(SEED);
    let issues = archive.issues().expect("issues");
    let mut out = Vec::new();
    while out.len() < n {
        let issue = rng.pick(&issues);
        let Ok(articles) = archive.articles(&issue.id) else {
            continue;
        };
        let Some(a) = articles.get(rng.below(articles.len())) else {
            continue;
        };
        let Some(p) = a.paragraphs().next() else {
            continue;
        };
        let han: Vec<char> = p
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .collect();
        let len = 2 + rng.below(5);
        if han.len() < len * 2 {
            continue;
        }
        let start = rng.below(han.len() - len);
        let term: String = han[start..start + len].iter().collect();
        let q = match out.len() % 5 {
            0..=2 => term.clone(),
            3 => {
                let other: String = han[..2].iter().collect();
                format!("{term} {other}")
            }
            _ => match issue.date {
                Some(d) => format!("{term} date:{}", d.year()),
                None => term.clone(),
            },
        };
        out.push((q, term));
    }
    out
}

/// First frame (from spawning the process to the end of its first synchronized update),
/// the first screen with the issue list on it (the first frame with an issue's line,
/// whose article count ends in 篇), and peak RSS after a search ran, in a
/// pseudo-terminal made by `script`.
struct ReaderFigures {
    first_frame: f64,
    first_list: f64,
    rss_mb: f64,
}

fn reader_figures(bin: &Path, archive: &Path, root: &Path) -> Option<ReaderFigures> {
    let cmd = format!(
        "stty cols 120 rows 40; exec {} --archive {}",
        shell_quote(bin),
        shell_quote(archive)
    );
    let mut c = Command::new("script");
    c.args(["-qfec", &cmd, "/dev/null"])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    isolate(&mut c, root);
    let started = Instant::now();
    let mut child = c.spawn().ok()?;
    let mut stdout = child.stdout.take()?;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let end_sync = b"\x1b[?2026l";
    let listed = "篇".as_bytes();
    let mut first = None;
    let first_list = loop {
        let n = stdout.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        seen.extend_from_slice(&buf[..n]);
        let at = started.elapsed().as_secs_f64() * 1000.0;
        if first.is_none() && seen.windows(end_sync.len()).any(|w| w == end_sync) {
            first = Some(at);
        }
        // The end of the frame that drew the list.
        if let Some(i) = seen.windows(listed.len()).position(|w| w == listed) {
            if seen[i..].windows(end_sync.len()).any(|w| w == end_sync) {
                break at;
            }
        }
    };
    // Keep reading the screen so the reader never blocks on a full pipe.
    let drain = std::thread::spawn(move || {
        let mut sink = [0u8; 4096];
        while matches!(stdout.read(&mut sink), Ok(n) if n > 0) {}
    });
    std::thread::sleep(Duration::from_millis(1500));
    let mut stdin = child.stdin.take()?;
    let _ = stdin.write_all("/山西".as_bytes());
    let _ = stdin.flush();
    std::thread::sleep(Duration::from_millis(1500));
    let pid = find_child(child.id(), "dubao");
    let rss = pid.and_then(peak_rss_mb);
    if let Some(pid) = pid {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status();
    }
    let _ = child.wait();
    let _ = drain.join();
    Some(ReaderFigures {
        first_frame: first?,
        first_list,
        rss_mb: rss?,
    })
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// A descendant of `pid` whose command is `name`.
fn find_child(pid: u32, name: &str) -> Option<u32> {
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
                continue;
            };
            let Some(close) = stat.rfind(')') else {
                continue;
            };
            let comm = &stat[stat.find('(').map_or(0, |i| i + 1)..close];
            let ppid: u32 = stat[close + 2..]
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            if ppid == p {
                if comm == name {
                    return Some(child);
                }
                frontier.push(child);
            }
        }
    }
    None
}

fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn layout_figures(files: &[PathBuf]) -> (f64, f64) {
    let paragraphs: Vec<String> = files
        .iter()
        .take(400)
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|t| {
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let opts = LayoutOptions::default();
    let t = Instant::now();
    for p in &paragraphs {
        std::hint::black_box(text::layout(p, 80, &opts));
    }
    let ours = mb / t.elapsed().as_secs_f64();
    let t = Instant::now();
    for p in &paragraphs {
        std::hint::black_box(textwrap::wrap(p, 80));
    }
    let theirs = mb / t.elapsed().as_secs_f64();
    (ours, theirs)
}

fn print_table(rows: &[Row], runs: &[Run], threads: usize) {
    for r in runs {
        println!(
            "dubao figures on {:.1} MB of text ({} issues, {} articles), {threads} threads",
            r.mb, r.issues, r.articles
        );
    }
    let sizes: Vec<String> = runs.iter().map(|r| format!("{:.0} MB", r.mb)).collect();
    println!(
        "| measure | {} | goal | met |",
        sizes
            .iter()
            .map(|s| format!("{s}: dubao | peer | ratio (×)"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|{}---|---|", "---|---|---|".repeat(runs.len()));
    for r in rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                let ratio = c.ratio.map_or("-".into(), |v| format!("{v:.2}"));
                let peer = if c.peer.is_empty() { "-" } else { &c.peer };
                format!("{} | {peer} | {ratio}", c.dubao)
            })
            .collect();
        // Met or not at the largest size measured.
        let met = match r.cells.last().and_then(|c| c.met) {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        println!(
            "| {} | {} | {} | {met} |",
            r.what,
            cells.join(" | "),
            r.goal
        );
    }
}
