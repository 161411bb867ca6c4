//! The team library's schema and its forward-only migrations.
//!
//! A database holds a Handoff library when it has the table `handoff_schema`, one row per
//! migration applied (its number and when). Migration `n` is `MIGRATIONS[n - 1]`: append
//! only, never edit a released one. All pending migrations run in one transaction (DDL is
//! transactional in PostgreSQL) under the library's advisory lock, and the version is read
//! again under that lock, so two programs opening a new database at once create the tables
//! once, and a failed migration leaves the database as it was.
//!
//! The tables are those of the library file ([`crate::table`]) with PostgreSQL's types:
//! timestamps are `timestamptz`, documents stay `text` (the exact bytes written, so a
//! document reads back as it was checked).

use postgres::Client;

use super::{pg_error, LOCK_KEY};
use crate::error::{Result, StoreError};
use crate::schema::SCHEMA_VERSION;

const SCHEMA_TABLE: &str = "
CREATE TABLE handoff_schema (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
";

const MIGRATION_1: &str = "
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE seat (
    id     text PRIMARY KEY,
    name   text NOT NULL,
    kind   text NOT NULL,
    holder text
);
CREATE TABLE process (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    function   text NOT NULL,
    state      text NOT NULL,
    owner      text,
    document   text NOT NULL,
    head       integer NOT NULL CHECK (head > 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz
);
CREATE INDEX process_listing ON process (deleted_at, function, name);
CREATE TABLE revision (
    process_id text NOT NULL REFERENCES process (id) ON DELETE CASCADE,
    number     integer NOT NULL CHECK (number > 0),
    created_at timestamptz NOT NULL,
    summary    text NOT NULL,
    document   text NOT NULL,
    PRIMARY KEY (process_id, number)
);
CREATE TABLE rule (
    code    text PRIMARY KEY,
    setting text NOT NULL
);
";

/// Who saved each revision, and which revisions were reviews (and so who reviewed).
const MIGRATION_2: &str = "
ALTER TABLE revision ADD COLUMN author text, ADD COLUMN reviewed_on date;
";

/// Migration `n` (1-based) is `MIGRATIONS[n - 1]`. The same count as the library file's
/// migrations, so one [`SCHEMA_VERSION`] names both.
const MIGRATIONS: &[&str] = &[MIGRATION_1, MIGRATION_2];

/// Brings the team library up to [`SCHEMA_VERSION`]; returns whether this created it.
///
/// An empty database becomes a library only when `create` is set. A database with tables
/// but no `handoff_schema` belongs to something else and is refused; so is a library of a
/// newer schema. Nothing is changed in a refused database.
pub(super) fn migrate(client: &mut Client, name: &str, create: bool) -> Result<bool> {
    debug_assert_eq!(MIGRATIONS.len() as i64, SCHEMA_VERSION);
    let err = pg_error(name);
    let refuse = |detail: String| StoreError::NotALibrary {
        library: name.to_owned(),
        detail,
    };
    let mut tx = client.transaction().map_err(&err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
        .map_err(&err)?;
    let known: bool = tx
        .query_one("SELECT to_regclass('handoff_schema') IS NOT NULL", &[])
        .map_err(&err)?
        .get(0);
    let from: i64 = if known {
        tx.query_one(
            "SELECT coalesce(max(version), 0)::bigint FROM handoff_schema",
            &[],
        )
        .map_err(&err)?
        .get(0)
    } else {
        let tables: i64 = tx
            .query_one(
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
                &[],
            )
            .map_err(&err)?
            .get(0);
        if tables > 0 {
            return Err(refuse(format!(
                "not a Handoff library: the database holds {tables} tables of something else; \
                 name an empty database for a new team library"
            )));
        }
        if !create {
            return Err(refuse(
                "the database holds no Handoff library yet; create one first (for instance \
                 with `handoff library copy` from a library file)"
                    .to_owned(),
            ));
        }
        0
    };
    if from > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            library: name.to_owned(),
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    if from == SCHEMA_VERSION {
        tx.commit().map_err(&err)?;
        return Ok(false);
    }
    if from == 0 {
        tx.batch_execute(SCHEMA_TABLE).map_err(&err)?;
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.batch_execute(sql).map_err(&err)?;
        let version = i as i32 + 1;
        tx.execute(
            "INSERT INTO handoff_schema (version) VALUES ($1)",
            &[&version],
        )
        .map_err(&err)?;
    }
    tx.commit().map_err(&err)?;
    Ok(from == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_team_library_is_migrated_and_keeps_its_history() {
        let url = handoff_pg_cluster::database();
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        // The team library as the first schema wrote it.
        client.batch_execute(SCHEMA_TABLE).unwrap();
        client.batch_execute(MIGRATION_1).unwrap();
        let doc = handoff_core::Document::new(
            Vec::new(),
            handoff_core::Process::blank("inv".into(), "Invoicing"),
        );
        let json = handoff_core::to_json(&doc);
        client
            .batch_execute("INSERT INTO handoff_schema (version) VALUES (1)")
            .unwrap();
        client
            .execute(
                "INSERT INTO process (id, name, function, state, document, head, created_at, updated_at)
                 VALUES ('inv', 'Invoicing', 'other', 'as-is', $1, 1, now(), now())",
                &[&json],
            )
            .unwrap();
        client
            .execute(
                "INSERT INTO revision (process_id, number, created_at, summary, document)
                 VALUES ('inv', 1, now(), 'Created', $1)",
                &[&json],
            )
            .unwrap();

        let mut lib = crate::Library::open_url(&url).unwrap();
        assert!(!lib.was_created());
        let versions: Vec<i32> = client
            .query("SELECT version FROM handoff_schema ORDER BY version", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(versions, [1, 2]);
        lib.set_author(Some("Ann"));
        lib.rename(&"inv".into(), "Billing", chrono::DateTime::UNIX_EPOCH)
            .unwrap();
        let authors: Vec<Option<String>> = lib
            .revisions(&"inv".into())
            .unwrap()
            .into_iter()
            .map(|r| r.author)
            .collect();
        assert_eq!(authors, [Some("Ann".to_owned()), None]);
    }
}
