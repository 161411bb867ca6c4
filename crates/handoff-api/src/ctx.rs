//! The context every operation runs in: the open library and the clock.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use handoff_store::{Library, StoreError};
use serde::Serialize;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Where "today" and "now" come from. The desktop shell and the CLI read the system clock;
/// tests and `--date` pass a [`FixedClock`].
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Today's local date: review dates and document editions depend on it.
    fn today(&self) -> NaiveDate;
    /// The current time, for revision stamps.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that always says the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

impl Clock for FixedClock {
    fn today(&self) -> NaiveDate {
        self.today
    }
    fn now(&self) -> DateTime<Utc> {
        self.now
    }
}

/// How far a long operation has got: `done` of `total` parts, and what is being worked on
/// now, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub detail: String,
}

impl Progress {
    /// `done` of `total`, working on `detail`.
    pub fn new(done: u32, total: u32, detail: impl Into<String>) -> Self {
        Progress {
            done,
            total,
            detail: detail.into(),
        }
    }
}

/// The context of every operation: the library (none until one is opened) and the clock.
/// Shared between threads: the library sits behind a mutex because an SQLite connection is
/// used from one thread at a time; long work reads what it needs under the lock and renders
/// after releasing it, so a long export never blocks the editor's saves.
#[derive(Debug)]
pub struct Ctx {
    library: Mutex<Option<Library>>,
    /// Who saves: recorded with every revision of every library this context opens.
    author: Mutex<Option<String>>,
    open_error: Mutex<Option<String>>,
    /// What the user should know about the open library (it is on a network share, the
    /// settings file could not be read, ...).
    notice: Mutex<Option<String>>,
    clock: Box<dyn Clock>,
    /// Folders no export may write into (the app's own data and settings).
    guarded: Mutex<Vec<PathBuf>>,
    /// The files exports wrote since the context was made: the only ones a front end may
    /// ask the system to open.
    written: Mutex<HashSet<PathBuf>>,
}

impl Ctx {
    /// A context with no library open yet.
    pub fn new(clock: impl Clock + 'static) -> Ctx {
        Ctx {
            library: Mutex::new(None),
            author: Mutex::new(None),
            open_error: Mutex::new(None),
            notice: Mutex::new(None),
            clock: Box::new(clock),
            guarded: Mutex::new(Vec::new()),
            written: Mutex::new(HashSet::new()),
        }
    }

    /// Keeps exports out of `folder` (and everything below it), e.g. the app's data folder.
    pub fn guard(&self, folder: &Path) {
        lock(&self.guarded).push(folder.to_owned());
    }

    pub(crate) fn guarded(&self) -> Vec<PathBuf> {
        lock(&self.guarded).clone()
    }

    pub(crate) fn remember_written(&self, path: PathBuf) {
        lock(&self.written).insert(path);
    }

    pub(crate) fn was_written(&self, path: &Path) -> bool {
        lock(&self.written).contains(path)
    }

    /// Today, as the clock says.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Now, as the clock says.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The open library's file, if a library file is open (`None` for a team library).
    pub fn library_path(&self) -> Option<PathBuf> {
        lock(&self.library)
            .as_ref()
            .and_then(|l| l.path().map(Path::to_owned))
    }

    /// Where the open library is, as people read it: its file, or a team library's URL
    /// without the password.
    pub fn library_location(&self) -> Option<String> {
        lock(&self.library)
            .as_ref()
            .map(|l| l.location().to_owned())
    }

    /// Runs `f` with the open library, mapping the store's error.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Library) -> Result<T, StoreError>,
    ) -> ApiResult<T> {
        self.with_api(|lib| f(lib).map_err(ApiError::from))
    }

    /// Runs `f` with the open library.
    ///
    /// # Errors
    /// [`ErrorCode::Library`] when no library is open; whatever `f` returns.
    pub(crate) fn with_api<T>(&self, f: impl FnOnce(&mut Library) -> ApiResult<T>) -> ApiResult<T> {
        let mut guard = lock(&self.library);
        let lib = guard
            .as_mut()
            .ok_or_else(|| ApiError::new(ErrorCode::Library, "no library is open"))?;
        f(lib)
    }

    /// Whether a library is open.
    pub(crate) fn has_library(&self) -> bool {
        lock(&self.library).is_some()
    }

    /// Names who saves from now on (the app's setting, the CLI's `--author` or the
    /// operating-system user): every revision records it and a marked review names them as
    /// the reviewer, in the open library and in any opened later. `None` records no one.
    pub fn set_author(&self, author: Option<&str>) {
        *lock(&self.author) = author.map(str::to_owned);
        if let Some(lib) = lock(&self.library).as_mut() {
            lib.set_author(author);
        }
    }

    /// Puts `lib` in place of the open library and clears the last open error.
    pub(crate) fn set_library(&self, mut lib: Library) {
        lib.set_author(lock(&self.author).as_deref());
        *lock(&self.library) = Some(lib);
        *lock(&self.open_error) = None;
    }

    /// Remembers why opening a library failed (the previous one stays open).
    pub(crate) fn set_open_error(&self, message: Option<String>) {
        *lock(&self.open_error) = message;
    }

    pub(crate) fn open_error(&self) -> Option<String> {
        lock(&self.open_error).clone()
    }

    pub(crate) fn set_notice(&self, notice: Option<String>) {
        *lock(&self.notice) = notice;
    }

    pub(crate) fn notice(&self) -> Option<String> {
        lock(&self.notice).clone()
    }
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it: the library's own
/// transactions keep the file consistent, so the value is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
