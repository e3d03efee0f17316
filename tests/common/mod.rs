//! Shared by the integration tests: the sample archive, built once per test binary in a
//! temporary folder, a seeded random number generator, and the segmentation score
//! (`score.rs`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dubao::archive::{Archive, ImportOptions};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_dir() -> PathBuf {
    root().join("assets/sample")
}

/// An archive of the five sample issues, imported once and shared read-only.
pub fn sample_archive() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let archive = Archive::open_or_create(dir.path()).expect("create archive");
        archive
            .import(&[sample_dir()], &ImportOptions::default(), &mut |_| {})
            .expect("import samples");
        dir
    })
    .path()
}

/// xorshift64*: enough randomness for picking test cases, reproducible from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub fn dubao() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dubao"));
    c.current_dir(root());
    // Never the real home: the data and config directories point into the void unless a
    // test sets them.
    c.env("DUBAO_DATA_DIR", "/nonexistent/dubao-test-data");
    c.env("DUBAO_CONFIG_DIR", "/nonexistent/dubao-test-config");
    c.env("DUBAO_STATE_DIR", "/nonexistent/dubao-test-state");
    c.env_remove("DUBAO_ARCHIVE");
    c
}

pub mod real_pages;
mod score;
#[allow(unused_imports)]
pub use score::score_dir;

pub mod screen;
pub mod tmux;
pub mod tui;
