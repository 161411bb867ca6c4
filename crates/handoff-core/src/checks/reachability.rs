//! Global path facts: every node can be reached from a start, and from every node some
//! outcome can be reached. Computed on the whole graph (a node with an incoming arrow can
//! still be unreachable when that arrow comes from an island), not from local counts.

use super::structure::capitalise;
use super::{Code, Context, Findings};
use crate::graph::Trap;
use crate::model::NodeTag;

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    let p = &cx.doc.process;
    let g = &cx.graph;
    // Floating nodes have their own finding (`disconnected`); repeating it here as
    // unreachable and dead end would say the same thing three times.
    let floating = |i: usize| {
        p.nodes.len() > 1
            && g.graph
                .neighbors_undirected(petgraph::graph::NodeIndex::new(i))
                .next()
                .is_none()
    };

    let has_start = !g.indices_of(NodeTag::Start).is_empty();
    if has_start && f.wants(Code::UnreachableStep) {
        let reached = g.reachable_from_starts();
        for (i, node) in p.nodes.iter().enumerate() {
            if !reached[i] && !floating(i) {
                f.push(
                    Code::UnreachableStep,
                    vec![node.id.to_string()],
                    format!(
                        "{} '{}' can never be reached from the start.",
                        capitalise(node.tag().label()),
                        node.display_name()
                    ),
                    "Draw an arrow into it from the step that comes before it.",
                );
            }
        }
    }

    let has_outcome = !g.indices_of(NodeTag::Outcome).is_empty();
    if has_outcome && (f.wants(Code::DeadEnd) || f.wants(Code::EndlessLoop)) {
        let reaches = g.reaches_outcome();
        for trap in g.traps(&reaches) {
            match trap {
                Trap::DeadEnd(i) if !floating(i) => {
                    let node = &p.nodes[i];
                    f.push(
                        Code::DeadEnd,
                        vec![node.id.to_string()],
                        format!(
                            "The process stops at {} '{}': no outcome can be reached from it.",
                            node.tag().label(),
                            node.display_name()
                        ),
                        "Draw an arrow to the next step, or end this path with an outcome.",
                    );
                }
                Trap::DeadEnd(_) => {}
                Trap::Loop(nodes) => {
                    let names: Vec<String> = nodes
                        .iter()
                        .take(4)
                        .map(|&i| format!("'{}'", p.nodes[i].display_name()))
                        .collect();
                    let more = if nodes.len() > 4 {
                        format!(" and {} more", nodes.len() - 4)
                    } else {
                        String::new()
                    };
                    f.push(
                        Code::EndlessLoop,
                        nodes.iter().map(|&i| p.nodes[i].id.to_string()).collect(),
                        format!(
                            "The loop through {}{more} never ends: no path leads out of it to an outcome.",
                            names.join(", ")
                        ),
                        "Add a decision in the loop with a branch that leads on towards an outcome.",
                    );
                }
            }
        }
    }
}
