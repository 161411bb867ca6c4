//! What the commands share: the open library, behind a mutex because SQLite connections
//! are used from one thread at a time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use handoff_core::Rules;
use handoff_store::{Library, StoreError};
use serde::Serialize;

use crate::error::{AppError, CmdResult, ErrorCode};

/// Shared state of the running app.
#[derive(Debug, Default)]
pub struct AppState {
    /// `None` until a library is open (or when opening failed: the UI then offers to pick
    /// another file).
    pub library: Arc<Mutex<Option<Library>>>,
    /// Why the last attempt to open a library failed.
    pub open_error: Mutex<Option<String>>,
}

/// Which library is open, for the window's status line and the e2e suite.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LibraryInfo {
    /// The library file; `None` when none is open.
    pub path: Option<String>,
    /// Why the library could not be opened, when it could not.
    pub error: Option<String>,
}

impl AppState {
    /// Runs `f` with the open library.
    ///
    /// # Errors
    /// [`ErrorCode::Library`] when no library is open; whatever `f` returns.
    pub fn with<T>(&self, f: impl FnOnce(&mut Library) -> Result<T, StoreError>) -> CmdResult<T> {
        let mut guard = lock(&self.library);
        let lib = guard
            .as_mut()
            .ok_or_else(|| AppError::new(ErrorCode::Library, "no library is open"))?;
        f(lib).map_err(AppError::from)
    }

    /// The library's rule settings, or the defaults when no library is open.
    pub fn rules(&self) -> CmdResult<Rules> {
        match lock(&self.library).as_ref() {
            Some(lib) => lib.rules().map_err(AppError::from),
            None => Ok(Rules::default()),
        }
    }

    /// Opens (creating if needed) the library at `path` and seeds a new one with the
    /// templates; on failure keeps the previous library open and remembers the error.
    pub fn open(&self, path: &Path) -> LibraryInfo {
        let opened = Library::create_or_open(path).and_then(|mut lib| {
            let templates: Vec<_> = handoff_templates::documents()
                .into_iter()
                .filter_map(|(_, d)| d.ok())
                .collect();
            lib.seed_if_first_use(&templates, now())?;
            Ok(lib)
        });
        match opened {
            Ok(lib) => {
                *lock(&self.library) = Some(lib);
                *lock(&self.open_error) = None;
            }
            Err(e) => *lock(&self.open_error) = Some(e.to_string()),
        }
        self.info()
    }

    /// Which library is open and the last error.
    pub fn info(&self) -> LibraryInfo {
        LibraryInfo {
            path: lock(&self.library)
                .as_ref()
                .map(|l| l.path().display().to_string()),
            error: lock(&self.open_error).clone(),
        }
    }
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it: the library's own
/// transactions keep the file consistent, so the value is still usable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where to open the library at start: `HANDOFF_DATA_DIR` wins (tests isolate runs with
/// it), then the file the user chose last time, then the default app-data location.
pub fn startup_path(settings_file: Option<&Path>) -> Result<PathBuf, StoreError> {
    if std::env::var_os(handoff_store::DATA_DIR_ENV).is_none() {
        if let Some(chosen) = settings_file.and_then(read_chosen) {
            return Ok(chosen);
        }
    }
    Library::default_path()
}

fn read_chosen(settings: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(settings).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("library")?.as_str().map(PathBuf::from)
}

/// Remembers the library the user chose, for the next start.
pub fn remember_choice(settings: &Path, library: &Path) -> std::io::Result<()> {
    if let Some(dir) = settings.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let body = serde_json::json!({ "library": library.display().to_string() });
    std::fs::write(settings, body.to_string())
}

/// Today's date on this machine: with [`now`], the only places the shell reads the clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The current time, for revision stamps.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
