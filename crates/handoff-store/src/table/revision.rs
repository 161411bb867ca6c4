//! `revision`: every save of every process, numbered from 1, with the whole document and
//! a sentence on what changed. Revisions are never rewritten; restoring one adds a new one.

use chrono::{DateTime, NaiveDate, Utc};
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

/// Who saved each revision, and which revisions were reviews (the date the process was
/// reviewed on; the author is who reviewed). Older revisions have neither.
pub(crate) const MIGRATION_2: &str = "
ALTER TABLE revision ADD COLUMN author TEXT;
ALTER TABLE revision ADD COLUMN reviewed_on TEXT;
";

/// A stored revision without its document.
#[derive(Debug)]
pub(crate) struct Row {
    pub number: u32,
    pub created_at: String,
    pub summary: String,
    pub author: Option<String>,
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
    /// Who saved it, as the saving program was told.
    pub author: Option<String>,
    /// Set when the revision records a review: the day the process was reviewed on.
    pub reviewed_on: Option<NaiveDate>,
}

impl Full {
    /// Revision `number` of the document whose text is `json`, saved at `now` by `author`.
    pub fn new(
        doc: &Document,
        json: &str,
        number: u32,
        summary: &str,
        now: DateTime<Utc>,
        author: Option<&str>,
    ) -> Full {
        Full {
            process_id: doc.process.id.to_string(),
            number,
            created_at: time_text(now),
            summary: summary.to_owned(),
            document: json.to_owned(),
            author: author.map(str::to_owned),
            reviewed_on: None,
        }
    }
}

/// A review date as stored in the file: `YYYY-MM-DD`.
fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Records one revision.
pub(crate) fn insert(conn: &Connection, rev: &Full) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO revision (process_id, number, created_at, summary, document, author, reviewed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            &rev.process_id,
            rev.number,
            &rev.created_at,
            &rev.summary,
            &rev.document,
            &rev.author,
            date_text(rev.reviewed_on),
        ),
    )?;
    Ok(())
}

/// Every revision of a process with its document, oldest first.
pub(crate) fn full(conn: &Connection, process: &str) -> rusqlite::Result<Vec<Full>> {
    let mut stmt = conn.prepare(
        "SELECT process_id, number, created_at, summary, document, author, reviewed_on
         FROM revision WHERE process_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([process], |r| {
        Ok(Full {
            process_id: r.get(0)?,
            number: r.get(1)?,
            created_at: r.get(2)?,
            summary: r.get(3)?,
            document: r.get(4)?,
            author: r.get(5)?,
            reviewed_on: parse_date(r.get(6)?),
        })
    })?;
    rows.collect()
}

/// A stored review date; one that does not read counts as none (it only names who
/// reviewed, the process's own review date is in its document).
fn parse_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// Marks revision `number` as the record of a review on `on`.
pub(crate) fn mark_review(
    conn: &Connection,
    process: &str,
    number: u32,
    on: NaiveDate,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE revision SET reviewed_on = ?3 WHERE process_id = ?1 AND number = ?2",
        (process, number, date_text(Some(on))),
    )?;
    Ok(())
}

/// The newest review of a process: its date and who reviewed.
pub(crate) fn last_review(
    conn: &Connection,
    process: &str,
) -> rusqlite::Result<Option<(NaiveDate, Option<String>)>> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT reviewed_on, author FROM revision
             WHERE process_id = ?1 AND reviewed_on IS NOT NULL ORDER BY number DESC LIMIT 1",
            [process],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(on, by)| Some((parse_date(on)?, by))))
}

/// The revisions of a process, newest first.
pub(crate) fn list(conn: &Connection, process: &str) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT number, created_at, summary, author FROM revision
         WHERE process_id = ?1 ORDER BY number DESC",
    )?;
    let rows = stmt.query_map([process], |r| {
        Ok(Row {
            number: r.get(0)?,
            created_at: r.get(1)?,
            summary: r.get(2)?,
            author: r.get(3)?,
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
