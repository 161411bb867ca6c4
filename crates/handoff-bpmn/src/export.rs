//! From a map to BPMN 2.0 XML with diagram interchange (DI).
//!
//! The file holds one collaboration with one pool (the process) and one lane per lane of
//! the map, named after its seat. Steps become tasks, decisions exclusive gateways,
//! parallel splits and joins parallel gateways, starts start events and outcomes end
//! events. Branch labels become flow names and, on arrows leaving a decision, condition
//! expressions too (BPMN wants every branch of a gateway to carry one). Instructions
//! become `documentation`; what BPMN has no element for travels as JSON in
//! `extensionElements` (see [`crate::header`]).
//!
//! Where BPMN needs an explicit gateway that a Handoff map leaves implicit, one is added
//! and marked `handoff:role`: a merging exclusive gateway in front of any node (other than
//! a parallel join) that several arrows enter, and a splitting gateway after a step, start
//! or join that several arrows leave (exclusive when every arrow is labelled, parallel
//! otherwise). The importer folds these away again.
//!
//! Geometry comes from [`handoff_core::layout`]: the pool is drawn at the origin with a
//! name band of [`LANE_HEADER_WIDTH`], its lanes right of that band with their own, and
//! nodes at `content left + x`, `lane top + y`. Arrows are routed with right angles. Each
//! node's shape also carries the map position itself (`handoff:x`, `handoff:y`), because
//! adding and subtracting lane offsets in floating point is not always exact; the importer
//! uses it only while the shape still sits where the position says.
//!
//! Arrows whose source or target is missing from the map cannot be written and are left
//! out; `handoff_core::check` reports them as `broken-flow`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use handoff_core::layout::{layout, node_size, Layout, LANE_HEADER_WIDTH};
use handoff_core::{Document, Node, NodeId, NodeTag};

use crate::header::{details_without_instructions, Header};
use crate::{BPMNDI_NS, BPMN_NS, DC_NS, DI_NS, HANDOFF_NS};

/// Writes the map as BPMN 2.0 XML (UTF-8, with BPMN DI).
///
/// Deterministic: the same document always gives the same text. Never fails: arrows
/// whose ends are missing are left out (the map's checks report them).
///
/// # Complexity
/// Linear in the size of the map.
pub fn export(doc: &Document) -> String {
    Writer::new(doc).write()
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    fn right(&self) -> f64 {
        self.x + self.w
    }
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// A gateway the exporter adds around a node.
#[derive(Debug, Clone)]
struct Added {
    id: String,
    role: &'static str,
    parallel: bool,
    /// The node it merges into or splits from.
    node: usize,
    /// The id of the arrow between it and its node.
    flow: String,
    rect: Rect,
}

/// One `sequenceFlow` to write.
struct SeqFlow<'a> {
    id: String,
    original: Option<&'a str>,
    name: &'a str,
    source: String,
    target: String,
    condition: bool,
    handover: &'a str,
    from: Rect,
    to: Rect,
}

struct Writer<'a> {
    doc: &'a Document,
    layout: Layout,
    out: String,
    ids: Ids,
    node_ids: Vec<String>,
    rects: Vec<Rect>,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document) -> Self {
        let layout = layout(&doc.process);
        let mut ids = Ids::default();
        let node_ids = doc
            .process
            .nodes
            .iter()
            .map(|n| ids.alloc(&n.id.0))
            .collect();
        // The pool's name band, then (when there are lanes) the lanes' name bands.
        let content_left = if doc.process.lanes.is_empty() {
            LANE_HEADER_WIDTH
        } else {
            2.0 * LANE_HEADER_WIDTH
        };
        let rects = doc
            .process
            .nodes
            .iter()
            .map(|n| {
                let size = node_size(n.tag());
                let top = layout.band(n.lane.as_ref()).map_or(0.0, |b| b.top);
                Rect {
                    x: finite(content_left + n.position.x),
                    y: finite(top + n.position.y),
                    w: size.width,
                    h: size.height,
                }
            })
            .collect();
        Writer {
            doc,
            layout,
            out: String::with_capacity(1024 + doc.process.nodes.len() * 900),
            ids,
            node_ids,
            rects,
        }
    }

    fn write(mut self) -> String {
        let p = &self.doc.process;
        let index: HashMap<&NodeId, usize> = p
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (&n.id, i))
            .collect();
        let flows: Vec<_> = p
            .flows
            .iter()
            .filter_map(|f| Some((f, *index.get(&f.from)?, *index.get(&f.to)?)))
            .collect();
        let flow_ids: Vec<String> = flows
            .iter()
            .map(|(f, _, _)| self.ids.alloc(&f.id.0))
            .collect();
        let lane_ids: Vec<String> = p.lanes.iter().map(|l| self.ids.alloc(&l.id.0)).collect();
        let process_id = self.ids.alloc(&format!("Process_{}", p.id.0));
        let participant_id = self.ids.alloc(&format!("Participant_{}", p.id.0));
        let collaboration_id = self.ids.alloc("Collaboration_1");
        let definitions_id = self.ids.alloc("Definitions_1");
        let lane_set_id = self.ids.alloc("LaneSet_1");
        let diagram_id = self.ids.alloc("BPMNDiagram_1");
        let plane_id = self.ids.alloc("BPMNPlane_1");

        // Implicit merges and splits made explicit.
        let mut ins = vec![0usize; p.nodes.len()];
        let mut outs = vec![0usize; p.nodes.len()];
        let mut out_all_labelled = vec![true; p.nodes.len()];
        for (f, a, b) in &flows {
            outs[*a] += 1;
            ins[*b] += 1;
            if f.label.trim().is_empty() {
                out_all_labelled[*a] = false;
            }
        }
        let mut merge_of: HashMap<usize, usize> = HashMap::new();
        let mut split_of: HashMap<usize, usize> = HashMap::new();
        let mut added: Vec<Added> = Vec::new();
        for (i, n) in p.nodes.iter().enumerate() {
            let r = self.rects[i];
            if ins[i] > 1 && n.tag() != NodeTag::ParallelJoin {
                let id = self.ids.alloc(&format!("{}_merge", self.node_ids[i]));
                let flow = self.ids.alloc(&format!("{id}_out"));
                merge_of.insert(i, added.len());
                added.push(Added {
                    id,
                    role: "merge",
                    parallel: false,
                    node: i,
                    flow,
                    rect: Rect {
                        x: r.x - 60.0,
                        y: r.cy() - 25.0,
                        w: 50.0,
                        h: 50.0,
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
                split_of.insert(i, added.len());
                added.push(Added {
                    id,
                    role: "split",
                    parallel: n.tag() == NodeTag::ParallelJoin || !out_all_labelled[i],
                    node: i,
                    flow,
                    rect: Rect {
                        x: r.right() + 10.0,
                        y: r.cy() - 25.0,
                        w: 50.0,
                        h: 50.0,
                    },
                });
            }
        }

        // Every sequence flow as written, with its drawn ends.
        let mut seq: Vec<SeqFlow<'a>> = Vec::with_capacity(flows.len() + added.len());
        for ((f, a, b), id) in flows.iter().zip(&flow_ids) {
            let (source, from, exclusive_source) = match split_of.get(a) {
                Some(&s) => (added[s].id.clone(), added[s].rect, !added[s].parallel),
                None => (
                    self.node_ids[*a].clone(),
                    self.rects[*a],
                    p.nodes[*a].tag() == NodeTag::Decision,
                ),
            };
            let (target, to) = match merge_of.get(b) {
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
        for g in &added {
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
        let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut outgoing: HashMap<&str, Vec<&str>> = HashMap::new();
        for f in &seq {
            outgoing.entry(f.source.as_str()).or_default().push(&f.id);
            incoming.entry(f.target.as_str()).or_default().push(&f.id);
        }

        // <definitions>
        let o = &mut self.out;
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            o,
            "<bpmn:definitions xmlns:bpmn=\"{BPMN_NS}\" xmlns:bpmndi=\"{BPMNDI_NS}\" xmlns:dc=\"{DC_NS}\" xmlns:di=\"{DI_NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:handoff=\"{HANDOFF_NS}\" id=\"{definitions_id}\" targetNamespace=\"http://bpmn.io/schema/bpmn\" exporter=\"Handoff\" exporterVersion=\"{}\">",
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(o, "  <bpmn:collaboration id=\"{collaboration_id}\">");
        let _ = writeln!(
            o,
            "    <bpmn:participant id=\"{participant_id}\" name=\"{}\" processRef=\"{process_id}\" />",
            attr(&p.name)
        );
        o.push_str("  </bpmn:collaboration>\n");

        // <process>
        let _ = writeln!(
            o,
            "  <bpmn:process id=\"{process_id}\" name=\"{}\" isExecutable=\"false\">",
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
        if !p.lanes.is_empty() {
            let _ = writeln!(o, "    <bpmn:laneSet id=\"{lane_set_id}\">");
            for (lane, lane_id) in p.lanes.iter().zip(&lane_ids) {
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
                for (i, n) in p.nodes.iter().enumerate() {
                    if n.lane.as_ref() != Some(&lane.id) {
                        continue;
                    }
                    if let Some(&m) = merge_of.get(&i) {
                        let _ = writeln!(
                            o,
                            "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                            added[m].id
                        );
                    }
                    let _ = writeln!(
                        o,
                        "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                        self.node_ids[i]
                    );
                    if let Some(&s) = split_of.get(&i) {
                        let _ = writeln!(
                            o,
                            "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                            added[s].id
                        );
                    }
                }
                o.push_str("      </bpmn:lane>\n");
            }
            o.push_str("    </bpmn:laneSet>\n");
        }
        let empty: Vec<&str> = Vec::new();
        let arrows = |o: &mut String, id: &str| {
            for f in incoming.get(id).unwrap_or(&empty) {
                let _ = writeln!(o, "      <bpmn:incoming>{f}</bpmn:incoming>");
            }
            for f in outgoing.get(id).unwrap_or(&empty) {
                let _ = writeln!(o, "      <bpmn:outgoing>{f}</bpmn:outgoing>");
            }
        };
        for (i, n) in p.nodes.iter().enumerate() {
            let id = &self.node_ids[i];
            let element = element_of(n);
            let _ = write!(o, "    <bpmn:{element} id=\"{id}\"");
            if !n.label.is_empty() {
                let _ = write!(o, " name=\"{}\"", attr(&n.label));
            }
            original_id(o, &n.id.0, id);
            if n.tag() == NodeTag::Decision {
                let default = seq
                    .iter()
                    .find(|f| &f.source == id && f.name.trim().is_empty());
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
            arrows(o, id);
            let _ = writeln!(o, "    </bpmn:{element}>");
        }
        for g in &added {
            let element = if g.parallel {
                "parallelGateway"
            } else {
                "exclusiveGateway"
            };
            let _ = write!(
                o,
                "    <bpmn:{element} id=\"{}\" handoff:role=\"{}\"",
                g.id, g.role
            );
            if g.role == "split" && !g.parallel {
                o.push_str(" name=\"Which way?\"");
            }
            o.push_str(">\n");
            arrows(o, &g.id);
            let _ = writeln!(o, "    </bpmn:{element}>");
        }
        for f in &seq {
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

        // Diagram.
        let _ = writeln!(o, "  <bpmndi:BPMNDiagram id=\"{diagram_id}\">");
        let _ = writeln!(
            o,
            "    <bpmndi:BPMNPlane id=\"{plane_id}\" bpmnElement=\"{collaboration_id}\">"
        );
        let width = 2.0 * LANE_HEADER_WIDTH + self.layout.content_width;
        let height = self
            .layout
            .height()
            .max(handoff_core::layout::MIN_LANE_HEIGHT);
        shape(
            o,
            &participant_id,
            Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h: height,
            },
            " isHorizontal=\"true\"",
            None,
        );
        for (lane, lane_id) in p.lanes.iter().zip(&lane_ids) {
            if let Some(b) = self
                .layout
                .band(Some(&lane.id))
                .filter(|b| b.lane.as_ref() == Some(&lane.id))
            {
                let r = Rect {
                    x: LANE_HEADER_WIDTH,
                    y: b.top,
                    w: width - LANE_HEADER_WIDTH,
                    h: b.height,
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
        for g in &added {
            let extra = if g.parallel {
                ""
            } else {
                " isMarkerVisible=\"true\""
            };
            shape(o, &g.id, g.rect, extra, None);
        }
        for f in &seq {
            let points = route(&f.from, &f.to);
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
                    w: 90.0,
                    h: 14.0,
                };
                label(o, r);
            }
            o.push_str("      </bpmndi:BPMNEdge>\n");
        }
        o.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
        self.out
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

/// `handoff:id` when the BPMN id had to differ from the map's.
fn original_id(o: &mut String, original: &str, written: &str) {
    if original != written {
        let _ = write!(o, " handoff:id=\"{}\"", attr(original));
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
        num(r.w),
        num(r.h)
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
        num(r.w),
        num(r.h)
    );
}

/// Where bpmn.io puts the label of an event or gateway: centred below it, about 14 units
/// per line of 18 characters.
fn label_below(r: &Rect, text: &str) -> Rect {
    let lines = (text.chars().count() / 18 + 1) as f64;
    Rect {
        x: r.cx() - 45.0,
        y: r.bottom() + 5.0,
        w: 90.0,
        h: 14.0 * lines,
    }
}

/// Right-angled waypoints from one box to another: out of the right side into the left
/// side when the target lies to the right, otherwise out of the bottom, below both boxes
/// and up into the target's bottom.
fn route(a: &Rect, b: &Rect) -> Vec<(f64, f64)> {
    if b.x >= a.right() {
        let s = (a.right(), a.cy());
        let t = (b.x, b.cy());
        if (s.1 - t.1).abs() < 0.5 {
            vec![s, (t.0, s.1)]
        } else {
            let mx = (s.0 + t.0) / 2.0;
            vec![s, (mx, s.1), (mx, t.1), t]
        }
    } else if b.cy() > a.bottom() {
        let my = (a.bottom() + b.y) / 2.0;
        vec![
            (a.cx(), a.bottom()),
            (a.cx(), my),
            (b.cx(), my),
            (b.cx(), b.y),
        ]
    } else {
        let below = a.bottom().max(b.bottom()) + 25.0;
        vec![
            (a.cx(), a.bottom()),
            (a.cx(), below),
            (b.cx(), below),
            (b.cx(), b.bottom()),
        ]
    }
}

/// Allocates unique XML ids (NCNames) for the map's ids.
#[derive(Debug, Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn alloc(&mut self, wanted: &str) -> String {
        let mut base: String = wanted
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if !base
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        {
            base.insert(0, '_');
        }
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The shortest text that reads back as the same number.
fn num(v: f64) -> String {
    format!("{}", finite(v))
}

/// Escapes an attribute value; line breaks and tabs as character references so they
/// survive attribute-value normalisation.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Escapes element text.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Characters XML 1.0 allows in a document (control characters other than tab and line
/// breaks are not allowed, even escaped).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
