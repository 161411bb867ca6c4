//! Phase 5: the arrows. Sequence flows keep their ids, names and conditions as labels
//! and lead past folded gateways; the arrows from boundary events' hosts follow; then
//! message flows between pools become handoffs named after the flow or its message.

use rustc_hash::FxHashMap as HashMap;

use handoff_core::{Flow, FlowId, NodeId};

use super::words::{quoted, short};
use super::Conversion;
use crate::parse::NodeDef;

impl Conversion<'_> {
    /// Fills `flows` with the sequence flows and the boundary events' arrows.
    pub(super) fn flows(&mut self) {
        let model = self.model;
        for &i in &self.top_flows {
            if self.dropped_flows.contains(&i) {
                continue;
            }
            let f = &model.flows[i];
            let from = Self::resolve(&self.split_prev, &f.source);
            let to = Self::resolve(&self.merge_next, &f.target);
            let (Some(from_id), Some(to_id)) = (
                self.node_ids.get(from.as_str()),
                self.node_ids.get(to.as_str()),
            ) else {
                self.notes.add(
                    Some(&f.id),
                    format!(
                        "the arrow from \"{}\" to \"{}\" was left out: one of its ends is not in the map",
                        f.source, f.target
                    ),
                );
                continue;
            };
            let name = f.name.clone();
            let condition = f.condition.clone().unwrap_or_default();
            let label = if name.trim().is_empty() {
                condition.clone()
            } else {
                if !condition.is_empty() && condition != name {
                    self.notes.add(
                        Some(&f.id),
                        format!(
                            "the condition \"{}\" was not kept; the branch is labelled with the arrow's name \"{}\"",
                            short(&condition),
                            name
                        ),
                    );
                }
                name
            };
            if label.is_empty()
                && is_default_of(&f.id, &from, &self.bpmn_node)
                && !self.from_handoff
            {
                self.notes.add(
                    Some(&f.id),
                    "this is the gateway's default branch; label it (for example \"otherwise\")"
                        .into(),
                );
            }
            if !f.documentation.is_empty() {
                self.notes.add(
                    Some(&f.id),
                    format!(
                        "the documentation of this arrow was not kept: \"{}\"",
                        short(&f.documentation)
                    ),
                );
            }
            let wanted = f.handoff_id.clone().unwrap_or_else(|| f.id.clone());
            let id = self.flow_ids.unique(&wanted);
            self.flows.push(Flow {
                id: FlowId(id),
                from: from_id.clone(),
                to: to_id.clone(),
                label,
                handover: f.handover.clone().unwrap_or_default(),
            });
        }
        for mut f in std::mem::take(&mut self.extra_flows) {
            f.id = FlowId(self.flow_ids.unique(&f.id.0));
            self.flows.push(f);
        }
    }

    /// Adds a handoff to `flows` for each message flow between two nodes of the map.
    pub(super) fn message_flows(&mut self) {
        let model = self.model;
        for m in &model.message_flows {
            match (self.top_of(&m.source), self.top_of(&m.target)) {
                (Some(from), Some(to)) if from != to => {
                    let handover = if m.name.trim().is_empty() {
                        m.message_ref
                            .as_ref()
                            .and_then(|r| model.messages.get(r))
                            .cloned()
                            .unwrap_or_default()
                    } else {
                        m.name.clone()
                    };
                    self.flows.push(Flow {
                        id: FlowId(self.flow_ids.unique(&m.id)),
                        from,
                        to,
                        label: String::new(),
                        handover,
                    });
                }
                _ => self.notes.add(
                    Some(&m.id),
                    format!(
                        "the message flow{} was left out: it starts or ends at a pool rather than at a step",
                        quoted(&m.name)
                    ),
                ),
            }
        }
    }

    /// The map node that stands for a BPMN node: itself, or the sub-process it sits in,
    /// past folded gateways. `None` for a pool or anything not in the map.
    fn top_of(&self, id: &str) -> Option<NodeId> {
        let n = self.bpmn_node.get(id)?;
        let top = match n.inside {
            Some(c) => self.model.nodes[c].id.as_str(),
            None => id,
        };
        let top = Self::resolve(&self.merge_next, &Self::resolve(&self.split_prev, top));
        self.node_ids.get(top.as_str()).cloned()
    }
}

fn is_default_of(flow: &str, source: &str, nodes: &HashMap<&str, &NodeDef>) -> bool {
    nodes
        .get(source)
        .is_some_and(|n| n.default_flow.as_deref() == Some(flow))
}
