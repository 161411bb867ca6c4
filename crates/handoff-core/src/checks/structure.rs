//! Whether the map's pieces are all there: every step owned by a lane with a real seat,
//! every flow attached at both ends, a start and an outcome, no node left floating, no
//! empty lane, no nameless step.

use super::{Code, Context, Findings};
use crate::model::NodeTag;

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    let doc = cx.doc;
    let p = &doc.process;
    let g = &cx.graph;

    for node in &p.nodes {
        if !matches!(node.tag(), NodeTag::Step | NodeTag::Decision) {
            continue;
        }
        let what = node.tag().label();
        let name = || node.display_name();
        let lane = node
            .lane
            .as_ref()
            .and_then(|l| g.lane_position(l))
            .map(|i| &p.lanes[i]);
        match (&node.lane, lane) {
            (None, _) => f.push(
                Code::OwnerlessStep,
                vec![node.id.to_string()],
                format!(
                    "{} '{}' has no owner: put it in a lane.",
                    capitalise(what),
                    name()
                ),
                "Drag it into the lane of the seat that does this work.",
            ),
            (Some(lane_id), None) => f.push(
                Code::OwnerlessStep,
                vec![node.id.to_string(), lane_id.to_string()],
                format!(
                    "{} '{}' is in lane '{lane_id}', which does not exist.",
                    capitalise(what),
                    name()
                ),
                "Drag it into an existing lane.",
            ),
            (Some(_), Some(lane)) if doc.seat(&lane.seat).is_none() => f.push(
                Code::OwnerlessStep,
                vec![node.id.to_string(), lane.id.to_string()],
                format!(
                    "{} '{}' is in a lane whose seat '{}' is missing.",
                    capitalise(what),
                    name(),
                    lane.seat
                ),
                "Give the lane an existing seat, or add the seat to the library.",
            ),
            _ => {}
        }
        if node.label.trim().is_empty() {
            f.push(
                Code::UnlabeledStep,
                vec![node.id.to_string()],
                format!("A {what} has no name."),
                "Name it with a verb and an object, e.g. 'Send invoice'.",
            );
        }
    }

    for (i, flow) in p.flows.iter().enumerate() {
        if g.flow_ends(i).is_some() {
            continue;
        }
        let missing: Vec<&str> = [&flow.from, &flow.to]
            .into_iter()
            .filter(|id| g.index_of(id.as_str()).is_none())
            .map(|id| id.as_str())
            .collect();
        {
            f.push(
                Code::BrokenFlow,
                vec![flow.id.to_string()],
                format!(
                    "An arrow points at {} that no longer exists ({}).",
                    if missing.len() == 1 {
                        "a node"
                    } else {
                        "nodes"
                    },
                    missing.join(", ")
                ),
                "Delete the arrow or reconnect it to a node on the map.",
            );
        }
    }

    if g.indices_of(NodeTag::Start).is_empty() {
        f.push(
            Code::NoStart,
            vec![],
            format!("Process '{}' has no start.", p.name),
            "Drag a start from the palette into the lane of whoever gets the trigger.",
        );
    }
    if g.indices_of(NodeTag::Outcome).is_empty() {
        f.push(
            Code::NoOutcome,
            vec![],
            format!("Process '{}' has no outcome.", p.name),
            "Add an outcome for each way the process can end, e.g. 'Invoice paid'.",
        );
    }

    if f.wants(Code::Disconnected) {
        for ix in g.graph.node_indices() {
            if g.graph.neighbors_undirected(ix).next().is_none() && p.nodes.len() > 1 {
                let node = &p.nodes[ix.index()];
                f.push(
                    Code::Disconnected,
                    vec![node.id.to_string()],
                    format!(
                        "{} '{}' is not connected to anything.",
                        capitalise(node.tag().label()),
                        node.display_name()
                    ),
                    "Connect it with arrows from and to the steps around it, or delete it.",
                );
            }
        }
    }

    if f.wants(Code::EmptyLane) {
        let mut used = vec![false; p.lanes.len()];
        for ix in g.graph.node_indices() {
            if let Some(l) = g.lane_of(ix) {
                used[l] = true;
            }
        }
        for (lane, _) in p.lanes.iter().zip(&used).filter(|(_, used)| !**used) {
            let seat = doc
                .seat(&lane.seat)
                .map_or(lane.seat.as_str(), |s| s.name.as_str());
            {
                f.push(
                    Code::EmptyLane,
                    vec![lane.id.to_string()],
                    format!("Lane '{seat}' has no steps."),
                    "Move the work this seat does into the lane, or remove the lane.",
                );
            }
        }
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
