//! Where each numbered step leads, in words: "If approved, go to step 7", "Hand over the
//! signed contract to Finance", "The process ends: order shipped". The SOP and the seat
//! handout both phrase a process this way, so they say the same thing.

use handoff_core::procedure::{Procedure, Target};
use handoff_core::{Document, LaneId, Node, NodeId, NodeTag, SeatId};

/// Names of seats and nodes in one document.
#[derive(Debug, Clone, Copy)]
pub struct Names<'d> {
    pub doc: &'d Document,
}

impl<'d> Names<'d> {
    /// The seat's name, or its id when the document does not carry the seat.
    pub fn seat(&self, id: &SeatId) -> String {
        self.doc
            .seat(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// The seat of a lane.
    pub fn lane_seat(&self, lane: Option<&LaneId>) -> Option<&'d SeatId> {
        lane.and_then(|l| self.doc.process.lane(l)).map(|l| &l.seat)
    }

    /// The name of the seat that does a node's work, or "no one" for a node in no lane.
    pub fn owner_of(&self, node: &Node) -> String {
        self.lane_seat(node.lane.as_ref())
            .map_or_else(|| "no one (not in a lane)".to_owned(), |s| self.seat(s))
    }

    /// The node with this id, if it exists.
    pub fn node(&self, id: &NodeId) -> Option<&'d Node> {
        self.doc.process.node(id)
    }
}

/// Something handed from one seat to another on the way to the next step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// What is handed over; empty when the map does not say.
    pub item: String,
    pub from: Option<SeatId>,
    pub to: Option<SeatId>,
}

/// One way on from a numbered node: an outgoing flow and where it leads.
#[derive(Debug, Clone)]
pub struct Move {
    /// The branch condition (decisions); empty for plain flows.
    pub condition: String,
    pub handovers: Vec<Handover>,
    pub targets: Vec<Target>,
}

/// The ways on from the node `id`, one per outgoing flow in file order.
///
/// # Complexity
/// Linear in the flows and gateways passed through.
pub fn moves(doc: &Document, procedure: &Procedure, id: &NodeId) -> Vec<Move> {
    let p = &doc.process;
    let names = Names { doc };
    let lane_of = |node: &NodeId| names.node(node).and_then(|n| n.lane.clone());
    procedure
        .outgoing(id)
        .iter()
        .map(|&fi| {
            let handovers = procedure
                .path_flows(p, fi)
                .into_iter()
                .filter_map(|f| {
                    let flow = &p.flows[f];
                    let (a, b) = (lane_of(&flow.from)?, lane_of(&flow.to)?);
                    (a != b).then(|| Handover {
                        item: flow.handover.trim().to_owned(),
                        from: names.lane_seat(Some(&a)).cloned(),
                        to: names.lane_seat(Some(&b)).cloned(),
                    })
                })
                .collect();
            Move {
                condition: p.flows[fi].label.trim().to_owned(),
                handovers,
                targets: procedure.targets(p, fi),
            }
        })
        .collect()
}

/// "go to step 7", "go to step 4 and step 9 (at the same time)", "the process ends: X".
pub fn destination(names: &Names<'_>, targets: &[Target]) -> String {
    let steps: Vec<String> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Step { number, .. } => Some(format!("step {number}")),
            _ => None,
        })
        .collect();
    let ends: Vec<String> = targets
        .iter()
        .filter_map(|t| match t {
            Target::End { outcome } => Some(
                names
                    .node(outcome)
                    .map_or_else(|| outcome.to_string(), Node::display_name),
            ),
            _ => None,
        })
        .collect();
    let mut parts = Vec::new();
    match steps.len() {
        0 => {}
        1 => parts.push(format!("go to {}", steps[0])),
        _ => parts.push(format!("go to {} (at the same time)", join_and(&steps))),
    }
    if !ends.is_empty() {
        parts.push(format!("the process ends: {}", ends.join("; ")));
    }
    if parts.is_empty() {
        "nothing follows (the map leads nowhere from here)".to_owned()
    } else {
        parts.join(", and ")
    }
}

/// "Hand over the signed contract to Finance" (capitalised) for each handover.
pub fn handover_sentences(names: &Names<'_>, handovers: &[Handover]) -> Vec<String> {
    handovers
        .iter()
        .map(|h| {
            let item = if h.item.is_empty() {
                "the work (the map does not say what)".to_owned()
            } else {
                h.item.clone()
            };
            let to =
                h.to.as_ref()
                    .map_or_else(|| "the next seat".to_owned(), |s| names.seat(s));
            format!("Hand over {item} to {to}")
        })
        .collect()
}

/// "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// What a numbered node is called in the procedure: "Decide: Approved?" for decisions.
pub fn item_title(node: &Node) -> String {
    match node.tag() {
        NodeTag::Decision => format!("Decide: {}", node.display_name()),
        _ => node.display_name(),
    }
}

/// The instruction lines for the numbered node `node` whose number is `number`: handovers,
/// branch directions and where to go next. Plain flows to the next number say nothing
/// more than their handovers, since reading on is the default.
pub fn direction_lines(
    names: &Names<'_>,
    node: &Node,
    number: usize,
    moves: &[Move],
) -> Vec<String> {
    let mut out = Vec::new();
    let decision = node.tag() == NodeTag::Decision;
    for m in moves {
        let handovers = handover_sentences(names, &m.handovers);
        let dest = destination(names, &m.targets);
        let follows_on = matches!(
            m.targets.as_slice(),
            [Target::Step { number: n, .. }] if *n == number + 1
        );
        if decision || !m.condition.is_empty() {
            let cond = if m.condition.is_empty() {
                "(unlabelled branch)".to_owned()
            } else {
                m.condition.clone()
            };
            let mut line = format!("If {cond}, ");
            for h in &handovers {
                line.push_str(&lower_first(h));
                line.push_str(", then ");
            }
            line.push_str(&dest);
            line.push('.');
            out.push(line);
        } else {
            for h in &handovers {
                out.push(format!("{h}."));
            }
            if !follows_on {
                out.push(format!("Then {dest}."));
            }
        }
    }
    if moves.is_empty() {
        out.push("Nothing follows this step on the map.".to_owned());
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
