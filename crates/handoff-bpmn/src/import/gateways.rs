//! Phase 2: the arrows in and out of every top-level node, and the gateways folded into
//! their arrows. A merging gateway (several arrows in, one out) goes, and its arrows lead
//! straight to the node after it; a splitting gateway the Handoff exporter added goes,
//! and its arrows start at the node before it.

use super::Conversion;

impl Conversion<'_> {
    /// Fills `top_flows`, `incoming`, `outgoing`, `merge_next`, `split_prev`,
    /// `dropped_flows` and `merged_in`.
    pub(super) fn gateways(&mut self) {
        let model = self.model;
        self.top_flows = (0..model.flows.len())
            .filter(|&i| model.flows[i].inside.is_none())
            .collect();
        for &i in &self.top_flows {
            let f = &model.flows[i];
            self.outgoing.entry(f.source.as_str()).or_default().push(i);
            self.incoming.entry(f.target.as_str()).or_default().push(i);
        }

        for n in self.top_nodes() {
            let ins = Self::count(&self.incoming, &n.id);
            let outs = Self::count(&self.outgoing, &n.id);
            let role = n.handoff_role.as_deref();
            // A Handoff export never draws a decision that several arrows enter (it puts a
            // marked merge in front), so an unmarked one was drawn in another tool.
            let foreign_merge = role.is_none()
                && matches!(n.kind.as_str(), "exclusiveGateway" | "inclusiveGateway")
                && ins >= 2
                && outs == 1;
            if role == Some("merge") || foreign_merge {
                if let Some(&f) = self.outgoing.get(n.id.as_str()).and_then(|v| v.first()) {
                    self.merge_next.insert(&n.id, &model.flows[f].target);
                    self.dropped_flows.insert(f);
                    if foreign_merge {
                        let what = if n.name.trim().is_empty() {
                            String::from("a gateway that only merges paths")
                        } else {
                            format!("the merging gateway \"{}\"", n.name.trim())
                        };
                        self.notes.add(
                            Some(&n.id),
                            format!("{what} was folded away: its {ins} incoming arrows now lead straight to the next element"),
                        );
                    }
                }
            } else if role == Some("split") && ins == 1 {
                if let Some(&f) = self.incoming.get(n.id.as_str()).and_then(|v| v.first()) {
                    self.split_prev.insert(&n.id, &model.flows[f].source);
                    self.dropped_flows.insert(f);
                }
            }
        }

        // Arrows that reach a node through folded merges count as its own.
        for (m, t) in &self.merge_next {
            *self.merged_in.entry(t).or_default() +=
                Self::count(&self.incoming, m).saturating_sub(1);
        }
    }
}
