//! The app's own settings file (`settings.json` in the app's config folder): which library
//! to open at start. Written atomically, like every file.

use std::path::{Path, PathBuf};

use crate::error::ApiResult;
use crate::files::{read_bounded, write_atomic, Reason, Replace};

/// Settings files are tiny; anything bigger is not ours.
const MAX_SETTINGS_BYTES: usize = 64 * 1024;

/// Where to open the library at start: `HANDOFF_DATA_DIR` wins (tests isolate runs with
/// it), then the file the user chose last time, then the default app-data location.
///
/// # Errors
/// When there is no app-data folder and nothing else says where the library is.
pub fn startup_path(settings: Option<&Path>) -> ApiResult<PathBuf> {
    if std::env::var_os(handoff_store::DATA_DIR_ENV).is_none() {
        if let Some(chosen) = settings.and_then(chosen_library) {
            return Ok(chosen);
        }
    }
    crate::library::default_path()
}

/// The library remembered in the settings file, if the file holds one.
fn chosen_library(settings: &Path) -> Option<PathBuf> {
    let bytes = read_bounded(settings, MAX_SETTINGS_BYTES, |_| Reason::NotAFile).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v.get("library")?.as_str().map(PathBuf::from)
}

/// Remembers the library the user chose, for the next start.
///
/// # Errors
/// When the settings file cannot be written (the previous one is then left as it was).
pub fn remember_library(settings: &Path, library: &Path) -> ApiResult<()> {
    let body = serde_json::json!({ "library": library.display().to_string() });
    write_atomic(settings, body.to_string().as_bytes(), Replace::Yes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_library_is_read_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = dir.path().join("config").join("settings.json");
        let lib = dir.path().join("team.handoff-db");
        remember_library(&settings, &lib).expect("written");
        assert_eq!(chosen_library(&settings), Some(lib));
        assert_eq!(chosen_library(&dir.path().join("none.json")), None);
    }
}
