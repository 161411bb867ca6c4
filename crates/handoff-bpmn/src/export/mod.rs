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
//! nodes at `content left + x`, `lane top + y`. Arrows are routed by
//! [`handoff_core::layout::route`], as the canvas and the PDF map route them. Each
//! node's shape also carries the map position itself (`handoff:x`, `handoff:y`), because
//! adding and subtracting lane offsets in floating point is not always exact; the importer
//! uses it only while the shape still sits where the position says.
//!
//! Arrows whose source or target is missing from the map cannot be written and are left
//! out; `handoff_core::check` reports them as `broken-flow`.
//!
//! The writer runs in named phases over one `Writer`, each reading what the phases
//! before it found and appending to one string in document order:
//!
//! 1. `gateways`: the implicit merges and splits made explicit, and every sequence
//!    flow as written (with the added gateways' own);
//! 2. `process`: `definitions` with the collaboration and its one participant, then the
//!    process: its header, lanes, flow nodes and sequence flows;
//! 3. `diagram`: the labels placed (by [`handoff_core::layout::labels`], among every shape
//!    of the diagram, the added gateways included), the diagram's shapes (pool, lanes,
//!    nodes, added gateways), then its edges.

mod diagram;
mod gateways;
mod process;
mod xml;

use std::collections::HashMap;

use handoff_core::layout::{layout, Layout, Rect, LANE_HEADER_WIDTH};
use handoff_core::{Document, Flow, NodeId};

use self::xml::{finite, Ids};

/// Writes the map as BPMN 2.0 XML (UTF-8, with BPMN DI).
///
/// Deterministic: the same document always gives the same text. Never fails: arrows
/// whose ends are missing are left out (the map's checks report them).
///
/// # Complexity
/// Linear in the size of the map.
pub fn export(doc: &Document) -> String {
    let mut w = Writer::new(doc);
    w.gateways();
    w.sequence_flows();
    w.definitions();
    w.process_header();
    w.lanes();
    w.nodes();
    w.flows();
    w.place_labels();
    w.shapes();
    w.edges();
    w.out
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

/// Every sequence flow to write, and which of them enter and leave each element.
#[derive(Default)]
struct Sequence<'a> {
    flows: Vec<SeqFlow<'a>>,
    /// Element id → the flows (indices into `flows`) entering it, in order.
    incoming: HashMap<String, Vec<usize>>,
    /// Element id → the flows leaving it, in order.
    outgoing: HashMap<String, Vec<usize>>,
}

impl<'a> Sequence<'a> {
    fn new(flows: Vec<SeqFlow<'a>>) -> Self {
        let mut incoming: HashMap<String, Vec<usize>> = HashMap::new();
        let mut outgoing: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, f) in flows.iter().enumerate() {
            outgoing.entry(f.source.clone()).or_default().push(k);
            incoming.entry(f.target.clone()).or_default().push(k);
        }
        Sequence {
            flows,
            incoming,
            outgoing,
        }
    }

    fn entering(&self, id: &str) -> impl Iterator<Item = &SeqFlow<'a>> {
        let ks = self.incoming.get(id).map_or(&[][..], Vec::as_slice);
        ks.iter().map(|&k| &self.flows[k])
    }

    fn leaving(&self, id: &str) -> impl Iterator<Item = &SeqFlow<'a>> {
        let ks = self.outgoing.get(id).map_or(&[][..], Vec::as_slice);
        ks.iter().map(|&k| &self.flows[k])
    }
}

/// The ids of the elements written once per file.
struct FileIds {
    process: String,
    participant: String,
    collaboration: String,
    definitions: String,
    lane_set: String,
    diagram: String,
    plane: String,
}

/// The state of one export. Ids are allocated in a fixed order (nodes, flows, lanes, the
/// file's own elements, then added gateways), so the same map always gets the same ids.
struct Writer<'a> {
    doc: &'a Document,
    layout: Layout,
    out: String,
    ids: Ids,
    /// Per node of the map: its BPMN id and its box in the diagram.
    node_ids: Vec<String>,
    rects: Vec<Rect>,
    /// The arrows whose ends are both in the map, with the indices of their ends.
    arrows: Vec<(&'a Flow, usize, usize)>,
    /// Per arrow: its BPMN id.
    arrow_ids: Vec<String>,
    /// Per lane of the map: its BPMN id.
    lane_ids: Vec<String>,
    file: FileIds,

    // Gateways.
    /// Node → its merge in [`Writer::added`].
    merge_of: HashMap<usize, usize>,
    /// Node → its split in [`Writer::added`].
    split_of: HashMap<usize, usize>,
    added: Vec<Added>,
    /// Every sequence flow as written: the arrows, then the added gateways' own.
    seq: Sequence<'a>,

    // Labels, placed by the diagram phase before it writes shapes.
    /// Per node: the bounds of its name outside its shape (events and gateways).
    node_labels: Vec<Option<Rect>>,
    /// Per sequence flow in [`Writer::seq`]: the bounds of its name.
    flow_labels: Vec<Option<Rect>>,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document) -> Self {
        let p = &doc.process;
        let layout = layout(p);
        let mut ids = Ids::default();
        let node_ids = p.nodes.iter().map(|n| ids.alloc(&n.id.0)).collect();
        // The pool's name band, then (when there are lanes) the lanes' name bands.
        let content_left = if p.lanes.is_empty() {
            LANE_HEADER_WIDTH
        } else {
            2.0 * LANE_HEADER_WIDTH
        };
        let rects = layout
            .node_rects(p)
            .into_iter()
            .map(|r| Rect {
                x: finite(content_left + r.x),
                y: finite(r.y),
                ..r
            })
            .collect();
        let index: HashMap<&NodeId, usize> = p
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (&n.id, i))
            .collect();
        let arrows: Vec<_> = p
            .flows
            .iter()
            .filter_map(|f| Some((f, *index.get(&f.from)?, *index.get(&f.to)?)))
            .collect();
        let arrow_ids = arrows.iter().map(|(f, _, _)| ids.alloc(&f.id.0)).collect();
        let lane_ids = p.lanes.iter().map(|l| ids.alloc(&l.id.0)).collect();
        let file = FileIds {
            process: ids.alloc(&format!("Process_{}", p.id.0)),
            participant: ids.alloc(&format!("Participant_{}", p.id.0)),
            collaboration: ids.alloc("Collaboration_1"),
            definitions: ids.alloc("Definitions_1"),
            lane_set: ids.alloc("LaneSet_1"),
            diagram: ids.alloc("BPMNDiagram_1"),
            plane: ids.alloc("BPMNPlane_1"),
        };
        Writer {
            doc,
            layout,
            out: String::with_capacity(1024 + p.nodes.len() * 900),
            ids,
            node_ids,
            rects,
            arrows,
            arrow_ids,
            lane_ids,
            file,
            merge_of: HashMap::new(),
            split_of: HashMap::new(),
            added: Vec::new(),
            seq: Sequence::default(),
            node_labels: Vec::new(),
            flow_labels: Vec::new(),
        }
    }
}
