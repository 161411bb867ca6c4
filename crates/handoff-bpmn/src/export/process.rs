//! Phase 2: the semantic part of the file: `definitions` with the collaboration and its
//! participant, then the process with its header, lanes, flow nodes (the map's and the
//! added gateways) and sequence flows.

use std::collections::HashMap;
use std::fmt::Write as _;

use handoff_core::{LaneId, Node, NodeTag};

use super::xml::{attr, original_id, text};
use super::{Sequence, Writer};
use crate::header::{details_without_instructions, Header};
use crate::{BPMNDI_NS, BPMN_NS, DC_NS, DI_NS, HANDOFF_NS};

impl Writer<'_> {
    /// The XML declaration, `<definitions>` and the collaboration with its participant.
    pub(super) fn definitions(&mut self) {
        let p = &self.doc.process;
        let (o, file) = (&mut self.out, &self.file);
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            o,
            "<bpmn:definitions xmlns:bpmn=\"{BPMN_NS}\" xmlns:bpmndi=\"{BPMNDI_NS}\" xmlns:dc=\"{DC_NS}\" xmlns:di=\"{DI_NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:handoff=\"{HANDOFF_NS}\" id=\"{}\" targetNamespace=\"http://bpmn.io/schema/bpmn\" exporter=\"Handoff\" exporterVersion=\"{}\">",
            file.definitions,
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(o, "  <bpmn:collaboration id=\"{}\">", file.collaboration);
        let _ = writeln!(
            o,
            "    <bpmn:participant id=\"{}\" name=\"{}\" processRef=\"{}\" />",
            file.participant,
            attr(&p.name),
            file.process
        );
        o.push_str("  </bpmn:collaboration>\n");
    }

    /// `<process>` with its purpose as documentation and the rest of the header as JSON.
    pub(super) fn process_header(&mut self) {
        let p = &self.doc.process;
        let o = &mut self.out;
        let _ = writeln!(
            o,
            "  <bpmn:process id=\"{}\" name=\"{}\" isExecutable=\"false\">",
            self.file.process,
            attr(&p.name)
        );
        if !p.purpose.is_empty() {
            let _ = writeln!(
                o,
                "    <bpmn:documentation>{}</bpmn:documentation>",
                text(&p.purpose)
            );
        }
        let header = serde_json::to_string(&Header::of(self.doc)).unwrap_or_default();
        let _ = writeln!(
            o,
            "    <bpmn:extensionElements><handoff:process>{}</handoff:process></bpmn:extensionElements>",
            text(&header)
        );
    }

    /// The lane set: one lane per lane of the map, named after its seat (whose details
    /// ride along as JSON), listing its nodes and the gateways added around them.
    pub(super) fn lanes(&mut self) {
        let p = &self.doc.process;
        if p.lanes.is_empty() {
            return;
        }
        // Each lane's nodes, found in one pass rather than by scanning every node per lane.
        let mut members: HashMap<&LaneId, Vec<usize>> = HashMap::new();
        for (i, n) in p.nodes.iter().enumerate() {
            if let Some(lane) = &n.lane {
                members.entry(lane).or_default().push(i);
            }
        }
        let o = &mut self.out;
        let _ = writeln!(o, "    <bpmn:laneSet id=\"{}\">", self.file.lane_set);
        for (lane, lane_id) in p.lanes.iter().zip(&self.lane_ids) {
            let seat = self.doc.seat(&lane.seat);
            let name = seat.map_or(lane.id.0.as_str(), |s| s.name.as_str());
            let _ = write!(
                o,
                "      <bpmn:lane id=\"{lane_id}\" name=\"{}\"",
                attr(name)
            );
            original_id(o, &lane.id.0, lane_id);
            o.push_str(">\n");
            if let Some(seat) = seat {
                let json = serde_json::to_string(seat).unwrap_or_default();
                let _ = writeln!(
                    o,
                    "        <bpmn:extensionElements><handoff:seat>{}</handoff:seat></bpmn:extensionElements>",
                    text(&json)
                );
            }
            for &i in members.get(&lane.id).map_or(&[][..], Vec::as_slice) {
                if let Some(&m) = self.merge_of.get(&i) {
                    let _ = writeln!(
                        o,
                        "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                        self.added[m].id
                    );
                }
                let _ = writeln!(
                    o,
                    "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                    self.node_ids[i]
                );
                if let Some(&s) = self.split_of.get(&i) {
                    let _ = writeln!(
                        o,
                        "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                        self.added[s].id
                    );
                }
            }
            o.push_str("      </bpmn:lane>\n");
        }
        o.push_str("    </bpmn:laneSet>\n");
    }

    /// The flow nodes: the map's nodes (instructions as documentation, other step details
    /// as JSON, a decision's unlabelled branch as its default), then the added gateways.
    pub(super) fn nodes(&mut self) {
        let p = &self.doc.process;
        for (i, n) in p.nodes.iter().enumerate() {
            let id = &self.node_ids[i];
            let element = element_of(n);
            let o = &mut self.out;
            let _ = write!(o, "    <bpmn:{element} id=\"{id}\"");
            if !n.label.is_empty() {
                let _ = write!(o, " name=\"{}\"", attr(&n.label));
            }
            original_id(o, &n.id.0, id);
            if n.tag() == NodeTag::Decision {
                let default = self.seq.leaving(id).find(|f| f.name.trim().is_empty());
                if let Some(f) = default {
                    let _ = write!(o, " default=\"{}\"", f.id);
                }
            }
            o.push_str(">\n");
            if let Some(d) = n.details() {
                if !d.instructions.is_empty() {
                    let _ = writeln!(
                        o,
                        "      <bpmn:documentation>{}</bpmn:documentation>",
                        text(&d.instructions)
                    );
                }
                let rest = details_without_instructions(d);
                if !rest.is_empty() {
                    let json = serde_json::to_string(&rest).unwrap_or_default();
                    let _ = writeln!(
                        o,
                        "      <bpmn:extensionElements><handoff:details>{}</handoff:details></bpmn:extensionElements>",
                        text(&json)
                    );
                }
            }
            references(o, &self.seq, id);
            let _ = writeln!(o, "    </bpmn:{element}>");
        }
        for added in &self.added {
            let element = if added.parallel {
                "parallelGateway"
            } else {
                "exclusiveGateway"
            };
            let o = &mut self.out;
            let _ = write!(
                o,
                "    <bpmn:{element} id=\"{}\" handoff:role=\"{}\"",
                added.id, added.role
            );
            if added.role == "split" && !added.parallel {
                o.push_str(" name=\"Which way?\"");
            }
            o.push_str(">\n");
            references(o, &self.seq, &added.id);
            let _ = writeln!(o, "    </bpmn:{element}>");
        }
    }

    /// The sequence flows (names, conditions on a decision's branches, handed-over items
    /// as extension elements), closing the process.
    pub(super) fn flows(&mut self) {
        let o = &mut self.out;
        for f in &self.seq.flows {
            let _ = write!(
                o,
                "    <bpmn:sequenceFlow id=\"{}\" sourceRef=\"{}\" targetRef=\"{}\"",
                f.id, f.source, f.target
            );
            if !f.name.is_empty() {
                let _ = write!(o, " name=\"{}\"", attr(f.name));
            }
            if let Some(orig) = f.original {
                let _ = write!(o, " handoff:id=\"{}\"", attr(orig));
            }
            if !f.condition && f.handover.is_empty() {
                o.push_str(" />\n");
                continue;
            }
            o.push_str(">\n");
            if !f.handover.is_empty() {
                let _ = writeln!(
                    o,
                    "      <bpmn:extensionElements><handoff:handover>{}</handoff:handover></bpmn:extensionElements>",
                    text(f.handover)
                );
            }
            if f.condition {
                let _ = writeln!(
                    o,
                    "      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:conditionExpression>",
                    text(f.name)
                );
            }
            o.push_str("    </bpmn:sequenceFlow>\n");
        }
        o.push_str("  </bpmn:process>\n");
    }
}

/// The `incoming` and `outgoing` references of the element `id`.
fn references(o: &mut String, seq: &Sequence<'_>, id: &str) {
    for f in seq.entering(id) {
        let _ = writeln!(o, "      <bpmn:incoming>{}</bpmn:incoming>", f.id);
    }
    for f in seq.leaving(id) {
        let _ = writeln!(o, "      <bpmn:outgoing>{}</bpmn:outgoing>", f.id);
    }
}

fn element_of(n: &Node) -> &'static str {
    match n.tag() {
        NodeTag::Start => "startEvent",
        NodeTag::Step => "task",
        NodeTag::Decision => "exclusiveGateway",
        NodeTag::ParallelSplit | NodeTag::ParallelJoin => "parallelGateway",
        NodeTag::Outcome => "endEvent",
    }
}
