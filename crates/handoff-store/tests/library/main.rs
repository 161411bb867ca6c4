//! The library end to end, on both backends: a real file in a temporary folder, and a team
//! library in a database of its own in a throwaway PostgreSQL cluster
//! ([`handoff_pg_cluster`]). A test written with [`both_backends!`] runs its body once per
//! backend (`<test>::sqlite`, `<test>::postgres`); tests of what only a file has (its
//! bytes, SQLite's checks and backups) are plain `#[test]`s. Shared fixtures live here;
//! each module covers one concern.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use handoff_core::build::Builder;
use handoff_core::{Document, NodeKind, ProcessId, SeatKind};
use handoff_store::Library;

/// Runs a test body once per backend: `fn name(place) { ... }` becomes the tests
/// `name::sqlite` and `name::postgres`, each with a fresh, empty [`Place`].
macro_rules! both_backends {
    ($(#[doc = $doc:literal])* fn $name:ident($place:ident) $body:block) => {
        $(#[doc = $doc])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn body($place: crate::Place) $body

            #[test]
            fn sqlite() {
                body(crate::Place::new(crate::Kind::Sqlite));
            }

            #[test]
            fn postgres() {
                body(crate::Place::new(crate::Kind::Postgres));
            }
        }
    };
}

/// Copying a library into another and back: everything arrives, twice changes nothing.
mod copy;
/// Damage stays out and stays contained: unreadable documents are refused, damaged rows are
/// listed as damaged, the check finds a damaged file and a backup puts it back.
mod damage;
/// Opening files: reopening keeps everything, bad files are refused untouched, new files
/// and folders are made.
mod files;
/// Working on processes: revisions accumulate and restore, delete and purge, seats merge,
/// reviews are listed, templates are seeded once.
mod processes;
/// The team library itself: URLs, refusals, what only files do.
mod team;
/// Several writers on one library: they take turns, and a save on a stale revision is
/// refused.
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

/// The two backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sqlite,
    Postgres,
}

/// Where one test's library lives: a file in a temporary folder of its own, or a database
/// of its own in the test cluster. Nothing is there until [`Place::create`].
#[derive(Debug)]
enum Place {
    File {
        _dir: tempfile::TempDir,
        path: PathBuf,
    },
    Team {
        url: String,
    },
}

impl Place {
    fn new(kind: Kind) -> Place {
        match kind {
            Kind::Sqlite => {
                let (dir, path) = temp_library();
                Place::File { _dir: dir, path }
            }
            Kind::Postgres => Place::Team {
                url: handoff_pg_cluster::database(),
            },
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Place::File { .. } => Kind::Sqlite,
            Place::Team { .. } => Kind::Postgres,
        }
    }

    /// Opens the library, creating it when it is not there yet.
    fn create(&self) -> Library {
        self.try_create().unwrap()
    }

    fn try_create(&self) -> Result<Library, handoff_store::StoreError> {
        match self {
            Place::File { path, .. } => Library::create_or_open(path),
            Place::Team { url } => Library::create_or_open_url(url),
        }
    }

    /// Opens the existing library (another program's connection).
    fn open(&self) -> Library {
        match self {
            Place::File { path, .. } => Library::open(path),
            Place::Team { url } => Library::open_url(url),
        }
        .unwrap()
    }

    /// Runs SQL behind the library's back (to damage it on purpose).
    fn execute(&self, sql: &str) {
        match self {
            Place::File { path, .. } => {
                rusqlite::Connection::open(path)
                    .unwrap()
                    .execute_batch(sql)
                    .unwrap();
            }
            Place::Team { url } => {
                postgres::Client::connect(url, postgres::NoTls)
                    .unwrap()
                    .batch_execute(sql)
                    .unwrap();
            }
        }
    }
}
