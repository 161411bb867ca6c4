//! The library: which one is open, opening another (a library file or a team library on
//! PostgreSQL), the list of its processes, and copying one library into another.

use std::path::{Path, PathBuf};

use handoff_store::{CheckReport, Copied, Library, ProcessSummary, StoreError};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::maps::Warned;

/// Which library is open, for the window's status line and the e2e suite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LibraryInfo {
    /// The library file, or a team library's URL without the password; `None` when none
    /// is open.
    pub path: Option<String>,
    /// Why the library could not be opened, when it could not.
    pub error: Option<String>,
    /// What the user should know about the open library: it is on a network share (unsafe
    /// for an SQLite file), or the settings file could not be read.
    pub warning: Option<String>,
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

/// A library as a person names it: a file, or a team library's `postgres://` URL.
#[derive(Clone, PartialEq, Eq)]
pub enum LibraryAt {
    File(PathBuf),
    /// The connection URL; it may hold a password, so it is never printed (see
    /// [`LibraryAt::display`]).
    Team(String),
}

impl std::fmt::Debug for LibraryAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LibraryAt").field(&self.display()).finish()
    }
}

impl LibraryAt {
    /// A `postgres://` or `postgresql://` URL names a team library; anything else a file.
    pub fn parse(text: &str) -> LibraryAt {
        if Library::is_url(text) {
            LibraryAt::Team(text.to_owned())
        } else {
            LibraryAt::File(PathBuf::from(text))
        }
    }

    /// As messages show it: the path, or the URL without password.
    pub fn display(&self) -> String {
        match self {
            LibraryAt::File(p) => p.display().to_string(),
            LibraryAt::Team(url) => Library::display_url(url)
                .unwrap_or_else(|| "(a PostgreSQL URL that does not parse)".to_owned()),
        }
    }

    /// Opens the library without making it anyone's context (copying, checking).
    ///
    /// # Errors
    /// The store's refusal, naming the library.
    pub fn open(&self, how: Open) -> ApiResult<Library> {
        let opened = match (self, how) {
            (LibraryAt::File(p), Open::Existing) => Library::open(p),
            (LibraryAt::File(p), _) => Library::create_or_open(p),
            (LibraryAt::Team(url), Open::Existing) => Library::open_url(url),
            (LibraryAt::Team(url), _) => Library::create_or_open_url(url),
        };
        Ok(opened?)
    }
}

/// Opens the library `at` (a file or a team library) and makes it the context's library,
/// as [`open`] does for a file. A team library is created in its (existing, empty)
/// database unless `how` is [`Open::Existing`].
///
/// # Errors
/// As [`open`]; for a team library also: the URL does not parse, the server cannot be
/// reached or refuses the user, the database holds something else (each names the library
/// by its URL without the password).
pub fn open_at(ctx: &Ctx, at: &LibraryAt, how: Open) -> ApiResult<Warned<()>> {
    match at {
        LibraryAt::File(path) => open(ctx, path, how),
        LibraryAt::Team(_) => {
            let mut warnings = Vec::new();
            let opened = at.open(how).and_then(|mut lib| {
                if how == Open::CreateAndSeed {
                    seed(ctx, &mut lib, &mut warnings)?;
                }
                Ok(lib)
            });
            match opened {
                Ok(lib) => {
                    ctx.set_notice(None);
                    ctx.set_library(lib);
                    Ok(Warned {
                        output: (),
                        warnings,
                    })
                }
                Err(e) => {
                    ctx.set_open_error(Some(e.message.clone()));
                    Err(e)
                }
            }
        }
    }
}

/// Seeds a library on its first use with the starter templates; templates that do not
/// read are named in `warnings`.
fn seed(ctx: &Ctx, lib: &mut Library, warnings: &mut Vec<String>) -> ApiResult<()> {
    let mut templates = Vec::new();
    for (file, parsed) in handoff_templates::documents() {
        match parsed {
            Ok(doc) => templates.push(doc),
            Err(e) => warnings.push(format!("template {file}: {e}")),
        }
    }
    lib.seed_if_first_use(&templates, ctx.now())?;
    Ok(())
}

/// Copies every process with every revision, seat and rule setting from the library
/// `from` (which must exist) into `to` (created when it is not there: a new file, or the
/// tables of a team library in an empty database). Without `merge` the target must be
/// empty; with it, what the target has is kept and copying twice changes nothing (see
/// [`Library::copy_into`]). Neither library is seeded with templates.
///
/// # Errors
/// Either library cannot be opened; the target is not empty and `merge` is not set; the
/// copy failed (the target is then unchanged). Each names the library.
pub fn copy(from: &LibraryAt, to: &LibraryAt, merge: bool) -> ApiResult<Copied> {
    if from == to {
        return Err(ApiError::invalid(format!(
            "{} is both the library to copy from and the one to copy to",
            from.display()
        )));
    }
    let source = from.open(Open::Existing)?;
    let mut target = to.open(Open::Create)?;
    Ok(source.copy_into(&mut target, merge)?)
}

/// The refusal of an operation on files only (the integrity check, backups) for a team
/// library.
pub fn file_only(at: &LibraryAt, what: &str) -> ApiError {
    ApiError::from(StoreError::FileOnly {
        library: at.display(),
        what: what.to_owned(),
    })
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
        Open::Existing => Library::open(path).map_err(ApiError::from),
        Open::Create => Library::create_or_open(path).map_err(ApiError::from),
        Open::CreateAndSeed => Library::create_or_open(path)
            .map_err(ApiError::from)
            .and_then(|mut lib| {
                seed(ctx, &mut lib, &mut warnings)?;
                Ok(lib)
            }),
    };
    match opened {
        Ok(lib) => {
            let notice = network_share(path).map(|fs| {
                format!(
                    "{} is on a network share ({fs}). A library file on a shared drive can be \
                     damaged when two computers write it; keep it on this computer's own disk.",
                    path.display()
                )
            });
            warnings.extend(notice.clone());
            ctx.set_notice(notice);
            ctx.set_library(lib);
            Ok(Warned {
                output: (),
                warnings,
            })
        }
        Err(e) => {
            ctx.set_open_error(Some(e.message.clone()));
            Err(e)
        }
    }
}

/// Opens the library a session starts with (see [`crate::settings::startup`]): the one the
/// user chose last time, or the default one (created and seeded on first use). A remembered
/// library that is gone is not replaced by a new empty one: [`info`] says where it was and
/// the front end offers to find it or start a new one. An unreadable settings file is
/// reported in [`info`]'s warning and left as it is.
pub fn open_at_start(ctx: &Ctx, settings: Option<&Path>) {
    let start = match crate::settings::startup(settings) {
        Ok(start) => start,
        Err(e) => return no_library(ctx, &e),
    };
    if start.remembered && !start.library.exists() {
        return no_library(
            ctx,
            &ApiError::new(
                crate::ErrorCode::NotFound,
                format!(
                    "The library you used last, {}, is not there (an unplugged drive or a \
                     renamed folder?). Find it, or start a new library.",
                    start.library.display()
                ),
            ),
        );
    }
    // A library that cannot be opened is reported by `info`.
    let _ = open(ctx, &start.library, Open::CreateAndSeed);
    if let Some(why) = start.unreadable_settings {
        notify(
            ctx,
            &format!("{why}; Handoff left it as it is and opened this library."),
        );
    }
}

/// Records why no library was opened (no data folder, the remembered library is gone):
/// [`info`] shows it and the front end offers to find the library or start a new one.
pub fn no_library(ctx: &Ctx, why: &ApiError) {
    ctx.set_open_error(Some(why.message.clone()));
}

/// Adds to what [`info`] says about the open library (e.g. the settings file was unreadable).
pub fn notify(ctx: &Ctx, notice: &str) {
    let all = match ctx.notice() {
        Some(before) => format!("{before} {notice}"),
        None => notice.to_owned(),
    };
    ctx.set_notice(Some(all));
}

/// The network file system `path` lives on, if it does (read from `/proc/mounts`: the
/// longest mount point that contains the file). `None` on a local disk or where the mount
/// table cannot be read.
fn network_share(path: &Path) -> Option<String> {
    const NETWORK: &[&str] = &[
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
    ];
    let file = path.canonicalize().ok()?;
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    file_system(&mounts, &file).filter(|fs| NETWORK.contains(&fs.as_str()))
}

/// The file system type of the longest mount point in `mounts` (the format of
/// `/proc/mounts`) that contains `file`.
fn file_system(mounts: &str, file: &Path) -> Option<String> {
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, point, fs) = (fields.next()?, fields.next()?, fields.next()?);
            // Spaces in mount points are written as \040.
            let point = PathBuf::from(point.replace("\\040", " "));
            file.starts_with(&point).then_some((point, fs.to_owned()))
        })
        .max_by_key(|(point, _)| point.as_os_str().len())
        .map(|(_, fs)| fs)
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
        path: ctx.library_location(),
        error: ctx.open_error(),
        warning: ctx.notice(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_innermost_mount_names_the_file_system() {
        let mounts = "/dev/vda / ext4 rw 0 0\n\
                      server:/share /mnt/team\\040drive nfs4 rw 0 0\n\
                      tmpfs /mnt/team\\040drive/tmp tmpfs rw 0 0\n";
        let fs = |p: &str| file_system(mounts, Path::new(p));
        assert_eq!(fs("/home/ann/lib.handoff-db").as_deref(), Some("ext4"));
        assert_eq!(
            fs("/mnt/team drive/ops/lib.handoff-db").as_deref(),
            Some("nfs4")
        );
        assert_eq!(fs("/mnt/team drive/tmp/x").as_deref(), Some("tmpfs"));
    }
}
