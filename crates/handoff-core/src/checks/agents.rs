//! Seats held by AI agents. An agent does the work; a person still answers for it, has to
//! hear when it fails, and has to step in before it retries for ever. Each rule looks only at
//! lanes whose seat is an agent, so a map without agent seats gets no finding from here.
//!
//! - every step in an agent's lane has a person or team Accountable;
//! - it names what it works from and what it produces;
//! - each agent lane has a way to a person: an arrow (a branch or a handoff) from the agent's
//!   lane into a person's or team's lane, or failure signals watched by an owner who is a
//!   person or team;
//! - a loop that stays inside one agent's lane says how many tries it allows (a step in it
//!   with "tries before a person steps in").

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Code, Context, Findings};
use crate::model::{Document, Lane, SeatKind};

/// Whether a seat kind is people (who can answer for work and be told of a failure).
fn is_human(kind: SeatKind) -> bool {
    matches!(kind, SeatKind::Person | SeatKind::Team)
}

fn lane_kind(doc: &Document, lane: &Lane) -> Option<SeatKind> {
    doc.seat(&lane.seat).map(|s| s.kind)
}

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    let doc = cx.doc;
    let p = &doc.process;
    let g = &cx.graph;
    // For each lane position: whether its seat is an agent, and whether it is people.
    let kinds: Vec<Option<SeatKind>> = p.lanes.iter().map(|l| lane_kind(doc, l)).collect();
    let is_agent = |lane: Option<usize>| lane.is_some_and(|l| kinds[l] == Some(SeatKind::Agent));
    if !g.graph.node_indices().any(|ix| is_agent(g.lane_of(ix))) {
        return;
    }
    let seat_name = |lane: usize| {
        let seat = &p.lanes[lane].seat;
        doc.seat(seat).map_or(seat.to_string(), |s| s.name.clone())
    };

    steps(cx, f, &is_agent, &seat_name);
    escalation(cx, f, &kinds, &seat_name);
    loops(cx, f, &is_agent, &seat_name);
}

/// Every step an agent does: a human Accountable, and named inputs and outputs.
fn steps(
    cx: &Context<'_>,
    f: &mut Findings<'_>,
    is_agent: &dyn Fn(Option<usize>) -> bool,
    seat_name: &dyn Fn(usize) -> String,
) {
    let (doc, g) = (cx.doc, &cx.graph);
    for ix in g.graph.node_indices() {
        let lane = g.lane_of(ix);
        let node = &doc.process.nodes[ix.index()];
        let (Some(lane), Some(details)) = (lane.filter(|_| is_agent(lane)), node.details()) else {
            continue;
        };
        let agent = seat_name(lane);
        let human_a = details
            .raci
            .accountable
            .iter()
            .any(|s| doc.seat(s).is_some_and(|seat| is_human(seat.kind)));
        if !human_a && f.wants(Code::AgentNoHumanAccountable) {
            let mut elements = vec![node.id.to_string()];
            elements.extend(details.raci.accountable.iter().map(|s| s.to_string()));
            let who = match details.raci.accountable.first() {
                None => "no one is Accountable for it".to_owned(),
                Some(s) => format!(
                    "its Accountable is {}, not a person",
                    doc.seat(s).map_or(s.to_string(), |seat| seat.name.clone())
                ),
            };
            f.push(
                Code::AgentNoHumanAccountable,
                elements,
                format!(
                    "Step '{}' is done by the agent {agent}, but {who}.",
                    node.display_name()
                ),
                "In the inspector's RACI, set A on the person or team who answers for what the agent does here.",
            );
        }
        let missing = match (details.inputs.is_empty(), details.outputs.is_empty()) {
            (true, true) => Some("what it works from nor what it produces"),
            (true, false) => Some("what it works from"),
            (false, true) => Some("what it produces"),
            (false, false) => None,
        };
        if let Some(missing) = missing {
            f.push(
                Code::AgentStepNoInputsOutputs,
                vec![node.id.to_string()],
                format!(
                    "Step '{}' is done by the agent {agent}, but does not name {missing}.",
                    node.display_name()
                ),
                "An agent needs its inputs and outputs spelled out: fill in Inputs and Outputs in the inspector.",
            );
        }
    }
}

/// Each agent lane has a way to a person.
fn escalation(
    cx: &Context<'_>,
    f: &mut Findings<'_>,
    kinds: &[Option<SeatKind>],
    seat_name: &dyn Fn(usize) -> String,
) {
    if !f.wants(Code::AgentNoEscalation) {
        return;
    }
    let (doc, g) = (cx.doc, &cx.graph);
    let p = &doc.process;
    let watched = !p.failure_signals.iter().all(|s| s.trim().is_empty())
        && p.owner
            .as_ref()
            .and_then(|o| doc.seat(o))
            .is_some_and(|s| is_human(s.kind));
    if watched {
        return;
    }
    let mut reaches_person = vec![false; kinds.len()];
    let mut holds_nodes = vec![false; kinds.len()];
    for ix in g.graph.node_indices() {
        if let Some(l) = g.lane_of(ix) {
            holds_nodes[l] = true;
        }
    }
    for flow in 0..p.flows.len() {
        let Some((a, b)) = g.flow_ends(flow) else {
            continue;
        };
        if let (Some(la), Some(lb)) = (g.lane_of(a), g.lane_of(b)) {
            if kinds[la] == Some(SeatKind::Agent) && kinds[lb].is_some_and(is_human) {
                reaches_person[la] = true;
            }
        }
    }
    for (l, lane) in p.lanes.iter().enumerate() {
        if kinds[l] == Some(SeatKind::Agent) && holds_nodes[l] && !reaches_person[l] {
            f.push(
                Code::AgentNoEscalation,
                vec![lane.id.to_string()],
                format!(
                    "Nothing says how a failure of the agent {} reaches a person: no arrow leads from its lane to a person's or team's lane.",
                    seat_name(l)
                ),
                "Add a branch from the agent's lane to the person who takes over when it fails, or list failure signals and give the process a person as owner.",
            );
        }
    }
}

/// Loops that stay inside one agent's lane say how many tries they allow.
fn loops(
    cx: &Context<'_>,
    f: &mut Findings<'_>,
    is_agent: &dyn Fn(Option<usize>) -> bool,
    seat_name: &dyn Fn(usize) -> String,
) {
    if !f.wants(Code::AgentLoopNoLimit) {
        return;
    }
    let (doc, g) = (cx.doc, &cx.graph);
    let p = &doc.process;
    // The arrows that stay inside one agent's lane, over the same node numbers.
    let mut inside: DiGraph<(), ()> = DiGraph::with_capacity(p.nodes.len(), 0);
    for _ in 0..p.nodes.len() {
        inside.add_node(());
    }
    for flow in 0..p.flows.len() {
        let Some((a, b)) = g.flow_ends(flow) else {
            continue;
        };
        let (la, lb) = (g.lane_of(a), g.lane_of(b));
        if la == lb && is_agent(la) {
            inside.add_edge(a, b, ());
        }
    }
    let mut found = Vec::new();
    for scc in tarjan_scc(&inside) {
        let is_loop = scc.len() > 1 || inside.contains_edge(scc[0], scc[0]);
        if !is_loop {
            continue;
        }
        let limited = scc.iter().any(|ix: &NodeIndex| {
            p.nodes[ix.index()]
                .details()
                .is_some_and(|d| d.max_tries.is_some())
        });
        if limited {
            continue;
        }
        let mut nodes: Vec<usize> = scc.iter().map(|ix| ix.index()).collect();
        nodes.sort_unstable();
        found.push(nodes);
    }
    found.sort();
    for nodes in found {
        let lane = g
            .lane_of(NodeIndex::new(nodes[0]))
            .map(seat_name)
            .unwrap_or_default();
        let names: Vec<String> = nodes
            .iter()
            .map(|&n| format!("'{}'", p.nodes[n].display_name()))
            .collect();
        f.push(
            Code::AgentLoopNoLimit,
            nodes.iter().map(|&n| p.nodes[n].id.to_string()).collect(),
            format!(
                "The agent {lane} can go round {} without limit: nothing says how many tries before a person is brought in.",
                names.join(" → ")
            ),
            "Select the step that is tried again and set 'Tries before a person steps in', with a branch to the person who takes over.",
        );
    }
}
