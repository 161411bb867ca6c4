//! Opening files: bad files are refused untouched, new files and folders are made.

use std::path::Path;

use handoff_store::schema::{APPLICATION_ID, SCHEMA_VERSION};
use handoff_store::{Library, StoreError};

use crate::{invoicing, now, temp_library};

/// Opening `path` must fail; the file's bytes must be exactly as before.
fn refused_untouched(path: &Path) -> StoreError {
    let before = std::fs::read(path).unwrap();
    let err = Library::create_or_open(path).expect_err("the file must be refused");
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    let err2 = Library::open(path).expect_err("the file must be refused");
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    assert_eq!(err.to_string(), err2.to_string());
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the message names the file: {err}"
    );
    err
}

#[test]
fn random_bytes_are_not_a_library_and_stay_untouched() {
    let (_dir, path) = temp_library();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &bytes).unwrap();
    let err = refused_untouched(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err:?}");
    assert!(err.to_string().contains("not a Handoff library"), "{err}");
}

#[test]
fn a_truncated_library_is_reported_damaged_and_stays_untouched() {
    let (_dir, path) = temp_library();
    {
        let mut lib = Library::create_or_open(&path).unwrap();
        // Enough data to span many pages, so cutting the file loses real content.
        for i in 0..40 {
            let mut doc = invoicing(&format!("p{i}"));
            doc.process.purpose = "x".repeat(2000);
            lib.save(&doc, now()).unwrap();
        }
    }
    let full = std::fs::read(&path).unwrap();
    assert!(full.len() > 16 * 4096, "library is {} bytes", full.len());
    std::fs::write(&path, &full[..full.len() / 2]).unwrap();
    let err = refused_untouched(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let (_dir, path) = temp_library();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", 0x1234_5678)
            .unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
            .unwrap();
    }
    let err = refused_untouched(&path);
    assert!(
        matches!(
            err,
            StoreError::Foreign {
                application_id: 0x1234_5678,
                ..
            }
        ),
        "{err:?}"
    );

    // An unmarked database with tables is someone else's too.
    let other = path.with_file_name("plain.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
    }
    assert!(matches!(
        refused_untouched(&other),
        StoreError::Foreign {
            application_id: 0,
            ..
        }
    ));
}

#[test]
fn a_library_from_a_newer_build_is_refused_untouched() {
    let (_dir, path) = temp_library();
    drop(Library::create_or_open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        // Leave the file checkpointed and in the rollback journal so the bytes on disk
        // are the whole database.
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            .unwrap();
    }
    let err = refused_untouched(&path);
    match err {
        StoreError::TooNew {
            found, supported, ..
        } => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn an_empty_file_is_migrated_into_a_library() {
    let (_dir, path) = temp_library();
    std::fs::write(&path, b"").unwrap();
    let mut lib = Library::create_or_open(&path).unwrap();
    assert!(lib.was_created());
    lib.save(&invoicing("inv"), now()).unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(
        (app, version, mode.as_str()),
        (APPLICATION_ID, SCHEMA_VERSION, "wal")
    );
}

#[test]
fn open_refuses_a_missing_file_and_create_makes_its_folder() {
    let (dir, path) = temp_library();
    assert!(matches!(
        Library::open(&path),
        Err(StoreError::NotFound { .. })
    ));
    assert!(!path.exists());
    let nested = dir.path().join("a/b/library.handoff-db");
    Library::create_or_open(&nested).unwrap();
    assert!(nested.exists());
}

#[test]
fn default_path_follows_the_override_variable() {
    // The only test in this binary that touches the variable.
    std::env::set_var(handoff_store::DATA_DIR_ENV, "/tmp/handoff-test-data");
    assert_eq!(
        Library::default_path().unwrap(),
        Path::new("/tmp/handoff-test-data/library.handoff-db")
    );
    std::env::remove_var(handoff_store::DATA_DIR_ENV);
    let default = Library::default_path().unwrap();
    assert!(
        default.ends_with("library.handoff-db"),
        "{}",
        default.display()
    );
}
