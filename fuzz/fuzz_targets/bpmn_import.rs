//! Bytes as a BPMN file: the importer must refuse them with an error or return a map that
//! checks, metrics and procedure numbering take without panicking, that saves as a
//! `*.handoff.json` file which reads back unchanged, and whose BPMN export imports again.

#![no_main]

use handoff_fuzz::{assert_file_round_trip, exercise, today};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let import = match handoff_bpmn::import(data) {
        Ok(import) => import,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for note in &import.notes {
        let _ = note.to_string();
    }
    let doc = &import.document;
    exercise(doc, today());
    assert_file_round_trip(doc);
    let xml = handoff_bpmn::export(doc);
    let again = handoff_bpmn::import(xml.as_bytes())
        .unwrap_or_else(|e| panic!("the export of an imported map does not import: {e}\n{xml}"));
    exercise(&again.document, today());
    assert_eq!(
        again.document.process.nodes.len(),
        doc.process.nodes.len(),
        "export and import changed the number of nodes\n{xml}"
    );
});
