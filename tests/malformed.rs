//! The committed corpus of malformed inputs (`tests/fixtures/malformed/`), replayed on every
//! test run: each file must be refused with the error its line in `expected.txt` names,
//! never with a panic. `*.bpmn` files go through `handoff_bpmn::import`, the rest through
//! `handoff_core::parse_document`. The fuzzers' findings on those two readers are added
//! here, so a bug once found stays fixed; a finding that reads fine once fixed is listed as
//! `(loads)` and must then survive checks, metrics and procedure numbering, and save and
//! read back unchanged.

use std::collections::BTreeMap;
use std::path::PathBuf;

use handoff_core::procedure::Procedure;
use handoff_core::{check, metrics, parse_document, to_json, Document, Rules};
use handoff_tests::{repo_root, today};

/// What `expected.txt` says one input must produce.
#[derive(Debug)]
enum Expected {
    /// A piece of the error message (its `Display`).
    Error(String),
    /// The input reads without error.
    Loads,
}

fn corpus_dir() -> PathBuf {
    repo_root().join("tests/fixtures/malformed")
}

/// `expected.txt`: one `file<TAB>expectation` per line; `#` starts a comment.
fn expectations() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(corpus_dir().join("expected.txt"))
        .expect("tests/fixtures/malformed/expected.txt is readable");
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (file, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("expected.txt line {}: no tab in {line:?}", n + 1));
        let expected = match expected.trim() {
            "(loads)" => Expected::Loads,
            "" => panic!("expected.txt line {}: nothing expected of {file}", n + 1),
            piece => Expected::Error(piece.to_owned()),
        };
        let previous = out.insert(file.to_owned(), expected);
        assert!(previous.is_none(), "expected.txt lists {file} twice");
    }
    out
}

/// Reads the input as its extension says: the document, or the error as the user sees it.
fn read(file: &str, bytes: &[u8]) -> Result<Document, String> {
    if file.ends_with(".bpmn") {
        handoff_bpmn::import(bytes)
            .map(|i| i.document)
            .map_err(|e| e.to_string())
    } else {
        handoff_core::parse_document(bytes).map_err(|e| e.to_string())
    }
}

#[test]
fn every_malformed_input_is_refused_with_its_error() {
    let expected = expectations();
    let mut files: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/fixtures/malformed/ exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "expected.txt")
        .collect();
    files.sort();

    let mut wrong = Vec::new();
    for file in &files {
        let bytes = std::fs::read(corpus_dir().join(file)).expect("input readable");
        let got = read(file, &bytes);
        match (expected.get(file), got) {
            (None, got) => wrong.push(format!("{file}: not in expected.txt (it gives {got:?})")),
            (Some(Expected::Error(piece)), Err(message)) if message.contains(piece.as_str()) => {}
            (Some(Expected::Error(piece)), Err(message)) => wrong.push(format!(
                "{file}: expected {piece:?} in the error, got {message:?}"
            )),
            (Some(Expected::Error(piece)), Ok(_)) => wrong.push(format!(
                "{file}: expected the error {piece:?}, but it loads"
            )),
            (Some(Expected::Loads), Ok(doc)) => {
                let _ = check(&doc, today(), &Rules::default());
                let _ = metrics(&doc);
                let _ = Procedure::new(&doc.process);
                // Nothing lost: what was read can be saved and read back.
                let saved = to_json(&doc);
                if parse_document(saved.as_bytes()).as_ref() != Ok(&doc) {
                    wrong.push(format!("{file}: loads, but does not save and read back"));
                }
            }
            (Some(Expected::Loads), Err(message)) => {
                wrong.push(format!("{file}: expected to load, got {message:?}"))
            }
        }
    }
    for file in expected.keys() {
        if !files.contains(file) {
            wrong.push(format!("{file}: listed in expected.txt but missing"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_corpus_covers_both_readers() {
    let expected = expectations();
    let bpmn = expected.keys().filter(|f| f.ends_with(".bpmn")).count();
    let maps = expected.keys().filter(|f| f.ends_with(".json")).count();
    assert!(
        bpmn >= 10 && maps >= 15,
        "{bpmn} BPMN and {maps} map inputs"
    );
}
