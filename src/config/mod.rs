//! Settings, reading state, and where things live.
//!
//! Locations follow the platform's conventions (`directories`: on Linux
//! `~/.config/dubao`, `~/.local/share/dubao`, `~/.local/state/dubao`); `DUBAO_CONFIG_DIR`,
//! `DUBAO_DATA_DIR` and `DUBAO_STATE_DIR` override them, so tests never touch the real
//! home.

pub mod settings;
pub mod state;

use std::path::PathBuf;

pub use settings::{Config, DEFAULT_CONFIG};

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "dubao")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Where `config.toml` lives.
pub fn config_dir() -> Option<PathBuf> {
    from_env("DUBAO_CONFIG_DIR").or_else(|| project().map(|p| p.config_dir().to_path_buf()))
}

/// Where the default archive and the sample live.
pub fn data_dir() -> Option<PathBuf> {
    from_env("DUBAO_DATA_DIR").or_else(|| project().map(|p| p.data_dir().to_path_buf()))
}

/// Where reading state is kept (platforms without a state directory use the data one).
pub fn state_dir() -> Option<PathBuf> {
    from_env("DUBAO_STATE_DIR").or_else(|| {
        project().map(|p| {
            p.state_dir()
                .map_or_else(|| p.data_dir().join("state"), |d| d.to_path_buf())
        })
    })
}

pub fn config_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// Where `dubao` keeps its archive unless told otherwise.
pub fn default_archive_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("archive"))
}
