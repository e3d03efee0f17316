//! Settings and where things live. Locations follow the platform's conventions
//! (`directories`); `DUBAO_DATA_DIR` overrides the data directory so tests never touch
//! the real home.

use std::path::PathBuf;

/// The data directory: `DUBAO_DATA_DIR`, else the platform's (~/.local/share/dubao).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DUBAO_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "dubao").map(|p| p.data_dir().to_path_buf())
}

/// Where `dubao` keeps its archive unless told otherwise.
pub fn default_archive_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("archive"))
}

pub mod first_run;
