//! dubao (读报): a terminal reader for archives of Chinese newspapers.
//!
//! The crate is a library with a thin binary (`src/main.rs`). The modules follow the boxes
//! of docs/architecture.md: `ingest` turns raw files into [`ingest::Issue`]s, `archive` stores and
//! searches them, `text` lays CJK text out for a terminal, `tui` is the reader, `config`
//! holds settings and reading state, and `cli` wires the command line.

pub mod archive;
pub mod atomic_write;
pub mod cli;
pub mod config;
pub mod digest;
pub mod ingest;
pub mod text;
pub mod tui;
