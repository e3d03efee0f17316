//! How a failure from a worker is shown: by its kind, not its wording. A missing issue
//! means the archive changed under the reader (list it again); a damaged archive needs
//! `dubao check`; a panic is a bug, worth reporting, and the reader goes on.

use crate::archive::{ArchiveError, ErrorKind};
use crate::tui::app::App;
use crate::tui::msg::{Effect, Job, WorkerPanic};

pub fn show(app: &mut App, job: Job, e: &ArchiveError) -> Vec<Effect> {
    app.dirty = true;
    match e.kind() {
        ErrorKind::Missing => {
            app.info(format!(
                "{e}: the archive changed since it was listed; listing it again"
            ));
            vec![Effect::LoadIssues]
        }
        // The error names the damaged file and the remedy (`dubao check`, a rebuild).
        ErrorKind::Damaged => {
            app.error(format!("the archive is damaged ({}): {e}", job.describe()));
            Vec::new()
        }
        ErrorKind::Unavailable | ErrorKind::Other => {
            app.error(format!("{} failed: {e}", job.describe()));
            Vec::new()
        }
    }
}

pub fn panicked(app: &mut App, p: &WorkerPanic) -> Vec<Effect> {
    app.dirty = true;
    match p.job {
        Job::Search => {
            app.search.running = false;
            app.search.loading_more = false;
            app.search.error = Some(format!(
                "this search failed (a bug in dubao: {}); edit the query to try again",
                p.message
            ));
        }
        Job::Timeline => app.search.timeline = None,
        Job::Concordance => {
            if let Some(k) = app.search.kwic.as_mut() {
                k.loading = false;
                k.next_hit = None;
            }
        }
        Job::LoadArticles => app.current.loading = false,
        Job::OpenLibrary | Job::ListIssues => app.issues_loaded = true,
        Job::LoadRaw => app.reader.raw = None,
        Job::Export => {}
        Job::Simplify => app.reader.simplified = false,
    }
    app.error(format!(
        "{} failed (a bug in dubao: {}); the reader goes on",
        p.job.describe(),
        p.message
    ));
    Vec::new()
}
