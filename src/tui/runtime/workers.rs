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

use crate::archive::concordance::KwicSort;
use crate::archive::export::{self, ExportError, Format, Selection};
use crate::archive::{ArchiveError, ArticleRef, IssueId, Library, Query, SearchOptions, Sort};
use crate::tui::msg::{Exported, Job, Msg, WorkerPanic};

/// How often the loader asks the library whether it changed (a stat of one file, locally).
const RELOAD_CHECK: Duration = Duration::from_secs(2);

/// Threads running jobs are named so: the panic hook leaves their panics to
/// `catch_unwind` (the reader goes on) instead of ending the process.
pub const WORKER_PREFIX: &str = "dubao-worker-";

/// Opens the library on the loader thread, so the first frame never waits for it.
pub type Opener = Box<dyn FnOnce() -> Result<Arc<dyn Library>, ArchiveError> + Send>;

pub enum LoadRequest {
    Articles(IssueId),
    Raw {
        issue: IssueId,
        source: String,
    },
    Simplify {
        article: ArticleRef,
        texts: Vec<String>,
    },
    Issues,
}

pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub scope: Option<IssueId>,
    pub offset: usize,
    pub limit: usize,
    pub sort: Sort,
    /// Count the hits over time after the hits are sent.
    pub timeline: bool,
}

pub struct ConcordanceRequest {
    pub generation: u64,
    pub query: Query,
    pub scope: Option<IssueId>,
    pub sort: KwicSort,
    pub from: usize,
}

/// What the search worker does: hits (and their chart), or concordance lines.
pub enum SearchJob {
    Hits(SearchRequest),
    Concordance(ConcordanceRequest),
}

/// What the loop sends work to.
pub struct Workers {
    pub load: Sender<LoadRequest>,
    pub search: Sender<SearchJob>,
    pub export: Sender<Selection>,
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
pub fn spawn(open: Opener, export_dir: Option<PathBuf>, tx: Sender<Msg>) -> Result<Workers> {
    let (load_tx, load_rx) = mpsc::channel::<LoadRequest>();
    let (search_tx, search_rx) = mpsc::channel::<SearchJob>();
    let (export_tx, export_rx) = mpsc::channel::<Selection>();
    let (library_tx, library_rx) = mpsc::channel::<Arc<dyn Library>>();
    let (exporter_lib_tx, exporter_lib_rx) = mpsc::channel::<Arc<dyn Library>>();
    let loader_tx = tx.clone();
    spawn_named("loader", move || {
        loader(open, &loader_tx, &load_rx, &[library_tx, exporter_lib_tx])
    })?;
    let searcher_tx = tx.clone();
    spawn_named("search", move || {
        if let Ok(library) = library_rx.recv() {
            searcher(library.as_ref(), &searcher_tx, &search_rx);
        }
    })?;
    spawn_named("export", move || {
        if let Ok(library) = exporter_lib_rx.recv() {
            exporter(library.as_ref(), export_dir.as_deref(), &tx, &export_rx);
        }
    })?;
    Ok(Workers {
        load: load_tx,
        search: search_tx,
        export: export_tx,
    })
}

/// Writes exports into `dir`, one at a time, each to a file of its own, whole or not at
/// all.
fn exporter(
    library: &dyn Library,
    dir: Option<&std::path::Path>,
    tx: &Sender<Msg>,
    rx: &Receiver<Selection>,
) {
    while let Ok(selection) = rx.recv() {
        let done = guarded(Job::Export, || {
            Msg::Exported(export_one(library, dir, &selection).map_err(Arc::new))
        });
        if tx.send(done).is_err() {
            return;
        }
    }
}

fn export_one(
    library: &dyn Library,
    dir: Option<&std::path::Path>,
    selection: &Selection,
) -> Result<Exported, ExportError> {
    let dir = dir.ok_or_else(|| ExportError::Write {
        error: std::io::Error::other("no data folder to export into (set DUBAO_DATA_DIR)"),
    })?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path = dir.join(export::file_name(selection.label(), now, Format::Markdown));
    let mut counts = Ok((0, 0));
    let written = crate::atomic_write::write(&path, |file| {
        counts = export::write_selection(library, selection, Format::Markdown, file);
        // A failed export leaves no file behind.
        counts
            .as_ref()
            .map(|_| ())
            .map_err(|_| std::io::Error::other("the export failed"))
    });
    // What failed first: the export (the write only gave up after it), or the write.
    let (articles, missing) = counts?;
    written?;
    Ok(Exported {
        path,
        articles,
        missing,
    })
}

fn loader(
    open: Opener,
    tx: &Sender<Msg>,
    rx: &Receiver<LoadRequest>,
    library_to: &[Sender<Arc<dyn Library>>],
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
    for to in library_to {
        let _ = to.send(Arc::clone(&library));
    }
    let lib = library.as_ref();
    let converter = std::sync::OnceLock::new();
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
            Ok(LoadRequest::Raw { issue, source }) => guarded(Job::LoadRaw, || Msg::RawLoaded {
                text: lib.raw(&issue, &source).map_err(Arc::new),
                issue,
                source,
            }),
            Ok(LoadRequest::Issues) => list(),
            Ok(LoadRequest::Simplify { article, texts }) => guarded(Job::Simplify, || {
                // The dictionaries load once, on the first `t`, here rather than at start.
                let opencc = converter.get_or_init(opencc_fmmseg::OpenCC::new);
                Msg::Simplified {
                    article,
                    texts: texts.iter().map(|t| opencc.t2s(t, false)).collect(),
                }
            }),
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

/// The newest job of each kind in the queue, starting from `first`: typing outruns
/// search, and only what answers the query typed now is worth running.
fn newest(
    first: SearchJob,
    rx: &Receiver<SearchJob>,
) -> (Option<SearchRequest>, Option<ConcordanceRequest>) {
    let (mut hits, mut lines) = (None, None);
    let mut take = |job| match job {
        SearchJob::Hits(r) => hits = Some(r),
        SearchJob::Concordance(r) => lines = Some(r),
    };
    take(first);
    while let Ok(job) = rx.try_recv() {
        take(job);
    }
    (hits, lines)
}

pub fn searcher(library: &dyn Library, tx: &Sender<Msg>, rx: &Receiver<SearchJob>) {
    let mut waiting = None;
    while let Some(first) = waiting.take().or_else(|| rx.recv().ok()) {
        let (hits, lines) = newest(first, rx);
        if let Some(req) = hits {
            let opts = SearchOptions {
                limit: req.limit,
                offset: req.offset,
                issue: req.scope.clone(),
                sort: req.sort,
            };
            let done = guarded(Job::Search, || Msg::SearchDone {
                generation: req.generation,
                offset: req.offset,
                results: library.search(&req.query, &opts).map_err(Arc::new),
            });
            if tx.send(done).is_err() {
                return;
            }
            // The hits are out; the chart is worth its time only if nothing newer came.
            if req.timeline {
                if let Ok(newer) = rx.try_recv() {
                    // Something newer came: this query's chart and lines would be stale.
                    waiting = Some(newer);
                    continue;
                }
                let chart = guarded(Job::Timeline, || Msg::TimelineDone {
                    generation: req.generation,
                    timeline: library
                        .timeline(&req.query, None, req.scope.as_ref())
                        .map_err(Arc::new),
                });
                if tx.send(chart).is_err() {
                    return;
                }
            }
        }
        if let Some(l) = lines {
            if concordance(library, tx, l).is_err() {
                return;
            }
        }
    }
}

fn concordance(
    library: &dyn Library,
    tx: &Sender<Msg>,
    req: ConcordanceRequest,
) -> Result<(), mpsc::SendError<Msg>> {
    let done = guarded(Job::Concordance, || Msg::ConcordanceDone {
        generation: req.generation,
        from: req.from,
        page: crate::archive::concordance::page(
            library,
            &req.query,
            req.scope.as_ref(),
            req.sort,
            req.from,
            crate::archive::concordance::CONTEXT_CHARS,
        )
        .map_err(Arc::new),
    });
    tx.send(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::memory::MemoryLibrary;
    use crate::archive::timeline::{Period, Timeline};
    use crate::archive::{Counts, IssueMeta, SearchResults, query};
    use crate::ingest::Article;
    use crate::tui::app::{App, StatusKind};
    use crate::tui::update::update;

    /// A library with a bug: searching for 炸 panics, and so does loading any issue.
    struct Buggy(MemoryLibrary);

    impl Library for Buggy {
        fn issues(&self) -> Result<Vec<IssueMeta>, ArchiveError> {
            self.0.issues()
        }
        fn articles(&self, _: &IssueId) -> Result<Vec<Article>, ArchiveError> {
            panic!("articles are broken")
        }
        fn raw(&self, issue: &IssueId, source: &str) -> Result<String, ArchiveError> {
            self.0.raw(issue, source)
        }
        fn search(&self, q: &Query, o: &SearchOptions) -> Result<SearchResults, ArchiveError> {
            if q.terms.iter().any(|t| t.contains('炸')) {
                panic!("search is broken for {:?}", q.terms);
            }
            self.0.search(q, o)
        }
        fn timeline(
            &self,
            q: &Query,
            by: Option<Period>,
            issue: Option<&IssueId>,
        ) -> Result<Timeline, ArchiveError> {
            self.0.timeline(q, by, issue)
        }
        fn counts(&self) -> Result<Counts, ArchiveError> {
            self.0.counts()
        }
        fn changed(&self) -> bool {
            false
        }
        fn location(&self) -> String {
            "buggy".into()
        }
    }

    fn buggy() -> Arc<dyn Library> {
        let issue = crate::ingest::issue_from_text(
            std::path::Path::new("山西日报/2023-11-20.txt"),
            "标题\n\n本报讯 省里召开会议，部署工作。".to_owned(),
            &Default::default(),
        );
        Arc::new(Buggy(MemoryLibrary::new(vec![issue])))
    }

    fn recv(rx: &Receiver<Msg>) -> Msg {
        rx.recv_timeout(Duration::from_secs(10))
            .expect("a worker answers")
    }

    #[test]
    fn a_panicking_job_is_a_message_and_the_worker_goes_on() {
        let (tx, rx) = mpsc::channel();
        let workers = spawn(Box::new(|| Ok(buggy())), None, tx).unwrap();
        let Msg::IssuesLoaded(Ok(issues)) = recv(&rx) else {
            panic!("the issues come first")
        };
        let search = |generation, text: &str| SearchRequest {
            generation,
            query: query::parse(text).unwrap(),
            scope: None,
            offset: 0,
            limit: 10,
            sort: Sort::Relevance,
            timeline: false,
        };
        workers
            .search
            .send(SearchJob::Hits(search(1, "炸")))
            .unwrap();
        let msg = recv(&rx);
        let Msg::WorkerPanicked(p) = &msg else {
            panic!("{msg:?}")
        };
        assert_eq!(p.job, Job::Search);
        assert!(p.message.contains("search is broken"), "{}", p.message);

        // The reader shows it and goes on; the same worker answers the next query.
        let mut app = App::new(80, 24);
        update(&mut app, Msg::IssuesLoaded(Ok(issues.clone())));
        update(&mut app, msg);
        let status = app.status.clone().expect("a status");
        assert_eq!(status.kind, StatusKind::Error);
        assert!(status.text.contains("searching failed"), "{}", status.text);
        workers
            .search
            .send(SearchJob::Hits(search(2, "会议")))
            .unwrap();
        let Msg::SearchDone {
            generation: 2,
            results: Ok(r),
            ..
        } = recv(&rx)
        else {
            panic!("the search worker still answers")
        };
        assert_eq!(r.total, 1);

        // The loader too: a panicking load, then an answer to the next request.
        workers
            .load
            .send(LoadRequest::Articles(issues[0].id.clone()))
            .unwrap();
        assert!(matches!(recv(&rx), Msg::WorkerPanicked(p) if p.job == Job::LoadArticles));
        workers
            .load
            .send(LoadRequest::Raw {
                issue: issues[0].id.clone(),
                source: issues[0].source.clone(),
            })
            .unwrap();
        assert!(matches!(recv(&rx), Msg::RawLoaded { text: Ok(_), .. }));
    }

    #[test]
    fn a_library_that_cannot_open_says_why() {
        let (tx, rx) = mpsc::channel();
        let _workers = spawn(
            Box::new(|| {
                Err(ArchiveError::NotFound {
                    dir: "/nowhere".into(),
                })
            }),
            None,
            tx,
        )
        .unwrap();
        let Msg::LibraryFailed(e) = recv(&rx) else {
            panic!("an error")
        };
        assert!(e.to_string().contains("/nowhere"));
    }
}
