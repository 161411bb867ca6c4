//! `handoff convert` and `.bpmn` input to the other commands, as a user runs them.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::repo;

fn corpus(rel: &str) -> PathBuf {
    repo("../shared/corpus/bpmn-miwg").join(rel)
}

fn handoff(args: &[&Path]) -> Output {
    let data = tempfile::tempdir().expect("temp dir");
    common::handoff_in(data.path(), args)
}

fn p(s: &str) -> PathBuf {
    PathBuf::from(s)
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_template_converts_to_bpmn_and_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let template = repo("templates/order-to-cash.handoff.json");
    let bpmn = dir.path().join("o2c.bpmn");
    let back = dir.path().join("o2c.handoff.json");
    let out = handoff(&[&p("convert"), &template, &bpmn]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let xml = std::fs::read_to_string(&bpmn).unwrap();
    assert!(
        xml.contains("<bpmndi:BPMNDiagram"),
        "the export has a diagram"
    );
    let out = handoff(&[&p("convert"), &bpmn, &back]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("warning:"),
        "a Handoff export imports without notes: {}",
        stderr(&out)
    );
    let original = handoff_core::parse_document(&std::fs::read(&template).unwrap()).unwrap();
    let again = handoff_core::parse_document(&std::fs::read(&back).unwrap()).unwrap();
    assert_eq!(original, again);
}

#[test]
fn convert_refuses_to_overwrite_and_unknown_formats() {
    let dir = tempfile::tempdir().unwrap();
    let template = repo("templates/order-to-cash.handoff.json");
    let out_file = dir.path().join("x.bpmn");
    std::fs::write(&out_file, "keep me").unwrap();
    let out = handoff(&[&p("convert"), &template, &out_file]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "keep me");
    let out = handoff(&[&p("convert"), &p("--force"), &template, &out_file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_ne!(std::fs::read_to_string(&out_file).unwrap(), "keep me");
    let out = handoff(&[&p("convert"), &template, &dir.path().join("x.pdf")]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown output format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_foreign_bpmn_file_converts_with_its_notes_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("c1.handoff.json");
    let out = handoff(&[&p("convert"), &corpus("Reference/C.1.0.bpmn"), &out_file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning:") && err.contains("C.1.0.bpmn"),
        "{err}"
    );
    assert!(err.contains("user tasks became plain steps"), "{err}");
    let doc = handoff_core::parse_document(&std::fs::read(&out_file).unwrap()).unwrap();
    assert!(doc.process.nodes.len() > 10);
    assert!(doc.process.lanes.len() >= 3);
}

#[test]
fn validate_and_metrics_read_bpmn_files() {
    let file = corpus("Reference/C.1.0.bpmn");
    let out = handoff(&[&p("validate"), &p("--format=json"), &file]);
    // The file has no process owner, an error-level finding.
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let text = json.to_string();
    assert!(text.contains("process-no-owner"), "{text}");
    let out = handoff(&[&p("metrics"), &file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Steps"));
}

#[test]
fn broken_bpmn_names_the_file_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.bpmn");
    std::fs::write(
        &bad,
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<process id=\"p\">\n</definitions>\n",
    )
    .unwrap();
    let out = handoff(&[&p("convert"), &bad, &dir.path().join("o.handoff.json")]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("bad.bpmn") && err.contains("line 3"), "{err}");

    let bomb = dir.path().join("bomb.bpmn");
    std::fs::write(
        &bomb,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaa\">]>\n<definitions/>",
    )
    .unwrap();
    let out = handoff(&[&p("validate"), &bomb]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("DOCTYPE")
            || String::from_utf8_lossy(&out.stdout).contains("DOCTYPE")
    );
}

#[test]
fn a_100_mb_bpmn_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.bpmn");
    // A sparse file: its size says 100 MB, nothing is written.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let out = handoff(&[&p("convert"), &big, &dir.path().join("o.handoff.json")]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("big.bpmn") && err.contains("100.0 MB"),
        "{err}"
    );
}
