//! Copying a library into another and back: every process with every revision, deleted
//! ones, seats and rule settings arrive; a non-empty target is refused unless merging;
//! copying twice changes nothing.

use handoff_core::checks::{Code, RuleSetting, Severity};
use handoff_core::ProcessId;
use handoff_store::{Library, StoreError};

use crate::{invoicing, later, now, today, Kind, Place};

/// A library with some history: two processes, one renamed twice, one deleted, a seat no
/// process uses, a rule setting, and the templates' seeding mark.
fn busy(lib: &mut Library) {
    lib.seed_if_first_use(&[invoicing("inv")], now()).unwrap();
    lib.set_author(Some("Ann"));
    lib.rename(&"inv".into(), "Billing", later(1)).unwrap();
    lib.mark_reviewed(&"inv".into(), today(), later(1)).unwrap();
    lib.rename(&"inv".into(), "Invoicing", later(2)).unwrap();
    lib.save(&invoicing("old"), later(3)).unwrap();
    lib.delete(&"old".into(), later(4)).unwrap();
    lib.put_seat(&handoff_core::Seat {
        id: "seat-legal".into(),
        name: "Legal".into(),
        kind: handoff_core::SeatKind::Team,
        holder: Some("Dana".into()),
    })
    .unwrap();
    lib.set_rule(
        Code::EmptyLane,
        Some(RuleSetting::Severity(Severity::Error)),
    )
    .unwrap();
}

/// What a person can see of a library, for comparing two.
fn seen(lib: &Library) -> String {
    let mut out = format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n",
        lib.processes(today()).unwrap(),
        lib.reviews(today()).unwrap(),
        lib.deleted_processes().unwrap(),
        lib.seats().unwrap(),
        lib.rules().unwrap()
    );
    for p in lib.processes(today()).unwrap() {
        for r in lib.revisions(&p.id).unwrap() {
            let doc = lib.load_revision(&p.id, r.number).unwrap();
            out.push_str(&format!("{r:?} {}\n", handoff_core::to_json(&doc)));
        }
    }
    out
}

#[test]
fn a_file_copied_into_a_team_library_and_back_keeps_everything() {
    let file = Place::new(Kind::Sqlite);
    let team = Place::new(Kind::Postgres);
    let back = Place::new(Kind::Sqlite);
    let mut source = file.create();
    busy(&mut source);

    let mut target = team.create();
    let done = source.copy_into(&mut target, false).unwrap();
    assert_eq!(done.added, [ProcessId::from("inv"), ProcessId::from("old")]);
    assert_eq!(done.revisions, 5);
    assert_eq!(done.seats, 3);
    assert_eq!(done.rules, 1);
    assert_eq!(seen(&target), seen(&source));
    // The seeding mark came along: a team library made from a file is not seeded again.
    assert_eq!(
        target
            .seed_if_first_use(&[invoicing("new")], later(9))
            .unwrap(),
        0
    );
    // The deleted process came with its history.
    target.undelete(&"old".into()).unwrap();
    assert_eq!(target.revisions(&"old".into()).unwrap().len(), 1);
    target.delete(&"old".into(), later(4)).unwrap();

    let mut home = back.create();
    target.copy_into(&mut home, false).unwrap();
    assert_eq!(seen(&home), seen(&source));
}

#[test]
fn a_copy_into_a_library_with_processes_is_refused_unless_merging_and_twice_changes_nothing() {
    for (from, to) in [
        (Kind::Sqlite, Kind::Postgres),
        (Kind::Postgres, Kind::Sqlite),
    ] {
        let (from, to) = (Place::new(from), Place::new(to));
        let mut source = from.create();
        busy(&mut source);
        let mut target = to.create();
        target.save(&invoicing("theirs"), now()).unwrap();

        let err = source.copy_into(&mut target, false).unwrap_err();
        assert!(matches!(err, StoreError::TargetNotEmpty { .. }), "{err:?}");
        assert!(
            err.to_string().starts_with(target.location()),
            "the message names the target: {err}"
        );
        assert!(err.to_string().contains("1 process, 2 seats"), "{err}");
        assert_eq!(
            target.processes(today()).unwrap().len(),
            1,
            "nothing was copied"
        );

        let first = source.copy_into(&mut target, true).unwrap();
        assert_eq!(first.added.len(), 2);
        let after_first = seen(&target);
        let second = source.copy_into(&mut target, true).unwrap();
        assert!(second.is_empty(), "{second:?}");
        assert_eq!(second.unchanged, 2);
        assert_eq!(
            seen(&target),
            after_first,
            "a second copy changed the target"
        );
    }
}

#[test]
fn a_merge_brings_newer_revisions_and_leaves_a_diverged_process_alone() {
    let (file, team) = (Place::new(Kind::Sqlite), Place::new(Kind::Postgres));
    let mut source = file.create();
    source.save(&invoicing("a"), now()).unwrap();
    source.save(&invoicing("b"), now()).unwrap();
    let mut target = team.create();
    source.copy_into(&mut target, false).unwrap();

    // Both go on: "a" only at home, "b" on both sides.
    source.rename(&"a".into(), "Accounts", later(1)).unwrap();
    source
        .rename(&"b".into(), "Billing at home", later(1))
        .unwrap();
    target
        .rename(&"b".into(), "Billing in the team", later(2))
        .unwrap();

    let done = source.copy_into(&mut target, true).unwrap();
    assert_eq!(done.updated, [ProcessId::from("a")]);
    assert_eq!(done.diverged, [ProcessId::from("b")]);
    assert_eq!(done.revisions, 1);
    assert_eq!(target.load(&"a".into()).unwrap().process.name, "Accounts");
    assert_eq!(target.revisions(&"a".into()).unwrap().len(), 2);
    assert_eq!(
        target.load(&"b".into()).unwrap().process.name,
        "Billing in the team"
    );
}
