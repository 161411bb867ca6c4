//! Looking at a file before opening it for writing.
//!
//! Opening an SQLite file read-write and switching it to WAL rewrites its header, so a
//! file that is not ours would be changed just by trying. Everything here reads only: the
//! first bytes are compared with SQLite's magic header, then the file is opened with
//! `SQLITE_OPEN_READ_ONLY` to read `application_id` and `user_version` and to run
//! `PRAGMA quick_check`. Only a file that passes is opened read-write.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Result, StoreError};
use crate::schema::{APPLICATION_ID, SCHEMA_VERSION};

/// What is at a path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing: a library may be created there.
    Missing,
    /// An empty file or an SQLite database with no tables and no marks: nothing to lose,
    /// so it may become a library.
    Blank,
    /// A sound Handoff library at this schema version.
    Library { version: i64 },
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The database header is 100 bytes; anything shorter cannot be a database.
const HEADER_LEN: usize = 100;

/// Looks at `path` without changing it.
///
/// # Errors
/// [`StoreError::NotSqlite`], [`StoreError::Foreign`], [`StoreError::TooNew`],
/// [`StoreError::Corrupt`] as documented there; [`StoreError::Io`] when the file cannot be
/// read; [`StoreError::Sqlite`] for other database errors (such as a lock held elsewhere).
///
/// # Complexity
/// `quick_check` reads every page: linear in the size of the file.
pub(crate) fn inspect(path: &Path) -> Result<Found> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(io(e)),
    };
    if meta.len() == 0 {
        return Ok(Found::Blank);
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    std::fs::File::open(path)
        .map_err(io)?
        .take(HEADER_LEN as u64)
        .read_to_end(&mut header)
        .map_err(io)?;
    if header.len() < HEADER_LEN || !header.starts_with(SQLITE_MAGIC) {
        return Err(StoreError::NotSqlite {
            path: path.to_owned(),
        });
    }

    let sqlite = |source: rusqlite::Error| classify(path, source);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    // Another program may be writing (or creating) the file this moment; wait for it.
    conn.busy_timeout(crate::sqlite::BUSY_TIMEOUT)
        .map_err(sqlite)?;
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(sqlite)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sqlite)?;
    if application_id != APPLICATION_ID {
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(sqlite)?;
        if application_id == 0 && version == 0 && objects == 0 {
            return Ok(Found::Blank);
        }
        return Err(StoreError::Foreign {
            path: path.to_owned(),
            application_id,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            library: path.display().to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let problems: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA quick_check(5)").map_err(sqlite)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(sqlite)?;
        rows.collect::<rusqlite::Result<_>>().map_err(sqlite)?
    };
    if problems != ["ok"] {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: problems.join("; "),
        });
    }
    Ok(Found::Library { version })
}

/// SQLite's "not a database" and "malformed" mean damage; anything else is reported as is.
fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_owned(),
            detail: source.to_string(),
        },
        _ => StoreError::Sqlite {
            path: path.to_owned(),
            source,
        },
    }
}
