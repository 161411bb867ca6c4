//! The app's own settings file (`settings.json` in the app's config folder): which library
//! to open at start. Written atomically, like every file.

use std::path::{Path, PathBuf};

use crate::error::ApiResult;
use crate::files::{read_bounded, write_atomic, Reason, Replace};

/// Settings files are tiny; anything bigger is not ours.
const MAX_SETTINGS_BYTES: usize = 64 * 1024;

/// Which library to open at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    /// Open (or, for the default library, create) this file.
    pub library: PathBuf,
    /// It is the library the user chose last time, and it must exist: a missing one (an
    /// unplugged drive, a renamed folder) is reported, never quietly replaced by a new one.
    pub remembered: bool,
    /// The settings file exists but could not be read; it is left as it is.
    pub unreadable_settings: Option<String>,
}

/// Where to open the library at start: `HANDOFF_DATA_DIR` wins (tests isolate runs with
/// it), then the file the user chose last time, then the default app-data location.
///
/// # Errors
/// When there is no app-data folder and nothing else says where the library is.
pub fn startup(settings: Option<&Path>) -> ApiResult<Startup> {
    let (chosen, unreadable_settings) = match settings {
        Some(file) => match chosen_library(file) {
            Ok(chosen) => (chosen, None),
            Err(why) => (None, Some(why)),
        },
        None => (None, None),
    };
    let chosen = chosen.filter(|_| std::env::var_os(handoff_store::DATA_DIR_ENV).is_none());
    Ok(match chosen {
        Some(library) => Startup {
            library,
            remembered: true,
            unreadable_settings,
        },
        None => Startup {
            library: crate::library::default_path()?,
            remembered: false,
            unreadable_settings,
        },
    })
}

/// The library remembered in the settings file: `Ok(None)` when there is no settings file
/// or it names none; `Err` with the reason, naming the file, when it cannot be read.
fn chosen_library(settings: &Path) -> Result<Option<PathBuf>, String> {
    let bytes = match read_bounded(settings, MAX_SETTINGS_BYTES, |bytes| {
        Reason::Io(std::io::Error::other(format!(
            "{bytes} bytes is too large for a settings file"
        )))
    }) {
        Ok(bytes) => bytes,
        Err(e) if matches!(e.reason, Reason::NotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not valid settings ({e})", settings.display()))?;
    Ok(v.get("library").and_then(|l| l.as_str()).map(PathBuf::from))
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
        assert_eq!(chosen_library(&settings), Ok(Some(lib)));
        assert_eq!(chosen_library(&dir.path().join("none.json")), Ok(None));
    }

    #[test]
    fn an_unreadable_settings_file_is_reported_with_its_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = dir.path().join("settings.json");
        std::fs::write(&settings, b"{ not json").expect("seed");
        let err = chosen_library(&settings).expect_err("unreadable");
        assert!(
            err.contains("settings.json") && err.contains("not valid settings"),
            "{err}"
        );
        assert_eq!(std::fs::read(&settings).expect("kept"), b"{ not json");
    }
}
