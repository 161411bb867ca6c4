//! Handoff's library: every process a business has mapped, in one SQLite file for one
//! person, or in a PostgreSQL database as the team library of a whole company.
//!
//! A [`Library`] holds library-wide seats, each process's current document (the same JSON
//! as a `*.handoff.json` file, written by [`handoff_core::to_json`]), every saved revision
//! with a sentence on what changed ([`changes::summarize`]), and the library's rule
//! settings. What flows through it:
//!
//! - **Two backends, one library.** Every operation below is written once, in
//!   [`library`](crate::Library), over a small interface of table operations inside a
//!   transaction (`table::Tables`). The file implements it with SQLite (`sqlite`), the
//!   team library with the `postgres` client (`pg`): the same rows, the same
//!   forward-only migrations (one [`schema::SCHEMA_VERSION`] for both), the same write
//!   lock taken before anything is read (the file's lock; a PostgreSQL advisory lock),
//!   so revision numbers, fresh ids and the base-revision check behave the same.
//!   [`Library::backend`] and [`Library::location`] say which library is open (a team
//!   library's URL never with its password).
//! - **Opening** ([`Library::create_or_open`], [`Library::open`]): an existing file is first
//!   checked read-only ([`inspect`](crate::inspect)): not SQLite, another application's
//!   database, a newer schema or a damaged file each give their own [`StoreError`] and
//!   leave the file's bytes untouched. A sound file is opened in WAL mode and migrated
//!   forward ([`schema`]).
//! - **Saving** ([`Library::save_on`], [`Library::save`], [`Library::save_new`]) writes the
//!   document, the seats it carries and a new revision in one transaction. Restore, rename,
//!   mark-reviewed, duplicate, import and seat merges are saves too, so each leaves a
//!   revision behind. Any number of programs may write one file: every write transaction
//!   takes the write lock before it reads (waiting its turn), new ids and revision numbers
//!   are picked under that lock, and an editor's save names the revision it started from,
//!   so a save on top of someone else's newer revision is refused
//!   ([`StoreError::Conflict`]) rather than applied. Every document is read back before it
//!   is written, so the library never holds one it cannot open ([`StoreError::Invalid`]).
//! - **Listing** ([`Library::processes`], [`Library::reviews`]) runs the engine's checks
//!   and review rules on each process for the `today` it is given. A stored document that
//!   no longer reads is listed as damaged ([`ProcessSummary::damaged`]) and hides nothing
//!   else; restoring one of its revisions mends it.
//!   A team library is opened by URL ([`Library::create_or_open_url`],
//!   [`Library::open_url`]); its database must exist, its tables are made on first use.
//! - **Backups** (files only): before a migration changes an existing library file, it is
//!   copied beside itself as `<file>.before-v<N>.bak`. [`Library::check`] runs SQLite's
//!   integrity check and lists those copies; [`Library::restore_backup`] puts one back
//!   atomically. A team library is backed up and checked with PostgreSQL's own tools
//!   ([`StoreError::FileOnly`]).
//! - **Copying** ([`Library::copy_into`]) moves a whole library, history and all, from a
//!   file into a team library or back.
//! - **Exchange** ([`Library::import_document`], [`Library::export_document`]) takes and
//!   gives documents; the files themselves are read and written by the application layer.
//!
//! The store never reads the clock: writes take `now`, questions about reviews take `today`.
//! Templates to seed a new library with are passed in ([`Library::seed_if_first_use`]).

mod backup;
pub mod changes;
mod copy;
mod error;
mod exchange;
mod inspect;
mod library;
mod pg;
pub mod schema;
mod seats;
mod sqlite;
mod table;

pub use backup::{Backup, CheckReport};
pub use copy::Copied;
pub use error::{Result, StoreError};
pub use exchange::{ImportMode, Imported};
pub use library::{
    Backend, DeletedProcess, Library, ProblemCounts, ProcessSummary, ReviewItem, Reviews,
    RevisionInfo, Saved, DATA_DIR_ENV, DEFAULT_FILE_NAME,
};
pub use seats::SeatUse;
