//! Arbitrary maps (structure-aware, through `arbitrary`): checks, metrics, procedure
//! numbering, the comparison with a changed copy, the file round trip and the BPMN export
//! with its re-import must all take them without panicking, and what the re-import returns
//! must save and read back unchanged.

#![no_main]

use handoff_core::diff::{diff, metric_deltas, to_csv, to_text};
use handoff_fuzz::{assert_file_round_trip, exercise, ids_unique, Pair};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Pair| {
    let (before, after) = input.build();
    let today = input.case.today.build();
    exercise(&before, today);
    exercise(&after, today);

    let d = diff(&before, &after);
    let _ = d.summary();
    let _ = to_text(&d);
    let _ = to_csv(&d);
    for delta in metric_deltas(&d) {
        let _ = delta.describe();
    }
    if ids_unique(&before) {
        let same = diff(&before, &before);
        assert!(
            same.is_empty(),
            "a map differs from itself: {}",
            same.summary()
        );
    }

    let finite = before
        .process
        .nodes
        .iter()
        .all(|n| n.position.x.is_finite() && n.position.y.is_finite());
    if ids_unique(&before) && finite {
        assert_file_round_trip(&before);
    }

    let xml = handoff_bpmn::export(&before);
    let again = handoff_bpmn::import(xml.as_bytes())
        .unwrap_or_else(|e| panic!("an exported map does not import: {e}\n{xml}"));
    exercise(&again.document, today);
    // Whatever the importer returns can be saved and read back, however odd the map was.
    assert_file_round_trip(&again.document);
});
