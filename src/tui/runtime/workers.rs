//! The threads behind the loop: the terminal's input, signals, the loader (opens the
//! library, answers reads in order, notices new commits), the search worker (newest query
//! only) and the saver (newest reading state only). Each job runs inside `catch_unwind`:
//! a bug in one job becomes a `Msg` and the worker goes on with the next.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::Event;

use crate::archive::{ArchiveError, IssueId, Library, Query, SearchOptions};
use crate::config::state::{self, ReadingState, StateError};
use crate::tui::msg::{Job, Msg, WorkerPanic};

/// How often the loader asks the library whether it changed (a stat of one file, locally).
const RELOAD_CHECK: Duration = Duration::from_secs(2);

/// Threads running jobs are named so: the panic hook leaves their panics to
/// `catch_unwind` (the reader goes on) instead of ending the process.
pub const WORKER_PREFIX: &str = "dubao-worker-";

/// Opens the library on the loader thread, so the first frame never waits for it.
pub type Opener = Box<dyn FnOnce() -> Result<Arc<dyn Library>, ArchiveError> + Send>;

pub enum LoadRequest {
    Articles(IssueId),
    Raw(IssueId),
    Issues,
}

pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub scope: Option<IssueId>,
    pub offset: usize,
    pub limit: usize,
}

/// What the loop sends work to.
pub struct Workers {
    pub load: Sender<LoadRequest>,
    pub search: Sender<SearchRequest>,
}

fn spawn_named(name: &str, f: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>> {
    thread::Builder::new()
        .name(format!("{WORKER_PREFIX}{name}"))
        .spawn(f)
        .with_context(|| format!("cannot start the {name} thread"))
}

/// What a panic said.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned())
}

fn panicked(job: Job, payload: &(dyn std::any::Any + Send)) -> Msg {
    Msg::WorkerPanicked(Arc::new(WorkerPanic {
        job,
        message: panic_message(payload),
    }))
}

/// Runs one job; a panic in it comes back as the message to send instead.
fn guarded(job: Job, f: impl FnOnce() -> Msg) -> Msg {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| panicked(job, payload.as_ref()))
}

pub fn spawn_input(tx: Sender<Msg>) -> Result<()> {
    thread::Builder::new()
        .name("dubao-input".into())
        .spawn(move || {
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
        })
        .context("cannot start the input thread")?;
    Ok(())
}

pub fn spawn_signals(tx: Sender<Msg>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("cannot install signal handlers")?;
    thread::Builder::new()
        .name("dubao-signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Msg::Signalled);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// The loader and the search worker. The search worker starts once the loader has opened
/// the library.
pub fn spawn(open: Opener, tx: Sender<Msg>) -> Result<Workers> {
    let (load_tx, load_rx) = mpsc::channel::<LoadRequest>();
    let (search_tx, search_rx) = mpsc::channel::<SearchRequest>();
    let (library_tx, library_rx) = mpsc::channel::<Arc<dyn Library>>();
    let loader_tx = tx.clone();
    spawn_named("loader", move || {
        loader(open, &loader_tx, &load_rx, &library_tx)
    })?;
    spawn_named("search", move || {
        if let Ok(library) = library_rx.recv() {
            searcher(library.as_ref(), &tx, &search_rx);
        }
    })?;
    Ok(Workers {
        load: load_tx,
        search: search_tx,
    })
}

fn loader(
    open: Opener,
    tx: &Sender<Msg>,
    rx: &Receiver<LoadRequest>,
    library_tx: &Sender<Arc<dyn Library>>,
) {
    let opened = catch_unwind(AssertUnwindSafe(open));
    let library = match opened {
        Ok(Ok(l)) => l,
        Ok(Err(e)) => {
            let _ = tx.send(Msg::LibraryFailed(Arc::new(e)));
            return;
        }
        Err(payload) => {
            let _ = tx.send(panicked(Job::OpenLibrary, payload.as_ref()));
            return;
        }
    };
    let _ = library_tx.send(Arc::clone(&library));
    let lib = library.as_ref();
    let list = || {
        guarded(Job::ListIssues, || {
            Msg::IssuesLoaded(lib.issues().map_err(Arc::new))
        })
    };
    if tx.send(list()).is_err() {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(RELOAD_CHECK) {
            Ok(LoadRequest::Articles(issue)) => {
                guarded(Job::LoadArticles, || Msg::ArticlesLoaded {
                    articles: lib.articles(&issue).map_err(Arc::new),
                    issue,
                })
            }
            Ok(LoadRequest::Raw(issue)) => guarded(Job::LoadRaw, || Msg::RawLoaded {
                text: lib.raw(&issue).map_err(Arc::new),
                issue,
            }),
            Ok(LoadRequest::Issues) => list(),
            Err(RecvTimeoutError::Timeout) => {
                if !lib.changed() {
                    continue;
                }
                list()
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

pub fn searcher(library: &dyn Library, tx: &Sender<Msg>, rx: &Receiver<SearchRequest>) {
    while let Ok(mut req) = rx.recv() {
        // Typing outruns search: skip to the newest query.
        while let Ok(newer) = rx.try_recv() {
            req = newer;
        }
        let opts = SearchOptions {
            limit: req.limit,
            offset: req.offset,
            issue: req.scope.clone(),
        };
        let done = guarded(Job::Search, || Msg::SearchDone {
            generation: req.generation,
            offset: req.offset,
            results: library.search(&req.query, &opts).map_err(Arc::new),
        });
        if tx.send(done).is_err() {
            return;
        }
    }
}

/// Writes the reading state off the loop, newest state only: the loop never waits on the
/// disk. `finish` sends the last state and waits for every write to be done.
pub struct Saver {
    path: Option<PathBuf>,
    tx: Option<Sender<ReadingState>>,
    handle: Option<JoinHandle<Result<(), Arc<StateError>>>>,
}

impl Saver {
    /// `None` for the path: nowhere to keep the state; saving does nothing.
    pub fn spawn(path: Option<PathBuf>, errors: Sender<Msg>) -> Result<Saver> {
        let Some(file) = path.clone() else {
            return Ok(Saver {
                path,
                tx: None,
                handle: None,
            });
        };
        let (tx, rx) = mpsc::channel::<ReadingState>();
        let handle = thread::Builder::new()
            .name(format!("{WORKER_PREFIX}saver"))
            .spawn(move || {
                let mut last = Ok(());
                while let Ok(mut state) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        state = newer;
                    }
                    last = state::save(&file, &state).map_err(Arc::new);
                    if let Err(e) = &last {
                        let _ = errors.send(Msg::StateNotSaved(Arc::clone(e)));
                    }
                }
                last
            })
            .context("cannot start the saver thread")?;
        Ok(Saver {
            path,
            tx: Some(tx),
            handle: Some(handle),
        })
    }

    pub fn save(&self, state: ReadingState) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(state);
        }
    }

    /// Saves `last`, then waits for every write to be done; the result is the last write's.
    pub fn finish(mut self, last: ReadingState) -> Result<(), Arc<StateError>> {
        self.save(last);
        drop(self.tx.take());
        match self.handle.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Arc::new(StateError {
                path: self.path.clone().unwrap_or_default(),
                error: std::io::Error::other("the saver thread stopped"),
            })),
            None => Ok(()),
        }
    }
}
