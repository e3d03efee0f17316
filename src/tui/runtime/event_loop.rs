//! The loop: wait for something to happen, take everything that has arrived, update, run
//! the effects, and draw — at most once per frame interval, and only when something
//! visible changed. A burst of keys or a paste is one frame; an idle reader writes nothing.

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Result;
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::saver::Saver;
use super::workers::{ConcordanceRequest, LoadRequest, SearchJob, SearchRequest, Workers};
use crate::tui::app::App;
use crate::tui::msg::{Effect, Msg};
use crate::tui::update::update;
use crate::tui::view;

/// The shortest time between two frames (~60 a second): drawing faster shows nothing more
/// and costs a slow SSH link the most.
pub const FRAME: Duration = Duration::from_millis(16);

/// What the loop needs besides the app and the terminal.
pub struct Context<'a> {
    pub rx: &'a Receiver<Msg>,
    pub workers: &'a Workers,
    pub saver: &'a Saver,
    /// The archive's identity in the reading state file.
    pub archive_key: &'a str,
    /// A test hook (`DUBAO_TEST_PANIC=loop`): the loop panics on its first key, so a test
    /// can see the terminal given back and the process gone.
    pub panic_on_key: bool,
}

pub fn run<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    cx: &Context<'_>,
    mut last_frame: Option<Instant>,
) -> Result<()> {
    loop {
        // With a frame owed, wait only until it is due; otherwise until something happens.
        let first = if app.dirty {
            let due = last_frame.map_or(Duration::ZERO, |t| FRAME.saturating_sub(t.elapsed()));
            match cx.rx.recv_timeout(due) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    draw(terminal, app)?;
                    return Ok(());
                }
            }
        } else {
            match cx.rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return Ok(()),
            }
        };
        if let Some(first) = first {
            if cx.panic_on_key && matches!(first, Msg::Key(_)) {
                panic!("DUBAO_TEST_PANIC=loop: a panic on the loop thread, as asked");
            }
            let mut effects = update(app, first);
            // Take everything already waiting: its searches collapse into the last one.
            while let Ok(msg) = cx.rx.try_recv() {
                effects.extend(update(app, msg));
            }
            run_effects(terminal, effects, cx.workers)?;
            if app.quit {
                return Ok(());
            }
            if app.state_dirty {
                app.state_dirty = false;
                cx.saver.save(app.to_state(cx.archive_key.to_owned()));
            }
        }
        if app.dirty && last_frame.is_none_or(|t| t.elapsed() >= FRAME) {
            draw(terminal, app)?;
            last_frame = Some(Instant::now());
        }
    }
}

/// One frame, inside a synchronized update (DEC mode 2026) so a slow link never shows a
/// torn one.
pub fn draw<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, app: &mut App) -> Result<()> {
    if !app.dirty {
        return Ok(());
    }
    crossterm::queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| view::draw(app, frame))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    app.dirty = false;
    Ok(())
}

fn run_effects<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    effects: Vec<Effect>,
    workers: &Workers,
) -> Result<()> {
    let last_search = effects
        .iter()
        .rposition(|e| matches!(e, Effect::Search { .. }));
    for (i, effect) in effects.into_iter().enumerate() {
        match effect {
            Effect::LoadArticles(id) => {
                let _ = workers.load.send(LoadRequest::Articles(id));
            }
            Effect::LoadRaw { issue, source } => {
                let _ = workers.load.send(LoadRequest::Raw { issue, source });
            }
            Effect::LoadIssues => {
                let _ = workers.load.send(LoadRequest::Issues);
            }
            Effect::Search {
                generation,
                query,
                scope,
                offset,
                limit,
                sort,
                timeline,
            } => {
                // Only the newest query of a batch is worth running.
                if Some(i) == last_search {
                    let _ = workers.search.send(SearchJob::Hits(SearchRequest {
                        generation,
                        query,
                        scope,
                        offset,
                        limit,
                        sort,
                        timeline,
                    }));
                }
            }
            Effect::Concordance {
                generation,
                query,
                scope,
                sort,
                from,
            } => {
                let _ = workers
                    .search
                    .send(SearchJob::Concordance(ConcordanceRequest {
                        generation,
                        query,
                        scope,
                        sort,
                        from,
                    }));
            }
            Effect::Simplify { article, texts } => {
                let _ = workers.load.send(LoadRequest::Simplify { article, texts });
            }
            Effect::Export(selection) => {
                let _ = workers.export.send(selection);
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

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};

    use super::*;

    /// Counts the bytes the terminal would have been sent, and the frames among them.
    #[derive(Clone, Default)]
    struct Counting {
        bytes: Arc<AtomicUsize>,
        frames: Arc<AtomicUsize>,
    }

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.bytes.fetch_add(buf.len(), Ordering::SeqCst);
            // Every frame opens a synchronized update.
            let begin = b"\x1b[?2026h";
            let frames = buf.windows(begin.len()).filter(|w| w == begin).count();
            self.frames.fetch_add(frames, Ordering::SeqCst);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn terminal(app: &App, out: &Counting) -> Terminal<CrosstermBackend<Counting>> {
        let backend = CrosstermBackend::new(out.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, app.width, app.height));
        Terminal::with_options(backend, TerminalOptions { viewport }).unwrap()
    }

    /// Runs the loop over what `feed` sends until it hangs up; returns what was written.
    fn run_with(app: &mut App, feed: impl FnOnce(mpsc::Sender<Msg>) + Send + 'static) -> Counting {
        let out = Counting::default();
        let mut terminal = terminal(app, &out);
        let (tx, rx) = mpsc::channel();
        let (load, _load_rx) = mpsc::channel();
        let (search, _search_rx) = mpsc::channel();
        let (export, _export_rx) = mpsc::channel();
        let workers = Workers {
            load,
            search,
            export,
        };
        let saver = Saver::spawn(None, tx.clone()).unwrap();
        drop(tx.clone());
        let feeder = std::thread::spawn(move || feed(tx));
        let cx = Context {
            rx: &rx,
            workers: &workers,
            saver: &saver,
            archive_key: "",
            panic_on_key: false,
        };
        run(&mut terminal, app, &cx, None).unwrap();
        feeder.join().unwrap();
        out
    }

    fn run_msgs(app: &mut App, msgs: Vec<Msg>) -> usize {
        let out = run_with(app, move |tx| {
            for m in msgs {
                tx.send(m).unwrap();
            }
        });
        out.bytes.load(Ordering::SeqCst)
    }

    #[test]
    fn an_idle_reader_draws_nothing_and_writes_no_bytes() {
        let mut app = App::new(80, 24);
        let drawn = run_msgs(&mut app, vec![Msg::IssuesLoaded(Ok(Vec::new()))]);
        assert!(drawn > 0, "a change is drawn");
        // Events that change nothing visible: an unbound key, a mouse move, a release.
        let unbound = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        let moved = MouseEvent {
            kind: MouseEventKind::Moved,
            column: 3,
            row: 3,
            modifiers: KeyModifiers::NONE,
        };
        let idle = run_msgs(&mut app, vec![Msg::Key(unbound), Msg::Mouse(moved)]);
        assert_eq!(idle, 0, "nothing changed, nothing written");
        assert_eq!(run_msgs(&mut app, Vec::new()), 0);
    }

    #[test]
    fn a_burst_of_keys_is_one_frame() {
        let mut app = App::new(80, 24);
        run_msgs(&mut app, vec![Msg::IssuesLoaded(Ok(Vec::new()))]);
        let help = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
        let any = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        let one = run_msgs(&mut app, vec![Msg::Key(help)]);
        run_msgs(&mut app, vec![Msg::Key(any)]);
        // Open and close the help ten times in one batch: only the end state is drawn.
        let burst: Vec<Msg> = (0..10)
            .flat_map(|_| [Msg::Key(help), Msg::Key(any)])
            .chain([Msg::Key(help)])
            .collect();
        let many = run_msgs(&mut app, burst);
        assert!(
            many <= one + 64,
            "one frame for the burst: {many} bytes vs {one} for one key"
        );
    }

    #[test]
    fn frames_are_paced_however_fast_changes_come() {
        let mut app = App::new(80, 24);
        run_msgs(&mut app, vec![Msg::IssuesLoaded(Ok(Vec::new()))]);
        let started = Instant::now();
        // A change every millisecond for a while, each on its own (no batching).
        let out = run_with(&mut app, |tx| {
            let help = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
            for _ in 0..120 {
                tx.send(Msg::Key(help)).unwrap();
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        let elapsed = started.elapsed();
        let frames = out.frames.load(Ordering::SeqCst);
        let most = elapsed.as_millis() / FRAME.as_millis() + 2;
        assert!(frames >= 1, "the end state is drawn");
        assert!(
            frames as u128 <= most,
            "{frames} frames in {elapsed:?}: more than one per {FRAME:?}"
        );
    }
}
