//! Phase 1: where BPMN needs an explicit gateway that the map leaves implicit, one is
//! added: a merging exclusive gateway in front of any node (other than a parallel join)
//! that several arrows enter, and a splitting gateway after a step, start, outcome or
//! join that several arrows leave (exclusive when every arrow is labelled, parallel
//! otherwise). Then every sequence flow is listed as it will be written.

use handoff_core::layout::Rect;
use handoff_core::NodeTag;

use super::{Added, SeqFlow, Sequence, Writer};

impl Writer<'_> {
    /// Fills `added`, `merge_of` and `split_of`.
    pub(super) fn gateways(&mut self) {
        let p = &self.doc.process;
        let mut ins = vec![0usize; p.nodes.len()];
        let mut outs = vec![0usize; p.nodes.len()];
        let mut out_all_labelled = vec![true; p.nodes.len()];
        for (f, a, b) in &self.arrows {
            outs[*a] += 1;
            ins[*b] += 1;
            if f.label.trim().is_empty() {
                out_all_labelled[*a] = false;
            }
        }
        for (i, n) in p.nodes.iter().enumerate() {
            let r = self.rects[i];
            if ins[i] > 1 && n.tag() != NodeTag::ParallelJoin {
                let id = self.ids.alloc(&format!("{}_merge", self.node_ids[i]));
                let flow = self.ids.alloc(&format!("{id}_out"));
                self.merge_of.insert(i, self.added.len());
                self.added.push(Added {
                    id,
                    role: "merge",
                    parallel: false,
                    node: i,
                    flow,
                    rect: Rect {
                        x: r.x - 60.0,
                        y: r.center_y() - 25.0,
                        width: 50.0,
                        height: 50.0,
                    },
                });
            }
            let implicit_split = matches!(
                n.tag(),
                NodeTag::Step | NodeTag::Start | NodeTag::Outcome | NodeTag::ParallelJoin
            );
            if outs[i] > 1 && implicit_split {
                let id = self.ids.alloc(&format!("{}_split", self.node_ids[i]));
                let flow = self.ids.alloc(&format!("{id}_in"));
                self.split_of.insert(i, self.added.len());
                self.added.push(Added {
                    id,
                    role: "split",
                    parallel: n.tag() == NodeTag::ParallelJoin || !out_all_labelled[i],
                    node: i,
                    flow,
                    rect: Rect {
                        x: r.right() + 10.0,
                        y: r.center_y() - 25.0,
                        width: 50.0,
                        height: 50.0,
                    },
                });
            }
        }
    }

    /// Fills `seq` with every sequence flow and its drawn ends: the arrows, then the
    /// added gateways' own.
    pub(super) fn sequence_flows(&mut self) {
        let p = &self.doc.process;
        let added = &self.added;
        let mut seq: Vec<SeqFlow<'_>> = Vec::with_capacity(self.arrows.len() + added.len());
        for ((f, a, b), id) in self.arrows.iter().zip(&self.arrow_ids) {
            let (source, from, exclusive_source) = match self.split_of.get(a) {
                Some(&s) => (added[s].id.clone(), added[s].rect, !added[s].parallel),
                None => (
                    self.node_ids[*a].clone(),
                    self.rects[*a],
                    p.nodes[*a].tag() == NodeTag::Decision,
                ),
            };
            let (target, to) = match self.merge_of.get(b) {
                Some(&m) => (added[m].id.clone(), added[m].rect),
                None => (self.node_ids[*b].clone(), self.rects[*b]),
            };
            seq.push(SeqFlow {
                original: (id != &f.id.0).then_some(f.id.0.as_str()),
                id: id.clone(),
                name: &f.label,
                source,
                target,
                condition: exclusive_source && !f.label.trim().is_empty(),
                handover: &f.handover,
                from,
                to,
            });
        }
        for g in added {
            let node = self.node_ids[g.node].clone();
            let r = self.rects[g.node];
            let (source, target, from, to) = if g.role == "merge" {
                (g.id.clone(), node, g.rect, r)
            } else {
                (node, g.id.clone(), r, g.rect)
            };
            seq.push(SeqFlow {
                id: g.flow.clone(),
                original: None,
                name: "",
                source,
                target,
                condition: false,
                handover: "",
                from,
                to,
            });
        }
        self.seq = Sequence::new(seq);
    }
}
