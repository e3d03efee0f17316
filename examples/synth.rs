//! Writes the synthetic benchmark corpus: `cargo run --release --example synth -- OUT
//! [--size MB] [--seed N]`. The same generator feeds `cargo bench --bench figures`.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let Some(out) = args.iter().find(|a| {
        !a.starts_with("--") && Some(*a) != value("--size") && Some(*a) != value("--seed")
    }) else {
        eprintln!("usage: synth OUT [--size MB] [--seed N]");
        std::process::exit(2);
    };
    let mb: u64 = value("--size").and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = value("--seed")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00d0_ba00);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    match synth::generate(
        &PathBuf::from(out),
        &samples,
        &synth::Spec {
            bytes: mb * 1_000_000,
            seed,
        },
    ) {
        Ok(c) => eprintln!(
            "{} issues, {:.1} MB, {} articles in {}",
            c.files.len(),
            c.bytes as f64 / 1e6,
            c.articles,
            out
        ),
        Err(e) => {
            eprintln!("error: {out}: {e}");
            std::process::exit(1);
        }
    }
}
