//! [`Library`]: opening a library file and everything done to the processes in it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use handoff_core::checks::{check, Severity};
use handoff_core::review::{next_review, review_status, ReviewStatus};
use handoff_core::{
    parse_document, to_json, BusinessFunction, Document, ProcessId, ProcessState, SeatId,
};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::changes::summarize;
use crate::error::{Result, StoreError};
use crate::inspect::{inspect, Found};
use crate::schema::migrate;
use crate::table::{self, meta, process, revision, rule, seat};

/// The environment variable that overrides the folder of the default library (tests and
/// end-to-end runs point it at a temporary folder).
pub const DATA_DIR_ENV: &str = "HANDOFF_DATA_DIR";

/// The default library's file name inside the data folder.
pub const DEFAULT_FILE_NAME: &str = "library.handoff-db";

/// How long a write waits for another program's write to the same file to finish. Writes
/// are short (one save is a few rows), so only a stuck program makes a writer give up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open library: one SQLite file in WAL mode holding seats, processes, their revisions
/// and rule settings.
///
/// Reads take `&self`; writes take `&mut self` and each runs in one transaction, so a
/// failed operation changes nothing. The clock is never read here: every write is given
/// `now`, every review question `today`.
///
/// Any number of `Library` values, in one program or several, may have the same file open
/// and write to it. Writers take turns: each write transaction takes the file's write lock
/// before it reads anything (waiting up to ten seconds for the writer before it), so what
/// it read is still true when it commits, and new ids and revision numbers are picked
/// under that lock. An editor names the revision it started from ([`Library::save_on`]),
/// so a save on top of someone else's newer revision is refused, not applied.
#[derive(Debug)]
pub struct Library {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    created: bool,
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
}

impl Library {
    /// Opens an existing library.
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
            found => Self::open_checked(path, found),
        }
    }

    /// Opens the library at `path`, creating it (and its folder) when there is no file or
    /// the file is empty, and brings its schema up to date.
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
        Self::open_checked(path, found)
    }

    fn open_checked(path: &Path, found: Found) -> Result<Library> {
        let err = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        let mode = switch_to_wal(&conn).map_err(err)?;
        debug_assert!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        // NORMAL is durable across application crashes in WAL mode; only a power cut can
        // lose the last transactions, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        let from = match found {
            Found::Library { version } => version,
            Found::Missing | Found::Blank => 0,
        };
        // When two programs create the file at once, only the one whose migration ran made it.
        let created = migrate(&mut conn, from).map_err(err)? && from == 0;
        Ok(Library {
            conn,
            path: path.to_owned(),
            created,
        })
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

    /// The library's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this open created the library (the file was missing or empty).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// On the library's first use, saves each template as a process (one revision each,
    /// "Added from the templates") and remembers that it did, so templates the user deletes
    /// never come back. Later calls do nothing. Returns how many processes were added.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a template that would not read back;
    /// [`StoreError::Sqlite`]. Nothing is added then.
    pub fn seed_if_first_use(
        &mut self,
        templates: &[Document],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        if meta::get(&tx, meta::SEEDED_AT)
            .map_err(sql(&path))?
            .is_some()
        {
            return Ok(0);
        }
        let mut added = 0;
        for doc in templates {
            if process::exists(&tx, doc.process.id.as_str()).map_err(sql(&path))? {
                continue;
            }
            save_in(
                &tx,
                &path,
                doc,
                now,
                Some("Added from the templates".to_owned()),
            )?;
            added += 1;
        }
        meta::set(&tx, meta::SEEDED_AT, &table::time_text(now)).map_err(sql(&path))?;
        tx.commit().map_err(sql(&path))?;
        Ok(added)
    }

    /// The processes that are not deleted, by business function then name, each with its
    /// problem counts (checked with the library's rules) and review status on `today`. A
    /// process whose stored document (or timestamp) cannot be read is listed with
    /// [`ProcessSummary::damaged`] saying why; it never hides the others.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    ///
    /// # Complexity
    /// Parses and checks every process: linear in the total size of the maps.
    pub fn processes(&self, today: NaiveDate) -> Result<Vec<ProcessSummary>> {
        let rules = self.rules()?;
        let rows = process::all(&self.conn, false).map_err(sql(&self.path))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(match self.summary(&row, today, &rules) {
                Err(StoreError::CorruptRecord { what, reason, .. }) => {
                    damaged_summary(&row, format!("the stored {what} does not read: {reason}"))
                }
                other => other?,
            });
        }
        Ok(out)
    }

    fn summary(
        &self,
        row: &process::Row,
        today: NaiveDate,
        rules: &handoff_core::Rules,
    ) -> Result<ProcessSummary> {
        let doc = self.parse_row(row)?;
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
            owner_name: self.owner_name(&doc)?,
            problems,
            review: review_status(p, today),
            revision: row.head,
            created_at: self.time(&row.created_at, &row.id)?,
            updated_at: self.time(&row.updated_at, &row.id)?,
            damaged: None,
        })
    }

    /// Deleted processes that can still be restored, most recently deleted first. Names
    /// come from the listing columns, so a damaged document is listed too.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`]; [`StoreError::CorruptRecord`] for a damaged deletion time.
    pub fn deleted_processes(&self) -> Result<Vec<DeletedProcess>> {
        let rows = process::all(&self.conn, true).map_err(sql(&self.path))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let deleted_at = self.time(row.deleted_at.as_deref().unwrap_or_default(), &row.id)?;
            out.push(DeletedProcess {
                id: ProcessId(row.id),
                name: row.name,
                deleted_at,
            });
        }
        out.sort_by_key(|d| std::cmp::Reverse(d.deleted_at));
        Ok(out)
    }

    /// The current document of a process that is not deleted, with its seat copies
    /// refreshed from the library's seats (the library is the authority on a seat's name,
    /// kind and holder).
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`]; [`StoreError::CorruptRecord`]; [`StoreError::Sqlite`].
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
        let row = live_row(&self.conn, &self.path, id)?;
        let mut doc = self.parse_row(&row)?;
        self.refresh_seats(&mut doc)?;
        Ok((doc, row.head))
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
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        let id = &doc.process.id;
        let newest = process::get(&tx, id.as_str())
            .map_err(sql(&path))?
            .map(|row| row.head);
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
        let saved = save_in(&tx, &path, doc, now, None)?;
        tx.commit().map_err(sql(&path))?;
        Ok(saved)
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
    /// is written only after its text has been read back); [`StoreError::Sqlite`]. Nothing
    /// is saved then. A damaged current document does not stop the save: it is replaced.
    ///
    /// # Complexity
    /// Linear in the size of the two documents.
    pub fn save(&mut self, doc: &Document, now: DateTime<Utc>) -> Result<Saved> {
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        let saved = save_in(&tx, &path, doc, now, None)?;
        tx.commit().map_err(sql(&path))?;
        Ok(saved)
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
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        doc.process.id = fresh_id(&tx, &path, doc.process.id.as_str())?;
        let saved = save_in(&tx, &path, &doc, now, None)?;
        tx.commit().map_err(sql(&path))?;
        Ok(saved)
    }

    /// The revisions of a process, newest first.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] (also for a deleted process); [`StoreError::Sqlite`].
    pub fn revisions(&self, id: &ProcessId) -> Result<Vec<RevisionInfo>> {
        live_row(&self.conn, &self.path, id)?;
        let rows = revision::list(&self.conn, id.as_str()).map_err(sql(&self.path))?;
        rows.into_iter()
            .map(|r| {
                Ok(RevisionInfo {
                    number: r.number,
                    created_at: self.time(&r.created_at, id.as_str())?,
                    summary: r.summary,
                })
            })
            .collect()
    }

    /// The document as it was saved in revision `number`.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], [`StoreError::NoSuchRevision`],
    /// [`StoreError::CorruptRecord`], [`StoreError::Sqlite`].
    pub fn load_revision(&self, id: &ProcessId, number: u32) -> Result<Document> {
        live_row(&self.conn, &self.path, id)?;
        revision_doc(&self.conn, &self.path, id, number)
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
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        let current = live_row(&tx, &path, id)?;
        let doc = revision_doc(&tx, &path, id, number)?;
        // Restoring is how a damaged current document is mended, so it need not read.
        let summary = match parse_stored(&path, &current.id, &current.document) {
            Ok(before) => format!("Restored revision {number}: {}", summarize(&before, &doc)),
            Err(_) => format!("Restored revision {number} over a damaged document"),
        };
        let saved = save_in(&tx, &path, &doc, now, Some(summary))?;
        tx.commit().map_err(sql(&path))?;
        Ok(saved)
    }

    /// Copies a process under a new id (the old id with `-2`, `-3`, … appended) and the name
    /// "<name> (copy)", starting a history of its own. Returns the new process's save.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], [`StoreError::Sqlite`].
    pub fn duplicate(&mut self, id: &ProcessId, now: DateTime<Utc>) -> Result<Saved> {
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        let row = live_row(&tx, &path, id)?;
        let mut doc = parse_stored(&path, &row.id, &row.document)?;
        let fresh = fresh_id(&tx, &path, id.as_str())?;
        let summary = format!("Duplicated from '{}'", doc.process.name);
        doc.process.id = fresh;
        doc.process.name = format!("{} (copy)", doc.process.name);
        let saved = save_in(&tx, &path, &doc, now, Some(summary))?;
        tx.commit().map_err(sql(&path))?;
        Ok(saved)
    }

    /// An id no process in the library has (deleted ones included): `base` itself, or
    /// `base-2`, `base-3`, … Another program may take the id before it is used; to create a
    /// process, [`Library::save_new`] picks the id and saves under one lock.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn fresh_process_id(&self, base: &str) -> Result<ProcessId> {
        fresh_id(&self.conn, &self.path, base)
    }

    /// Renames a process (a new revision).
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], [`StoreError::Sqlite`].
    pub fn rename(&mut self, id: &ProcessId, name: &str, now: DateTime<Utc>) -> Result<Saved> {
        self.edit(id, now, |doc| doc.process.name = name.to_owned())
    }

    /// Records that the process was reviewed on `on` (a new revision). An explicit review
    /// date on or before `on` is cleared, since this review answered it; the next one then
    /// follows from the cadence.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`], [`StoreError::Sqlite`].
    pub fn mark_reviewed(
        &mut self,
        id: &ProcessId,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        self.edit(id, now, |doc| {
            doc.process.last_reviewed = Some(on);
            if doc.process.review_due.is_some_and(|due| due <= on) {
                doc.process.review_due = None;
            }
        })
    }

    fn edit(
        &mut self,
        id: &ProcessId,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Document),
    ) -> Result<Saved> {
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        let row = live_row(&tx, &path, id)?;
        let mut doc = parse_stored(&path, &row.id, &row.document)?;
        change(&mut doc);
        let saved = save_in(&tx, &path, &doc, now, None)?;
        tx.commit().map_err(sql(&path))?;
        Ok(saved)
    }

    /// Moves a process to the deleted list; [`Library::undelete`] brings it back with its
    /// history.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] when no live process has this id.
    pub fn delete(&mut self, id: &ProcessId, now: DateTime<Utc>) -> Result<()> {
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        live_row(&tx, &path, id)?;
        process::set_deleted(&tx, id.as_str(), Some(now)).map_err(sql(&path))?;
        tx.commit().map_err(sql(&path))
    }

    /// Brings a deleted process back.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] when no deleted process has this id.
    pub fn undelete(&mut self, id: &ProcessId) -> Result<()> {
        let changed = self
            .conn
            .execute(
                "UPDATE process SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id.as_str()],
            )
            .map_err(sql(&self.path))?;
        if changed == 0 {
            return Err(no_such(id));
        }
        Ok(())
    }

    /// Removes a deleted process and its history for good.
    ///
    /// # Errors
    /// [`StoreError::NoSuchProcess`] when no deleted process has this id (a live process
    /// must be deleted first, so nothing is purged by mistake).
    pub fn purge(&mut self, id: &ProcessId) -> Result<()> {
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        match process::get(&tx, id.as_str()).map_err(sql(&path))? {
            Some(row) if row.deleted_at.is_some() => {
                process::purge(&tx, id.as_str()).map_err(sql(&path))?;
            }
            _ => return Err(no_such(id)),
        }
        tx.commit().map_err(sql(&path))
    }

    /// Processes whose review is overdue, coming up within
    /// [`handoff_core::review::UPCOMING_DAYS`] days, or never done, on `today`. A process
    /// whose stored document cannot be read has no review dates to go by and is left out
    /// ([`Library::processes`] lists it as damaged).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn reviews(&self, today: NaiveDate) -> Result<Reviews> {
        let rows = process::all(&self.conn, false).map_err(sql(&self.path))?;
        let mut out = Reviews::default();
        for row in rows {
            let Ok(doc) = self.parse_row(&row) else {
                continue;
            };
            let p = &doc.process;
            let due = next_review(p);
            let item = ReviewItem {
                id: p.id.clone(),
                name: p.name.clone(),
                owner_name: self.owner_name(&doc)?,
                last_reviewed: p.last_reviewed,
                due,
                days: due.map(|d| (d - today).num_days()),
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
    }

    fn parse_row(&self, row: &process::Row) -> Result<Document> {
        parse_stored(&self.path, &row.id, &row.document)
    }

    fn time(&self, text: &str, id: &str) -> Result<DateTime<Utc>> {
        table::parse_time(text).ok_or_else(|| StoreError::CorruptRecord {
            path: self.path.clone(),
            what: format!("timestamp of process \"{id}\""),
            reason: format!("\"{text}\" is not a date and time"),
        })
    }

    fn owner_name(&self, doc: &Document) -> Result<Option<String>> {
        let Some(owner) = &doc.process.owner else {
            return Ok(None);
        };
        let stored = seat::get(&self.conn, owner.as_str()).map_err(sql(&self.path))?;
        Ok(Some(match stored {
            Some(row) => row.name,
            None => doc
                .seat(owner)
                .map_or_else(|| owner.to_string(), |s| s.name.clone()),
        }))
    }

    /// Replaces the document's seat copies with the library's versions and adds library
    /// seats it mentions but does not carry.
    pub(crate) fn refresh_seats(&self, doc: &mut Document) -> Result<()> {
        let mut ids: BTreeSet<SeatId> = doc.seats.iter().map(|s| s.id.clone()).collect();
        ids.extend(referenced_seats(doc));
        for id in ids {
            let Some(row) = seat::get(&self.conn, id.as_str()).map_err(sql(&self.path))? else {
                continue;
            };
            let fresh = row
                .into_seat()
                .map_err(|reason| StoreError::CorruptRecord {
                    path: self.path.clone(),
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

/// Starts a write transaction. It is IMMEDIATE: it takes the file's write lock before
/// reading anything, waiting for another writer up to the busy timeout. A DEFERRED one
/// would read first and could then find, at its first write, that another program wrote
/// in between, and fail with "database is locked" instead of waiting its turn.
pub(crate) fn write<'c>(conn: &'c mut Connection, path: &Path) -> Result<Transaction<'c>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql(path))
}

/// Saves inside a transaction the caller commits. `summary` replaces the computed one
/// (imports, restores, seeding); a changed document always gets a revision then.
///
/// The document is written as [`to_json`] gives it, and only once that text has been read
/// back with [`parse_document`], so the library never holds a document it cannot open.
/// A damaged current document may be saved over (that is how it is mended).
pub(crate) fn save_in(
    tx: &Transaction<'_>,
    path: &Path,
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
    let previous = process::get(tx, id.as_str()).map_err(sql(path))?;
    let (head, computed) = match &previous {
        None => (0, format!("Created '{}'", doc.process.name)),
        Some(row) => match parse_stored(path, &row.id, &row.document) {
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
    for s in &doc.seats {
        seat::upsert(tx, s).map_err(sql(path))?;
    }
    let number = head + 1;
    process::put(tx, doc, &json, number, now).map_err(sql(path))?;
    revision::insert(tx, doc, &json, number, &summary, now).map_err(sql(path))?;
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

fn revision_doc(conn: &Connection, path: &Path, id: &ProcessId, number: u32) -> Result<Document> {
    let text = revision::document(conn, id.as_str(), number)
        .map_err(sql(path))?
        .ok_or_else(|| StoreError::NoSuchRevision {
            id: id.to_string(),
            number,
        })?;
    parse_stored(path, &format!("{id} revision {number}"), &text)
}

pub(crate) fn fresh_id(conn: &Connection, path: &Path, base: &str) -> Result<ProcessId> {
    let base = if base.trim().is_empty() {
        "process"
    } else {
        base
    };
    if !process::exists(conn, base).map_err(sql(path))? {
        return Ok(ProcessId::from(base));
    }
    for n in 2.. {
        let candidate = format!("{base}-{n}");
        if !process::exists(conn, &candidate).map_err(sql(path))? {
            return Ok(ProcessId(candidate));
        }
    }
    unreachable!("the loop returns once an unused suffix is found")
}

pub(crate) fn parse_stored(path: &Path, what: &str, text: &str) -> Result<Document> {
    parse_document(text.as_bytes()).map_err(|e| StoreError::CorruptRecord {
        path: path.to_owned(),
        what: format!("process \"{what}\""),
        reason: e.to_string(),
    })
}

/// The row of a live (not deleted) process.
pub(crate) fn live_row(conn: &Connection, path: &Path, id: &ProcessId) -> Result<process::Row> {
    match process::get(conn, id.as_str()).map_err(sql(path))? {
        Some(row) if row.deleted_at.is_none() => Ok(row),
        _ => Err(no_such(id)),
    }
}

pub(crate) fn no_such(id: &ProcessId) -> StoreError {
    StoreError::NoSuchProcess { id: id.to_string() }
}

/// Maps an SQLite error on this library's file.
pub(crate) fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_owned(),
        source,
    }
}

/// Used by rule settings: the type lives in `table::rule`, the API here.
impl Library {
    /// The library's rule settings.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn rules(&self) -> Result<handoff_core::Rules> {
        rule::load(&self.conn).map_err(sql(&self.path))
    }

    /// Switches a rule off, re-grades it, or (`None`) returns it to its default severity.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn set_rule(
        &mut self,
        code: handoff_core::Code,
        setting: Option<handoff_core::checks::RuleSetting>,
    ) -> Result<()> {
        rule::set(&self.conn, code, setting).map_err(sql(&self.path))
    }
}
