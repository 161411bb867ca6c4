//! Copies of a library beside it, and checking and mending the file.
//!
//! Before a migration changes an existing library, the file is copied with SQLite's
//! `VACUUM INTO` to `<file>.before-v<N>.bak` (N the schema version migrated from), so a
//! migration that goes wrong never costs the library. [`Library::check`] runs SQLite's
//! full integrity check and lists those copies; [`Library::restore_backup`] puts one back
//! in place of the file without a moment in which the file is half written.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::inspect::{inspect, Found};
use crate::library::Library;
use crate::sqlite::{sql, BUSY_TIMEOUT};

/// What [`Library::check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// The library file checked.
    pub path: PathBuf,
    /// What is wrong with the file, in SQLite's words; empty when it is sound.
    pub problems: Vec<String>,
    /// Copies of the library beside it, newest first.
    pub backups: Vec<Backup>,
}

impl CheckReport {
    /// Whether the file passed the check.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A copy of a library, written beside it before a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    pub path: PathBuf,
    /// The schema version the library had when it was copied (from the file's name).
    pub schema_version: i64,
    /// When the copy was written, as the file system tells it.
    pub written_at: Option<DateTime<Utc>>,
}

impl Library {
    /// Checks the library file at `path` without changing it: SQLite's full
    /// `integrity_check` (a file that is not an SQLite database at all, or cannot be read
    /// as one, is reported as a problem too), and the backups beside it.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is no file; [`StoreError::Foreign`] and
    /// [`StoreError::TooNew`] for a database that is not a library this build knows;
    /// [`StoreError::Io`] when the file or its folder cannot be read; [`StoreError::Sqlite`]
    /// for other database errors.
    ///
    /// # Complexity
    /// Reads every page of the file: linear in its size.
    pub fn check(path: &Path) -> Result<CheckReport> {
        let problems = match inspect(path) {
            Ok(Found::Missing) => {
                return Err(StoreError::NotFound {
                    path: path.to_owned(),
                })
            }
            Ok(Found::Blank) => Vec::new(),
            Ok(Found::Library { .. }) => integrity_problems(path).map_err(sql(path))?,
            Err(e @ (StoreError::NotSqlite { .. } | StoreError::Corrupt { .. })) => {
                vec![e.to_string()]
            }
            Err(e) => return Err(e),
        };
        Ok(CheckReport {
            path: path.to_owned(),
            problems,
            backups: backups(path)?,
        })
    }

    /// Puts `backup` (a sound library, such as one listed by [`Library::check`]) in place
    /// of the library at `path`: the backup is copied to a temporary file in the same
    /// folder, written to disk, and renamed over `path`, so the file is always either the
    /// old library or the whole backup. The file it replaces is kept as
    /// `<file>.replaced.bak` (with its write-ahead log, when there is one), replacing an
    /// earlier one of that name. Returns where the replaced file was kept, if there was one.
    ///
    /// Run it only while no Handoff program has the library open: a program that has it
    /// open would go on writing to the replaced file.
    ///
    /// # Errors
    /// The errors of [`Library::open`] for a backup that is not a sound library (the
    /// library is then untouched); [`StoreError::Io`] or [`StoreError::Sqlite`] when
    /// copying or renaming fails.
    ///
    /// # Complexity
    /// Linear in the sizes of the two files.
    pub fn restore_backup(path: &Path, backup: &Path) -> Result<Option<PathBuf>> {
        match inspect(backup)? {
            Found::Library { .. } => {}
            Found::Missing => {
                return Err(StoreError::NotFound {
                    path: backup.to_owned(),
                })
            }
            Found::Blank => {
                return Err(StoreError::Corrupt {
                    path: backup.to_owned(),
                    detail: "the backup is empty".to_owned(),
                })
            }
        }
        let temporary = sibling(path, ".restoring");
        remove_if_present(&temporary)?;
        vacuum_into(backup, &temporary).map_err(sql(backup))?;
        File::open(&temporary)
            .and_then(|f| f.sync_all())
            .map_err(io(&temporary))?;

        let kept = if path.exists() {
            Some(keep_replaced(path)?)
        } else {
            None
        };
        // The old log belongs to the old file; left beside the restored one, SQLite would
        // replay it into the backup's pages.
        remove_if_present(&sibling(path, "-wal"))?;
        remove_if_present(&sibling(path, "-shm"))?;
        std::fs::rename(&temporary, path).map_err(io(path))?;
        sync_folder(path)?;
        Ok(kept)
    }
}

/// Copies the library at `db` to `<db>.before-v<version>.bak` (or `…-2.bak`, `…-3.bak`
/// when that name is taken: a backup is never overwritten) and returns the copy's path.
/// It reads through a connection of its own, so it can run while the caller holds the
/// write lock and nothing can change the file in between.
pub(crate) fn before_migration(db: &Path, version: i64) -> rusqlite::Result<PathBuf> {
    let stem = format!(".before-v{version}");
    let target = (1..)
        .map(|n| match n {
            1 => sibling(db, &format!("{stem}.bak")),
            n => sibling(db, &format!("{stem}-{n}.bak")),
        })
        .find(|p| !p.exists())
        .expect("some suffix is free");
    vacuum_into(db, &target)?;
    Ok(target)
}

/// Writes a consistent copy of the database at `from` (its write-ahead log included) to
/// the new file `to`.
fn vacuum_into(from: &Path, to: &Path) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute("VACUUM INTO ?1", [to.to_string_lossy()])?;
    Ok(())
}

/// SQLite's full integrity check of the library at `path`, read-only; empty when sound.
fn integrity_problems(path: &Path) -> rusqlite::Result<Vec<String>> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if found == ["ok"] { Vec::new() } else { found })
}

/// The backups beside the library at `path`, newest first.
fn backups(path: &Path) -> Result<Vec<Backup>> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(Vec::new());
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = format!("{name}.before-v");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(io(folder))? {
        let entry = entry.map_err(io(folder))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".bak"))
        else {
            continue;
        };
        let digits = rest.split('-').next().unwrap_or_default();
        let Ok(schema_version) = digits.parse() else {
            continue;
        };
        let written_at = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .map(DateTime::<Utc>::from);
        out.push(Backup {
            path: entry.path(),
            schema_version,
            written_at,
        });
    }
    out.sort_by(|a, b| (b.written_at, &b.path).cmp(&(a.written_at, &a.path)));
    Ok(out)
}

/// Copies the library at `path` to `<file>.replaced.bak`, moving its write-ahead log
/// along, and returns the copy's path.
fn keep_replaced(path: &Path) -> Result<PathBuf> {
    let kept = sibling(path, ".replaced.bak");
    let kept_log = sibling(&kept, "-wal");
    for stale in [&kept, &kept_log, &sibling(&kept, "-shm")] {
        remove_if_present(stale)?;
    }
    std::fs::copy(path, &kept).map_err(io(&kept))?;
    let log = sibling(path, "-wal");
    if log.exists() {
        std::fs::rename(&log, &kept_log).map_err(io(&log))?;
    }
    Ok(kept)
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(path)(e)),
        _ => Ok(()),
    }
}

/// Makes a rename in the folder of `path` durable (on Unix a folder is synced like a file;
/// elsewhere the rename itself is what the file system offers).
fn sync_folder(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        File::open(folder)
            .and_then(|f| f.sync_all())
            .map_err(io(folder))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}
