//! Diffing two generated 2,000-step maps (8 lanes): a to-be map with a handful of edits
//! (the target is under 50 ms), the same map redrawn with fresh ids, where every
//! node pairs by label instead of by id, and the worst case: redrawn with every label
//! reworded, so that every node goes through label similarity.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use handoff_core::build::generate;
use handoff_core::diff::diff;
use handoff_core::model::{Document, LaneId};

/// The to-be side: one step re-owned, one renamed, one removed, one branch condition and
/// one duration changed.
fn edited(doc: &Document) -> Document {
    let mut after = doc.clone();
    let p = &mut after.process;
    p.nodes[100].lane = Some(LaneId::from("l7"));
    p.nodes[500].label.push_str(" (checked twice)");
    p.nodes.remove(900);
    if let Some(f) = p.flows.iter_mut().find(|f| f.label == "no") {
        f.label = "needs rework".into();
    }
    if let handoff_core::model::NodeKind::Step { details } = &mut p.nodes[1500].kind {
        details.duration_minutes = Some(5);
    }
    after
}

/// The same map with every node and flow id replaced, as if drawn from scratch.
fn redrawn(doc: &Document) -> Document {
    let mut after = doc.clone();
    let p = &mut after.process;
    for n in &mut p.nodes {
        n.id.0.insert_str(0, "new-");
    }
    for f in &mut p.flows {
        f.id.0.insert_str(0, "new-");
        f.from.0.insert_str(0, "new-");
        f.to.0.insert_str(0, "new-");
    }
    after
}

/// Redrawn with fresh ids and every label reworded: nothing pairs by id or equal label, so
/// every node goes through similarity (the slowest case there is).
fn reworded(doc: &Document) -> Document {
    let mut after = redrawn(doc);
    for n in &mut after.process.nodes {
        n.label = n.label.replace("Step", "Task");
    }
    after
}

fn bench(c: &mut Criterion) {
    let before = generate(2_000, 8);
    let after = edited(&before);
    let fresh = redrawn(&before);
    let worst = reworded(&before);
    let mut group = c.benchmark_group("diff 2000 steps");
    group.bench_function("derived, few edits", |b| {
        b.iter(|| diff(black_box(&before), black_box(&after)))
    });
    group.bench_function("drawn independently", |b| {
        b.iter(|| diff(black_box(&before), black_box(&fresh)))
    });
    group.bench_function("drawn independently, every label reworded", |b| {
        b.iter(|| diff(black_box(&before), black_box(&worst)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
