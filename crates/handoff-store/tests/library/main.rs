//! The library end to end on real files in a temporary folder: reopening keeps
//! everything, bad files are refused untouched, revisions accumulate and restore, seats
//! merge, reviews are listed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use handoff_core::build::Builder;
use handoff_core::checks::{Code, RuleSetting, Severity};
use handoff_core::review::ReviewStatus;
use handoff_core::{Cadence, Document, NodeId, NodeKind, ProcessId, SeatId, SeatKind};
use handoff_store::schema::{APPLICATION_ID, SCHEMA_VERSION};
use handoff_store::{Library, StoreError};

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
fn reopening_keeps_processes_revisions_seats_and_rules() {
    let (_dir, path) = temp_library();
    {
        let mut lib = Library::create_or_open(&path).unwrap();
        assert!(lib.was_created());
        lib.save(&invoicing("inv"), now()).unwrap();
        let mut doc = lib.load(&"inv".into()).unwrap();
        doc.process.name = "Billing".into();
        lib.save(&doc, later(5)).unwrap();
        lib.set_rule(Code::EmptyLane, Some(RuleSetting::Off))
            .unwrap();
        lib.set_rule(
            Code::UnnamedHandoff,
            Some(RuleSetting::Severity(Severity::Error)),
        )
        .unwrap();
    }
    let lib = Library::open(&path).unwrap();
    assert!(!lib.was_created());
    let list = lib.processes(today()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "Billing");
    assert_eq!(list[0].revision, 2);
    assert_eq!(list[0].owner_name.as_deref(), Some("Sales"));
    assert_eq!(list[0].updated_at, later(5));
    assert_eq!(list[0].created_at, now());
    let revs = lib.revisions(&"inv".into()).unwrap();
    assert_eq!(revs.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(
        revs[0].summary,
        "Renamed the process from 'Invoicing' to 'Billing'"
    );
    assert_eq!(revs[1].summary, "Created 'Invoicing'");
    let seats: Vec<String> = lib.seats().unwrap().into_iter().map(|s| s.name).collect();
    assert_eq!(seats, ["Finance", "Sales"]);
    let rules = lib.rules().unwrap();
    assert_eq!(rules.severity(Code::EmptyLane), None);
    assert_eq!(rules.severity(Code::UnnamedHandoff), Some(Severity::Error));
    assert_eq!(rules.severity(Code::NoStart), Some(Severity::Error));
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
fn revisions_accumulate_and_restore_as_a_new_revision() {
    let (_dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    let id = ProcessId::from("inv");
    let first = invoicing("inv");
    assert_eq!(lib.save(&first, now()).unwrap().revision, 1);

    let mut second = first.clone();
    let mut step = second.process.nodes[2].clone();
    step.id = NodeId::from("remind");
    step.label = "Send reminder".into();
    second.process.nodes.push(step);
    second.process.nodes[1].label = "Review order".into();
    let saved = lib.save(&second, later(1)).unwrap();
    assert_eq!(saved.revision, 2);
    assert_eq!(
        saved.summary,
        "Added step 'Send reminder'; renamed 'check' to 'Review order'"
    );

    // Saving the same document again adds nothing.
    let same = lib.save(&second, later(2)).unwrap();
    assert!(!same.changed);
    assert_eq!(same.revision, 2);

    assert_eq!(lib.load_revision(&id, 1).unwrap(), first);
    let restored = lib.restore_revision(&id, 1, later(3)).unwrap();
    assert_eq!(restored.revision, 3);
    assert!(
        restored.summary.starts_with("Restored revision 1: "),
        "{}",
        restored.summary
    );
    assert_eq!(lib.load(&id).unwrap(), first);
    assert_eq!(lib.revisions(&id).unwrap().len(), 3);
    assert_eq!(lib.load_revision(&id, 2).unwrap(), second);
    assert!(matches!(
        lib.load_revision(&id, 9),
        Err(StoreError::NoSuchRevision { number: 9, .. })
    ));
}

#[test]
fn delete_undelete_purge_and_duplicate() {
    let (_dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    let id = ProcessId::from("inv");
    lib.save(&invoicing("inv"), now()).unwrap();
    let copy = lib.duplicate(&id, later(1)).unwrap();
    assert_eq!(copy.id, ProcessId::from("inv-2"));
    assert_eq!(lib.load(&copy.id).unwrap().process.name, "Invoicing (copy)");

    lib.delete(&id, later(2)).unwrap();
    assert!(matches!(
        lib.load(&id),
        Err(StoreError::NoSuchProcess { .. })
    ));
    assert_eq!(lib.processes(today()).unwrap().len(), 1);
    let deleted = lib.deleted_processes().unwrap();
    assert_eq!(
        (deleted[0].id.as_str(), deleted[0].deleted_at),
        ("inv", later(2))
    );
    // A deleted id is still taken.
    assert_eq!(
        lib.fresh_process_id("inv").unwrap(),
        ProcessId::from("inv-3")
    );

    lib.undelete(&id).unwrap();
    assert_eq!(lib.load(&id).unwrap().process.name, "Invoicing");
    assert_eq!(lib.revisions(&id).unwrap().len(), 1);

    assert!(matches!(
        lib.purge(&id),
        Err(StoreError::NoSuchProcess { .. })
    ));
    lib.delete(&id, later(3)).unwrap();
    lib.purge(&id).unwrap();
    assert!(lib.deleted_processes().unwrap().is_empty());
    assert!(matches!(
        lib.undelete(&id),
        Err(StoreError::NoSuchProcess { .. })
    ));
}

#[test]
fn merging_seats_rewrites_lanes_owner_and_raci_everywhere() {
    let (_dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    // Two processes that call the same team by different seats.
    let a = invoicing("a");
    let mut b = invoicing("b");
    for s in &mut b.seats {
        if s.id.as_str() == "seat-sales" {
            s.id = SeatId::from("seat-sales-team");
            s.name = "Sales team".into();
        }
    }
    for l in &mut b.process.lanes {
        if l.seat.as_str() == "seat-sales" {
            l.seat = SeatId::from("seat-sales-team");
        }
    }
    b.process.owner = Some(SeatId::from("seat-sales-team"));
    if let NodeKind::Step { details } = &mut b.process.nodes[1].kind {
        details.raci.accountable = vec![SeatId::from("seat-sales-team")];
        details.raci.informed = vec![SeatId::from("seat-sales"), SeatId::from("seat-sales-team")];
    }
    lib.save(&a, now()).unwrap();
    lib.save(&b, now()).unwrap();
    let usage = lib.seat_usage(&SeatId::from("seat-sales-team")).unwrap();
    assert_eq!(usage.len(), 1);
    assert_eq!(
        (usage[0].lanes, usage[0].owner, usage[0].raci_steps),
        (1, true, 1)
    );
    assert!(matches!(
        lib.delete_seat(&SeatId::from("seat-sales-team")),
        Err(StoreError::SeatInUse { .. })
    ));

    let rewritten = lib
        .merge_seats(
            &SeatId::from("seat-sales"),
            &SeatId::from("seat-sales-team"),
            later(1),
        )
        .unwrap();
    assert_eq!(rewritten, [ProcessId::from("b")]);
    let b2 = lib.load(&"b".into()).unwrap();
    let kept = SeatId::from("seat-sales");
    assert_eq!(b2.process.owner.as_ref(), Some(&kept));
    assert_eq!(b2.process.lanes[0].seat, kept);
    let raci = &b2.process.nodes[1].details().unwrap().raci;
    assert_eq!(raci.accountable, std::slice::from_ref(&kept));
    assert_eq!(
        raci.informed,
        std::slice::from_ref(&kept),
        "a seat named twice is named once"
    );
    assert!(b2.seat(&SeatId::from("seat-sales-team")).is_none());
    assert_eq!(
        lib.revisions(&"b".into()).unwrap()[0].summary,
        "Merged seat 'Sales team' into 'Sales'"
    );
    assert!(matches!(
        lib.seat(&SeatId::from("seat-sales-team")),
        Err(StoreError::NoSuchSeat { .. })
    ));
    assert_eq!(lib.seat_usage(&kept).unwrap().len(), 2);
    assert!(matches!(
        lib.merge_seats(&kept, &kept, later(2)),
        Err(StoreError::MergeIntoSelf { .. })
    ));
}

#[test]
fn reviews_list_overdue_upcoming_and_never_reviewed() {
    let (_dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    let mut weekly = invoicing("weekly");
    weekly.process.name = "Weekly report".into();
    weekly.process.cadence = Cadence::Weekly;
    weekly.process.last_reviewed = Some(date("2026-06-01")); // due 2026-09-01: overdue
    let mut monthly = invoicing("monthly");
    monthly.process.name = "Month end".into();
    monthly.process.cadence = Cadence::Monthly;
    monthly.process.last_reviewed = Some(date("2026-06-10")); // due 2026-12-10: upcoming
    let mut fixed = invoicing("fixed");
    fixed.process.name = "Audit".into();
    fixed.process.review_due = Some(date("2027-06-01")); // set explicitly: current
    let mut never = invoicing("never");
    never.process.name = "Hiring".into();
    for d in [&weekly, &monthly, &fixed, &never] {
        lib.save(d, now()).unwrap();
    }
    let r = lib.reviews(today()).unwrap();
    assert_eq!(r.overdue.len(), 1);
    assert_eq!(r.overdue[0].name, "Weekly report");
    assert_eq!(r.overdue[0].due, Some(date("2026-09-01")));
    assert_eq!(r.overdue[0].days, Some(-81));
    assert_eq!(r.overdue[0].owner_name.as_deref(), Some("Sales"));
    assert_eq!(r.upcoming.len(), 1);
    assert_eq!(
        (r.upcoming[0].name.as_str(), r.upcoming[0].days),
        ("Month end", Some(19))
    );
    assert_eq!(r.never_reviewed.len(), 1);
    assert_eq!(r.never_reviewed[0].name, "Hiring");

    let summary = lib.processes(today()).unwrap();
    let weekly_row = summary.iter().find(|s| s.id.as_str() == "weekly").unwrap();
    assert_eq!(
        weekly_row.review,
        ReviewStatus::Overdue {
            due: date("2026-09-01")
        }
    );
    assert_eq!(
        weekly_row.problems.warnings, 1,
        "review-overdue is a warning"
    );

    let saved = lib
        .mark_reviewed(&"weekly".into(), today(), later(1))
        .unwrap();
    assert_eq!(saved.summary, "Marked reviewed on 2026-11-21");
    let r = lib.reviews(today()).unwrap();
    assert!(r.overdue.is_empty());
}

#[test]
fn seeding_happens_once_even_after_templates_are_deleted() {
    let (_dir, path) = temp_library();
    let mut lib = Library::create_or_open(&path).unwrap();
    let templates = [invoicing("t1"), invoicing("t2")];
    assert_eq!(lib.seed_if_first_use(&templates, now()).unwrap(), 2);
    assert_eq!(
        lib.revisions(&"t1".into()).unwrap()[0].summary,
        "Added from the templates"
    );
    lib.delete(&"t1".into(), later(1)).unwrap();
    drop(lib);
    let mut lib = Library::create_or_open(&path).unwrap();
    assert_eq!(lib.seed_if_first_use(&templates, later(2)).unwrap(), 0);
    assert_eq!(lib.processes(today()).unwrap().len(), 1);
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

#[test]
fn a_second_connection_opens_a_library_in_use_and_sees_its_saves() {
    let (_dir, path) = temp_library();
    let mut first = Library::create_or_open(&path).unwrap();
    first.save(&invoicing("inv"), now()).unwrap();
    // The first connection is still open, so the save may sit in the WAL file only.
    let second = Library::open(&path).unwrap();
    assert_eq!(
        second.load(&"inv".into()).unwrap(),
        first.load(&"inv".into()).unwrap()
    );
}
