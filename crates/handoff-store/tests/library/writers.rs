//! Several writers on one file: they take turns, and a save on a stale revision is refused.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Barrier;

use handoff_core::ProcessId;
use handoff_store::{Library, StoreError};

use crate::{invoicing, later, now, temp_library, today};

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

/// Runs `work(0)` and `work(1)` on two threads that start at the same moment, each with
/// its own `Library` on `path`, and returns what each returned.
fn two_at_once<T: Send>(path: &Path, work: impl Fn(usize, &mut Library) -> T + Sync) -> [T; 2] {
    let start = Barrier::new(2);
    std::thread::scope(|s| {
        let run = |n| {
            let (start, work) = (&start, &work);
            s.spawn(move || {
                let mut lib = Library::open(path).unwrap();
                start.wait();
                work(n, &mut lib)
            })
        };
        let (a, b) = (run(0), run(1));
        [a.join().unwrap(), b.join().unwrap()]
    })
}

#[test]
fn two_writers_on_one_process_take_turns_and_lose_no_save() {
    let (_dir, path) = temp_library();
    drop(Library::create_or_open(&path).unwrap());
    const SAVES: usize = 300;
    let errors = two_at_once(&path, |n, lib| {
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
    let lib = Library::open(&path).unwrap();
    let numbers: Vec<u32> = lib
        .revisions(&"inv".into())
        .unwrap()
        .iter()
        .map(|r| r.number)
        .collect();
    let expected: Vec<u32> = (1..=2 * SAVES as u32).rev().collect();
    assert_eq!(numbers, expected);
}

#[test]
fn programs_creating_processes_at_once_never_share_an_id() {
    let (_dir, path) = temp_library();
    drop(Library::create_or_open(&path).unwrap());
    const CREATES: usize = 100;
    let ids = two_at_once(&path, |_, lib| {
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
    let lib = Library::open(&path).unwrap();
    let list = lib.processes(today()).unwrap();
    assert_eq!(list.len(), 2 * CREATES);
    assert!(
        list.iter().all(|p| p.revision == 1),
        "a create overwrote another"
    );
}

#[test]
fn a_save_on_a_stale_revision_is_refused_and_writes_nothing() {
    let (_dir, path) = temp_library();
    let mut mine = Library::create_or_open(&path).unwrap();
    let id = ProcessId::from("inv");
    mine.save_on(&invoicing("inv"), None, now()).unwrap();
    let mut theirs = Library::open(&path).unwrap();

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

#[test]
fn two_programs_creating_one_new_file_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    // The race is narrow, so run it several times on fresh files.
    for round in 0..20 {
        let path = dir.path().join(format!("library-{round}.handoff-db"));
        let start = Barrier::new(2);
        let opened: Vec<Result<Library, StoreError>> = std::thread::scope(|s| {
            let run = || {
                s.spawn(|| {
                    start.wait();
                    Library::create_or_open(&path)
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
        assert_eq!(created, 1, "round {round}: exactly one open made the file");
        for (n, lib) in libs.iter_mut().enumerate() {
            lib.save(&invoicing(&format!("p{n}")), now()).unwrap();
        }
        assert_eq!(libs[0].processes(today()).unwrap().len(), 2);
    }
}
