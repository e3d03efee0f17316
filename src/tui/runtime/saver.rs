//! The saver thread: the reading state written off the loop, newest state only.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use anyhow::{Context, Result};

use super::workers::WORKER_PREFIX;
use crate::config::state::{self, ReadingState, StateError};
use crate::tui::msg::Msg;

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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn recv(rx: &mpsc::Receiver<Msg>) -> Msg {
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the saver answers")
    }

    #[test]
    fn the_saver_writes_the_newest_state_and_finish_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let (tx, _rx) = mpsc::channel();
        let saver = Saver::spawn(Some(path.clone()), tx).unwrap();
        let state = |n: usize| ReadingState {
            format: state::STATE_FORMAT,
            archive: "/a".into(),
            search_history: vec![format!("q{n}")],
            ..ReadingState::default()
        };
        for n in 0..50 {
            saver.save(state(n));
        }
        saver.finish(state(99)).unwrap();
        let written: ReadingState =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(written.search_history, ["q99"]);
    }

    #[test]
    fn a_state_that_cannot_be_written_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails.
        let path = dir.path().join("state.json");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), "keep").unwrap();
        let (tx, rx) = mpsc::channel();
        let saver = Saver::spawn(Some(path.clone()), tx).unwrap();
        saver.save(ReadingState::default());
        assert!(matches!(recv(&rx), Msg::StateNotSaved(_)));
        assert!(saver.finish(ReadingState::default()).is_err());
    }
}
