//! Phase 3: the diagram (BPMN DI): a shape for the pool, each lane, each node and each
//! added gateway, then an edge with right-angled waypoints for each sequence flow.
//!
//! Names drawn outside their element (events, gateways, sequence flows) get label bounds
//! from the core's label placement, run on this diagram's own geometry (the gateways the
//! export adds are shapes too), so that no name covers a shape, a lane's name band or
//! another name. bpmn.io centres an external label's text on its bounds and wraps it at
//! 90 px, so labels are set at most [`BPMN_IO_WRAP`] wide and the bounds written are the
//! text's own box.

use std::collections::HashMap;
use std::fmt::Write as _;

use handoff_core::layout::labels::{
    place, Anchor, LabelKind, Request, Scene, CAPTION_PAD, PAD_X, PAD_Y,
};
use handoff_core::layout::route::route;
use handoff_core::layout::{Band, Rect, LANE_HEADER_WIDTH, MIN_LANE_HEIGHT};
use handoff_core::{LaneId, NodeTag};

use super::xml::num;
use super::Writer;

/// The widest line bpmn.io sets an external label in (its renderer wraps at 90 px), less a
/// little because its Arial and this measure differ.
const BPMN_IO_WRAP: f64 = 86.0;

impl Writer<'_> {
    /// The left edge of the lanes' content: right of the pool's name band and, when there
    /// are lanes, of theirs.
    fn content_left(&self) -> f64 {
        if self.doc.process.lanes.is_empty() {
            LANE_HEADER_WIDTH
        } else {
            2.0 * LANE_HEADER_WIDTH
        }
    }

    /// Places the names of events, gateways and sequence flows (see the module docs).
    pub(super) fn place_labels(&mut self) {
        let p = &self.doc.process;
        let left = self.content_left();
        let mut shapes = self.rects.clone();
        shapes.extend(self.added.iter().map(|g| g.rect));
        let height = self.layout.height().max(MIN_LANE_HEIGHT);
        let mut headers = vec![Rect {
            x: 0.0,
            y: 0.0,
            width: left,
            height,
        }];
        headers.extend(self.layout.bands.iter().map(|b| Rect {
            x: 0.0,
            y: b.top,
            width: left,
            height: b.height,
        }));
        let scene = Scene {
            shapes,
            headers,
            area: Rect {
                x: left,
                y: 0.0,
                width: self.layout.content_width,
                height,
            },
            arrows: self
                .seq
                .flows
                .iter()
                .map(|f| route(&f.from, &f.to).points)
                .collect(),
        };
        // Which node or flow each request is for.
        let mut owners: Vec<(bool, usize)> = Vec::new();
        let mut requests = Vec::new();
        for (i, n) in p.nodes.iter().enumerate() {
            if n.tag() != NodeTag::Step && !n.label.trim().is_empty() {
                let band = self.layout.band(n.lane.as_ref());
                owners.push((true, i));
                requests.push(Request {
                    kind: LabelKind::Caption,
                    text: n.label.trim().to_owned(),
                    anchor: Anchor::Shape(i),
                    within: band.map(|b| (b.top, b.top + b.height)),
                    text_width: Some(BPMN_IO_WRAP),
                });
            }
        }
        for (k, f) in self.seq.flows.iter().enumerate() {
            if !f.name.trim().is_empty() {
                owners.push((false, k));
                requests.push(Request {
                    kind: LabelKind::Branch,
                    text: f.name.trim().to_owned(),
                    anchor: Anchor::Arrow(k),
                    within: None,
                    text_width: Some(BPMN_IO_WRAP),
                });
            }
        }
        self.node_labels = vec![None; p.nodes.len()];
        self.flow_labels = vec![None; self.seq.flows.len()];
        for ((node, at), label) in owners.into_iter().zip(place(&scene, &requests)) {
            // The text's own box: bpmn.io draws no badge around it.
            let pad = if node {
                (CAPTION_PAD, CAPTION_PAD)
            } else {
                (PAD_X, PAD_Y)
            };
            let r = label.rect;
            let text = Rect {
                x: r.x + pad.0,
                y: r.y + pad.1,
                width: r.width - 2.0 * pad.0,
                height: r.height - 2.0 * pad.1,
            };
            if node {
                self.node_labels[at] = Some(text);
            } else {
                self.flow_labels[at] = Some(text);
            }
        }
    }

    /// Opens the diagram and writes the shapes: the pool, its lanes, the nodes (each with
    /// its exact map position) and the added gateways.
    pub(super) fn shapes(&mut self) {
        let p = &self.doc.process;
        let (o, file) = (&mut self.out, &self.file);
        let _ = writeln!(o, "  <bpmndi:BPMNDiagram id=\"{}\">", file.diagram);
        let _ = writeln!(
            o,
            "    <bpmndi:BPMNPlane id=\"{}\" bpmnElement=\"{}\">",
            file.plane, file.collaboration
        );
        let width = 2.0 * LANE_HEADER_WIDTH + self.layout.content_width;
        let height = self.layout.height().max(MIN_LANE_HEIGHT);
        shape(
            o,
            &file.participant,
            Rect {
                x: 0.0,
                y: 0.0,
                width,
                height,
            },
            " isHorizontal=\"true\"",
            None,
        );
        let band_of: HashMap<&LaneId, &Band> = self
            .layout
            .bands
            .iter()
            .rev()
            .filter_map(|b| Some((b.lane.as_ref()?, b)))
            .collect();
        for (lane, lane_id) in p.lanes.iter().zip(&self.lane_ids) {
            if let Some(b) = band_of.get(&lane.id) {
                let r = Rect {
                    x: LANE_HEADER_WIDTH,
                    y: b.top,
                    width: width - LANE_HEADER_WIDTH,
                    height: b.height,
                };
                shape(o, lane_id, r, " isHorizontal=\"true\"", None);
            }
        }
        for (i, n) in p.nodes.iter().enumerate() {
            let r = self.rects[i];
            // The exact map position rides along so that a round trip is bit-exact.
            let extra = format!(
                "{} handoff:x=\"{}\" handoff:y=\"{}\"",
                if n.tag() == NodeTag::Decision {
                    " isMarkerVisible=\"true\""
                } else {
                    ""
                },
                num(n.position.x),
                num(n.position.y)
            );
            let label = self.node_labels.get(i).copied().flatten();
            shape(o, &self.node_ids[i], r, &extra, label);
        }
        for g in &self.added {
            let extra = if g.parallel {
                ""
            } else {
                " isMarkerVisible=\"true\""
            };
            shape(o, &g.id, g.rect, extra, None);
        }
    }

    /// The edges, each with its waypoints and, when named, its label's bounds; closes the
    /// diagram and the file.
    pub(super) fn edges(&mut self) {
        let o = &mut self.out;
        for (k, f) in self.seq.flows.iter().enumerate() {
            let points = route(&f.from, &f.to).points;
            let _ = writeln!(
                o,
                "      <bpmndi:BPMNEdge id=\"{}_di\" bpmnElement=\"{}\">",
                f.id, f.id
            );
            for (x, y) in &points {
                let _ = writeln!(
                    o,
                    "        <di:waypoint x=\"{}\" y=\"{}\" />",
                    num(*x),
                    num(*y)
                );
            }
            if let Some(r) = self.flow_labels.get(k).copied().flatten() {
                label(o, r);
            }
            o.push_str("      </bpmndi:BPMNEdge>\n");
        }
        o.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
    }
}

fn shape(o: &mut String, id: &str, r: Rect, extra: &str, label_at: Option<Rect>) {
    let _ = writeln!(
        o,
        "      <bpmndi:BPMNShape id=\"{id}_di\" bpmnElement=\"{id}\"{extra}>"
    );
    let _ = writeln!(
        o,
        "        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />",
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    );
    if let Some(l) = label_at {
        label(o, l);
    }
    o.push_str("      </bpmndi:BPMNShape>\n");
}

fn label(o: &mut String, r: Rect) {
    let _ = writeln!(
        o,
        "        <bpmndi:BPMNLabel><dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" /></bpmndi:BPMNLabel>",
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    );
}
