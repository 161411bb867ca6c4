//! A sentence on what a save changed, for the revision list: "Added step 'Send invoice';
//! renamed 'Check' to 'Review'; 2 flows changed".
//!
//! Elements are matched by id, which is exact for two revisions of one process (ids are
//! stable and never reused). Unlike the as-is/to-be comparison in `handoff_core::diff`,
//! this also reports what a revision list must show but an improvement backlog must not:
//! renaming the process, review dates, and moving things on the canvas.

use std::collections::HashMap;

use handoff_core::{Document, Lane, Node, Process};

/// More parts than this are cut to "… and N more changes".
const MAX_PARTS: usize = 6;
/// Up to this many elements are named; more are counted.
const MAX_NAMED: usize = 3;

/// Describes how `after` differs from `before` in one line. "No changes" when they are the
/// same process content.
///
/// # Complexity
/// O(n) in the number of elements of both documents (hash maps by id).
pub fn summarize(before: &Document, after: &Document) -> String {
    let mut parts = Vec::new();
    header(&before.process, &after.process, &mut parts);
    lanes(before, after, &mut parts);
    nodes(before, after, &mut parts);
    flows(&before.process, &after.process, &mut parts);
    seats(before, after, &mut parts);
    join(parts)
}

fn join(mut parts: Vec<String>) -> String {
    if parts.is_empty() {
        return "No changes".to_owned();
    }
    if parts.len() > MAX_PARTS {
        let more = parts.len() - (MAX_PARTS - 1);
        parts.truncate(MAX_PARTS - 1);
        parts.push(format!("and {more} more changes"));
    }
    let mut text = parts.join("; ");
    // Sentence case: the parts are written lower-case so they join cleanly.
    if let Some(first) = text.get(..1) {
        let upper = first.to_uppercase();
        text.replace_range(..1, &upper);
    }
    text
}

fn header(a: &Process, b: &Process, parts: &mut Vec<String>) {
    if a.name != b.name {
        parts.push(format!(
            "renamed the process from '{}' to '{}'",
            a.name, b.name
        ));
    }
    if a.last_reviewed != b.last_reviewed {
        match b.last_reviewed {
            Some(d) => parts.push(format!("marked reviewed on {d}")),
            None => parts.push("cleared the last review date".to_owned()),
        }
    }
    let fields: [(&str, bool); 11] = [
        ("owner", a.owner != b.owner),
        ("purpose", a.purpose != b.purpose),
        ("category", a.category != b.category),
        ("function", a.function != b.function),
        ("trigger", a.trigger != b.trigger),
        ("cadence", a.cadence != b.cadence),
        ("expected output", a.expected_output != b.expected_output),
        ("failure signals", a.failure_signals != b.failure_signals),
        ("state", a.state != b.state),
        ("derived from", a.derived_from != b.derived_from),
        ("review date", a.review_due != b.review_due),
    ];
    let changed: Vec<&str> = fields
        .iter()
        .filter(|(_, differs)| *differs)
        .map(|(name, _)| *name)
        .collect();
    if !changed.is_empty() {
        parts.push(format!("changed {}", changed.join(", ")));
    }
}

fn seat_name(doc: &Document, lane: &Lane) -> String {
    doc.seat(&lane.seat)
        .map_or_else(|| lane.seat.to_string(), |s| s.name.clone())
}

fn lanes(a: &Document, b: &Document, parts: &mut Vec<String>) {
    let (pa, pb) = (&a.process, &b.process);
    let old: HashMap<&str, &Lane> = pa.lanes.iter().map(|l| (l.id.as_str(), l)).collect();
    let new: HashMap<&str, &Lane> = pb.lanes.iter().map(|l| (l.id.as_str(), l)).collect();
    let added: Vec<String> = pb
        .lanes
        .iter()
        .filter(|l| !old.contains_key(l.id.as_str()))
        .map(|l| format!("'{}'", seat_name(b, l)))
        .collect();
    let removed: Vec<String> = pa
        .lanes
        .iter()
        .filter(|l| !new.contains_key(l.id.as_str()))
        .map(|l| format!("'{}'", seat_name(a, l)))
        .collect();
    named(parts, "added lane", "lanes", &added, "added");
    named(parts, "removed lane", "lanes", &removed, "removed");
    let reseated: Vec<String> = pb
        .lanes
        .iter()
        .filter(|l| old.get(l.id.as_str()).is_some_and(|o| o.seat != l.seat))
        .map(|l| format!("'{}'", seat_name(b, l)))
        .collect();
    named(parts, "gave a lane to", "lanes", &reseated, "re-seated");
    let kept_old: Vec<&str> = pa
        .lanes
        .iter()
        .map(|l| l.id.as_str())
        .filter(|id| new.contains_key(id))
        .collect();
    let kept_new: Vec<&str> = pb
        .lanes
        .iter()
        .map(|l| l.id.as_str())
        .filter(|id| old.contains_key(id))
        .collect();
    if kept_old != kept_new {
        parts.push("reordered lanes".to_owned());
    }
}

/// "added step 'A', decision 'B'" for a few, "added 7 nodes" for many.
fn named(parts: &mut Vec<String>, verb: &str, plural: &str, names: &[String], counted_verb: &str) {
    match names.len() {
        0 => {}
        n if n <= MAX_NAMED => parts.push(format!("{verb} {}", names.join(", "))),
        n => parts.push(format!("{counted_verb} {n} {plural}")),
    }
}

fn describe(node: &Node) -> String {
    format!("{} '{}'", node.tag().label(), node.display_name())
}

fn nodes(a: &Document, b: &Document, parts: &mut Vec<String>) {
    let (pa, pb) = (&a.process, &b.process);
    let old: HashMap<&str, &Node> = pa.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let new: HashMap<&str, &Node> = pb.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let added: Vec<String> = pb
        .nodes
        .iter()
        .filter(|n| !old.contains_key(n.id.as_str()))
        .map(describe)
        .collect();
    let removed: Vec<String> = pa
        .nodes
        .iter()
        .filter(|n| !new.contains_key(n.id.as_str()))
        .map(describe)
        .collect();
    named(parts, "added", "nodes", &added, "added");
    named(parts, "removed", "nodes", &removed, "removed");

    let (mut renamed, mut moved, mut edited, mut placed) = (vec![], vec![], vec![], 0usize);
    for n in &pb.nodes {
        let Some(o) = old.get(n.id.as_str()) else {
            continue;
        };
        if o.label != n.label {
            renamed.push(format!("'{}' to '{}'", o.display_name(), n.display_name()));
        }
        if o.lane != n.lane {
            let to = n
                .lane
                .as_ref()
                .and_then(|l| pb.lane(l))
                .map_or_else(|| "no lane".to_owned(), |l| seat_name(b, l));
            moved.push(format!("'{}' to {to}", n.display_name()));
        }
        if o.kind != n.kind {
            edited.push(format!("'{}'", n.display_name()));
        }
        if o.position != n.position && o.lane == n.lane {
            placed += 1;
        }
    }
    named(parts, "renamed", "nodes", &renamed, "renamed");
    named(parts, "moved", "nodes to other lanes", &moved, "moved");
    named(parts, "edited", "nodes", &edited, "edited");
    match placed {
        0 => {}
        1 => parts.push("moved 1 element on the canvas".to_owned()),
        n => parts.push(format!("moved {n} elements on the canvas")),
    }
}

fn flows(a: &Process, b: &Process, parts: &mut Vec<String>) {
    let old: HashMap<&str, _> = a.flows.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut changed = a
        .flows
        .iter()
        .filter(|f| !b.flows.iter().any(|g| g.id == f.id))
        .count();
    for f in &b.flows {
        match old.get(f.id.as_str()) {
            Some(o) if *o == f => {}
            _ => changed += 1,
        }
    }
    match changed {
        0 => {}
        1 => parts.push("1 flow changed".to_owned()),
        n => parts.push(format!("{n} flows changed")),
    }
}

fn seats(a: &Document, b: &Document, parts: &mut Vec<String>) {
    let changed: Vec<String> = b
        .seats
        .iter()
        .filter(|s| a.seat(&s.id).is_some_and(|o| o != *s))
        .map(|s| format!("'{}'", s.name))
        .collect();
    named(parts, "edited seat", "seats", &changed, "edited");
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_core::build::Builder;
    use handoff_core::{NodeId, NodeKind, SeatKind};

    fn base() -> Document {
        Builder::new("Invoicing")
            .lane("a", "Sales", SeatKind::Team)
            .lane("b", "Finance", SeatKind::Team)
            .node("start", NodeKind::Start, Some("a"))
            .step("Check", "a")
            .node("end", NodeKind::Outcome, Some("b"))
            .arrow("start", "Check")
            .arrow("Check", "end")
            .build()
    }

    #[test]
    fn same_document_has_no_changes() {
        assert_eq!(summarize(&base(), &base()), "No changes");
    }

    #[test]
    fn added_renamed_and_flows_are_named() {
        let a = base();
        let mut b = a.clone();
        let mut step = b.process.nodes[1].clone();
        step.id = NodeId::from("send");
        step.label = "Send invoice".into();
        b.process.nodes.push(step);
        b.process.nodes[1].label = "Review".into();
        b.process.flows[1].to = NodeId::from("send");
        b.process.flows.push(handoff_core::Flow {
            id: "f-new".into(),
            from: "send".into(),
            to: "end".into(),
            label: String::new(),
            handover: "invoice".into(),
        });
        assert_eq!(
            summarize(&a, &b),
            "Added step 'Send invoice'; renamed 'Check' to 'Review'; 2 flows changed"
        );
    }

    #[test]
    fn moves_between_lanes_name_the_seat_and_canvas_moves_are_counted() {
        let a = base();
        let mut b = a.clone();
        b.process.nodes[1].lane = Some("b".into());
        b.process.nodes[0].position.x += 50.0;
        assert_eq!(
            summarize(&a, &b),
            "Moved 'Check' to Finance; moved 1 element on the canvas"
        );
    }

    #[test]
    fn many_additions_are_counted_and_long_lists_are_cut() {
        let a = base();
        let mut b = a.clone();
        for i in 0..5 {
            let mut n = b.process.nodes[1].clone();
            n.id = NodeId(format!("n{i}"));
            b.process.nodes.push(n);
        }
        b.process.name = "Billing".into();
        b.process.cadence = handoff_core::Cadence::Monthly;
        b.process.lanes.swap(0, 1);
        b.process.nodes.remove(0);
        b.process.nodes[0].label = "Look".into();
        b.process.flows.clear();
        let s = summarize(&a, &b);
        assert!(s.starts_with("Renamed the process from 'Invoicing' to 'Billing'; changed cadence; reordered lanes; added 5 nodes; removed start 'start'"), "{s}");
        assert!(s.ends_with("and 2 more changes"), "{s}");
    }
}
