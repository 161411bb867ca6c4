//! The library: which one is open, opening another, and the list of its processes.

use std::path::{Path, PathBuf};

use handoff_store::{CheckReport, Library, ProcessSummary};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::maps::Warned;

/// Which library is open, for the window's status line and the e2e suite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LibraryInfo {
    /// The library file; `None` when none is open.
    pub path: Option<String>,
    /// Why the library could not be opened, when it could not.
    pub error: Option<String>,
}

/// How [`open`] treats a file that is not there yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Create it, and seed a new library with the starter templates (the app, and the
    /// CLI's default library).
    CreateAndSeed,
    /// Create it empty (`handoff library import --db NEW`).
    Create,
    /// It must exist (a library named on the command line for reading).
    Existing,
}

/// Opens the library at `path` and makes it the context's library. On failure the previous
/// library stays open and the reason is remembered for [`info`]. The warnings name
/// templates that could not be seeded (the templates crate's tests keep that from happening).
///
/// # Errors
/// The store's refusal: no such file (with [`Open::Existing`]), not a Handoff library, a
/// newer schema, a damaged file; each names the file.
pub fn open(ctx: &Ctx, path: &Path, how: Open) -> ApiResult<Warned<()>> {
    let mut warnings = Vec::new();
    let opened = match how {
        Open::Existing => Library::open(path),
        Open::Create => Library::create_or_open(path),
        Open::CreateAndSeed => Library::create_or_open(path).and_then(|mut lib| {
            let mut templates = Vec::new();
            for (file, parsed) in handoff_templates::documents() {
                match parsed {
                    Ok(doc) => templates.push(doc),
                    Err(e) => warnings.push(format!("template {file}: {e}")),
                }
            }
            lib.seed_if_first_use(&templates, ctx.now())?;
            Ok(lib)
        }),
    };
    match opened {
        Ok(lib) => {
            ctx.set_library(lib);
            Ok(Warned {
                output: (),
                warnings,
            })
        }
        Err(e) => {
            let e = ApiError::from(e);
            ctx.set_open_error(Some(e.message.clone()));
            Err(e)
        }
    }
}

/// Records that no library could even be looked for (no data folder): [`info`] shows it.
pub fn no_library(ctx: &Ctx, why: &ApiError) {
    ctx.set_open_error(Some(why.message.clone()));
}

/// The library file in the default app-data folder (`$HANDOFF_DATA_DIR` wins).
///
/// # Errors
/// When the system has no app-data folder and `HANDOFF_DATA_DIR` is not set.
pub fn default_path() -> ApiResult<PathBuf> {
    Ok(Library::default_path()?)
}

/// Which library is open and why the last attempt to open one failed.
pub fn info(ctx: &Ctx) -> LibraryInfo {
    LibraryInfo {
        path: ctx.library_path().map(|p| p.display().to_string()),
        error: ctx.open_error(),
    }
}

/// Every process that is not deleted, with owner, state, problem counts and review status
/// as of the context's today.
///
/// # Errors
/// When no library is open or it cannot be read.
pub fn list_processes(ctx: &Ctx) -> ApiResult<Vec<ProcessSummary>> {
    let today = ctx.today();
    ctx.with(|lib| lib.processes(today))
}

/// The library file's integrity (`PRAGMA integrity_check`) and the backups beside it,
/// newest first. Reads the file without opening it as the context's library.
///
/// # Errors
/// No such file; another application's database or a newer Handoff's library.
pub fn check(path: &Path) -> ApiResult<CheckReport> {
    Ok(Library::check(path)?)
}

/// Puts `backup` back in place of the library at `path` (the replaced file is kept beside
/// it, and its path returned). Nothing else may have the library open.
///
/// # Errors
/// A backup that is not a sound library (the library is then untouched); I/O errors.
pub fn restore_backup(path: &Path, backup: &Path) -> ApiResult<Option<PathBuf>> {
    Ok(Library::restore_backup(path, backup)?)
}
