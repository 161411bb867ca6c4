//! The library's schema: how a Handoff library is recognised and how it is brought up to
//! date.
//!
//! A library is an SQLite file whose `application_id` is [`APPLICATION_ID`]; its
//! `user_version` is the number of migrations applied. Migrations only move forward: each
//! is a list of statements contributed by the table modules, and all pending ones run in
//! one transaction, so a library is either fully upgraded or untouched. A file whose
//! `user_version` is above [`SCHEMA_VERSION`] was written by a newer build and is refused
//! before anything is written (see [`crate::inspect`]).
//!
//! Several programs may open one file at the same moment, so the migration takes the write
//! lock first and reads the version again under it: whoever comes second finds the work
//! done instead of creating the tables twice. Before an existing library (version 1 or
//! later) is migrated, it is copied beside itself with `VACUUM INTO`, so a migration
//! that goes wrong never costs the library.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::backup;
use crate::table::{meta, process, revision, rule, seat};

/// Marks an SQLite file as a Handoff library: the bytes of "HDOF".
pub const APPLICATION_ID: i32 = 0x4844_4F46;

/// Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Append only; never edit a released one.
const MIGRATIONS: &[&[&str]] = &[
    &[
        meta::MIGRATION_1,
        seat::MIGRATION_1,
        process::MIGRATION_1,
        revision::MIGRATION_1,
        rule::MIGRATION_1,
    ],
    &[revision::MIGRATION_2],
];

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the library up to [`SCHEMA_VERSION`] in one transaction and stamps the file as a
/// Handoff library. Returns whether anything ran.
///
/// `from` is the version the caller saw when it looked at the file; when it is already
/// current nothing is locked. Otherwise the version is read again under the write lock and
/// that one counts, since another program may have migrated the file in between. An
/// existing library (version 1 or later) is first copied, under the same lock, to
/// `<file>.before-v<version>.bak` beside itself.
///
/// # Errors
/// SQLite's errors, including a write lock held by another program for longer than the
/// busy timeout, and a backup that cannot be written (the file's name is not UTF-8, the
/// folder is read-only); the library is not changed then (a backup may be left beside it).
pub(crate) fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<bool> {
    migrate_with(conn, from, MIGRATIONS)
}

fn migrate_with(
    conn: &mut Connection,
    from: i64,
    migrations: &[&[&str]],
) -> rusqlite::Result<bool> {
    let target = migrations.len() as i64;
    if from >= target {
        return Ok(false);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if from >= target {
        return Ok(false);
    }
    if from > 0 {
        match tx.path() {
            // An in-memory database has nothing to lose on disk.
            Some("") => {}
            Some(file) => {
                backup::before_migration(Path::new(file), from)?;
            }
            None => {
                return Err(rusqlite::Error::InvalidPath(
                    "(the file's name is not UTF-8, so no backup can be named before migrating)"
                        .into(),
                ))
            }
        }
    }
    for (i, statements) in migrations.iter().enumerate() {
        if (i as i64) < from {
            continue;
        }
        for sql in *statements {
            tx.execute_batch(sql)?;
        }
    }
    // Both pragmas write the database header, which is part of the transaction.
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_migration_from_an_older_schema_leaves_a_backup_that_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.handoff-db");
        let id = handoff_core::ProcessId::from("inv");
        let doc = handoff_core::Document::new(
            Vec::new(),
            handoff_core::Process::blank(id.clone(), "Invoicing"),
        );
        {
            let mut lib = crate::Library::create_or_open(&path).unwrap();
            lib.save(&doc, chrono::DateTime::UNIX_EPOCH).unwrap();
        }
        // A build one migration ahead opens the library.
        let mut later: Vec<&[&str]> = MIGRATIONS.to_vec();
        later.push(&["CREATE TABLE later (x INTEGER) STRICT"]);
        let mut conn = Connection::open(&path).unwrap();
        assert!(migrate_with(&mut conn, SCHEMA_VERSION, &later).unwrap());
        drop(conn);

        let backup = dir
            .path()
            .join(format!("library.handoff-db.before-v{SCHEMA_VERSION}.bak"));
        assert!(backup.exists(), "no backup beside the library");
        let version: i64 = Connection::open(&backup)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            version, SCHEMA_VERSION,
            "the backup is the library as it was"
        );
        let old = crate::Library::open(&backup).unwrap();
        assert_eq!(old.load(&id).unwrap(), doc);
    }

    #[test]
    fn a_version_1_library_is_migrated_after_a_backup_and_keeps_its_history() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.handoff-db");
        let id = handoff_core::ProcessId::from("inv");
        let doc = handoff_core::Document::new(
            Vec::new(),
            handoff_core::Process::blank(id.clone(), "Invoicing"),
        );
        // A library as version 1 wrote it (the first build's schema and rows).
        {
            let mut conn = Connection::open(&path).unwrap();
            assert!(migrate_with(&mut conn, 0, &MIGRATIONS[..1]).unwrap());
            let json = handoff_core::to_json(&doc);
            conn.execute(
                "INSERT INTO process (id, name, function, state, document, head, created_at, updated_at)
                 VALUES ('inv', 'Invoicing', 'other', 'as-is', ?1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                [&json],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO revision (process_id, number, created_at, summary, document)
                 VALUES ('inv', 1, '2026-01-01T00:00:00.000Z', 'Created', ?1)",
                [&json],
            )
            .unwrap();
        }
        let mut lib = crate::Library::open(&path).unwrap();
        assert!(dir.path().join("library.handoff-db.before-v1.bak").exists());
        lib.set_author(Some("Ann"));
        lib.rename(&id, "Billing", chrono::DateTime::UNIX_EPOCH)
            .unwrap();
        let revs = lib.revisions(&id).unwrap();
        let authors: Vec<Option<&str>> = revs.iter().map(|r| r.author.as_deref()).collect();
        assert_eq!(authors, [Some("Ann"), None]);
    }

    #[test]
    fn migrations_from_an_empty_database_create_every_table() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(migrate(&mut conn, 0).unwrap());
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(tables, ["meta", "process", "revision", "rule", "seat"]);
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let app: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
        // Nothing to do the second time.
        assert!(!migrate(&mut conn, SCHEMA_VERSION).unwrap());
    }
}
