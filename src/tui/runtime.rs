//! The edge: the terminal, the event loop and the worker threads. Everything here turns
//! the outside world into `Msg`s and carries out `Effect`s; behaviour lives in `update`.
//!
//! One loop owns `App`. It blocks until something happens, takes every message that has
//! arrived, updates, runs the effects, and draws one frame if anything visible changed,
//! inside a synchronized update (DEC mode 2026) so a slow link never shows a torn frame.
//! An idle reader draws nothing and writes nothing.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use super::msg::{Effect, Msg};
use super::update::update;
use super::view;
use crate::archive::{self, Archive, IssueId, SearchOptions};
use crate::config::{Config, state};
use crate::text::Indent;

/// How often the loader looks for a newer commit of the archive (a stat of one file).
const RELOAD_CHECK: Duration = Duration::from_secs(2);

pub struct Options {
    pub archive_dir: PathBuf,
    /// Shown in the status line at start (that the sample archive was built, a config
    /// warning…).
    pub greeting: Option<String>,
    pub ambiguous_wide: bool,
    pub config: Config,
    /// The reading state file (`None`: nowhere to keep it, the session is not saved).
    pub state_path: Option<PathBuf>,
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

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so the message lands on the normal screen and stays readable.
        restore_terminal();
        previous(info);
    }));
}

pub fn run(opts: Options) -> Result<()> {
    if !io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal, and stdout is not one; for scripts use `dubao search`, `dubao list` or `dubao parse`"
        );
    }
    // Refuse a missing or foreign archive before taking over the screen, with the reason.
    archive::check_dir(&opts.archive_dir)?;

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
    // The first frame goes out before anything slow: the index opens on a thread.
    draw(&mut terminal, &mut app)?;

    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let (load_tx, search_tx) = spawn_workers(&opts.archive_dir, tx);
    let saver = Saver {
        path: opts.state_path.clone(),
        archive: archive_key,
    };
    let result = event_loop(&mut terminal, &mut app, &rx, &load_tx, &search_tx, &saver);
    // The scroll position changes too often to save on every key; it is saved here.
    let saved = saver.save(&app);
    drop(guard);
    if let Err(e) = saved {
        eprintln!("warning: {e}");
    }
    result
}

fn canonical(dir: &Path) -> String {
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
    let p = &mut app.palette;
    for (slot, colour) in [
        (&mut p.accent, c.theme.accent),
        (&mut p.highlight, c.theme.highlight),
        (&mut p.heading, c.theme.heading),
        (&mut p.kicker, c.theme.kicker),
        (&mut p.caption, c.theme.caption),
        (&mut p.status, c.theme.status),
    ] {
        if let Some(colour) = colour {
            *slot = colour;
        }
    }
    for (action, keys) in &c.keys {
        app.keymap.rebind(*action, keys.clone());
    }
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

struct Saver {
    path: Option<PathBuf>,
    archive: String,
}

impl Saver {
    fn save(&self, app: &App) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        state::save(path, &app.to_state(self.archive.clone()))
            .with_context(|| format!("{}: cannot save the reading state", path.display()))
    }
}

fn event_loop<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    rx: &Receiver<Msg>,
    load_tx: &Sender<LoadRequest>,
    search_tx: &Sender<SearchRequest>,
    saver: &Saver,
) -> Result<()> {
    while let Ok(first) = rx.recv() {
        let mut effects = update(app, first);
        // Take everything already waiting: a burst of keys or a paste is one frame, and
        // its searches collapse into the last one.
        while let Ok(msg) = rx.try_recv() {
            effects.extend(update(app, msg));
        }
        run_effects(terminal, effects, load_tx, search_tx)?;
        if app.quit {
            break;
        }
        if app.state_dirty {
            app.state_dirty = false;
            if let Err(e) = saver.save(app) {
                app.error(format!("{e:#}"));
                app.dirty = true;
            }
        }
        if app.dirty {
            draw(terminal, app)?;
        }
    }
    Ok(())
}

fn draw<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, app: &mut App) -> Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| view::draw(app, frame))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    app.dirty = false;
    Ok(())
}

fn run_effects<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    effects: Vec<Effect>,
    load_tx: &Sender<LoadRequest>,
    search_tx: &Sender<SearchRequest>,
) -> Result<()> {
    let last_search = effects
        .iter()
        .rposition(|e| matches!(e, Effect::Search { .. }));
    for (i, effect) in effects.into_iter().enumerate() {
        match effect {
            Effect::LoadArticles(id) => {
                let _ = load_tx.send(LoadRequest::Articles(id));
            }
            Effect::LoadRaw(id) => {
                let _ = load_tx.send(LoadRequest::Raw(id));
            }
            Effect::Search {
                generation,
                query,
                scope,
                offset,
                limit,
            } => {
                // Only the newest query of a batch is worth running.
                if Some(i) == last_search {
                    let _ = search_tx.send(SearchRequest {
                        generation,
                        query,
                        scope,
                        offset,
                        limit,
                    });
                }
            }
            Effect::Copy(text) => {
                execute!(
                    terminal.backend_mut(),
                    crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.as_bytes())
                )?;
            }
        }
    }
    Ok(())
}

fn spawn_input(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            let msg = match crossterm::event::read() {
                Ok(Event::Key(k)) => Msg::Key(k),
                Ok(Event::Mouse(m)) => Msg::Mouse(m),
                Ok(Event::Paste(s)) => Msg::Pasted(s),
                Ok(Event::Resize(width, height)) => Msg::Resized { width, height },
                Ok(_) => continue,
                // The terminal is gone (hang-up): leave as on a signal.
                Err(_) => Msg::Signalled,
            };
            let gone = matches!(msg, Msg::Signalled);
            if tx.send(msg).is_err() || gone {
                break;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Msg>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("cannot install signal handlers")?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Msg::Signalled);
        }
    });
    Ok(())
}

enum LoadRequest {
    Articles(IssueId),
    Raw(IssueId),
}

struct SearchRequest {
    generation: u64,
    query: String,
    scope: Option<IssueId>,
    offset: usize,
    limit: usize,
}

/// The loader opens the archive, answers reads in order, and notices new commits; the
/// search worker runs the newest query only.
fn spawn_workers(dir: &Path, tx: Sender<Msg>) -> (Sender<LoadRequest>, Sender<SearchRequest>) {
    let (load_tx, load_rx) = mpsc::channel::<LoadRequest>();
    let (search_tx, search_rx) = mpsc::channel::<SearchRequest>();
    let (archive_tx, archive_rx) = mpsc::channel::<Arc<Archive>>();
    let dir = dir.to_path_buf();
    let loader_tx = tx.clone();
    thread::spawn(move || loader(&dir, &loader_tx, &load_rx, &archive_tx));
    thread::spawn(move || {
        if let Ok(archive) = archive_rx.recv() {
            searcher(&archive, &tx, &search_rx);
        }
    });
    (load_tx, search_tx)
}

fn manifest_time(dir: &Path) -> Option<SystemTime> {
    std::fs::metadata(dir.join(archive::MANIFEST))
        .and_then(|m| m.modified())
        .ok()
}

fn loader(
    dir: &Path,
    tx: &Sender<Msg>,
    rx: &Receiver<LoadRequest>,
    archive_tx: &Sender<Arc<Archive>>,
) {
    let archive = match Archive::open(dir) {
        Ok(a) => Arc::new(a),
        Err(e) => {
            let _ = tx.send(Msg::ArchiveFailed(e.to_string()));
            return;
        }
    };
    let _ = archive_tx.send(Arc::clone(&archive));
    let text = |e: archive::ArchiveError| e.to_string();
    let mut seen = manifest_time(dir);
    if tx
        .send(Msg::IssuesLoaded(archive.issues().map_err(text)))
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(RELOAD_CHECK) {
            Ok(LoadRequest::Articles(issue)) => Msg::ArticlesLoaded {
                articles: archive.articles(&issue).map_err(text),
                issue,
            },
            Ok(LoadRequest::Raw(issue)) => Msg::RawLoaded {
                text: archive.raw(&issue).map_err(text),
                issue,
            },
            Err(RecvTimeoutError::Timeout) => {
                // An import committed: the manifest is rewritten after every commit.
                let now = manifest_time(dir);
                if now == seen {
                    continue;
                }
                seen = now;
                let _ = archive.refresh();
                Msg::IssuesLoaded(archive.issues().map_err(text))
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

fn searcher(archive: &Archive, tx: &Sender<Msg>, rx: &Receiver<SearchRequest>) {
    while let Ok(mut req) = rx.recv() {
        // Typing outruns search: skip to the newest query.
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        let results = archive::query::parse(&req.query)
            .map_err(|e| e.to_string())
            .and_then(|q| {
                let opts = SearchOptions {
                    limit: req.limit,
                    offset: req.offset,
                    issue: req.scope.clone(),
                };
                archive.search(&q, &opts).map_err(|e| e.to_string())
            });
        let done = Msg::SearchDone {
            generation: req.generation,
            offset: req.offset,
            results,
        };
        if tx.send(done).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};

    use super::*;

    /// Counts the bytes the terminal would have been sent.
    #[derive(Clone, Default)]
    struct Counting(Arc<AtomicUsize>);

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.fetch_add(buf.len(), Ordering::SeqCst);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Runs the loop over `msgs` until they are used up; returns the bytes written.
    fn run(app: &mut App, msgs: Vec<Msg>) -> usize {
        let bytes = Counting::default();
        let backend = CrosstermBackend::new(bytes.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, app.width, app.height));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let (tx, rx) = mpsc::channel();
        let (load_tx, _load_rx) = mpsc::channel();
        let (search_tx, _search_rx) = mpsc::channel();
        for m in msgs {
            tx.send(m).unwrap();
        }
        drop(tx);
        let saver = Saver {
            path: None,
            archive: String::new(),
        };
        event_loop(&mut terminal, app, &rx, &load_tx, &search_tx, &saver).unwrap();
        bytes.0.load(Ordering::SeqCst)
    }

    #[test]
    fn an_idle_reader_draws_nothing_and_writes_no_bytes() {
        let mut app = App::new(80, 24);
        let drawn = run(&mut app, vec![Msg::IssuesLoaded(Ok(Vec::new()))]);
        assert!(drawn > 0, "a change is drawn");
        // Events that change nothing visible: an unbound key, a mouse move, a release.
        let unbound = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        let moved = MouseEvent {
            kind: MouseEventKind::Moved,
            column: 3,
            row: 3,
            modifiers: KeyModifiers::NONE,
        };
        let idle = run(&mut app, vec![Msg::Key(unbound), Msg::Mouse(moved)]);
        assert_eq!(idle, 0, "nothing changed, nothing written");
        assert_eq!(run(&mut app, Vec::new()), 0);
    }

    #[test]
    fn a_burst_of_keys_is_one_frame() {
        let mut app = App::new(80, 24);
        run(&mut app, vec![Msg::IssuesLoaded(Ok(Vec::new()))]);
        let help = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
        let any = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        let one = run(&mut app, vec![Msg::Key(help)]);
        run(&mut app, vec![Msg::Key(any)]);
        // Open and close the help ten times in one batch: only the end state is drawn.
        let burst: Vec<Msg> = (0..10)
            .flat_map(|_| [Msg::Key(help), Msg::Key(any)])
            .chain([Msg::Key(help)])
            .collect();
        let many = run(&mut app, burst);
        assert!(
            many <= one + 64,
            "one frame for the burst: {many} bytes vs {one} for one key"
        );
    }
}
