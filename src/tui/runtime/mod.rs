//! The edge: the terminal, the event loop and the worker threads. Everything here turns
//! the outside world into `Msg`s and carries out `Effect`s; behaviour lives in `update`.
//!
//! The first frame goes out before anything slow (the library opens on a thread). The
//! loop (`event_loop`) draws at most once per frame interval and only when something
//! changed; the workers (`workers`) read, search and save off the loop. The terminal is
//! given back on `q`, on a signal, and on a panic on the loop thread (which then ends the
//! process, so nothing draws into the restored screen); a panic in a worker's job is
//! caught there and shown in the status line.

mod event_loop;
mod saver;
mod workers;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, Result};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use super::msg::Msg;
use super::settings::Resolved;
use crate::config::{Config, state};
use crate::text::Indent;

pub use event_loop::FRAME;
pub use workers::{Opener, WORKER_PREFIX};

pub struct Options {
    /// Opens the library the reader reads (on the loader thread).
    pub open: Opener,
    /// The archive's place: the reading state belongs to it.
    pub archive_dir: PathBuf,
    /// Shown in the status line at start (that the sample archive was built, a config
    /// warning…).
    pub greeting: Option<String>,
    pub ambiguous_wide: bool,
    pub config: Config,
    /// The config's colours and keys, resolved against the key table.
    pub resolved: Resolved,
    /// The reading state file (`None`: nowhere to keep it, the session is not saved).
    pub state_path: Option<PathBuf>,
    /// Where exports (`Alt-e`, `e`) are written.
    pub export_dir: Option<PathBuf>,
}

/// Puts the terminal back the way the shell had it: raw mode off, main screen, cursor
/// shown. Safe to call twice and after the terminal is gone (errors are ignored: there
/// is nobody left to tell).
pub fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Restores the terminal when dropped, whatever way the loop ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// A panic in a worker's job is caught there (and shown); any other panic restores the
/// terminal, prints, and ends the process: a loop that went on would draw into the shell.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER_PREFIX));
        if in_worker {
            return;
        }
        // Restore first, so the message lands on the normal screen and stays readable.
        restore_terminal();
        previous(info);
        std::process::exit(101);
    }));
}

pub fn run(opts: Options) -> Result<()> {
    if !io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal, and stdout is not one; for scripts use `dubao search`, `dubao list` or `dubao parse`"
        );
    }
    let panic_on_key = std::env::var("DUBAO_TEST_PANIC").is_ok_and(|v| v == "loop");
    install_panic_hook();
    crossterm::terminal::enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let guard = TerminalGuard;
    let mut out = BufWriter::new(io::stdout());
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    terminal.hide_cursor()?;
    let size = terminal.size()?;

    let (tx, rx) = mpsc::channel::<Msg>();
    let mut app = App::new(size.width, size.height);
    configure(&mut app, &opts);
    let archive_key = canonical(&opts.archive_dir);
    if let Some(path) = &opts.state_path {
        let (saved, note) = state::load(path, &opts.archive_dir);
        app.restore(saved);
        if let Some(note) = note {
            app.error(note);
        }
    }
    // The first frame goes out before anything slow: the library opens on a thread.
    event_loop::draw(&mut terminal, &mut app)?;
    let first_frame = Instant::now();

    workers::spawn_input(tx.clone())?;
    workers::spawn_signals(tx.clone())?;
    let saver = saver::Saver::spawn(opts.state_path.clone(), tx.clone())?;
    let workers = workers::spawn(opts.open, opts.export_dir.clone(), tx)?;
    let cx = event_loop::Context {
        rx: &rx,
        workers: &workers,
        saver: &saver,
        archive_key: &archive_key,
        panic_on_key,
    };
    let result = event_loop::run(&mut terminal, &mut app, &cx, Some(first_frame));
    // The scroll position changes too often to save on every key; it is saved here.
    let saved = saver.finish(app.to_state(archive_key));
    drop(guard);
    if let Err(e) = saved {
        eprintln!("warning: {e}");
    }
    result
}

fn canonical(dir: &std::path::Path) -> String {
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Settings from the config file, the environment and the command line.
fn configure(app: &mut App, opts: &Options) {
    let c = &opts.config;
    app.monochrome =
        c.theme.monochrome || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    app.palette = opts.resolved.palette;
    app.keymap = opts.resolved.keymap.clone();
    app.layout.ambiguous_wide = opts.ambiguous_wide || c.ambiguous_wide;
    app.layout.indent = if c.indent {
        Indent::AddTwoChars
    } else {
        Indent::Keep
    };
    app.search.default_this_issue = c.search_this_issue;
    if let Some(g) = &opts.greeting {
        app.info(g.clone());
    }
}
