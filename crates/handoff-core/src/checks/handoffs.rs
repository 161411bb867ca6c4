//! Processes break at handoffs: every flow that crosses lanes must say what is handed over.

use super::{Code, Context, Findings};

pub(super) fn check(cx: &Context<'_>, f: &mut Findings<'_>) {
    if !f.wants(Code::UnnamedHandoff) {
        return;
    }
    let doc = cx.doc;
    let p = &doc.process;
    let g = &cx.graph;
    let seat_name = |node_id: &str| -> String {
        g.index_of(node_id)
            .and_then(|ix| p.nodes[ix.index()].lane.as_ref())
            .and_then(|l| p.lane(l))
            .map(|l| {
                doc.seat(&l.seat)
                    .map_or(l.seat.to_string(), |s| s.name.clone())
            })
            .unwrap_or_default()
    };
    let node_name = |node_id: &str| -> String {
        g.index_of(node_id)
            .map(|ix| p.nodes[ix.index()].display_name())
            .unwrap_or_default()
    };
    for (i, flow) in p.flows.iter().enumerate() {
        if g.is_handoff(i) && flow.handover.trim().is_empty() {
            f.push(
                Code::UnnamedHandoff,
                vec![flow.id.to_string()],
                format!(
                    "The handoff from {} ('{}') to {} ('{}') does not say what is handed over.",
                    seat_name(flow.from.as_str()),
                    node_name(flow.from.as_str()),
                    seat_name(flow.to.as_str()),
                    node_name(flow.to.as_str()),
                ),
                "Select the arrow and fill in what moves, e.g. 'signed contract' or 'ticket with order number'.",
            );
        }
    }
}
