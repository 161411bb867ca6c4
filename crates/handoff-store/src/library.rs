//! [`Library`]: opening a library (a file or a team library) and everything done to the
//! processes in it. Every operation here is written once, over [`Tables`]: the backend
//! only supplies table operations inside a transaction.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use handoff_core::checks::{check, Severity};
use handoff_core::review::{next_review, review_status, ReviewStatus};
use handoff_core::{
    parse_document, to_json, BusinessFunction, Document, ProcessId, ProcessState, SeatId,
};
use serde::Serialize;

use crate::changes::summarize;
use crate::error::{Result, StoreError};
use crate::inspect::{inspect, Found};
use crate::pg::Team;
use crate::sqlite::File;
use crate::table::{self, meta, process, revision, Tables, Which};

/// The environment variable that overrides the folder of the default library (tests and
/// end-to-end runs point it at a temporary folder).
pub const DATA_DIR_ENV: &str = "HANDOFF_DATA_DIR";

/// The default library's file name inside the data folder.
pub const DEFAULT_FILE_NAME: &str = "library.handoff-db";

/// An open library holding seats, processes, their revisions and rule settings: one
/// SQLite file in WAL mode ([`Library::create_or_open`]), or a team library in a
/// PostgreSQL database ([`Library::create_or_open_url`]). Both behave the same; only
/// [`Library::check`] and [`Library::restore_backup`] are for files alone.
///
/// Reads take `&self`; writes take `&mut self` and each runs in one transaction, so a
/// failed operation changes nothing. The clock is never read here: every write is given
/// `now`, every review question `today`.
///
/// Any number of `Library` values, in one program or several, may have the same library
/// open and write to it. Writers take turns: each write transaction first takes the
/// library's write lock (the file's lock; for a team library an advisory lock of the
/// database), waiting up to ten seconds for the writer before it, so what it read is still
/// true when it commits, and new ids and revision numbers are picked under that lock. An
/// editor names the revision it started from ([`Library::save_on`]), so a save on top of
/// someone else's newer revision is refused, not applied.
#[derive(Debug)]
pub struct Library {
    store: Store,
    created: bool,
    /// Who saves through this handle ([`Library::set_author`]).
    author: Option<String>,
}

/// Where an open library keeps its data.
#[derive(Debug)]
enum Store {
    File(File),
    /// Boxed: the client and its configuration are several times the size of a file's.
    Team(Box<Team>),
}

/// What a write transaction changes, so a team library knows which lock it needs: writes
/// to one process wait only for writes to that process (and for library-wide ones);
/// library-wide writes (new ids, seat merges, rules, copies) wait for every writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope<'a> {
    /// Only the process with this id (its row, its revisions) and upserts of the seats it
    /// carries.
    Process(&'a str),
    /// Anything in the library, including picking an id no process has.
    Library,
}

/// Which kind of library is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Backend {
    /// A library file (SQLite), for one person.
    Sqlite,
    /// A team library on a PostgreSQL server.
    Postgres,
}

/// One row of the library screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProcessSummary {
    pub id: ProcessId,
    pub name: String,
    pub function: BusinessFunction,
    pub state: ProcessState,
    pub owner: Option<SeatId>,
    /// The owner seat's name as the library knows it.
    pub owner_name: Option<String>,
    /// Findings of the checks, with the library's rule settings, on the given day.
    pub problems: ProblemCounts,
    pub review: ReviewStatus,
    /// The number of the latest revision.
    pub revision: u32,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub updated_at: DateTime<Utc>,
    /// Why the stored document cannot be read, when it cannot: the row is still listed
    /// (named by its name column) so the damage is seen, but it has no findings, no owner
    /// and no review (shown as never reviewed), and opening it fails until an earlier
    /// revision is restored or a sound document is saved over it.
    pub damaged: Option<String>,
}

/// How many findings of each severity a process has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProblemCounts {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
}

/// A deleted process that can still be brought back with [`Library::undelete`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeletedProcess {
    pub id: ProcessId,
    pub name: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub deleted_at: DateTime<Utc>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub id: ProcessId,
    /// The process's latest revision after the save.
    pub revision: u32,
    /// What changed, as recorded in the revision list.
    pub summary: String,
    /// `false` when the document equalled the latest revision and no revision was added.
    pub changed: bool,
}

/// One entry of a process's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RevisionInfo {
    pub number: u32,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: DateTime<Utc>,
    pub summary: String,
    /// Who saved it (see [`Library::set_author`]); `None` for revisions saved before
    /// authors were recorded or by a program that named no one.
    // Sent to the window, but not yet in its TypeScript bindings: the shell's bindings are
    // regenerated with the history view that shows it (issue 12 item 5).
    #[cfg_attr(feature = "specta", specta(skip))]
    pub author: Option<String>,
}

/// Processes whose review is due, for the review list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reviews {
    /// Past their due date, most overdue first.
    pub overdue: Vec<ReviewItem>,
    /// Due within [`handoff_core::review::UPCOMING_DAYS`] days, soonest first.
    pub upcoming: Vec<ReviewItem>,
    /// Never reviewed and with no date set, by name.
    pub never_reviewed: Vec<ReviewItem>,
}

/// One process in the review list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    pub id: ProcessId,
    pub name: String,
    pub owner_name: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_reviewed: Option<NaiveDate>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub due: Option<NaiveDate>,
    /// Days from today to the due date; negative when overdue.
    pub days: Option<i64>,
    /// Who marked the last review, when the library knows.
    // Not yet in the window's TypeScript bindings; see `RevisionInfo::author`.
    #[cfg_attr(feature = "specta", specta(skip))]
    pub reviewed_by: Option<String>,
}

impl Library {
    /// Opens an existing library file.
    ///
    /// The file is checked read-only first (see [`Library::create_or_open`]); a file that
    /// fails the check is not changed.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is no file; otherwise as
    /// [`Library::create_or_open`].
    pub fn open(path: &Path) -> Result<Library> {
        match inspect(path)? {
            Found::Missing => Err(StoreError::NotFound {
                path: path.to_owned(),
            }),
            found => Self::open_file(path, found),
        }
    }

    /// Opens the library file at `path`, creating it (and its folder) when there is no file
    /// or the file is empty, and brings its schema up to date.
    ///
    /// An existing file is first looked at read-only: it must be an SQLite database marked
    /// as a Handoff library, of a schema version this build knows, and pass SQLite's
    /// `quick_check`. Only then is it opened for writing and switched to WAL.
    ///
    /// # Errors
    /// - [`StoreError::NotSqlite`], [`StoreError::Foreign`], [`StoreError::TooNew`],
    ///   [`StoreError::Corrupt`]: the file is not a library this build can open; it is
    ///   left exactly as it was.
    /// - [`StoreError::Io`]: the folder cannot be created or the file cannot be read.
    /// - [`StoreError::Sqlite`]: SQLite failed otherwise (for instance a lock held too long
    ///   by another program).
    ///
    /// # Complexity
    /// Linear in the size of the file (the integrity check reads every page).
    pub fn create_or_open(path: &Path) -> Result<Library> {
        let found = inspect(path)?;
        if found == Found::Missing {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                    path: dir.to_owned(),
                    source,
                })?;
            }
        }
        Self::open_file(path, found)
    }

    fn open_file(path: &Path, found: Found) -> Result<Library> {
        let (file, created) = File::open(path, found)?;
        Ok(Library {
            store: Store::File(file),
            created,
            author: None,
        })
    }

    /// Opens the team library in the PostgreSQL database named by `url`
    /// (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or the `key=value` form), which
    /// must already hold a Handoff library, and brings its schema up to date.
    ///
    /// # Errors
    /// [`StoreError::NotALibrary`] when the database holds no Handoff library (create one
    /// with [`Library::create_or_open_url`]) or another application's tables; otherwise as
    /// [`Library::create_or_open_url`].
    pub fn open_url(url: &str) -> Result<Library> {
        Self::open_team(url, false)
    }

    /// Opens the team library in the PostgreSQL database named by `url`, creating its
    /// tables when the database is empty, and brings its schema up to date (forward-only
    /// migrations, recorded in the `handoff_schema` table; two programs opening a new
    /// database at once create it once). The database itself must exist.
    ///
    /// # Errors
    /// - [`StoreError::BadUrl`]: `url` is not a connection URL (the message does not repeat it).
    /// - [`StoreError::Connect`]: the server cannot be reached or refuses the user.
    /// - [`StoreError::NotALibrary`]: the database holds another application's tables.
    /// - [`StoreError::TooNew`]: a newer Handoff wrote the library.
    /// - [`StoreError::Postgres`]: the server failed otherwise (for instance the user may
    ///   not create tables).
    ///
    /// Nothing is changed in a database that is refused.
    pub fn create_or_open_url(url: &str) -> Result<Library> {
        Self::open_team(url, true)
    }

    fn open_team(url: &str, create: bool) -> Result<Library> {
        let (team, created) = Team::open(url, create)?;
        Ok(Library {
            store: Store::Team(Box::new(team)),
            created,
            author: None,
        })
    }

    /// Whether `text` names a team library (a `postgres://` or `postgresql://` URL) rather
    /// than a library file.
    pub fn is_url(text: &str) -> bool {
        crate::pg::is_url(text)
    }

    /// A team library's URL as messages show it, without its password (as
    /// [`Library::location`] will say once it is open); `None` when `url` does not parse.
    pub fn display_url(url: &str) -> Option<String> {
        crate::pg::display_url(url)
    }

    /// Where the default library lives: `$HANDOFF_DATA_DIR/library.handoff-db` when that
    /// variable is set, otherwise in the operating system's folder for application data
    /// (`~/.local/share/handoff` on Linux, `~/Library/Application Support/Handoff` on
    /// macOS, `%APPDATA%\Handoff\data` on Windows).
    ///
    /// # Errors
    /// [`StoreError::NoDataDir`] when there is no home folder to put it in.
    pub fn default_path() -> Result<PathBuf> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir).join(DEFAULT_FILE_NAME));
        }
        directories::ProjectDirs::from("", "", "Handoff")
            .map(|d| d.data_dir().join(DEFAULT_FILE_NAME))
            .ok_or(StoreError::NoDataDir)
    }

    /// The library's file; `None` for a team library.
    pub fn path(&self) -> Option<&Path> {
        match &self.store {
            Store::File(f) => Some(&f.path),
            Store::Team(_) => None,
        }
    }

    /// Where the library is, as people read it: the file's path, or the team library's URL
    /// without its password (`postgres://ann@db.example.com:5432/handoff`).
    pub fn location(&self) -> &str {
        match &self.store {
            Store::File(f) => &f.name,
            Store::Team(t) => t.name(),
        }
    }

    /// Which kind of library this is.
    pub fn backend(&self) -> Backend {
        match &self.store {
            Store::File(_) => Backend::Sqlite,
            Store::Team(_) => Backend::Postgres,
        }
    }

    /// Whether this open created the library (the file was missing or empty; the team
    /// database had no tables).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// Names who saves through this library from now on: every revision written records it
    /// ([`RevisionInfo::author`]), and a review marked ([`Library::mark_reviewed`]) names
    /// them as the reviewer. `None` (the default) records no one. A blank name counts as none.
    pub fn set_author(&mut self, author: Option<&str>) {
        self.author = author
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
    }

    /// Who saves through this library, as [`Library::set_author`] was told.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// Runs `f` on the library's tables outside a write transaction.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut dyn Tables) -> Result<T>) -> Result<T> {
        match &self.store {
            Store::File(file) => file.read(f),
            Store::Team(team) => team.read(f),
        }
    }

    /// Runs `f` in one write transaction holding the write lock `scope` asks for; commits
    /// when it succeeds, changes nothing when it fails. A file has one lock, so the scope
    /// only matters for a team library.
    pub(crate) fn write<T>(
        &mut self,
        scope: Scope<'_>,
        f: impl FnOnce(&mut dyn Tables) -> Result<T>,
    ) -> Result<T> {
        let author = self.author.as_deref();
        match &mut self.store {
            Store::File(file) => file.write(author, f),
            Store::Team(team) => team.write(scope, author, f),
        }
    }

    /// On the library's first use, saves each template as a process (one revision each,
    /// "Added from the templates") and remembers that it did, so templates the user deletes
    /// never come back. Later calls do nothing. Returns how many processes were added.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a template that would not read back; the backend's
    /// database error. Nothing is added then.
    pub fn seed_if_first_use(
        &mut self,
        templates: &[Document],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        self.write(Scope::Library, |t| {
            if t.meta(meta::SEEDED_AT)?.is_some() {
                return Ok(0);
            }
            let mut added = 0;
            for doc in templates {
                if t.process_exists(doc.process.id.as_str())? {
                    continue;
                }
                save_in(t, doc, now, Some("Added from the templates".to_owned()))?;
                added += 1;
            }
            t.set_meta(meta::SEEDED_AT, &table::time_text(now))?;
            Ok(added)
        })
    }

    /// The processes that are not deleted, by business function then name, each with its
    /// problem counts (checked with the library's rules) and review status on `today`. A
    /// process whose stored document (or timestamp) cannot be read is listed with
    /// [`ProcessSummary::damaged`] saying why; it never hides the others.
    ///
    /// # Errors
    /// The backend's database error.
    ///
    /// # Complexity
    /// Parses and checks every process: linear in the total size of the maps.
    pub fn processes(&self, today: NaiveDate) -> Result<Vec<ProcessSummary>> {
        self.read(|t| {
            let rules = t.rules()?;
            let rows = t.processes(Which::Live)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.push(match summary(t, &row, today, &rules) {
                    Err(StoreError::CorruptRecord { what, reason, .. }) => {
                        damaged_summary(&row, format!("the stored {what} does not read: {reason}"))
                    }
                    other => other?,
                });
            }
            Ok(out)
        })
    }

    /// Deleted processes that can still be restored, most recently deleted first. Names
    /// come from the listing columns, so a damaged document is listed too.
    ///
    /// # Errors
    /// The backend's database error; [`StoreError::CorruptRecord`] for a damaged deletion
    /// time.
    pub fn deleted_processes(&self) -> Result<Vec<DeletedProcess>> {
        self.read(|t| {
            let rows = t.processes(Which::Deleted)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let at = row.deleted_at.as_deref().unwrap_or_default();
                let deleted_at = time(t.library(), at, &row.id)?;
                out.push(DeletedProcess {
                    id: ProcessId(row.id),
                    name: row.name,
                    deleted_at,
                });
            }
            out.sort_by_key(|d| std::cmp::Reverse(d.deleted_at));
            Ok(out)
        })
    }

    /// The current document of a process that is not deleted, with its seat copies
    /// refreshed from the library's seats (the library is the authority on a seat's name,
    /// kind and holder).
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`]; [`StoreError::CorruptRecord`]; the backend's database
    /// error.
    pub fn load(&self, id: &ProcessId) -> Result<Document> {
        self.load_with_revision(id).map(|(doc, _)| doc)
    }

    /// As [`Library::load`], with the number of the revision the document is: the `base`
    /// to hand to [`Library::save_on`] when the edited document is saved. Both come from
    /// one row, so they always belong together.
    ///
    /// # Errors
    /// As [`Library::load`].
    pub fn load_with_revision(&self, id: &ProcessId) -> Result<(Document, u32)> {
        self.read(|t| {
            let row = live_row(t, id)?;
            let mut doc = parse_stored(t.library(), &row.id, &row.document)?;
            refresh_seats(t, &mut doc)?;
            Ok((doc, row.head))
        })
    }

    /// Saves an edited document on top of revision `base`, the one the editor loaded
    /// (`None` for a process that is new), as [`Library::save`] does, but only while `base`
    /// is still the newest revision: when someone else saved the process in the meantime
    /// (or, for `None`, a process with this id already exists), nothing is written and
    /// [`StoreError::Conflict`] names the newest revision. A deleted process whose newest
    /// revision is `base` is brought back.
    ///
    /// This is how an editor saves: the CLI's import loops and the templates use
    /// [`Library::save`].
    ///
    /// # Errors
    /// [`StoreError::Conflict`] as above; [`StoreError::NoSuchProcess`] when `base` is
    /// `Some` but the process no longer exists (it was purged); otherwise as
    /// [`Library::save`]. Nothing is saved then.
    ///
    /// # Complexity
    /// Linear in the size of the two documents.
    pub fn save_on(
        &mut self,
        doc: &Document,
        base: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        self.write(Scope::Process(doc.process.id.as_str()), |t| {
            let id = &doc.process.id;
            let newest = t.process(id.as_str())?.map(|row| row.head);
            match (base, newest) {
                (None, None) => {}
                (Some(base), Some(newest)) if base == newest => {}
                (Some(_), None) => return Err(no_such(id)),
                (base, Some(newest)) => {
                    return Err(StoreError::Conflict {
                        id: id.to_string(),
                        base,
                        newest,
                    })
                }
            }
            save_in(t, doc, now, None)
        })
    }

    /// Saves `doc` as the current version of its process on top of whatever revision is
    /// newest (creating the process when its id is new, bringing it back when it was
    /// deleted) and records a revision with a summary of what changed. The seats the
    /// document carries are written to the library's seats. Saving a document equal to the
    /// latest revision adds nothing and returns `changed: false`.
    ///
    /// This is the unconditional form, for callers that own the document outright (imports,
    /// templates, tools). An editor that loaded the process saves with
    /// [`Library::save_on`], so that it never overwrites a revision it has not seen.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] when the document would not read back from the library (it
    /// is written only after its text has been read back); the backend's database error.
    /// Nothing is saved then. A damaged current document does not stop the save: it is
    /// replaced.
    ///
    /// # Complexity
    /// Linear in the size of the two documents.
    pub fn save(&mut self, doc: &Document, now: DateTime<Utc>) -> Result<Saved> {
        self.write(Scope::Process(doc.process.id.as_str()), |t| {
            save_in(t, doc, now, None)
        })
    }

    /// Saves `doc` as a new process: under its own id when no process (deleted ones
    /// included) has it, otherwise under a fresh one (`<id>-2`, `<id>-3`, …). The id is
    /// picked inside the save's transaction, so two programs creating processes at the same
    /// moment never end up writing to one process. Returns the save, whose `id` is the one
    /// picked.
    ///
    /// # Errors
    /// As [`Library::save`]; nothing is saved then.
    pub fn save_new(&mut self, mut doc: Document, now: DateTime<Utc>) -> Result<Saved> {
        self.write(Scope::Library, |t| {
            doc.process.id = fresh_id(t, doc.process.id.as_str())?;
            save_in(t, &doc, now, None)
        })
    }

    /// The revisions of a process, newest first.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] (also for a deleted process); the backend's database
    /// error.
    pub fn revisions(&self, id: &ProcessId) -> Result<Vec<RevisionInfo>> {
        self.read(|t| {
            live_row(t, id)?;
            let rows = t.revisions(id.as_str())?;
            rows.into_iter()
                .map(|r| {
                    Ok(RevisionInfo {
                        number: r.number,
                        created_at: time(t.library(), &r.created_at, id.as_str())?,
                        summary: r.summary,
                        author: r.author,
                    })
                })
                .collect()
        })
    }

    /// The document as it was saved in revision `number`.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], [`StoreError::NoSuchRevision`],
    /// [`StoreError::CorruptRecord`], the backend's database error.
    pub fn load_revision(&self, id: &ProcessId, number: u32) -> Result<Document> {
        self.read(|t| {
            live_row(t, id)?;
            revision_doc(t, id, number)
        })
    }

    /// Makes revision `number` current again by saving it as a new revision ("Restored
    /// revision 3: …"); history is never rewritten. This also mends a process whose current
    /// document is damaged.
    ///
    /// # Errors
    /// As [`Library::load_revision`]; nothing changes then.
    pub fn restore_revision(
        &mut self,
        id: &ProcessId,
        number: u32,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        self.write(Scope::Process(id.as_str()), |t| {
            let current = live_row(t, id)?;
            let doc = revision_doc(t, id, number)?;
            // Restoring is how a damaged current document is mended, so it need not read.
            let summary = match parse_stored(t.library(), &current.id, &current.document) {
                Ok(before) => format!("Restored revision {number}: {}", summarize(&before, &doc)),
                Err(_) => format!("Restored revision {number} over a damaged document"),
            };
            save_in(t, &doc, now, Some(summary))
        })
    }

    /// Copies a process under a new id (the old id with `-2`, `-3`, … appended) and the name
    /// "<name> (copy)", starting a history of its own. Returns the new process's save.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], the backend's database error.
    pub fn duplicate(&mut self, id: &ProcessId, now: DateTime<Utc>) -> Result<Saved> {
        self.write(Scope::Library, |t| {
            let row = live_row(t, id)?;
            let mut doc = parse_stored(t.library(), &row.id, &row.document)?;
            let fresh = fresh_id(t, id.as_str())?;
            let summary = format!("Duplicated from '{}'", doc.process.name);
            doc.process.id = fresh;
            doc.process.name = format!("{} (copy)", doc.process.name);
            save_in(t, &doc, now, Some(summary))
        })
    }

    /// An id no process in the library has (deleted ones included): `base` itself, or
    /// `base-2`, `base-3`, … Another program may take the id before it is used; to create a
    /// process, [`Library::save_new`] picks the id and saves under one lock.
    ///
    /// # Errors
    /// The backend's database error.
    pub fn fresh_process_id(&self, base: &str) -> Result<ProcessId> {
        self.read(|t| fresh_id(t, base))
    }

    /// Renames a process (a new revision).
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], the backend's database error.
    pub fn rename(&mut self, id: &ProcessId, name: &str, now: DateTime<Utc>) -> Result<Saved> {
        self.edit(id, now, |doc| doc.process.name = name.to_owned())
    }

    /// Records that the process was reviewed on `on` (a new revision, which records the
    /// library's author as the reviewer, see [`ReviewItem::reviewed_by`]). An explicit
    /// review date on or before `on` is cleared, since this review answered it; the next
    /// one then follows from the cadence.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], the backend's database error.
    pub fn mark_reviewed(
        &mut self,
        id: &ProcessId,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        self.write(Scope::Process(id.as_str()), |t| {
            let row = live_row(t, id)?;
            let mut doc = parse_stored(t.library(), &row.id, &row.document)?;
            doc.process.last_reviewed = Some(on);
            if doc.process.review_due.is_some_and(|due| due <= on) {
                doc.process.review_due = None;
            }
            let saved = save_in(t, &doc, now, None)?;
            if saved.changed {
                t.mark_review(id.as_str(), saved.revision, on)?;
            }
            Ok(saved)
        })
    }

    fn edit(
        &mut self,
        id: &ProcessId,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Document),
    ) -> Result<Saved> {
        self.write(Scope::Process(id.as_str()), |t| {
            let row = live_row(t, id)?;
            let mut doc = parse_stored(t.library(), &row.id, &row.document)?;
            change(&mut doc);
            save_in(t, &doc, now, None)
        })
    }

    /// Moves a process to the deleted list; [`Library::undelete`] brings it back with its
    /// history.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] when no live process has this id.
    pub fn delete(&mut self, id: &ProcessId, now: DateTime<Utc>) -> Result<()> {
        self.write(Scope::Process(id.as_str()), |t| {
            live_row(t, id)?;
            t.set_deleted(id.as_str(), Some(now))?;
            Ok(())
        })
    }

    /// Brings a deleted process back.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] when no deleted process has this id.
    pub fn undelete(&mut self, id: &ProcessId) -> Result<()> {
        self.write(Scope::Process(id.as_str()), |t| {
            match t.process(id.as_str())? {
                Some(row) if row.deleted_at.is_some() => {
                    t.set_deleted(id.as_str(), None)?;
                    Ok(())
                }
                _ => Err(no_such(id)),
            }
        })
    }

    /// Removes a deleted process and its history for good.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] when no deleted process has this id (a live process
    /// must be deleted first, so nothing is purged by mistake).
    pub fn purge(&mut self, id: &ProcessId) -> Result<()> {
        self.write(Scope::Process(id.as_str()), |t| {
            match t.process(id.as_str())? {
                Some(row) if row.deleted_at.is_some() => {
                    t.purge_process(id.as_str())?;
                    Ok(())
                }
                _ => Err(no_such(id)),
            }
        })
    }

    /// Processes whose review is overdue, coming up within
    /// [`handoff_core::review::UPCOMING_DAYS`] days, or never done, on `today`. A process
    /// whose stored document cannot be read has no review dates to go by and is left out
    /// ([`Library::processes`] lists it as damaged).
    ///
    /// # Errors
    /// The backend's database error.
    pub fn reviews(&self, today: NaiveDate) -> Result<Reviews> {
        self.read(|t| {
            let rows = t.processes(Which::Live)?;
            let mut out = Reviews::default();
            for row in rows {
                let Ok(doc) = parse_stored(t.library(), &row.id, &row.document) else {
                    continue;
                };
                let p = &doc.process;
                let due = next_review(p);
                // The reviewer of the review the document's date came from.
                let reviewed_by = match (p.last_reviewed, t.last_review(p.id.as_str())?) {
                    (Some(on), Some((day, by))) if day == on => by,
                    _ => None,
                };
                let item = ReviewItem {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    owner_name: owner_name(t, &doc)?,
                    last_reviewed: p.last_reviewed,
                    due,
                    days: due.map(|d| (d - today).num_days()),
                    reviewed_by,
                };
                match review_status(p, today) {
                    ReviewStatus::Overdue { .. } => out.overdue.push(item),
                    ReviewStatus::Upcoming { .. } => out.upcoming.push(item),
                    ReviewStatus::NeverReviewed => out.never_reviewed.push(item),
                    ReviewStatus::Current { .. } => {}
                }
            }
            out.overdue.sort_by_key(|i| (i.due, i.name.clone()));
            out.upcoming.sort_by_key(|i| (i.due, i.name.clone()));
            out.never_reviewed.sort_by_key(|i| i.name.to_lowercase());
            Ok(out)
        })
    }

    /// The library's rule settings.
    ///
    /// # Errors
    /// The backend's database error.
    pub fn rules(&self) -> Result<handoff_core::Rules> {
        self.read(|t| t.rules())
    }

    /// Switches a rule off, re-grades it, or (`None`) returns it to its default severity.
    ///
    /// # Errors
    /// The backend's database error.
    pub fn set_rule(
        &mut self,
        code: handoff_core::Code,
        setting: Option<handoff_core::checks::RuleSetting>,
    ) -> Result<()> {
        self.write(Scope::Library, |t| t.set_rule(code, setting))
    }
}

fn summary(
    t: &mut dyn Tables,
    row: &process::Row,
    today: NaiveDate,
    rules: &handoff_core::Rules,
) -> Result<ProcessSummary> {
    let doc = parse_stored(t.library(), &row.id, &row.document)?;
    let mut problems = ProblemCounts::default();
    for d in check(&doc, today, rules) {
        match d.severity {
            Severity::Error => problems.errors += 1,
            Severity::Warning => problems.warnings += 1,
            Severity::Info => problems.infos += 1,
        }
    }
    let p = &doc.process;
    Ok(ProcessSummary {
        id: p.id.clone(),
        name: p.name.clone(),
        function: p.function,
        state: p.state,
        owner: p.owner.clone(),
        owner_name: owner_name(t, &doc)?,
        problems,
        review: review_status(p, today),
        revision: row.head,
        created_at: time(t.library(), &row.created_at, &row.id)?,
        updated_at: time(t.library(), &row.updated_at, &row.id)?,
        damaged: None,
    })
}

/// A stored timestamp of process `id`.
fn time(library: &str, text: &str, id: &str) -> Result<DateTime<Utc>> {
    table::parse_time(text).ok_or_else(|| StoreError::CorruptRecord {
        library: library.to_owned(),
        what: format!("timestamp of process \"{id}\""),
        reason: format!("\"{text}\" is not a date and time"),
    })
}

/// The owner seat's name as the library knows it (the document's copy when the library
/// has no such seat).
fn owner_name(t: &mut dyn Tables, doc: &Document) -> Result<Option<String>> {
    let Some(owner) = &doc.process.owner else {
        return Ok(None);
    };
    Ok(Some(match t.seat(owner.as_str())? {
        Some(row) => row.name,
        None => doc
            .seat(owner)
            .map_or_else(|| owner.to_string(), |s| s.name.clone()),
    }))
}

/// Replaces the document's seat copies with the library's versions and adds library seats
/// it mentions but does not carry.
pub(crate) fn refresh_seats(t: &mut dyn Tables, doc: &mut Document) -> Result<()> {
    let mut ids: BTreeSet<SeatId> = doc.seats.iter().map(|s| s.id.clone()).collect();
    ids.extend(referenced_seats(doc));
    for id in ids {
        let Some(row) = t.seat(id.as_str())? else {
            continue;
        };
        let fresh = row
            .into_seat()
            .map_err(|reason| StoreError::CorruptRecord {
                library: t.library().to_owned(),
                what: format!("seat \"{id}\""),
                reason,
            })?;
        match doc.seats.iter_mut().find(|s| s.id == id) {
            Some(copy) => *copy = fresh,
            None => doc.seats.push(fresh),
        }
    }
    Ok(())
}

/// Every seat a document refers to: lanes, owner and RACI.
pub(crate) fn referenced_seats(doc: &Document) -> BTreeSet<SeatId> {
    let p = &doc.process;
    let mut ids: BTreeSet<SeatId> = p.lanes.iter().map(|l| l.seat.clone()).collect();
    ids.extend(p.owner.iter().cloned());
    for n in &p.nodes {
        if let Some(d) = n.details() {
            ids.extend(d.raci.accountable.iter().cloned());
            ids.extend(d.raci.consulted.iter().cloned());
            ids.extend(d.raci.informed.iter().cloned());
        }
    }
    ids
}

/// Saves inside a write transaction. `summary` replaces the computed one (imports,
/// restores, seeding); a changed document always gets a revision then.
///
/// The document is written as [`to_json`] gives it, and only once that text has been read
/// back with [`parse_document`], so the library never holds a document it cannot open.
/// A damaged current document may be saved over (that is how it is mended). The revision
/// number is the stored head plus one, read under the library's write lock.
pub(crate) fn save_in(
    t: &mut dyn Tables,
    doc: &Document,
    now: DateTime<Utc>,
    summary: Option<String>,
) -> Result<Saved> {
    let id = doc.process.id.clone();
    let json = to_json(doc);
    if let Err(e) = parse_document(json.as_bytes()) {
        return Err(StoreError::Invalid {
            id: id.to_string(),
            reason: e.to_string(),
        });
    }
    let previous = t.process(id.as_str())?;
    let (head, computed) = match &previous {
        None => (0, format!("Created '{}'", doc.process.name)),
        Some(row) => match parse_stored(t.library(), &row.id, &row.document) {
            Ok(before) if &before == doc && row.deleted_at.is_none() => {
                return Ok(Saved {
                    id,
                    revision: row.head,
                    summary: "No changes".to_owned(),
                    changed: false,
                });
            }
            Ok(before) => (row.head, summarize(&before, doc)),
            Err(_) => (
                row.head,
                format!("Saved '{}' over a damaged document", doc.process.name),
            ),
        },
    };
    let summary = summary.unwrap_or(computed);
    // Always in id order: two team-library saves of different processes run side by side,
    // and taking their seat rows in one order means they never wait for each other in a
    // circle.
    let mut seats: Vec<&handoff_core::Seat> = doc.seats.iter().collect();
    seats.sort_by(|a, b| a.id.cmp(&b.id));
    for s in seats {
        t.put_seat(s)?;
    }
    let number = head + 1;
    t.put_process(doc, &json, number, now)?;
    let author = t.author().map(str::to_owned);
    t.insert_revision(&revision::Full::new(
        doc,
        &json,
        number,
        &summary,
        now,
        author.as_deref(),
    ))?;
    Ok(Saved {
        id,
        revision: number,
        summary,
        changed: true,
    })
}

/// The listing row of a process whose document (or a timestamp) cannot be read, named by
/// its name column (or its id when that is blank).
fn damaged_summary(row: &process::Row, reason: String) -> ProcessSummary {
    let name = if row.name.trim().is_empty() {
        row.id.clone()
    } else {
        row.name.clone()
    };
    ProcessSummary {
        id: ProcessId(row.id.clone()),
        name,
        function: table::parse_enum(&row.function).unwrap_or_default(),
        state: table::parse_enum(&row.state).unwrap_or_default(),
        owner: None,
        owner_name: None,
        problems: ProblemCounts::default(),
        review: ReviewStatus::NeverReviewed,
        revision: row.head,
        created_at: table::parse_time(&row.created_at).unwrap_or_default(),
        updated_at: table::parse_time(&row.updated_at).unwrap_or_default(),
        damaged: Some(reason),
    }
}

fn revision_doc(t: &mut dyn Tables, id: &ProcessId, number: u32) -> Result<Document> {
    let text =
        t.revision_document(id.as_str(), number)?
            .ok_or_else(|| StoreError::NoSuchRevision {
                id: id.to_string(),
                number,
            })?;
    parse_stored(t.library(), &format!("{id} revision {number}"), &text)
}

/// `base`, or `base-2`, `base-3`, …: the first id no process has (deleted ones included).
pub(crate) fn fresh_id(t: &mut dyn Tables, base: &str) -> Result<ProcessId> {
    let base = if base.trim().is_empty() {
        "process"
    } else {
        base
    };
    if !t.process_exists(base)? {
        return Ok(ProcessId::from(base));
    }
    let mut n = 2u64;
    loop {
        let candidate = format!("{base}-{n}");
        if !t.process_exists(&candidate)? {
            return Ok(ProcessId(candidate));
        }
        n += 1;
    }
}

pub(crate) fn parse_stored(library: &str, what: &str, text: &str) -> Result<Document> {
    parse_document(text.as_bytes()).map_err(|e| StoreError::CorruptRecord {
        library: library.to_owned(),
        what: format!("process \"{what}\""),
        reason: e.to_string(),
    })
}

/// The row of a live (not deleted) process.
pub(crate) fn live_row(t: &mut dyn Tables, id: &ProcessId) -> Result<process::Row> {
    match t.process(id.as_str())? {
        Some(row) if row.deleted_at.is_none() => Ok(row),
        _ => Err(no_such(id)),
    }
}

pub(crate) fn no_such(id: &ProcessId) -> StoreError {
    StoreError::NoSuchProcess { id: id.to_string() }
}
