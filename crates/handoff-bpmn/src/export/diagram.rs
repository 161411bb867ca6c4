//! Phase 3: the diagram (BPMN DI): a shape for the pool, each lane, each node and each
//! added gateway, then an edge with right-angled waypoints for each sequence flow.

use std::collections::HashMap;
use std::fmt::Write as _;

use handoff_core::layout::route::route;
use handoff_core::layout::{Band, Rect, LANE_HEADER_WIDTH, MIN_LANE_HEIGHT};
use handoff_core::{LaneId, NodeTag};

use super::xml::num;
use super::Writer;

impl Writer<'_> {
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
            let label = match n.tag() {
                NodeTag::Step => None,
                _ if n.label.is_empty() => None,
                _ => Some(label_below(&r, &n.label)),
            };
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

    /// The edges, each with its waypoints and, when named, a label by its first segment;
    /// closes the diagram and the file.
    pub(super) fn edges(&mut self) {
        let o = &mut self.out;
        for f in &self.seq.flows {
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
            if !f.name.is_empty() {
                let (x0, y0) = points[0];
                let (x1, y1) = points[1];
                let r = Rect {
                    x: (x0 + x1) / 2.0 - 45.0,
                    y: (y0 + y1) / 2.0 - 20.0,
                    width: 90.0,
                    height: 14.0,
                };
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

/// Where bpmn.io puts the label of an event or gateway: centred below it, about 14 units
/// per line of 18 characters.
fn label_below(r: &Rect, text: &str) -> Rect {
    let lines = (text.chars().count() / 18 + 1) as f64;
    Rect {
        x: r.center_x() - 45.0,
        y: r.bottom() + 5.0,
        width: 90.0,
        height: 14.0 * lines,
    }
}
