//! One module per table, each with the SQL that creates it (its migrations) next to the
//! queries that read and write it. Functions here take a connection (or a transaction,
//! which derefs to one) and do no bookkeeping of their own: [`crate::Library`] decides
//! what runs in which transaction.

pub(crate) mod meta;
pub(crate) mod process;
pub(crate) mod revision;
pub(crate) mod rule;
pub(crate) mod seat;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{de::DeserializeOwned, Serialize};

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
