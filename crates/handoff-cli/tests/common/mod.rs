//! What every CLI test file needs: paths in the repository and the `handoff` binary run in
//! isolation (its own library folder, no colour settings inherited from the caller).

// Each test file uses a different subset of these.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path relative to the repository root.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// A template from `templates/`.
pub fn template(name: &str) -> PathBuf {
    repo("templates").join(name)
}

/// Runs `handoff` with `args`, its library folder set to `data_dir`, so the user's own
/// library is never touched.
pub fn handoff_in<I, S>(data_dir: &Path, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(args)
        .env("HANDOFF_DATA_DIR", data_dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}
