//! Maps that read cleanly: on every template, as drawn and after the canvas's auto-layout,
//! no label box (branch condition, handoff badge, caption) overlaps a node, a lane header
//! or another label in the core's geometry (`handoff_core::layout::drawing`).
//!
//! The positions after auto-layout come from `ui/src/lib/fixtures/arranged.json`, written
//! by the UI's own auto-layout (`ui/src/lib/layout.test.ts`, `UPDATE_FIXTURES=1`), so the
//! layout the user gets is the one measured here.
//!
//! The placements are also written to `ui/src/lib/fixtures/labels.json`, and
//! `ui/src/lib/labels.test.ts` checks the canvas places every label in the same box. This
//! test fails when that file is stale; `UPDATE_FIXTURES=1` rewrites it.

use std::collections::BTreeMap;

use handoff_core::layout::drawing::{drawing, Drawing};
use handoff_core::layout::labels::{overlap, Label};
use handoff_core::layout::Rect;
use handoff_core::{Document, Position};
use handoff_tests::{repo_root, templates};
use serde::{Deserialize, Serialize};

/// Every overlapping pair of a label with a node, a lane header or another label, named.
fn collisions(d: &Drawing, doc: &Document) -> Vec<String> {
    let p = &doc.process;
    let mut named: Vec<(String, &Label)> = Vec::new();
    for (n, l) in p.nodes.iter().zip(&d.captions) {
        if let Some(l) = l {
            named.push((format!("caption of {}", n.id), l));
        }
    }
    for (f, l) in p.flows.iter().zip(&d.branches) {
        if let Some(l) = l {
            named.push((format!("branch {} ({:?})", f.id, l.text), l));
        }
    }
    for (f, l) in p.flows.iter().zip(&d.handovers) {
        if let Some(l) = l {
            named.push((format!("badge {} ({:?})", f.id, l.text), l));
        }
    }
    let mut out = Vec::new();
    for (i, (name, l)) in named.iter().enumerate() {
        for (n, r) in p.nodes.iter().zip(&d.nodes) {
            if overlap(&l.rect, r) {
                out.push(format!("{name} on node {}", n.id));
            }
        }
        for (b, h) in d.layout.bands.iter().zip(d.headers()) {
            if overlap(&l.rect, &h) {
                out.push(format!("{name} on the header of {:?}", b.lane));
            }
        }
        for (other, m) in &named[i + 1..] {
            if overlap(&l.rect, &m.rect) {
                out.push(format!("{name} on {other}"));
            }
        }
    }
    out
}

/// Node id → lane and lane-relative position, as the UI's auto-layout placed them.
type Arranged = BTreeMap<String, BTreeMap<String, ArrangedNode>>;

#[derive(Debug, Deserialize)]
struct ArrangedNode {
    lane: String,
    x: f64,
    y: f64,
}

fn arranged() -> Arranged {
    let path = repo_root().join("ui/src/lib/fixtures/arranged.json");
    let text = std::fs::read_to_string(&path).expect("the auto-layout fixture is committed");
    serde_json::from_str(&text).expect("the auto-layout fixture parses")
}

/// The template with every node where the UI's auto-layout put it.
fn after_auto_layout(name: &str, doc: &Document, all: &Arranged) -> Document {
    let mut doc = doc.clone();
    let placed = all
        .get(name)
        .unwrap_or_else(|| panic!("{name} is missing from arranged.json"));
    for n in &mut doc.process.nodes {
        if let Some(a) = placed.get(&n.id.0) {
            assert_eq!(n.lane.as_ref().map(|l| l.0.as_str()), Some(a.lane.as_str()));
            n.position = Position { x: a.x, y: a.y };
        }
    }
    doc
}

#[test]
fn no_label_overlaps_a_shape_a_header_or_another_label_on_any_template() {
    let all = arranged();
    let mut report = Vec::new();
    let mut counted = 0;
    for (name, doc) in templates() {
        for (when, doc) in [
            ("as drawn", doc.clone()),
            ("after auto-layout", after_auto_layout(&name, &doc, &all)),
        ] {
            let d = drawing(&doc.process);
            counted += d.labels().count();
            let set_off = d.labels().filter(|l| l.leader.is_some()).count();
            let shortened = d.labels().filter(|l| l.abbreviated).count();
            // Shown with --nocapture: how often there was no room on the path.
            println!(
                "{name} {when}: {} labels, {set_off} set off with a leader, {shortened} shortened",
                d.labels().count()
            );
            for c in collisions(&d, &doc) {
                report.push(format!("{name} {when}: {c}"));
            }
            for l in d.labels().filter(|l| !l.clear) {
                report.push(format!("{name} {when}: no room for {:?}", l.text));
            }
        }
    }
    assert!(counted > 100, "only {counted} labels placed");
    assert!(
        report.is_empty(),
        "{} overlapping pairs:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// One label as the canvas must draw it.
#[derive(Debug, Serialize)]
struct Placed {
    kind: &'static str,
    lines: Vec<String>,
    rect: [f64; 4],
    leader: Option<[f64; 4]>,
}

fn placed(l: &Label, kind: &'static str) -> Placed {
    let Rect {
        x,
        y,
        width,
        height,
    } = l.rect;
    Placed {
        kind,
        lines: l.lines.clone(),
        rect: [x, y, width, height],
        leader: l.leader.map(|(a, b)| [a.0, a.1, b.0, b.1]),
    }
}

/// Template (and `@arranged` for it after auto-layout) → element id → its labels.
fn fixture() -> BTreeMap<String, BTreeMap<String, Vec<Placed>>> {
    let all = arranged();
    let mut out = BTreeMap::new();
    for (name, doc) in templates() {
        for (key, doc) in [
            (name.clone(), doc.clone()),
            (
                format!("{name}@arranged"),
                after_auto_layout(&name, &doc, &all),
            ),
        ] {
            let p = &doc.process;
            let d = drawing(p);
            let mut by: BTreeMap<String, Vec<Placed>> = BTreeMap::new();
            for (n, l) in p.nodes.iter().zip(&d.captions) {
                if let Some(l) = l {
                    by.entry(n.id.0.clone())
                        .or_default()
                        .push(placed(l, "caption"));
                }
            }
            for (k, f) in p.flows.iter().enumerate() {
                for (l, kind) in [(&d.branches[k], "branch"), (&d.handovers[k], "handover")] {
                    if let Some(l) = l {
                        by.entry(f.id.0.clone()).or_default().push(placed(l, kind));
                    }
                }
            }
            out.insert(key, by);
        }
    }
    out
}

#[test]
fn the_canvas_label_fixture_is_the_core_placement() {
    let fresh = serde_json::to_string_pretty(&fixture()).expect("labels serialise") + "\n";
    let path = repo_root().join("ui/src/lib/fixtures/labels.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &fresh).expect("write the fixture");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: label placement or a template changed. Regenerate it with\n\n    \
         UPDATE_FIXTURES=1 cargo test -p handoff-tests --test handoff labels\n\nand commit it.",
        path.display()
    );
}

/// The boxes of an exported diagram: shapes other than the pool and lanes, and labels.
fn diagram_boxes(xml: &str) -> (Vec<Rect>, Vec<Rect>) {
    let bounds = |s: &str| -> Option<Rect> {
        let at = s.find("<dc:Bounds ")?;
        let tag = &s[at..at + s[at..].find("/>")?];
        let num = |k: &str| -> Option<f64> {
            let i = tag.find(&format!(" {k}=\""))? + k.len() + 3;
            tag[i..i + tag[i..].find('"')?].parse().ok()
        };
        Some(Rect {
            x: num("x")?,
            y: num("y")?,
            width: num("width")?,
            height: num("height")?,
        })
    };
    let mut shapes = Vec::new();
    for part in xml.split("<bpmndi:BPMNShape ").skip(1) {
        let head = &part[..part.find('>').unwrap_or(0)];
        if !head.contains("isHorizontal") {
            shapes.extend(bounds(part));
        }
    }
    let labels = xml
        .split("<bpmndi:BPMNLabel>")
        .skip(1)
        .filter_map(bounds)
        .collect();
    (shapes, labels)
}

#[test]
fn exported_bpmn_label_bounds_overlap_no_shape_and_no_other_label() {
    let all = arranged();
    let mut report = Vec::new();
    for (name, doc) in templates() {
        for doc in [doc.clone(), after_auto_layout(&name, &doc, &all)] {
            let xml = handoff_bpmn::export(&doc);
            let (shapes, labels) = diagram_boxes(&xml);
            assert!(!labels.is_empty(), "{name}: no labels written");
            for (i, l) in labels.iter().enumerate() {
                for s in &shapes {
                    if overlap(l, s) {
                        report.push(format!("{name}: label {l:?} on shape {s:?}"));
                    }
                }
                for m in &labels[i + 1..] {
                    if overlap(l, m) {
                        report.push(format!("{name}: label {l:?} on label {m:?}"));
                    }
                }
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
