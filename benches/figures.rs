//! `cargo bench --bench figures [-- --size MB]`: dubao's figures beside its peers, measured
//! in the same run on a synthetic archive (default 100 MB of text), as ratios:
//! import beside raw jieba `cut_for_search`, query latency beside `rg -F -c` over the raw
//! files (in-process and as whole processes), first frame and peak memory, layout beside
//! textwrap. Prints a table and writes `target/bench/report.json`.
//!
//! ripgrep is installed with apt-get when it is missing (the peer must be on the
//! machine); without it the rg columns say "n/a".

#[path = "support/synth.rs"]
mod synth;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dubao::archive::{Archive, ImportOptions, SearchOptions, query};
use dubao::text::{self, LayoutOptions};
use serde_json::json;

const DEFAULT_MB: u64 = 100;
const QUERIES: usize = 200;
const PROCESS_RUNS: usize = 20;
const SEED: u64 = 0x00d0_ba00;

struct Row {
    what: &'static str,
    dubao: String,
    peer: String,
    ratio: Option<f64>,
    goal: &'static str,
    met: Option<bool>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb = args
        .iter()
        .position(|a| a == "--size")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.trim_end_matches(['M', 'B', 'm', 'b']).parse().ok())
        .unwrap_or(DEFAULT_MB);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| manifest.join("target"), PathBuf::from);
    let root = target.join("bench");
    std::fs::create_dir_all(&root).expect("target/bench");
    let dubao_bin = PathBuf::from(env!("CARGO_BIN_EXE_dubao"));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

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
    let rg = ensure_ripgrep();
    let mut rows = Vec::new();

    // Import, beside raw jieba over the same text on as many threads.
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
    eprintln!("bench: jieba cut_for_search on {threads} threads…");
    let jieba_s = jieba_peer(&corpus.files, threads);
    let (import_rate, jieba_rate) = (corpus_mb / import_s, corpus_mb / jieba_s);
    rows.push(Row {
        what: "import (MB/s)",
        dubao: format!(
            "{import_rate:.2} ({} articles, {import_s:.1} s)",
            report.articles
        ),
        peer: format!("{jieba_rate:.2} jieba cut_for_search ×{threads}"),
        ratio: Some(import_rate / jieba_rate),
        goal: "≥ 0.5×",
        met: Some(import_rate / jieba_rate >= 0.5),
    });

    // Queries in-process, top 20 with snippets, beside rg -F -c over the raw files.
    let queries = make_queries(&archive, QUERIES);
    let _ = archive.search(
        &query::parse("山西").expect("query"),
        &SearchOptions::default(),
    );
    let opts = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    let mut ours: Vec<f64> = queries
        .iter()
        .map(|(q, _)| {
            let parsed = query::parse(q).expect("query");
            let t = Instant::now();
            let r = archive.search(&parsed, &opts).expect("search");
            std::hint::black_box(r);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let mut slowest: Vec<(f64, &str)> = ours
        .iter()
        .copied()
        .zip(queries.iter().map(|(q, _)| q.as_str()))
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    slowest.truncate(5);
    for (ms, q) in &slowest {
        eprintln!("bench: slow query {ms:.2} ms: {q}");
    }
    let mut theirs: Vec<f64> = match &rg {
        Some(rg) => queries
            .iter()
            .map(|(_, term)| {
                time_process(
                    Command::new(rg)
                        .args(["-F", "-c", "--no-messages", term])
                        .arg(&corpus.dir),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let (p50, p99) = (percentile(&mut ours, 50.0), percentile(&mut ours, 99.0));
    let rg_p50 = (!theirs.is_empty()).then(|| percentile(&mut theirs, 50.0));
    let rg_p99 = (!theirs.is_empty()).then(|| percentile(&mut theirs, 99.0));
    rows.push(Row {
        what: "query p50 (ms, in-process)",
        dubao: format!("{p50:.2}"),
        peer: rg_p50.map_or("n/a".into(), |v| format!("{v:.1} rg -F -c")),
        ratio: rg_p50.map(|v| v / p50),
        goal: "≥ 20× faster",
        met: rg_p50.map(|v| v / p50 >= 20.0),
    });
    rows.push(Row {
        what: "query p99 (ms, in-process)",
        dubao: format!("{p99:.2}"),
        peer: rg_p99.map_or("n/a".into(), |v| format!("{v:.1} rg -F -c")),
        ratio: rg_p99.map(|v| v / p99),
        goal: "≤ 10 ms, ≥ 20×",
        met: Some(p99 <= 10.0 && rg_p99.is_none_or(|v| v / p99 >= 20.0)),
    });

    // Whole processes: `dubao search` against `rg`.
    let mut proc_ours = Vec::new();
    let mut proc_theirs = Vec::new();
    for (q, term) in queries.iter().take(PROCESS_RUNS) {
        let mut cmd = Command::new(&dubao_bin);
        cmd.arg("--archive")
            .arg(&archive_dir)
            .args(["search", q, "--limit", "20", "--json"]);
        isolate(&mut cmd, &root);
        proc_ours.push(time_process(&mut cmd));
        if let Some(rg) = &rg {
            proc_theirs.push(time_process(
                Command::new(rg)
                    .args(["-F", "-c", "--no-messages", term])
                    .arg(&corpus.dir),
            ));
        }
    }
    let ours_med = percentile(&mut proc_ours, 50.0);
    let theirs_med = (!proc_theirs.is_empty()).then(|| percentile(&mut proc_theirs, 50.0));
    rows.push(Row {
        what: "search as a process, median (ms)",
        dubao: format!("{ours_med:.1}"),
        peer: theirs_med.map_or("n/a".into(), |v| format!("{v:.1} rg as a process")),
        ratio: theirs_med.map(|v| v / ours_med),
        goal: "faster than rg",
        met: theirs_med.map(|v| v > ours_med),
    });

    // The reader: first frame and peak memory, in a pseudo-terminal.
    match reader_figures(&dubao_bin, &archive_dir, &root) {
        Some((first_ms, rss_mb)) => {
            rows.push(Row {
                what: "first frame (ms from process start)",
                dubao: format!("{first_ms:.1}"),
                peer: "-".into(),
                ratio: None,
                goal: "≤ 50 ms",
                met: Some(first_ms <= 50.0),
            });
            rows.push(Row {
                what: "peak RSS, archive open + a search (MB)",
                dubao: format!("{rss_mb:.1}"),
                peer: "-".into(),
                ratio: None,
                goal: "≤ 150 MB",
                met: Some(rss_mb <= 150.0),
            });
        }
        None => eprintln!(
            "bench: no `script` to give the reader a terminal; first frame and RSS skipped"
        ),
    }

    // Layout beside textwrap.
    let (ours_mbs, theirs_mbs) = layout_figures(&corpus.files);
    rows.push(Row {
        what: "layout at 80 columns (MB/s)",
        dubao: format!("{ours_mbs:.1}"),
        peer: format!("{theirs_mbs:.1} textwrap::wrap"),
        ratio: Some(ours_mbs / theirs_mbs),
        goal: "-",
        met: None,
    });

    print_table(&rows, corpus_mb, corpus.files.len(), threads);
    let report = json!({
        "corpus_mb": corpus_mb,
        "issues": corpus.files.len(),
        "threads": threads,
        "slowest_queries_ms": slowest.iter().map(|(ms, q)| json!({"query": q, "ms": ms})).collect::<Vec<_>>(),
        "rows": rows.iter().map(|r| json!({
            "what": r.what, "dubao": r.dubao, "peer": r.peer, "ratio": r.ratio, "goal": r.goal, "met": r.met,
        })).collect::<Vec<_>>(),
    });
    let path = root.join("report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).expect("json"))
        .expect("report.json");
    eprintln!("bench: report written to {}", path.display());
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

/// First frame (from spawning the process to the end of its first synchronized update)
/// and peak RSS after the archive is listed and a search ran, in a pseudo-terminal made
/// by `script`.
fn reader_figures(bin: &Path, archive: &Path, root: &Path) -> Option<(f64, f64)> {
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
    let first = loop {
        let n = stdout.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(end_sync.len()).any(|w| w == end_sync) {
            break started.elapsed().as_secs_f64() * 1000.0;
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
    Some((first, rss?))
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

fn print_table(rows: &[Row], corpus_mb: f64, issues: usize, threads: usize) {
    println!("dubao figures on {corpus_mb:.1} MB of text ({issues} issues), {threads} threads");
    println!("| measure | dubao | peer | ratio (×) | goal | met |");
    println!("|---|---|---|---|---|---|");
    for r in rows {
        let ratio = r.ratio.map_or("-".into(), |v| format!("{v:.2}"));
        let met = match r.met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        println!(
            "| {} | {} | {} | {ratio} | {} | {met} |",
            r.what, r.dubao, r.peer, r.goal
        );
    }
}
