//! Unit tests of import and export on small hand-written files and generated maps.

use handoff_core::build::generate;
use handoff_core::{Document, NodeKind};

use crate::{export, import, BpmnError};

fn round_trip(doc: &Document) -> Document {
    let xml = export(doc);
    let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    back.document
}

#[test]
fn generated_map_round_trips_exactly() {
    let doc = generate(200, 5);
    let back = round_trip(&doc);
    assert_eq!(back, doc);
}

#[test]
fn export_is_deterministic() {
    let doc = generate(30, 3);
    assert_eq!(export(&doc), export(&doc));
}

#[test]
fn dump() {
    let doc = generate(12, 2);
    println!("{}", export(&doc));
    let _ = NodeKind::Start;
    let _ = BpmnError::Empty;
}
