//! Reality check on the three real event logs in `../shared/corpus/eventlogs`, each against a
//! hand-drawn map of its process (`fixtures/reality/*.handoff.json`).
//!
//! The counts the engine must reproduce are computed independently here, by a few lines of
//! Python reading the XML with the standard library (`python3` must be on the PATH):
//! cases and events, and for the help desk the cases that follow the map, found with a
//! regular expression over each case's activities. The fitting-case figures are the ones
//! pm4py's token-based replay gives on the maps' BPMN exports (pm4py 2.7; `cargo xtask
//! bench` runs that comparison again). The same Python writes each log as a CSV file, rows
//! of all cases interleaved in time order with another date format, and the CSV must give
//! the very same report as the XES.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use handoff_core::parse_document;
use handoff_reality::deviations::Kind;
use handoff_reality::{check, read_log, Mapping, ReadOptions, Report};
use handoff_tests::{repo_root, shared_dir};

fn log_path(name: &str) -> PathBuf {
    shared_dir().join("corpus").join("eventlogs").join(name)
}

fn map(name: &str) -> handoff_core::Document {
    let path = repo_root()
        .join("tests/fixtures/reality")
        .join(format!("{name}.handoff.json"));
    parse_document(&std::fs::read(&path).expect("fixture")).expect("fixture parses")
}

/// The Python both counts and exports use: every `<trace>` with its events' attributes.
const PY_TRACES: &str = r#"
import sys, gzip, xml.etree.ElementTree as ET
def traces(path):
    f = gzip.open(path) if path.endswith('.gz') else open(path, 'rb')
    for _, el in ET.iterparse(f):
        if el.tag.split('}')[-1] != 'trace':
            continue
        name = None
        events = []
        for child in el:
            tag = child.tag.split('}')[-1]
            if tag == 'event':
                events.append({a.get('key'): a.get('value') for a in child})
            elif child.get('key') == 'concept:name':
                name = child.get('value')
        yield name, events
        el.clear()
"#;

fn python(script: &str, args: &[&str]) -> String {
    let mut child = Command::new("python3")
        .arg("-")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PY_TRACES}\n{script}").as_bytes())
        .expect("script written");
    let out = child.wait_with_output().expect("python3 finishes");
    assert!(out.status.success(), "python3 failed");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Cases and events of an XES file, counted by Python.
fn python_counts(path: &Path) -> (u64, u64) {
    let out = python(
        "cases = events = 0\n\
         for _, evs in traces(sys.argv[1]):\n    cases += 1\n    events += len(evs)\n\
         print(cases, events)",
        &[path.to_str().unwrap()],
    );
    let mut it = out.split_whitespace().map(|n| n.parse::<u64>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

/// Writes the log as CSV (case, activity, time as `dd/mm/YYYY HH:MM:SS` UTC, resource,
/// life cycle), all rows in time order.
fn python_csv(path: &Path, out: &Path) {
    python(
        r#"
import csv
from datetime import datetime, timezone
rows = []
for name, evs in traces(sys.argv[1]):
    for e in evs:
        t = datetime.fromisoformat(e['time:timestamp']).astimezone(timezone.utc)
        rows.append((t, len(rows), name, e['concept:name'], e.get('org:resource', ''), e.get('lifecycle:transition', '')))
rows.sort()
with open(sys.argv[2], 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['Case ID', 'Activity', 'Complete Timestamp', 'Resource', 'lifecycle:transition'])
    for t, _, case, act, res, life in rows:
        w.writerow([case, act, t.strftime('%d/%m/%Y %H:%M:%S'), res, life])
"#,
        &[path.to_str().unwrap(), out.to_str().unwrap()],
    );
}

fn report(map_name: &str, log: &Path) -> Report {
    let file = std::fs::File::open(log).expect("log opens");
    let read = read_log(
        file,
        &ReadOptions {
            name: log.display().to_string(),
            ..ReadOptions::default()
        },
    )
    .expect("log reads");
    assert_eq!(read.log.bad.count, 0, "{:?}", read.log.bad.examples);
    check(&map(map_name), &read.log, &Mapping::default())
}

fn deviation<'r>(
    r: &'r Report,
    kind: Kind,
    elements: &[&str],
) -> &'r handoff_reality::conformance::Deviation {
    r.deviations
        .iter()
        .find(|d| d.kind == kind && d.elements == elements)
        .unwrap_or_else(|| panic!("no {kind:?} {elements:?} in {:#?}", r.deviations))
}

/// Every log: counts equal Python's, fitting cases equal pm4py's, and its CSV export
/// gives the same report.
fn check_log(map_name: &str, log: &str, fitting: u64) -> Report {
    let path = log_path(log);
    let r = report(map_name, &path);
    assert_eq!(
        (r.cases, r.events),
        python_counts(&path),
        "{log}: cases, events"
    );
    assert_eq!(r.fitting_cases, fitting, "{log}: fitting cases");
    let dir =
        std::env::temp_dir().join(format!("handoff-reality-{}-{map_name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join(format!("{map_name}.csv"));
    python_csv(&path, &csv);
    let from_csv = report(map_name, &csv);
    std::fs::remove_dir_all(&dir).ok();
    let json = |r: &Report| serde_json::to_value(r).unwrap();
    assert_eq!(
        json(&from_csv),
        json(&r),
        "{log}: the CSV export reads differently"
    );
    r
}

#[test]
fn compensation_requests_against_the_running_example() {
    // The owner drew the ticket check after the examination; three of six cases check the
    // ticket first or in between.
    let r = check_log("compensation", "running-example.xes", 3);
    assert_eq!(r.cases, 6);
    let d = deviation(&r, Kind::OtherOrder, &["check", "casually"]);
    assert_eq!(
        (d.cases, d.examples.as_slice()),
        (2, &["2".to_owned(), "5".to_owned()][..])
    );
    assert_eq!(
        deviation(&r, Kind::OtherOrder, &["check", "thoroughly"]).cases,
        1
    );
    assert_eq!(r.deviations.len(), 2);
    assert!(r.unreached_steps.is_empty());
    let arrow = |id: &str| r.flows.iter().find(|f| f.id == id).unwrap().cases;
    // f3: how → casually; f4: how → thoroughly; f11: verdict → reinitiate.
    assert_eq!((arrow("f3"), arrow("f4"), arrow("f11")), (4, 3, 2));
}

#[test]
fn telephone_repairs_against_the_prom_example() {
    let r = check_log("repair", "03_repairExample.xes.gz", 1000);
    // Start and complete events are paired: one occurrence per activity instance.
    let step = |id: &str| r.steps.iter().find(|s| s.id == id).unwrap();
    assert_eq!(step("test").occurrences, 1508);
    let analyze = step("analyze").time_in_step.expect("starts are recorded");
    assert_eq!(analyze.samples, 1104);
    assert!(analyze.median_ms > 0 && analyze.p90_ms >= analyze.median_ms);
    // Informing the user runs alongside the repair, so its order never deviates.
    assert!(r.deviations.iter().all(|d| d.kind != Kind::OtherOrder));
    assert_eq!(deviation(&r, Kind::SkippedStep, &["archive"]).cases, 104);
}

#[test]
fn help_desk_tickets_against_their_map() {
    let path = log_path("helpdesk.xes.gz");
    // The cases that follow the map, by a regular expression over the activities.
    let fitting: u64 = python(
        r#"
import re
pattern = re.compile(r'(Insert ticket,)?Assign seriousness,Take in charge ticket(,Wait,Take in charge ticket)*,Resolve ticket,Closed')
print(sum(1 for _, evs in traces(sys.argv[1]) if pattern.fullmatch(','.join(e['concept:name'] for e in evs))))
"#,
        &[path.to_str().unwrap()],
    )
    .trim()
    .parse()
    .unwrap();
    let r = check_log("helpdesk", "helpdesk.xes.gz", 2691);
    assert_eq!(r.fitting_cases, fitting);
    let upgrade = r
        .deviations
        .iter()
        .find(|d| d.activity.as_deref() == Some("Require upgrade"))
        .expect("an activity that is not on the map");
    assert_eq!(upgrade.kind, Kind::StepNotOnMap);
    assert!(upgrade.cases > 0 && upgrade.cases <= 119);
    // Tickets resolved straight after waiting, without being taken in charge again.
    let ghost = r
        .undrawn_paths
        .iter()
        .find(|u| u.from == "wait" && u.to == "resolve")
        .expect("an undrawn path");
    assert!(ghost.cases > 500);
    let wait = r
        .steps
        .iter()
        .find(|s| s.id == "take")
        .unwrap()
        .wait_before
        .unwrap();
    assert!(wait.p90_ms > wait.median_ms);
}
