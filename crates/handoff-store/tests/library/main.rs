//! The library end to end on real files in a temporary folder. Shared fixtures live here;
//! each module covers one concern.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use handoff_core::build::Builder;
use handoff_core::{Document, NodeKind, ProcessId, SeatKind};

/// Damage stays out and stays contained: unreadable documents are refused, damaged rows are
/// listed as damaged, the check finds a damaged file and a backup puts it back.
mod damage;
/// Opening files: reopening keeps everything, bad files are refused untouched, new files
/// and folders are made.
mod files;
/// Working on processes: revisions accumulate and restore, delete and purge, seats merge,
/// reviews are listed, templates are seeded once.
mod processes;
/// Several writers on one file: they take turns, and a save on a stale revision is refused.
mod writers;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A sound two-lane process with the given id.
fn invoicing(id: &str) -> Document {
    let mut doc = Builder::new("Invoicing")
        .lane("sales", "Sales", SeatKind::Team)
        .lane("finance", "Finance", SeatKind::Team)
        .node("start", NodeKind::Start, Some("sales"))
        .step("check", "sales")
        .step("send", "finance")
        .node("end", NodeKind::Outcome, Some("finance"))
        .arrow("start", "check")
        .flow("check", "send", "", "signed order")
        .arrow("send", "end")
        .build();
    doc.process.id = ProcessId::from(id);
    doc
}

fn temp_library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.handoff-db");
    (dir, path)
}
