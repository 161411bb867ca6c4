//! The application layer end to end on real files in a temporary folder: maps in and out of
//! a library, the same bytes whichever front end asks, and failed writes that leave the
//! previous file alone.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use handoff_api::export::{self, ExportJob, MapFormat, RaciFormat, Rendering};
use handoff_api::files::Replace;
use handoff_api::library::{self, Open};
use handoff_api::{editing, import, maps, seats, Ctx, ErrorCode, FixedClock};
use handoff_core::build::Builder;
use handoff_core::{Document, NodeKind, ProcessId, SeatId, SeatKind};
use handoff_store::ImportMode;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// A context whose clock reads `now() + minutes`.
fn ctx_at(minutes: i64) -> Ctx {
    Ctx::new(FixedClock {
        today: today(),
        now: now() + chrono::Duration::minutes(minutes),
    })
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

fn opened(path: &Path, minutes: i64) -> Ctx {
    let ctx = ctx_at(minutes);
    library::open(&ctx, path, Open::Create).unwrap();
    ctx
}

#[test]
fn renaming_a_seat_in_the_library_shows_in_loaded_and_exported_documents() {
    let (dir, path) = temp_library();
    let ctx = opened(&path, 0);
    editing::save(&ctx, &invoicing("inv"), None).unwrap();
    let mut seat = seats::find(&ctx, "seat-finance").unwrap();
    seat.name = "Accounts".into();
    seat.holder = Some("Dana".into());
    seats::put(&ctx, &seat).unwrap();
    let spare = handoff_core::Seat {
        id: SeatId::from("seat-spare"),
        name: "Spare".into(),
        kind: SeatKind::Agent,
        holder: None,
    };
    seats::put(&ctx, &spare).unwrap();
    assert_eq!(
        editing::load(&ctx, &"inv".into()).unwrap().seat(&seat.id),
        Some(&seat)
    );

    let out = dir.path().join("inv.handoff.json");
    let job = ExportJob::Map {
        process: "inv".into(),
    };
    export::export_file(&ctx, &job, &out, Replace::Yes, &|_| {}).unwrap();
    let exported = maps::read_map_file(&out).unwrap();
    assert_eq!(exported.seat(&seat.id), Some(&seat));
    assert!(
        exported.seat(&spare.id).is_none(),
        "only referenced seats are exported"
    );
    seats::delete(&ctx, &spare.id).unwrap();
}

#[test]
fn import_revises_an_existing_id_or_takes_a_fresh_one() {
    let (dir, path) = temp_library();
    let file = dir.path().join("inv.handoff.json");
    std::fs::write(&file, handoff_core::to_json(&invoicing("inv"))).unwrap();

    let ctx = opened(&path, 0);
    let first = import::import_files(&ctx, &[&file], ImportMode::NewRevision, &|_| {}).unwrap();
    assert!(first[0].created);
    assert_eq!(first[0].summary, "Imported from inv.handoff.json");
    let mut changed = invoicing("inv");
    changed.process.name = "Invoicing v2".into();
    std::fs::write(&file, handoff_core::to_json(&changed)).unwrap();
    let ctx = opened(&path, 1);
    let second = import::import_map(&ctx, &file, ImportMode::NewRevision)
        .unwrap()
        .output
        .imported;
    assert_eq!(
        (second.id.as_str(), second.revision, second.created),
        ("inv", 2, false)
    );
    let ctx = opened(&path, 2);
    let fresh = import::import_map(&ctx, &file, ImportMode::FreshId)
        .unwrap()
        .output
        .imported;
    assert_eq!(
        (fresh.id.as_str(), fresh.revision, fresh.created),
        ("inv-2", 1, true)
    );
    assert_eq!(library::list_processes(&ctx).unwrap().len(), 2);

    std::fs::write(&file, b"{\"format\":\"handoff/1\",").unwrap();
    let ctx = opened(&path, 3);
    let err = import::import_map(&ctx, &file, ImportMode::NewRevision).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidFile, "{err:?}");
    assert!(
        err.message.starts_with(&file.display().to_string()),
        "{err}"
    );
    assert_eq!(
        editing::revisions(&ctx, &"inv".into()).unwrap().len(),
        2,
        "a failed import changes nothing"
    );
}

#[test]
fn the_library_and_a_map_file_give_the_same_bytes() {
    // The desktop app exports from the library; the CLI renders from a file. For the same
    // map and date, both go through one renderer and must agree byte for byte.
    let (dir, path) = temp_library();
    let ctx = opened(&path, 0);
    for (_, doc) in handoff_tests::templates() {
        editing::save(&ctx, &doc, None).unwrap();
        let id = doc.process.id.clone();
        let cases = [
            (
                ExportJob::Raci {
                    process: id.clone(),
                    format: RaciFormat::Xlsx,
                },
                Rendering::Raci(Box::new(doc.clone()), RaciFormat::Xlsx),
            ),
            (
                ExportJob::Raci {
                    process: id.clone(),
                    format: RaciFormat::Pdf,
                },
                Rendering::Raci(Box::new(doc.clone()), RaciFormat::Pdf),
            ),
            (
                ExportJob::Bpmn {
                    process: id.clone(),
                },
                Rendering::Map(Box::new(doc.clone()), MapFormat::Bpmn),
            ),
        ];
        for (job, rendering) in cases {
            let from_library = dir.path().join("app.out");
            export::export_file(&ctx, &job, &from_library, Replace::Yes, &|_| {}).unwrap();
            let from_file = dir.path().join("cli.out");
            export::write(rendering, today(), &from_file, Replace::Yes, &|_| {}).unwrap();
            assert!(
                std::fs::read(&from_library).unwrap() == std::fs::read(&from_file).unwrap(),
                "{id}: {job:?} differs between the library and the file"
            );
        }
    }
}

#[test]
fn a_refused_export_leaves_the_previous_file() {
    let (dir, path) = temp_library();
    let ctx = opened(&path, 0);
    editing::save(&ctx, &invoicing("inv"), None).unwrap();
    let out = dir.path().join("inv.bpmn");
    std::fs::write(&out, b"the user's own file").unwrap();
    let job = ExportJob::Bpmn {
        process: "inv".into(),
    };
    let err = export::export_file(&ctx, &job, &out, Replace::No, &|_| {}).unwrap_err();
    assert_eq!(err.code, ErrorCode::Exists);
    assert_eq!(std::fs::read(&out).unwrap(), b"the user's own file");
    let err = export::export_file(
        &ctx,
        &ExportJob::Bpmn {
            process: "nope".into(),
        },
        &dir.path().join("nope.bpmn"),
        Replace::Yes,
        &|_| {},
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(!dir.path().join("nope.bpmn").exists());
}

#[test]
fn progress_counts_up_to_its_total() {
    let (dir, path) = temp_library();
    let ctx = opened(&path, 0);
    editing::save(&ctx, &invoicing("inv"), None).unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let job = ExportJob::Sop {
        process: "inv".into(),
    };
    export::export_file(
        &ctx,
        &job,
        &dir.path().join("inv.pdf"),
        Replace::Yes,
        &|p| seen.lock().unwrap().push((p.done, p.total)),
    )
    .unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.first(), Some(&(0, 3)));
    assert_eq!(seen.last(), Some(&(3, 3)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
}

#[test]
fn an_export_never_lands_on_the_library_or_in_a_guarded_folder() {
    let (dir, path) = temp_library();
    let ctx = opened(&path, 0);
    editing::save(&ctx, &invoicing("inv"), None).unwrap();
    let job = ExportJob::Map {
        process: "inv".into(),
    };
    let before = std::fs::read(&path).unwrap();
    for target in [path.clone(), dir.path().join("library.handoff-db-wal")] {
        let err = export::export_file(&ctx, &job, &target, Replace::Yes, &|_| {}).unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{err}");
        assert!(err.message.contains("library"), "{err}");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the library is untouched"
    );

    let data = dir.path().join("app-data");
    std::fs::create_dir(&data).unwrap();
    ctx.guard(&data);
    let inside = data.join("sub").join("..").join("x.handoff.json");
    let err = export::export_file(&ctx, &job, &inside, Replace::Yes, &|_| {}).unwrap_err();
    assert!(err.message.contains("Handoff's own data folder"), "{err}");
    assert!(!data.join("x.handoff.json").exists());
}

#[test]
fn only_files_this_session_exported_may_be_opened() {
    let (dir, path) = temp_library();
    let ctx = opened(&path, 0);
    editing::save(&ctx, &invoicing("inv"), None).unwrap();
    let out = dir.path().join("inv.bpmn");
    let job = ExportJob::Bpmn {
        process: "inv".into(),
    };
    assert!(
        export::exported_file(&ctx, &out).is_err(),
        "not written yet"
    );
    export::export_file(&ctx, &job, &out, Replace::Yes, &|_| {}).unwrap();
    assert!(export::exported_file(&ctx, &out).is_ok());
    assert!(export::exported_file(&ctx, Path::new("/bin/sh")).is_err());
    assert_eq!(
        export::exported_file(&ctx, &path).unwrap_err().code,
        ErrorCode::Invalid
    );
    let err = export::export_file(&ctx, &job, &out, Replace::No, &|_| {}).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Exists,
        "asking first is the front end's job"
    );
}

#[test]
fn a_save_on_a_revision_someone_else_replaced_is_a_conflict() {
    let (_dir, path) = temp_library();
    let mine = opened(&path, 0);
    let theirs = opened(&path, 1);
    let first = editing::save(&mine, &invoicing("inv"), None).unwrap();
    let opened_by_them = editing::open(&theirs, &"inv".into()).unwrap();
    assert_eq!(opened_by_them.revision, first.revision);

    let mut their_doc = opened_by_them.doc.clone();
    their_doc.process.name = "Invoicing (theirs)".into();
    let saved = editing::save(&theirs, &their_doc, Some(opened_by_them.revision)).unwrap();

    let mut my_doc = invoicing("inv");
    my_doc.process.name = "Invoicing (mine)".into();
    let err = editing::save(&mine, &my_doc, Some(first.revision)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "{err}");
    assert_eq!(
        editing::open(&mine, &"inv".into())
            .unwrap()
            .doc
            .process
            .name,
        "Invoicing (theirs)",
        "their save stays; mine was not applied"
    );
    let on_top = editing::save(&mine, &my_doc, Some(saved.revision)).unwrap();
    assert_eq!(on_top.revision, saved.revision + 1);
}

#[test]
fn a_remembered_library_that_is_gone_is_reported_not_replaced() {
    if std::env::var_os(handoff_store::DATA_DIR_ENV).is_some() {
        // $HANDOFF_DATA_DIR overrides the remembered library by design; this test needs it unset.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("unplugged").join("team.handoff-db");
    let settings = dir.path().join("settings.json");
    handoff_api::settings::remember_library(&settings, &gone).unwrap();
    let ctx = ctx_at(0);
    library::open_at_start(&ctx, Some(&settings));
    let info = library::info(&ctx);
    assert_eq!(info.path, None, "no library is open");
    let error = info.error.expect("the reason is given");
    assert!(
        error.contains("is not there") && error.contains("team.handoff-db"),
        "{error}"
    );
    assert!(
        !gone.exists(),
        "no new, empty library was made in its place"
    );
}
