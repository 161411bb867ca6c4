//! What can go wrong with a library, in words that name the library (its file, or a team
//! library's URL without the password) and the problem.

use std::path::PathBuf;

use handoff_core::LoadError;

/// Why a library operation failed. Every variant that concerns a library names it (the file,
/// or for a team library its URL without the password); a failed operation never leaves a
/// half-written change behind (writes run in transactions).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The library file does not exist (only from [`crate::Library::open`], which never
    /// creates one).
    #[error("{}: no such library file", path.display())]
    NotFound { path: PathBuf },
    /// The file exists but is not an SQLite database at all (wrong header or too short).
    /// The file has not been changed.
    #[error("{}: not a Handoff library (the file is not an SQLite database)", path.display())]
    NotSqlite { path: PathBuf },
    /// The file is an SQLite database that belongs to another application (its
    /// `application_id` is not Handoff's, or it holds tables without being marked as a
    /// Handoff library). The file has not been changed.
    #[error(
        "{}: not a Handoff library (an SQLite database of another application, application id {application_id:#010x})",
        path.display()
    )]
    Foreign { path: PathBuf, application_id: i32 },
    /// The library was written by a newer Handoff whose schema this build does not know.
    /// The library has not been changed.
    #[error(
        "{library}: this library was written by a newer version of Handoff (library schema {found}; this version reads up to {supported}); update Handoff to open it"
    )]
    TooNew {
        /// The library's file or team URL (without password).
        library: String,
        found: i64,
        supported: i64,
    },
    /// SQLite's integrity check failed or the file could not be read as a database: it is
    /// damaged (truncated, overwritten). The file has not been changed.
    #[error("{}: the library file is damaged ({detail}); restore it from a backup", path.display())]
    Corrupt { path: PathBuf, detail: String },
    /// A stored process document no longer parses (the library was edited by hand or a
    /// bug wrote a bad document).
    #[error("{library}: the stored {what} is damaged: {reason}")]
    CorruptRecord {
        /// The library's file or team URL (without password).
        library: String,
        what: String,
        reason: String,
    },
    /// The document to save would not read back from the library (for instance two of its
    /// elements share an id), so it was refused: nothing was written.
    #[error("process \"{id}\" was not saved: the document would not read back ({reason})")]
    Invalid { id: String, reason: String },
    /// Reading or writing a file other than the database failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A `*.handoff.json` file could not be read as a map.
    #[error("{}: {source}", path.display())]
    Load {
        path: PathBuf,
        #[source]
        source: LoadError,
    },
    /// SQLite reported an unexpected error while working on the library.
    #[error("{}: database error: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A team library's connection text is not a PostgreSQL URL the client understands.
    /// The text itself is not repeated: it may hold a password.
    #[error("not a PostgreSQL connection URL ({reason}); write it as postgres://USER@HOST:PORT/DATABASE")]
    BadUrl { reason: String },
    /// The team library's server could not be reached or refused the connection (wrong
    /// host or port, the server is down, the user or password is wrong, no such database).
    #[error("{library}: cannot connect to the team library: {}", pg_detail(source))]
    Connect {
        library: String,
        #[source]
        source: postgres::Error,
    },
    /// PostgreSQL reported an error while working on a team library (the connection was
    /// lost, a permission is missing, a lock was held too long).
    #[error("{library}: database error: {}", pg_detail(source))]
    Postgres {
        library: String,
        #[source]
        source: postgres::Error,
    },
    /// The database named for a team library holds tables of something else, or
    /// ([`crate::Library::open_url`]) no Handoff library yet. Nothing was changed.
    #[error("{library}: {detail}")]
    NotALibrary { library: String, detail: String },
    /// The operation exists for library files only (SQLite's integrity check, the copies
    /// written before a migration): a team library is checked and backed up with
    /// PostgreSQL's own tools (pg_dump, pg_amcheck) by whoever runs the server.
    #[error("{library} is a team library on PostgreSQL; {what} works on library files only (back up and check a team library with PostgreSQL's own tools, such as pg_dump)")]
    FileOnly { library: String, what: String },
    /// `handoff library copy` was pointed at a library that already holds processes or
    /// seats, without being told to merge.
    #[error(
        "{library} is not empty ({detail}); copy into an empty library, or merge with --merge"
    )]
    TargetNotEmpty { library: String, detail: String },
    /// No process (not deleted, unless the operation works on deleted ones) has this id.
    #[error("no process with id \"{id}\" in the library")]
    NoSuchProcess { id: String },
    /// The process has no revision with this number.
    #[error("process \"{id}\" has no revision {number}")]
    NoSuchRevision { id: String, number: u32 },
    /// No seat has this id.
    #[error("no seat with id \"{id}\" in the library")]
    NoSuchSeat { id: String },
    /// A seat cannot be deleted while processes still use it; merge it into another seat
    /// instead.
    #[error("seat \"{seat}\" is still used by {}; merge it into another seat instead", processes.join(", "))]
    SeatInUse {
        seat: String,
        processes: Vec<String>,
    },
    /// A seat was to be merged into itself.
    #[error("cannot merge seat \"{id}\" into itself")]
    MergeIntoSelf { id: String },
    /// The save was based on a revision that is no longer the newest: another window or
    /// program saved the process in the meantime. Nothing was written; reload the process
    /// (or save the work as a new process) and save again.
    #[error("{}", conflict_message(id, *base, *newest))]
    Conflict {
        id: String,
        /// The revision the save was based on; `None` for a save of a new process.
        base: Option<u32>,
        /// The process's newest revision, written by someone else.
        newest: u32,
    },
    /// No folder for application data could be found (no home directory).
    #[error(
        "no application data folder could be found; set HANDOFF_DATA_DIR or pass a library path"
    )]
    NoDataDir,
}

/// The server's own words for a database error ("duplicate key ...", "permission denied
/// for table process"), which the client's `Display` leaves as a bare "db error".
fn pg_detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => match std::error::Error::source(e) {
            Some(cause) if !e.to_string().contains(&cause.to_string()) => format!("{e}: {cause}"),
            _ => e.to_string(),
        },
    }
}

fn conflict_message(id: &str, base: Option<u32>, newest: u32) -> String {
    match base {
        Some(base) => format!(
            "process \"{id}\" was changed elsewhere: someone else saved revision {newest} in the meantime (these changes are based on revision {base}); nothing was saved"
        ),
        None => format!(
            "process \"{id}\" already exists: someone else saved revision {newest} in the meantime; nothing was saved"
        ),
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
