//! Nothing unreadable gets in, and damage stays contained: a document that would not read
//! back is refused, a damaged stored document is listed as damaged without hiding the
//! others, and a damaged file is found by the check and put back from a backup.

use std::path::Path;

use handoff_core::ProcessId;
use handoff_store::{Library, StoreError};

use crate::{invoicing, later, now, temp_library, today};

both_backends! {
    fn a_document_that_cannot_be_read_back_is_refused_and_nothing_is_written(place) {
        let mut lib = place.create();
        // Two steps with one id: the model holds it, the file format refuses it.
        let mut bad = invoicing("inv");
        let twin = bad.process.nodes[1].clone();
        bad.process.nodes.push(twin);

        let err = lib
            .save(&bad, now())
            .expect_err("a document that will not read back");
        match &err {
            StoreError::Invalid { id, reason } => {
                assert_eq!(id, "inv");
                assert!(reason.contains("used twice"), "{reason}");
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(lib.processes(today()).unwrap().is_empty());
        assert!(lib.seats().unwrap().is_empty(), "its seats were written");

        // Over an existing process, too: the good revision stays the only one.
        let good = invoicing("inv");
        lib.save(&good, now()).unwrap();
        let mut bad = good.clone();
        bad.process.nodes.push(good.process.nodes[1].clone());
        assert!(matches!(
            lib.save_on(&bad, Some(1), later(1)),
            Err(StoreError::Invalid { .. })
        ));
        assert_eq!(lib.revisions(&"inv".into()).unwrap().len(), 1);
        assert_eq!(lib.load(&"inv".into()).unwrap(), good);
    }
}

both_backends! {
    fn a_damaged_stored_document_is_listed_as_damaged_and_the_others_still_load(place) {
        let mut lib = place.create();
        for (id, name) in [("a", "Accounts"), ("b", "Billing"), ("c", "Collections")] {
            let mut doc = invoicing(id);
            doc.process.name = name.into();
            lib.save(&doc, now()).unwrap();
        }
        // Damage one row behind the library's back.
        place.execute("UPDATE process SET document = '{\"format\": ' WHERE id = 'b'");

        let list = lib.processes(today()).unwrap();
        let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Accounts", "Billing", "Collections"]);
        let damaged: Vec<(&str, &str)> = list
            .iter()
            .filter_map(|p| Some((p.id.as_str(), p.damaged.as_deref()?)))
            .collect();
        assert_eq!(damaged.len(), 1, "{damaged:?}");
        assert_eq!(damaged[0].0, "b");
        assert!(damaged[0].1.contains("does not read"), "{}", damaged[0].1);

        for id in ["a", "c"] {
            assert_eq!(
                lib.load(&ProcessId::from(id)).unwrap().process.id.as_str(),
                id
            );
        }
        assert!(matches!(
            lib.load(&"b".into()),
            Err(StoreError::CorruptRecord { .. })
        ));
        assert_eq!(lib.reviews(today()).unwrap().never_reviewed.len(), 2);

        // Its history still reads, and restoring a revision mends it.
        assert_eq!(lib.revisions(&"b".into()).unwrap().len(), 1);
        let saved = lib.restore_revision(&"b".into(), 1, later(1)).unwrap();
        assert_eq!(saved.revision, 2);
        assert_eq!(lib.load(&"b".into()).unwrap().process.name, "Billing");
        assert!(lib
            .processes(today())
            .unwrap()
            .iter()
            .all(|p| p.damaged.is_none()));
    }
}

#[test]
fn check_reports_a_sound_library_as_ok() {
    let (_dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    lib.save(&invoicing("inv"), now()).unwrap();
    // Checked while in use, and after.
    let report = Library::check(&path).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    drop(lib);
    let report = Library::check(&path).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(report.backups.is_empty(), "a new library needs no backup");
    assert!(matches!(
        Library::check(&path.with_file_name("missing.handoff-db")),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn check_finds_a_damaged_file_and_a_backup_puts_the_library_back() {
    let (dir, path) = temp_library();
    let backup = dir.path().join("library.handoff-db.before-v1.bak");
    {
        let mut lib = Library::create_or_open(&path).unwrap();
        lib.save(&invoicing("kept"), now()).unwrap();
        // The copy a migration would have left.
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute("VACUUM INTO ?1", [backup.to_str().unwrap()])
            .unwrap();
        // Enough data that cutting the file in half loses real content.
        for i in 0..40 {
            let mut doc = invoicing(&format!("p{i}"));
            doc.process.purpose = "x".repeat(2000);
            lib.save(&doc, later(1)).unwrap();
        }
    }
    let full = std::fs::read(&path).unwrap();
    let damaged = &full[..full.len() / 2];
    std::fs::write(&path, damaged).unwrap();

    let report = Library::check(&path).unwrap();
    assert!(!report.is_ok());
    assert!(
        report.problems[0].contains("damaged"),
        "{:?}",
        report.problems
    );
    assert_eq!(report.backups.len(), 1);
    assert_eq!(report.backups[0].path, backup);
    assert_eq!(report.backups[0].schema_version, 1);

    let replaced = Library::restore_backup(&path, &backup)
        .unwrap()
        .expect("the damaged file is kept");
    assert_eq!(std::fs::read(&replaced).unwrap(), damaged);
    assert!(Library::check(&path).unwrap().is_ok());
    let lib = Library::open(&path).unwrap();
    let ids: Vec<String> = lib
        .processes(today())
        .unwrap()
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    assert_eq!(ids, ["kept"]);
    assert!(backup.exists(), "the backup is copied, not used up");
}

#[test]
fn a_backup_that_is_not_a_library_is_not_restored() {
    let (dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    lib.save(&invoicing("inv"), now()).unwrap();
    drop(lib);
    let before = std::fs::read(&path).unwrap();
    let junk = dir.path().join("library.handoff-db.before-v1.bak");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let err = Library::restore_backup(&path, &junk).unwrap_err();
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!Path::new(&format!("{}.replaced.bak", path.display())).exists());
}

#[test]
fn a_restore_over_a_file_with_a_leftover_log_keeps_the_log_with_the_replaced_file() {
    let (dir, path) = temp_library();
    let backup = dir.path().join("library.handoff-db.before-v1.bak");
    let mut lib = Library::create_or_open(&path).unwrap();
    lib.save(&invoicing("kept"), now()).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("VACUUM INTO ?1", [backup.to_str().unwrap()])
        .unwrap();
    lib.save(&invoicing("later"), later(1)).unwrap();
    // The files as a program that stopped mid-work leaves them: the last save is still
    // only in the write-ahead log.
    let crashed = tempfile::tempdir().unwrap();
    let file = crashed.path().join("library.handoff-db");
    std::fs::copy(&path, &file).unwrap();
    std::fs::copy(
        format!("{}-wal", path.display()),
        format!("{}-wal", file.display()),
    )
    .unwrap();
    drop(lib);

    let replaced = Library::restore_backup(&file, &backup).unwrap().unwrap();
    let ids = |lib: &Library| -> Vec<String> {
        let list = lib.processes(today()).unwrap();
        list.into_iter().map(|p| p.id.to_string()).collect()
    };
    assert_eq!(ids(&Library::open(&file).unwrap()), ["kept"]);
    assert_eq!(ids(&Library::open(&replaced).unwrap()), ["kept", "later"]);
}
