//! BPMN exchange: every template and a generated 200-step map survive map → BPMN → map
//! unchanged; exported files pass bpmnlint's recommended rules (run with node from
//! `tests/bpmnlint`); every file of the interchange corpus in `../shared/corpus/bpmn-miwg`
//! imports without panic, keeps each task in the lane that lists it, and imports exactly as
//! many elements and notes as `tests/fixtures/bpmn-corpus-expected.txt` records.
//!
//! To accept a deliberate change to the corpus figures, run the test with
//! `UPDATE_BPMN_CORPUS=1` and review the diff of the expectation file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use handoff_bpmn::{export, import, parse};
use handoff_core::build::generate;
use handoff_core::{check, Document, Rules};
use handoff_tests::{repo_root, shared_dir, templates, today};

fn corpus_dir() -> PathBuf {
    shared_dir().join("corpus").join("bpmn-miwg")
}

fn corpus_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "bpmn") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus_dir(), &mut out);
    out.sort();
    out
}

fn assert_round_trip(name: &str, doc: &Document) {
    let xml = export(doc);
    let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{name}: re-import failed: {e}"));
    assert!(
        back.notes.is_empty(),
        "{name}: a Handoff export should import without notes: {:?}",
        back.notes
    );
    // Compare piece by piece first for a readable failure, then the whole document.
    let (a, b) = (&doc.process, &back.document.process);
    assert_eq!(a.lanes, b.lanes, "{name}: lanes");
    assert_eq!(doc.seats, back.document.seats, "{name}: seats");
    for (n, m) in a.nodes.iter().zip(&b.nodes) {
        assert_eq!(n, m, "{name}: node {}", n.id);
    }
    assert_eq!(a.nodes.len(), b.nodes.len(), "{name}: node count");
    for (f, g) in a.flows.iter().zip(&b.flows) {
        assert_eq!(f, g, "{name}: flow {}", f.id);
    }
    assert_eq!(a.flows.len(), b.flows.len(), "{name}: flow count");
    assert_eq!(doc, &back.document, "{name}: process header");
}

#[test]
fn every_template_round_trips_through_bpmn() {
    let all = templates();
    assert!(!all.is_empty(), "no templates found");
    for (name, doc) in &all {
        assert_round_trip(name, doc);
    }
}

#[test]
fn generated_map_round_trips_through_bpmn() {
    assert_round_trip("generate(200, 5)", &generate(200, 5));
}

#[test]
fn round_trip_keeps_the_checks_findings() {
    for (name, doc) in templates() {
        let back = import(export(&doc).as_bytes()).expect("re-import").document;
        let rules = Rules::default();
        assert_eq!(
            check(&doc, today(), &rules),
            check(&back, today(), &rules),
            "{name}"
        );
    }
}

/// Runs `tests/bpmnlint/lint.js` on the files; `None` when its node_modules is missing
/// and this is a plain `cargo test`. Under `cargo xtask test` (which sets
/// `HANDOFF_FULL_TESTS` after installing bpmnlint) a missing bpmnlint is a failure, so the
/// lint check can never be skipped silently there.
fn bpmnlint(files: &[PathBuf]) -> Option<serde_json::Value> {
    let dir = repo_root().join("tests").join("bpmnlint");
    if !dir.join("node_modules").join("bpmnlint").exists() {
        assert!(
            std::env::var_os("HANDOFF_FULL_TESTS").is_none(),
            "bpmnlint is not installed in tests/bpmnlint, but HANDOFF_FULL_TESTS demands it"
        );
        println!(
            "SKIPPED: bpmnlint is not installed; run `npm ci --prefix tests/bpmnlint` (cargo xtask test does)"
        );
        return None;
    }
    let output = Command::new("node")
        .arg(dir.join("lint.js"))
        .args(files)
        .output()
        .expect("node runs (Node.js is required for the bpmnlint test)");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "lint.js printed no JSON ({e}); stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    Some(json)
}

#[test]
fn exported_templates_pass_bpmnlint_recommended() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bpmnlint-templates");
    std::fs::create_dir_all(&out).expect("temp dir");
    let mut files = Vec::new();
    let mut docs = templates();
    docs.push(("generated-200-5".into(), generate(200, 5)));
    for (name, doc) in &docs {
        let path = out.join(format!("{}.bpmn", name.trim_end_matches(".handoff.json")));
        std::fs::write(&path, export(doc)).expect("write export");
        files.push(path);
    }
    let Some(report) = bpmnlint(&files) else {
        return;
    };
    // A template drawn with a flaw on purpose (the as-is example) may fail bpmnlint, but
    // only on elements that Handoff's own checks flag too.
    let flagged: HashMap<String, HashSet<String>> = docs
        .iter()
        .map(|(name, doc)| {
            let ids = check(doc, today(), &Rules::default())
                .into_iter()
                .flat_map(|d| d.elements)
                .collect();
            (name.trim_end_matches(".handoff.json").to_owned(), ids)
        })
        .collect();
    let mut problems = Vec::new();
    for f in report["files"].as_array().expect("files array") {
        let errors = f["errors"].as_array().expect("errors array");
        let file = f["file"].as_str().unwrap_or_default();
        let stem = Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for e in errors {
            let id = e["id"].as_str().unwrap_or_default();
            if flagged.get(&stem).is_some_and(|ids| ids.contains(id)) {
                println!(
                    "{stem}: bpmnlint {} on {id}, which Handoff flags too",
                    e["rule"]
                );
                continue;
            }
            problems.push(format!(
                "{}: {} {} {}",
                f["file"], e["rule"], e["id"], e["message"]
            ));
        }
        let warnings = f["warnings"].as_array().map_or(0, Vec::len);
        println!(
            "{}: {} errors, {} warnings",
            f["file"].as_str().unwrap_or_default(),
            errors.len(),
            warnings
        );
    }
    assert_eq!(report["files"].as_array().map(Vec::len), Some(files.len()));
    assert!(
        problems.is_empty(),
        "bpmnlint errors:\n{}",
        problems.join("\n")
    );
}

/// One line of the corpus table.
fn corpus_line(rel: &str, bytes: &[u8]) -> String {
    match import(bytes) {
        Ok(imp) => {
            let p = &imp.document.process;
            format!(
                "{rel}\tok\tlanes={}\tnodes={}\tflows={}\timported={}\tnotes={}",
                p.lanes.len(),
                p.nodes.len(),
                p.flows.len(),
                p.lanes.len() + p.nodes.len() + p.flows.len(),
                imp.notes.len()
            )
        }
        Err(e) => format!("{rel}\terror\t{e}"),
    }
}

/// Every task a lane lists in `flowNodeRef` ends up in that lane (innermost lane wins for
/// nested lanes). Returns how many tasks were checked.
fn check_lanes(rel: &str, bytes: &[u8], doc: &Document) -> usize {
    let text = handoff_bpmn::text::decode(bytes).expect("decodes");
    let model = parse::parse(&text).expect("parses");
    let parents: HashSet<usize> = model.lanes.iter().filter_map(|l| l.parent).collect();
    let top_tasks: HashSet<&str> = model
        .nodes
        .iter()
        .filter(|n| n.inside.is_none() && parse::TASKS.contains(&n.kind.as_str()))
        .map(|n| n.id.as_str())
        .collect();
    let mut expected: HashMap<&str, &str> = HashMap::new();
    for (i, lane) in model.lanes.iter().enumerate() {
        if parents.contains(&i) || lane.process.is_none() {
            continue;
        }
        for r in &lane.refs {
            if top_tasks.contains(r.as_str()) {
                expected.insert(r, &lane.id);
            }
        }
    }
    for (task, lane) in &expected {
        let node = doc
            .process
            .nodes
            .iter()
            .find(|n| n.id.0 == *task)
            .unwrap_or_else(|| panic!("{rel}: task {task} was not imported"));
        assert_eq!(
            node.lane.as_ref().map(|l| l.0.as_str()),
            Some(*lane),
            "{rel}: task {task} left its lane"
        );
    }
    expected.len()
}

#[test]
fn corpus_imports_and_matches_expected_figures() {
    let files = corpus_files();
    if files.is_empty() {
        panic!(
            "the BPMN corpus is missing at {}; it is part of ../shared",
            corpus_dir().display()
        );
    }
    let mut lines = Vec::new();
    let (mut ok, mut failed, mut elements, mut notes, mut lane_checked) = (0, 0, 0, 0, 0);
    for path in &files {
        let rel = path
            .strip_prefix(corpus_dir())
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(path).expect("corpus file readable");
        let line = corpus_line(&rel, &bytes);
        if let Ok(imp) = import(&bytes) {
            ok += 1;
            let p = &imp.document.process;
            elements += p.lanes.len() + p.nodes.len() + p.flows.len();
            notes += imp.notes.len();
            lane_checked += check_lanes(&rel, &bytes, &imp.document);
            // What came in must go out again as valid BPMN and come back the same.
            let again = import(export(&imp.document).as_bytes())
                .unwrap_or_else(|e| panic!("{rel}: re-import of the export failed: {e}"));
            assert_eq!(again.document, imp.document, "{rel}: export of the import");
        } else {
            failed += 1;
        }
        println!("{line}");
        lines.push(line);
    }
    println!(
        "corpus: {} files, {ok} imported, {failed} refused, {elements} elements imported, {notes} notes, {lane_checked} task-in-lane checks",
        files.len()
    );
    let actual = lines.join("\n") + "\n";
    let expected_path = repo_root()
        .join("tests")
        .join("fixtures")
        .join("bpmn-corpus-expected.txt");
    if std::env::var_os("UPDATE_BPMN_CORPUS").is_some() {
        std::fs::write(&expected_path, &actual).expect("write expectation");
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    let expected_lines: Vec<&str> = expected.lines().collect();
    let changed: Vec<String> = lines
        .iter()
        .filter(|l| !expected_lines.contains(&l.as_str()))
        .map(|l| {
            let file = l.split('\t').next().unwrap_or_default();
            let was = expected_lines
                .iter()
                .find(|e| e.split('\t').next() == Some(file))
                .copied()
                .unwrap_or("(not in the expectation file)");
            format!("  now: {l}\n  was: {was}")
        })
        .collect();
    assert!(
        changed.is_empty() && expected_lines.len() == lines.len(),
        "corpus figures changed (rerun with UPDATE_BPMN_CORPUS=1 if intended):\n{}",
        changed.join("\n")
    );
    assert_eq!(failed, 0, "every corpus file should import");
}

#[test]
fn corpus_files_with_latin1_encoding_keep_their_text() {
    let path = corpus_dir().join("Reference").join("A.1.0.bpmn");
    let bytes = std::fs::read(&path).expect("reference file");
    assert!(String::from_utf8_lossy(&bytes[..100]).contains("ISO-8859-1"));
    let imp = import(&bytes).expect("imports");
    assert!(imp
        .document
        .process
        .nodes
        .iter()
        .any(|n| n.label == "Task 1"));
}

#[test]
fn mutated_corpus_bytes_never_panic() {
    // Deterministic mutations (a small LCG, no clock): flip, drop and duplicate bytes of a
    // few real files, and cut them short. Each must give Ok or a clear error, never panic.
    let picks = [
        "Reference/B.2.0.bpmn",
        "Reference/C.4.0.bpmn",
        "Reference/A.4.0.bpmn",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for pick in picks {
        let bytes = std::fs::read(corpus_dir().join(pick)).expect("corpus file");
        for round in 0..60 {
            let mut b = bytes.clone();
            for _ in 0..(1 + round % 8) {
                let at = next() % b.len().max(1);
                match next() % 4 {
                    0 => b[at] = (next() % 256) as u8,
                    1 => {
                        b.remove(at);
                    }
                    2 => b.insert(at, b"<>&\"/"[next() % 5]),
                    _ => b.truncate(at.max(1)),
                }
            }
            match import(&b) {
                Ok(_) => {}
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
}
