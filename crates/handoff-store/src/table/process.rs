//! `process`: each process's current document, with the columns the library screen lists
//! by copied out of it so listing needs no JSON for sorting and filtering.
//!
//! A deleted process keeps its row with `deleted_at` set, so the app can offer undo.

use chrono::{DateTime, Utc};
use handoff_core::Document;
use rusqlite::{Connection, OptionalExtension};

use super::{enum_text, time_text};

pub(crate) const MIGRATION_1: &str = "
CREATE TABLE process (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    function   TEXT NOT NULL,
    state      TEXT NOT NULL,
    owner      TEXT,
    document   TEXT NOT NULL,
    head       INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX process_listing ON process (deleted_at, function, name);
";

/// A stored row, as text.
#[derive(Debug)]
pub(crate) struct Row {
    pub id: String,
    /// The listing columns, copied from the document when it was saved; they still read
    /// when the document does not.
    pub name: String,
    pub function: String,
    pub state: String,
    pub owner: Option<String>,
    pub document: String,
    pub head: u32,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

const COLUMNS: &str =
    "id, name, function, state, owner, document, head, created_at, updated_at, deleted_at";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        name: r.get(1)?,
        function: r.get(2)?,
        state: r.get(3)?,
        owner: r.get(4)?,
        document: r.get(5)?,
        head: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        deleted_at: r.get(9)?,
    })
}

/// The row with this id, deleted or not.
pub(crate) fn get(conn: &Connection, id: &str) -> rusqlite::Result<Option<Row>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM process WHERE id = ?1"),
        [id],
        read,
    )
    .optional()
}

/// Every row that is (`deleted == false`) or is not (`true`) deleted, by function and name.
pub(crate) fn all(conn: &Connection, deleted: bool) -> rusqlite::Result<Vec<Row>> {
    let filter = if deleted { "IS NOT NULL" } else { "IS NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM process WHERE deleted_at {filter}
         ORDER BY function, name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], read)?;
    rows.collect()
}

/// Every row, deleted or not, in id order.
pub(crate) fn every(conn: &Connection) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM process ORDER BY id"))?;
    let rows = stmt.query_map([], read)?;
    rows.collect()
}

/// Writes the current document (`json` is its text) as revision `head`, creating the row
/// if needed. Saving a deleted process brings it back: someone is working on it.
pub(crate) fn put(
    conn: &Connection,
    doc: &Document,
    json: &str,
    head: u32,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let p = &doc.process;
    let now = time_text(now);
    conn.execute(
        "INSERT INTO process (id, name, function, state, owner, document, head, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (id) DO UPDATE SET
             name = excluded.name, function = excluded.function, state = excluded.state,
             owner = excluded.owner, document = excluded.document, head = excluded.head,
             updated_at = excluded.updated_at, deleted_at = NULL",
        (
            p.id.as_str(),
            &p.name,
            enum_text(&p.function),
            enum_text(&p.state),
            p.owner.as_ref().map(|o| o.as_str()),
            json,
            head,
            now,
        ),
    )?;
    Ok(())
}

/// Writes a row exactly as given, replacing one with its id (copying between libraries).
pub(crate) fn copy(conn: &Connection, row: &Row) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO process (id, name, function, state, owner, document, head, created_at, updated_at, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET
             name = excluded.name, function = excluded.function, state = excluded.state,
             owner = excluded.owner, document = excluded.document, head = excluded.head,
             created_at = excluded.created_at, updated_at = excluded.updated_at,
             deleted_at = excluded.deleted_at",
        (
            &row.id,
            &row.name,
            &row.function,
            &row.state,
            &row.owner,
            &row.document,
            row.head,
            &row.created_at,
            &row.updated_at,
            &row.deleted_at,
        ),
    )?;
    Ok(())
}

/// Sets or clears `deleted_at`; whether a row changed.
pub(crate) fn set_deleted(
    conn: &Connection,
    id: &str,
    deleted_at: Option<DateTime<Utc>>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE process SET deleted_at = ?2 WHERE id = ?1",
        (id, deleted_at.map(time_text)),
    )? > 0)
}

/// Removes the row and (by cascade) its revisions; whether it existed.
pub(crate) fn purge(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM process WHERE id = ?1", [id])? > 0)
}

/// Whether any row, deleted or not, has this id.
pub(crate) fn exists(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM process WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )
}
