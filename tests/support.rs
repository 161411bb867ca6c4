//! Shared helpers for the workspace's integration tests: where the repository, its
//! templates and the shared corpus are, and the fixed "today" every test uses so that
//! results never depend on the day the suite runs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use handoff_core::{parse_document, Document};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository root")
        .to_path_buf()
}

/// The `templates/` folder.
pub fn templates_dir() -> PathBuf {
    repo_root().join("templates")
}

/// `../shared`, beside the repository (holds the BPMN corpus).
pub fn shared_dir() -> PathBuf {
    repo_root().join("..").join("shared")
}

/// The date tests pass to the engine as "today".
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// Every `*.handoff.json` in `templates/`, sorted by file name, loaded.
pub fn templates() -> Vec<(String, Document)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(templates_dir())
        .expect("templates/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".handoff.json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).expect("template readable");
            let doc = parse_document(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, doc)
        })
        .collect()
}
