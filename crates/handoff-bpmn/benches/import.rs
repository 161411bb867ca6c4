//! Import + check of a generated 2,000-task BPMN file over 5 lanes with a decision every
//! 10 tasks (the target: under 30 ms), plus export of the same map, and in the same
//! run bpmnlint (npm, `tests/bpmnlint/lint.js`) on the very same file for comparison.
//!
//! Run with `cargo bench -p handoff-bpmn --bench import` (or `benches/bpmnlint.sh`). The
//! file is left in `target/bpmn-bench-2000.bpmn`, where `cargo xtask bench` also times the
//! `handoff validate` process against the `node lint.js` process on it.
//! bpmnlint is skipped with a message when `tests/bpmnlint/node_modules` is missing
//! (`npm ci --prefix tests/bpmnlint` installs it).

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use handoff_core::build::generate;
use handoff_core::{check, Rules};

const TASKS: usize = 2_000;
const LANES: usize = 5;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date");
    let rules = Rules::default();
    let doc = generate(TASKS, LANES);
    let xml = handoff_bpmn::export(&doc);
    let decisions = doc
        .process
        .nodes
        .iter()
        .filter(|n| n.tag() == handoff_core::NodeTag::Decision)
        .count();
    println!(
        "file: {TASKS} tasks, {decisions} decisions, {LANES} lanes, {:.1} MB of BPMN",
        xml.len() as f64 / 1_048_576.0
    );
    let mut group = c.benchmark_group(format!("bpmn {TASKS} tasks"));
    group.throughput(Throughput::Elements(TASKS as u64));
    group.bench_function("import+check", |b| {
        b.iter(|| {
            let imp = handoff_bpmn::import(black_box(xml.as_bytes())).expect("imports");
            check(&imp.document, today, &rules)
        })
    });
    group.bench_function("import", |b| {
        b.iter(|| handoff_bpmn::import(black_box(xml.as_bytes())).expect("imports"))
    });
    group.bench_function("export", |b| {
        b.iter(|| handoff_bpmn::export(black_box(&doc)))
    });
    group.finish();
    bpmnlint(&xml);
    duplicated_id(c, today, &rules);
}

/// 50,000 tasks where one task repeats another's id: the import renames the second one
/// and must stay linear (target: under 2 s for import + check).
fn duplicated_id(c: &mut Criterion, today: NaiveDate, rules: &Rules) {
    const BIG: usize = 50_000;
    let xml = handoff_bpmn::export(&generate(BIG, 8));
    let twin = xml.replacen("<bpmn:task id=\"s25000\"", "<bpmn:task id=\"s24999\"", 1);
    assert_ne!(twin, xml, "the generated file has a task s25000 to rename");
    let imported = handoff_bpmn::import(twin.as_bytes()).expect("imports");
    println!(
        "file: {BIG} tasks, one id used twice, {:.1} MB of BPMN; {} steps imported, {} notes",
        twin.len() as f64 / 1_048_576.0,
        imported.document.process.nodes.len(),
        imported.notes.len()
    );
    let mut group = c.benchmark_group(format!("bpmn {BIG} tasks, one duplicated id"));
    group.sample_size(10);
    group.bench_function("import+check", |b| {
        b.iter(|| {
            let imp = handoff_bpmn::import(black_box(twin.as_bytes())).expect("imports");
            check(&imp.document, today, rules)
        })
    });
    group.finish();
}

/// Times bpmnlint on the same file: five runs, the median of each figure.
fn bpmnlint(xml: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // Written even without bpmnlint: `cargo xtask bench` times the `handoff validate`
    // process on this file too.
    let file = root.join("target").join(format!("bpmn-bench-{TASKS}.bpmn"));
    if let Err(e) = std::fs::write(&file, xml) {
        println!("bpmnlint: SKIPPED (cannot write {}: {e})", file.display());
        return;
    }
    let lint_dir = root.join("tests/bpmnlint");
    if !lint_dir.join("node_modules/bpmnlint").exists() {
        println!("bpmnlint: SKIPPED (run `npm ci --prefix tests/bpmnlint`)");
        return;
    }
    let mut runs: Vec<(f64, f64, f64, f64)> = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let out = Command::new("node")
            .arg(lint_dir.join("lint.js"))
            .arg(&file)
            .output();
        let wall = started.elapsed().as_secs_f64() * 1000.0;
        let Ok(out) = out else {
            println!("bpmnlint: SKIPPED (node is not installed)");
            return;
        };
        let Ok(report) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
            println!("bpmnlint: failed: {}", String::from_utf8_lossy(&out.stderr));
            return;
        };
        let f = &report["files"][0];
        let errors = f["errors"].as_array().map_or(0, Vec::len);
        if errors > 0 {
            println!("bpmnlint: the file has {errors} errors");
        }
        runs.push((
            f["parseMs"].as_f64().unwrap_or(f64::NAN),
            f["lintMs"].as_f64().unwrap_or(f64::NAN),
            report["totalMs"].as_f64().unwrap_or(f64::NAN),
            wall,
        ));
    }
    let median = |pick: fn(&(f64, f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "bpmnlint {TASKS} tasks (median of {}): parse {:.1} ms + lint {:.1} ms = {:.1} ms in node; {:.0} ms for the whole `node lint.js` process",
        runs.len(),
        median(|r| r.0),
        median(|r| r.1),
        median(|r| r.2),
        median(|r| r.3),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
