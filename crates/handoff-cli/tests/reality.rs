//! `handoff reality MAP LOG` as a user runs it: exit codes, the JSON's shape, a saved
//! mapping, a map given as BPMN (Handoff's own export and a mining tool's model without
//! lanes or layout), CSV logs and the errors for files that cannot be read.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod common;

fn fixture(name: &str) -> PathBuf {
    common::repo("tests/fixtures/reality").join(name)
}

fn event_log(name: &str) -> PathBuf {
    common::repo("../shared/corpus/eventlogs").join(name)
}

fn run<P: AsRef<Path>>(args: &[P]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref().as_os_str()).collect();
    common::handoff_in(dir.path(), args)
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn json_has_counts_fitting_cases_and_deviations_and_exit_code_1_when_some_deviate() {
    let out = run(&[
        Path::new("reality"),
        &fixture("repair.handoff.json"),
        &event_log("03_repairExample.xes.gz"),
        Path::new("--format=json"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["cases"], 1104);
    assert_eq!(v["events"], 11855);
    assert_eq!(v["fitting_cases"], 1000);
    assert_eq!(v["log"]["format"], "xes");
    assert_eq!(v["log"]["compressed"], true);
    let archive = v["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["elements"] == serde_json::json!(["archive"]))
        .expect("a deviation at Archive Repair");
    assert_eq!(archive["kind"], "skipped-step");
    assert_eq!(archive["cases"], 104);
    assert_eq!(archive["examples"].as_array().unwrap().len(), 3);
    assert!(v["steps"].as_array().unwrap().len() == 8);
    assert!(v["mapping"]["activities"]["Archive Repair"]["step"] == "archive");
}

#[test]
fn every_case_fitting_exits_0_and_the_text_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("requests.csv");
    std::fs::write(
        &csv,
        "Case;Activity;Timestamp;Resource\n\
         r1;register request;02.01.2024 09:00;Pete\n\
         r2;register request;02.01.2024 09:30;Mike\n\
         r1;examine casually;02.01.2024 11:00;Sue\n\
         r1;check ticket;02.01.2024 12:00;Pete\n\
         r2;examine thoroughly;03.01.2024 10:00;Sean\n\
         r1;decide;03.01.2024 09:00;Sara\n\
         r2;check ticket;03.01.2024 11:00;Mike\n\
         r1;pay compensation;04.01.2024 09:00;Ellen\n\
         r2;decide;04.01.2024 09:00;Sara\n\
         r2;reject request;04.01.2024 10:00;Pete\n",
    )
    .unwrap();
    let out = run(&[
        Path::new("reality"),
        &fixture("compensation.handoff.json"),
        &csv,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2 of 2 cases follow the map exactly"),
        "{text}"
    );
    assert!(
        text.contains("%d.%m.%Y %H:%M"),
        "the guessed date format is shown: {text}"
    );
}

#[test]
fn a_saved_mapping_places_resources_in_seats() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("mapping.json");
    // Mike and Sue examine; Ellen and Pete are at the front desk; Sara is the manager.
    std::fs::write(
        &mapping,
        r#"{"activities": {}, "resources": {
            "Mike": "seat-examiner", "Sue": "seat-examiner", "Sean": "seat-examiner",
            "Ellen": "seat-desk", "Pete": "seat-desk", "Sara": "seat-manager"}}"#,
    )
    .unwrap();
    let out = run(&[
        Path::new("reality"),
        &fixture("compensation.handoff.json"),
        &event_log("running-example.xes"),
        Path::new("--mapping"),
        &mapping,
        Path::new("--format=json"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let v = json(&out);
    // Mike paid one compensation (a desk step) and rejected one request.
    let by_mike = v["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["kind"] == "other-seat"
                && d["elements"] == serde_json::json!(["pay", "seat-examiner"])
        })
        .expect("pay compensation done from the examiner's seat");
    assert_eq!(by_mike["cases"], 1);
    // Seats are not part of following the map.
    assert_eq!(v["fitting_cases"], 3);

    std::fs::write(&mapping, "{\"activities\": 3}").unwrap();
    let bad = run(&[
        Path::new("reality"),
        &fixture("compensation.handoff.json"),
        &event_log("running-example.xes"),
        Path::new("--mapping"),
        &mapping,
    ]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("not a mapping file"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn maps_given_as_bpmn_give_the_same_fitting_cases() {
    let dir = tempfile::tempdir().unwrap();
    let bpmn = dir.path().join("compensation.bpmn");
    let convert = run(&[
        Path::new("convert"),
        &fixture("compensation.handoff.json"),
        &bpmn,
    ]);
    assert_eq!(code(&convert), 0, "{}", stderr(&convert));
    let out = run(&[
        Path::new("reality"),
        &bpmn,
        &event_log("running-example.xes"),
        Path::new("--format=json"),
    ]);
    assert_eq!(json(&out)["fitting_cases"], 3);

    // A mining tool's model: no lanes, no diagram, unnamed gateways.
    let out = run(&[
        Path::new("reality"),
        &fixture("helpdesk-mined.bpmn"),
        &event_log("helpdesk.xes.gz"),
        Path::new("--format=json"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(json(&out)["fitting_cases"], 2691);
}

#[test]
fn unreadable_logs_exit_2_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let map = fixture("compensation.handoff.json");
    let missing = run(&[Path::new("reality"), &map, &dir.path().join("nope.xes")]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("nope.xes: no such file"),
        "{}",
        stderr(&missing)
    );

    let broken = dir.path().join("broken.xes");
    std::fs::write(&broken, "<log>\n<trace>\n<event>\n</trace>\n</log>\n").unwrap();
    let out = run(&[Path::new("reality"), &map, &broken]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("broken.xes: line 4:"), "{err}");

    let csv = dir.path().join("odd.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    let out = run(&[Path::new("reality"), &map, &csv]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--case-column"), "{}", stderr(&out));
}
