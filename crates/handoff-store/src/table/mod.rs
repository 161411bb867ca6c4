//! One module per table, each with the SQLite SQL that creates it (its migrations) next to
//! the queries that read and write it, and [`Tables`]: the table operations every backend
//! offers inside one transaction. The library's logic ([`crate::Library`]) is written once
//! over [`Tables`]; the SQLite file implements it with the functions in these modules
//! ([`crate::sqlite`]), the PostgreSQL team library with its own SQL ([`crate::pg`]).
//! Functions here do no bookkeeping of their own: [`crate::Library`] decides what runs in
//! which transaction.

pub(crate) mod meta;
pub(crate) mod process;
pub(crate) mod revision;
pub(crate) mod rule;
pub(crate) mod seat;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use handoff_core::checks::{Code, RuleSetting, Rules};
use handoff_core::{Document, Seat};
use serde::{de::DeserializeOwned, Serialize};

use crate::error::Result;

/// Which process rows [`Tables::processes`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// Not deleted, by function, then name (case-insensitively), then id.
    Live,
    /// Deleted, in the same order.
    Deleted,
    /// Every row, in id order.
    Every,
}

/// The table operations of one library, run inside the caller's transaction (or, for
/// reads outside one, on the connection). Errors name the library. Every backend keeps
/// the same rows with the same meaning; timestamps come back as [`time_text`].
pub(crate) trait Tables {
    /// The library, as messages name it: its file, or a team library's URL without password.
    fn library(&self) -> &str;
    /// Who writes in this transaction (recorded with each revision), when known.
    fn author(&self) -> Option<&str>;

    /// The process row with this id, deleted or not.
    fn process(&mut self, id: &str) -> Result<Option<process::Row>>;
    /// The process rows chosen by `which`.
    fn processes(&mut self, which: Which) -> Result<Vec<process::Row>>;
    /// Whether any row, deleted or not, has this id.
    fn process_exists(&mut self, id: &str) -> Result<bool>;
    /// Writes the current document (`json` is its text) as revision `head`, creating the
    /// row if needed (created then) and clearing `deleted_at`.
    fn put_process(
        &mut self,
        doc: &Document,
        json: &str,
        head: u32,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Writes a row exactly as given (copying between libraries), replacing one with its id.
    fn copy_process(&mut self, row: &process::Row) -> Result<()>;
    /// Sets or clears `deleted_at`; whether a row changed.
    fn set_deleted(&mut self, id: &str, at: Option<DateTime<Utc>>) -> Result<bool>;
    /// Removes the row and its revisions; whether it existed.
    fn purge_process(&mut self, id: &str) -> Result<bool>;

    /// Records one revision.
    fn insert_revision(&mut self, rev: &revision::Full) -> Result<()>;
    /// The revisions of a process without their documents, newest first.
    fn revisions(&mut self, process: &str) -> Result<Vec<revision::Row>>;
    /// Every revision of a process with its document, oldest first.
    fn full_revisions(&mut self, process: &str) -> Result<Vec<revision::Full>>;
    /// The document text of one revision.
    fn revision_document(&mut self, process: &str, number: u32) -> Result<Option<String>>;
    /// Marks revision `number` as the record of a review on `on`.
    fn mark_review(&mut self, process: &str, number: u32, on: NaiveDate) -> Result<()>;
    /// The newest review of a process: the day and who reviewed.
    fn last_review(&mut self, process: &str) -> Result<Option<(NaiveDate, Option<String>)>>;

    /// Adds a seat or replaces the one with its id.
    fn put_seat(&mut self, seat: &Seat) -> Result<()>;
    fn seat(&mut self, id: &str) -> Result<Option<seat::Row>>;
    /// Every seat, by name (case-insensitively) then id.
    fn seats(&mut self) -> Result<Vec<seat::Row>>;
    /// Removes a seat; whether it existed.
    fn delete_seat(&mut self, id: &str) -> Result<bool>;

    /// The stored rule overrides (unknown codes and settings skipped, see [`rule::load`]).
    fn rules(&mut self) -> Result<Rules>;
    /// Sets one rule; `None` returns it to its default.
    fn set_rule(&mut self, code: Code, setting: Option<RuleSetting>) -> Result<()>;

    fn meta(&mut self, key: &str) -> Result<Option<String>>;
    fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
}

/// A timestamp as stored: RFC 3339 in UTC with milliseconds, so text order is time order.
pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a stored timestamp; `None` when the text is not one.
pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The serde text of a unit enum (`"as-is"`, `"finance"`), the same words the file format
/// uses, so a stored value reads the same as in a `*.handoff.json` file.
pub(crate) fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        // Only unit enums are passed here; they always serialise to a string.
        other => unreachable!("not a unit enum: {other:?}"),
    }
}

/// The unit enum whose serde text is `text`.
pub(crate) fn parse_enum<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}
