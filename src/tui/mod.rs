//! The reader: `App` state, `Msg`s, a pure `update` and `view`, and the `runtime` that
//! owns the terminal and the threads.

pub mod app;
pub mod geometry;
pub mod keys;
pub mod msg;
pub mod reader;
pub mod runtime;
pub mod search;
pub mod settings;
pub mod update;
pub mod view;

pub use app::App;
pub use msg::{Effect, Msg};
pub use update::update;
