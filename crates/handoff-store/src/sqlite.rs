//! The library file: SQLite in WAL mode. Opening it (after [`crate::inspect`] has looked at
//! it read-only), write transactions that take the file's write lock first, and
//! [`Tables`] over the per-table SQL in [`crate::table`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use handoff_core::checks::{Code, RuleSetting, Rules};
use handoff_core::{Document, Seat};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::inspect::Found;
use crate::schema::migrate;
use crate::table::{meta, process, revision, rule, seat, Tables, Which};

/// How long a write waits for another program's write to the same file to finish. Writes
/// are short (one save is a few rows), so only a stuck program makes a writer give up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open library file.
#[derive(Debug)]
pub(crate) struct File {
    pub conn: Connection,
    pub path: PathBuf,
    /// The path as messages show it.
    pub name: String,
}

impl File {
    /// Opens the file at `path` for writing, switches it to WAL and migrates it. `found` is
    /// what [`crate::inspect::inspect`] saw there. Returns the file and whether this open
    /// created the library.
    pub fn open(path: &Path, found: Found) -> Result<(File, bool)> {
        let err = sql(path);
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(&err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(&err)?;
        let mode = switch_to_wal(&conn).map_err(&err)?;
        debug_assert!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(&err)?;
        // NORMAL is durable across application crashes in WAL mode; only a power cut can
        // lose the last transactions, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(&err)?;
        let from = match found {
            Found::Library { version } => version,
            Found::Missing | Found::Blank => 0,
        };
        // When two programs create the file at once, only the one whose migration ran made it.
        let created = migrate(&mut conn, from).map_err(&err)? && from == 0;
        let file = File {
            conn,
            path: path.to_owned(),
            name: path.display().to_string(),
        };
        Ok((file, created))
    }

    /// Runs `f` on the connection, outside a transaction (each statement sees the file as
    /// it is then).
    pub fn read<T>(&self, f: impl FnOnce(&mut dyn Tables) -> Result<T>) -> Result<T> {
        f(&mut SqliteTables {
            conn: &self.conn,
            path: &self.path,
            name: &self.name,
            author: None,
        })
    }

    /// Runs `f` in a write transaction and commits when it succeeds (an error rolls back).
    ///
    /// The transaction is IMMEDIATE: it takes the file's write lock before reading
    /// anything, waiting for another writer up to the busy timeout. A DEFERRED one would
    /// read first and could then find, at its first write, that another program wrote in
    /// between, and fail with "database is locked" instead of waiting its turn.
    pub fn write<T>(
        &mut self,
        author: Option<&str>,
        f: impl FnOnce(&mut dyn Tables) -> Result<T>,
    ) -> Result<T> {
        let err = sql(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&err)?;
        let out = f(&mut SqliteTables {
            conn: &tx,
            path: &self.path,
            name: &self.name,
            author,
        })?;
        tx.commit().map_err(&err)?;
        Ok(out)
    }
}

/// How often and how long apart [`switch_to_wal`] tries again: ten seconds in all, like
/// [`BUSY_TIMEOUT`].
const WAL_TRIES: u32 = 1000;
const WAL_RETRY: Duration = Duration::from_millis(10);

/// Puts the file in WAL mode and returns the mode it is in. The switch needs the file to
/// itself for a moment and SQLite does not wait for that (the busy timeout does not apply),
/// so when another program holds it, for instance while creating the same new file, this
/// tries again.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<String> {
    let mut tries = 0;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && tries < WAL_TRIES =>
            {
                tries += 1;
                std::thread::sleep(WAL_RETRY);
            }
            done => return done,
        }
    }
}

/// Maps an SQLite error on this library's file.
pub(crate) fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_owned(),
        source,
    }
}

/// [`Tables`] on a connection or a transaction (which derefs to one).
struct SqliteTables<'a> {
    conn: &'a Connection,
    path: &'a Path,
    name: &'a str,
    author: Option<&'a str>,
}

impl SqliteTables<'_> {
    fn run<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
        r.map_err(sql(self.path))
    }
}

impl Tables for SqliteTables<'_> {
    fn library(&self) -> &str {
        self.name
    }

    fn author(&self) -> Option<&str> {
        self.author
    }

    fn process(&mut self, id: &str) -> Result<Option<process::Row>> {
        self.run(process::get(self.conn, id))
    }

    fn processes(&mut self, which: Which) -> Result<Vec<process::Row>> {
        self.run(match which {
            Which::Live => process::all(self.conn, false),
            Which::Deleted => process::all(self.conn, true),
            Which::Every => process::every(self.conn),
        })
    }

    fn process_exists(&mut self, id: &str) -> Result<bool> {
        self.run(process::exists(self.conn, id))
    }

    fn put_process(
        &mut self,
        doc: &Document,
        json: &str,
        head: u32,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.run(process::put(self.conn, doc, json, head, now))
    }

    fn copy_process(&mut self, row: &process::Row) -> Result<()> {
        self.run(process::copy(self.conn, row))
    }

    fn set_deleted(&mut self, id: &str, at: Option<DateTime<Utc>>) -> Result<bool> {
        self.run(process::set_deleted(self.conn, id, at))
    }

    fn purge_process(&mut self, id: &str) -> Result<bool> {
        self.run(process::purge(self.conn, id))
    }

    fn insert_revision(&mut self, rev: &revision::Full) -> Result<()> {
        self.run(revision::insert(self.conn, rev))
    }

    fn revisions(&mut self, process: &str) -> Result<Vec<revision::Row>> {
        self.run(revision::list(self.conn, process))
    }

    fn full_revisions(&mut self, process: &str) -> Result<Vec<revision::Full>> {
        self.run(revision::full(self.conn, process))
    }

    fn revision_document(&mut self, process: &str, number: u32) -> Result<Option<String>> {
        self.run(revision::document(self.conn, process, number))
    }

    fn mark_review(&mut self, process: &str, number: u32, on: NaiveDate) -> Result<()> {
        self.run(revision::mark_review(self.conn, process, number, on))
    }

    fn last_review(&mut self, process: &str) -> Result<Option<(NaiveDate, Option<String>)>> {
        self.run(revision::last_review(self.conn, process))
    }

    fn put_seat(&mut self, s: &Seat) -> Result<()> {
        self.run(seat::upsert(self.conn, s))
    }

    fn seat(&mut self, id: &str) -> Result<Option<seat::Row>> {
        self.run(seat::get(self.conn, id))
    }

    fn seats(&mut self) -> Result<Vec<seat::Row>> {
        self.run(seat::all(self.conn))
    }

    fn delete_seat(&mut self, id: &str) -> Result<bool> {
        self.run(seat::delete(self.conn, id))
    }

    fn rules(&mut self) -> Result<Rules> {
        self.run(rule::load(self.conn))
    }

    fn set_rule(&mut self, code: Code, setting: Option<RuleSetting>) -> Result<()> {
        self.run(rule::set(self.conn, code, setting))
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>> {
        self.run(meta::get(self.conn, key))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.run(meta::set(self.conn, key, value))
    }
}
