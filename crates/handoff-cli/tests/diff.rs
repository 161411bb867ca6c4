//! `handoff diff` as a user runs it: exit codes, the JSON shape the issue asks for, the
//! text, the CSV file and the message for a missing file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;

use common::template;

fn as_is() -> PathBuf {
    template("employee-onboarding-as-is.handoff.json")
}

fn to_be() -> PathBuf {
    template("employee-onboarding-to-be.handoff.json")
}

fn handoff(args: &[&Path]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = std::iter::once(Path::new("diff")).chain(args.iter().copied());
    common::handoff_in(dir.path(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

#[test]
fn differing_maps_exit_1_and_identical_maps_exit_0() {
    let out = handoff(&[&as_is(), &to_be()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("Employee onboarding (as-is) → Employee onboarding (to-be)\n"),
        "{text}"
    );
    assert!(
        text.contains("- step 'Ask IT for accounts and a laptop' (Hiring manager)"),
        "{text}"
    );
    assert!(
        text.contains("+ parallel split 'HR, IT and manager start together'"),
        "{text}"
    );
    assert!(text.contains("handoffs 6 → 8"), "{text}");

    let same = handoff(&[&as_is(), &as_is()]);
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("No changes"));
}

#[test]
fn json_has_the_fields_the_issue_names() {
    let out = handoff(&[&as_is(), &to_be(), Path::new("--format"), Path::new("json")]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    for key in [
        "added", "removed", "changed", "moved", "handoffs", "metrics", "seats", "matches",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let wait = v["changed"]
        .as_array()
        .expect("changed is a list")
        .iter()
        .find(|c| c["id"] == "n-plan-first-week")
        .expect("the first-week plan changed");
    assert_eq!(wait["fields"][0]["field"], "wait");
    assert_eq!(wait["fields"][0]["before"], "2 d");
    assert_eq!(wait["fields"][0]["after"], "1 d");
    assert!(v["handoffs"]["added"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    assert!(v["handoffs"]["removed"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    assert_eq!(v["metrics"]["before"]["steps"], 11);
    assert_eq!(v["metrics"]["after"]["steps"], 10);
}

#[test]
fn csv_is_written_with_a_bom_and_a_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("backlog.csv");
    let out = handoff(&[&as_is(), &to_be(), Path::new("--csv"), &csv]);
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&csv).expect("CSV written");
    assert!(text.starts_with("\u{feff}Difference,Type,Id,Element,Seat,Field,Before,After\r\n"));
    assert!(
        text.contains(
            "\r\nremoved,step,n-request-it,Ask IT for accounts and a laptop,Hiring manager,,,\r\n"
        ),
        "{text}"
    );
}

#[test]
fn pdf_backlog_is_written_and_dated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("backlog.pdf");
    let args: [&Path; 5] = [
        &as_is(),
        &to_be(),
        Path::new("--pdf"),
        &pdf,
        Path::new("--date=2026-11-21"),
    ];
    let out = handoff(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("PDF written");
    assert!(bytes.starts_with(b"%PDF-"));
    // Same maps, same date: the same file.
    let again = dir.path().join("again.pdf");
    let args: [&Path; 5] = [
        &as_is(),
        &to_be(),
        Path::new("--pdf"),
        &again,
        Path::new("--date=2026-11-21"),
    ];
    handoff(&args);
    assert_eq!(bytes, std::fs::read(&again).expect("second PDF"));
    // The text is checked where pdftotext is installed (CI has poppler-utils).
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        if text.status.success() {
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(text.contains("Improvement backlog"), "{text}");
            assert!(text.contains("Ask IT for accounts and a laptop"), "{text}");
        }
    }
}

#[test]
fn a_missing_file_is_named_and_exits_2() {
    let missing = Path::new("no-such-map.handoff.json");
    let out = handoff(&[&as_is(), missing]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-map.handoff.json: no such file"),
        "{err}"
    );
}
