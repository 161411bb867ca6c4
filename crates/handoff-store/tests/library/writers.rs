//! Several writers on one library: they take turns, and a save on a stale revision is
//! refused.

use std::collections::BTreeSet;
use std::sync::Barrier;

use handoff_core::ProcessId;
use handoff_store::{Library, StoreError};

use crate::{invoicing, later, now, today, Place};

both_backends! {
    fn a_second_connection_opens_a_library_in_use_and_sees_its_saves(place) {
        let mut first = place.create();
        first.save(&invoicing("inv"), now()).unwrap();
        // The first connection is still open, so the save may sit in the WAL file only.
        let second = place.open();
        assert_eq!(
            second.load(&"inv".into()).unwrap(),
            first.load(&"inv".into()).unwrap()
        );
    }
}

/// Runs `work(0)`, `work(1)`, … on `N` threads that start at the same moment, each with
/// its own `Library` on `place` (as separate programs would), and returns what each
/// returned.
fn at_once<const N: usize, T: Send>(
    place: &Place,
    work: impl Fn(usize, &mut Library) -> T + Sync,
) -> [T; N] {
    let start = Barrier::new(N);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..N)
            .map(|n| {
                let (start, work) = (&start, &work);
                s.spawn(move || {
                    let mut lib = place.open();
                    start.wait();
                    work(n, &mut lib)
                })
            })
            .collect();
        let done: Vec<T> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        done.try_into()
            .unwrap_or_else(|_| unreachable!("one result per thread"))
    })
}

both_backends! {
    fn two_writers_on_one_process_take_turns_and_lose_no_save(place) {
        drop(place.create());
        const SAVES: usize = 300;
        let errors = at_once::<2, _>(&place, |n, lib| {
            let mut errors = Vec::new();
            for i in 0..SAVES {
                let mut doc = invoicing("inv");
                doc.process.purpose = format!("writer {n}, save {i}");
                match lib.save(&doc, later(i as i64)) {
                    Ok(saved) => assert!(saved.changed),
                    Err(e) => errors.push(e.to_string()),
                }
            }
            errors
        });
        let errors: Vec<&String> = errors.iter().flatten().collect();
        assert!(
            errors.is_empty(),
            "{} saves failed: {:?}",
            errors.len(),
            &errors[..errors.len().min(3)]
        );
        let lib = place.open();
        let numbers: Vec<u32> = lib
            .revisions(&"inv".into())
            .unwrap()
            .iter()
            .map(|r| r.number)
            .collect();
        let expected: Vec<u32> = (1..=2 * SAVES as u32).rev().collect();
        assert_eq!(numbers, expected);
    }
}

both_backends! {
    fn programs_creating_processes_at_once_never_share_an_id(place) {
        drop(place.create());
        const CREATES: usize = 100;
        let ids = at_once::<2, _>(&place, |_, lib| {
            (0..CREATES)
                .map(|i| {
                    lib.save_new(invoicing("inv"), later(i as i64))
                        .map(|s| s.id)
                })
                .collect::<Vec<_>>()
        });
        let ids: BTreeSet<ProcessId> = ids
            .into_iter()
            .flatten()
            .map(|r| r.expect("every create succeeds"))
            .collect();
        assert_eq!(ids.len(), 2 * CREATES, "two creates picked the same id");
        let lib = place.open();
        let list = lib.processes(today()).unwrap();
        assert_eq!(list.len(), 2 * CREATES);
        assert!(
            list.iter().all(|p| p.revision == 1),
            "a create overwrote another"
        );
    }
}

both_backends! {
    fn a_save_on_a_stale_revision_is_refused_and_writes_nothing(place) {
        let mut mine = place.create();
        let id = ProcessId::from("inv");
        mine.save_on(&invoicing("inv"), None, now()).unwrap();
        let mut theirs = place.open();

        let (mut my_doc, my_base) = mine.load_with_revision(&id).unwrap();
        let (mut their_doc, their_base) = theirs.load_with_revision(&id).unwrap();
        assert_eq!((my_base, their_base), (1, 1));
        their_doc.process.name = "Billing".into();
        assert_eq!(
            theirs
                .save_on(&their_doc, Some(1), later(1))
                .unwrap()
                .revision,
            2
        );

        my_doc.process.name = "Invoices".into();
        let err = mine
            .save_on(&my_doc, Some(my_base), later(2))
            .expect_err("a save on revision 1 after revision 2 must be refused");
        assert!(
            matches!(
                &err,
                StoreError::Conflict { id, base: Some(1), newest: 2 } if id == "inv"
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("someone else saved revision 2 in the meantime"),
            "{err}"
        );
        assert_eq!(mine.load(&id).unwrap().process.name, "Billing");
        assert_eq!(mine.revisions(&id).unwrap().len(), 2);

        // A new process whose id someone else has taken meanwhile is refused too.
        let err = mine.save_on(&my_doc, None, later(3)).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    base: None,
                    newest: 2,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(mine.revisions(&id).unwrap().len(), 2);

        // Saved on the newest revision, the same edit goes through.
        let saved = mine.save_on(&my_doc, Some(2), later(4)).unwrap();
        assert_eq!(saved.revision, 3);
    }
}

both_backends! {
    /// The race is narrow, so it runs several times on fresh libraries.
    fn two_programs_creating_one_new_library_at_once_both_succeed(place) {
        let kind = place.kind();
        drop(place);
        for round in 0..20 {
            let place = Place::new(kind);
            let start = Barrier::new(2);
            let opened: Vec<Result<Library, StoreError>> = std::thread::scope(|s| {
                let run = || {
                    s.spawn(|| {
                        start.wait();
                        place.try_create()
                    })
                };
                let (a, b) = (run(), run());
                vec![a.join().unwrap(), b.join().unwrap()]
            });
            let mut libs: Vec<Library> = opened
                .into_iter()
                .map(|r| r.unwrap_or_else(|e| panic!("round {round}: {e}")))
                .collect();
            let created = libs.iter().filter(|l| l.was_created()).count();
            assert_eq!(created, 1, "round {round}: exactly one open made the library");
            for (n, lib) in libs.iter_mut().enumerate() {
                lib.save(&invoicing(&format!("p{n}")), now()).unwrap();
            }
            assert_eq!(libs[0].processes(today()).unwrap().len(), 2);
        }
    }
}

both_backends! {
    /// Fifty editors save one process as fast as they can, each on the revision it loaded;
    /// every save either becomes a revision or is refused as a conflict (and the editor
    /// reloads), and no revision is lost or numbered twice.
    fn fifty_editors_on_one_process_lose_no_update(place) {
        const EDITORS: usize = 50;
        const SAVES: usize = 6;
        let mut lib = place.create();
        lib.save(&invoicing("inv"), now()).unwrap();
        drop(lib);
        let outcomes = at_once::<EDITORS, _>(&place, |n, lib| {
            let id = ProcessId::from("inv");
            let (mut saved, mut conflicts) = (Vec::new(), 0);
            for i in 0..SAVES {
                let (mut doc, base) = lib.load_with_revision(&id).unwrap();
                doc.process.purpose = format!("editor {n}, save {i}");
                match lib.save_on(&doc, Some(base), later(i as i64)) {
                    Ok(s) => {
                        assert_eq!(s.revision, base + 1, "a save is the revision after its base");
                        saved.push(s.revision);
                    }
                    Err(StoreError::Conflict { newest, .. }) => {
                        assert!(newest > base);
                        conflicts += 1;
                    }
                    Err(e) => panic!("editor {n}: {e}"),
                }
            }
            (saved, conflicts)
        });
        let saved: Vec<u32> = outcomes.iter().flat_map(|(s, _)| s.clone()).collect();
        let conflicts: usize = outcomes.iter().map(|(_, c)| c).sum();
        assert_eq!(saved.len() + conflicts, EDITORS * SAVES);
        let unique: BTreeSet<u32> = saved.iter().copied().collect();
        assert_eq!(unique.len(), saved.len(), "two saves got one revision number");
        let lib = place.open();
        let numbers: BTreeSet<u32> = lib
            .revisions(&"inv".into())
            .unwrap()
            .iter()
            .map(|r| r.number)
            .collect();
        let expected: BTreeSet<u32> = (1..=saved.len() as u32 + 1).collect();
        assert_eq!(numbers, expected, "every accepted save is a revision, and only those");
        let head = lib.load_with_revision(&"inv".into()).unwrap().1;
        assert_eq!(head, saved.len() as u32 + 1);
    }
}
