//! `revision`: every save of every process, numbered from 1, with the whole document and
//! a sentence on what changed. Revisions are never rewritten; restoring one adds a new one.

use chrono::{DateTime, Utc};
use handoff_core::Document;
use rusqlite::{Connection, OptionalExtension};

use super::time_text;

pub(crate) const MIGRATION_1: &str = "
CREATE TABLE revision (
    process_id TEXT NOT NULL REFERENCES process (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    summary    TEXT NOT NULL,
    document   TEXT NOT NULL,
    PRIMARY KEY (process_id, number)
) STRICT;
";

/// A stored revision without its document.
#[derive(Debug)]
pub(crate) struct Row {
    pub number: u32,
    pub created_at: String,
    pub summary: String,
}

/// A revision with everything stored of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Full {
    pub process_id: String,
    pub number: u32,
    /// As [`time_text`] writes it.
    pub created_at: String,
    pub summary: String,
    pub document: String,
}

impl Full {
    /// Revision `number` of the document whose text is `json`, saved at `now`.
    pub fn new(doc: &Document, json: &str, number: u32, summary: &str, now: DateTime<Utc>) -> Full {
        Full {
            process_id: doc.process.id.to_string(),
            number,
            created_at: time_text(now),
            summary: summary.to_owned(),
            document: json.to_owned(),
        }
    }
}

/// Records one revision.
pub(crate) fn insert(conn: &Connection, rev: &Full) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO revision (process_id, number, created_at, summary, document)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            &rev.process_id,
            rev.number,
            &rev.created_at,
            &rev.summary,
            &rev.document,
        ),
    )?;
    Ok(())
}

/// Every revision of a process with its document, oldest first.
pub(crate) fn full(conn: &Connection, process: &str) -> rusqlite::Result<Vec<Full>> {
    let mut stmt = conn.prepare(
        "SELECT process_id, number, created_at, summary, document FROM revision
         WHERE process_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([process], |r| {
        Ok(Full {
            process_id: r.get(0)?,
            number: r.get(1)?,
            created_at: r.get(2)?,
            summary: r.get(3)?,
            document: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// The revisions of a process, newest first.
pub(crate) fn list(conn: &Connection, process: &str) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT number, created_at, summary FROM revision
         WHERE process_id = ?1 ORDER BY number DESC",
    )?;
    let rows = stmt.query_map([process], |r| {
        Ok(Row {
            number: r.get(0)?,
            created_at: r.get(1)?,
            summary: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// The document text of one revision.
pub(crate) fn document(
    conn: &Connection,
    process: &str,
    number: u32,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT document FROM revision WHERE process_id = ?1 AND number = ?2",
        (process, number),
        |r| r.get(0),
    )
    .optional()
}
