//! From a parsed BPMN [`Model`] to a Handoff [`Document`](handoff_core::Document), with notes on what the map
//! cannot hold.
//!
//! - **Lanes.** Every leaf lane of every pool becomes a lane with a seat of its own; a pool
//!   without lanes becomes one lane; a pool with no process (a "black box" such as the
//!   customer) becomes an empty lane with an external seat. Nested lanes are flattened to
//!   their innermost lanes. Lanes are ordered top to bottom as the diagram draws them.
//! - **Lane membership** comes from the lanes' `flowNodeRef`s. Where a tool leaves a node
//!   out, a boundary event goes with its host, and any other node goes to the lane whose
//!   shape contains the centre of its shape.
//! - **Nodes.** Tasks become steps (documentation → instructions); exclusive, inclusive,
//!   event-based and complex gateways become decisions; parallel gateways become splits
//!   (or joins when they only merge); start and end events become starts and outcomes;
//!   intermediate events, boundary events, call activities and sub-processes (whatever is
//!   inside them) become steps, each with a note. A boundary event gets an arrow from the
//!   activity it is attached to, so the map stays connected.
//! - **Merging gateways** that only join alternative paths (several arrows in, one out)
//!   are folded into their arrows, because a Handoff step simply takes several arrows in.
//!   Gateways the Handoff exporter added (`handoff:role`) are folded silently.
//! - **Flows.** Sequence flows keep their ids, names and conditions as labels; message flows
//!   between pools become handoffs named after the flow or its message.
//! - **Positions.** Shape centres become the centres of the map's nodes, measured from the
//!   left edge of the lanes' content area and from the top of the node's lane, so a file
//!   exported by Handoff comes back with the very same positions.
//!
//! The conversion runs in named phases over one `Conversion`, each in a file of its own
//! and each reading what the phases before it found:
//!
//! 1. `lanes`: bands (the map's lanes) from pools and lanes, their seats, and which band
//!    each node is listed in;
//! 2. `gateways`: arrows in and out of every node, and the merging and splitting
//!    gateways folded into their arrows;
//! 3. `ids`: a unique map id for every node that stays;
//! 4. `nodes`: the nodes, with kind (`kinds`), lane and position;
//! 5. `flows`: sequence flows, then message flows between pools as handoffs;
//! 6. `leftovers`: notes on the elements a map has no place for;
//! 7. `process`: the process header, and the finished document.

mod flows;
mod gateways;
mod ids;
mod kinds;
mod lanes;
mod leftovers;
mod nodes;
mod process;
mod words;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use handoff_core::{Flow, Lane, Node, NodeId, Seat, TriggerKind};

use crate::parse::{Model, NodeDef};
use crate::{BpmnError, Import, ImportNote};

use self::ids::Ids;
use self::lanes::Band;

/// Converts a parsed model into a map with notes.
///
/// # Errors
/// [`BpmnError::NoProcess`] when the file holds neither a process nor a pool.
///
/// # Complexity
/// Linear in the number of elements, plus, for each node no lane lists, the drawn lanes
/// of its own pool (the geometric fallback).
pub fn convert(model: Model) -> Result<Import, BpmnError> {
    if model.processes.is_empty() && model.participants.is_empty() {
        return Err(BpmnError::NoProcess);
    }
    let mut c = Conversion::new(&model);
    c.lanes();
    c.gateways();
    c.ids();
    c.nodes();
    c.flows();
    c.message_flows();
    c.leftovers();
    Ok(c.finish())
}

/// The state of one conversion. Each phase fills its own fields and reads those of the
/// phases before it; notes are added in the order the phases run, which is file order
/// within each phase.
struct Conversion<'m> {
    model: &'m Model,
    /// Whether Handoff wrote the file (its exports are trusted to round-trip).
    from_handoff: bool,
    notes: Notes,
    /// BPMN node id → its definition.
    bpmn_node: HashMap<&'m str, &'m NodeDef>,

    // Lanes.
    bands: Vec<Band>,
    seats: Vec<Seat>,
    lanes: Vec<Lane>,
    /// BPMN node id → the band of the lane that lists it.
    lane_by_ref: HashMap<&'m str, usize>,
    /// Process → the band of its pool, when the pool has no lanes.
    pool_band: HashMap<usize, usize>,
    /// Process → the bands of its drawn lanes, in band order (for the geometric fallback).
    drawn_lanes: HashMap<Option<usize>, Vec<usize>>,

    // Gateways.
    /// The sequence flows directly in a process (not inside a sub-process).
    top_flows: Vec<usize>,
    incoming: HashMap<&'m str, Vec<usize>>,
    outgoing: HashMap<&'m str, Vec<usize>>,
    /// A folded merging gateway → the node after it.
    merge_next: HashMap<&'m str, &'m str>,
    /// A folded splitting gateway → the node before it.
    split_prev: HashMap<&'m str, &'m str>,
    /// Sequence flows folded away with their gateway.
    dropped_flows: HashSet<usize>,
    /// Arrows that reach a node through folded merges, beyond the one it already counts.
    merged_in: HashMap<&'m str, usize>,

    // Ids.
    /// Node ids taken so far (boundary events' extra arrows take theirs here too).
    node_id_set: Ids,
    /// BPMN node id → map node id, for every node that stays.
    node_ids: HashMap<&'m str, NodeId>,
    /// The map node id of each element of `model.nodes` that stays. Differs from `node_ids`
    /// only where two BPMN elements share an id: each keeps an id of its own.
    element_ids: Vec<Option<NodeId>>,

    // Nodes.
    nodes: Vec<Node>,
    /// Arrows from boundary events' hosts, added after the sequence flows.
    extra_flows: Vec<Flow>,
    /// The triggers of start events, in file order.
    start_triggers: Vec<TriggerKind>,
    /// Data objects and stores some step reads or writes.
    data_used: HashSet<&'m str>,

    // Flows.
    flows: Vec<Flow>,
    flow_ids: Ids,
}

impl<'m> Conversion<'m> {
    fn new(model: &'m Model) -> Self {
        Conversion {
            model,
            from_handoff: model.exporter == "Handoff",
            notes: Notes::default(),
            bpmn_node: model.nodes.iter().map(|n| (n.id.as_str(), n)).collect(),
            bands: Vec::new(),
            seats: Vec::new(),
            lanes: Vec::new(),
            lane_by_ref: HashMap::default(),
            pool_band: HashMap::default(),
            drawn_lanes: HashMap::default(),
            top_flows: Vec::new(),
            incoming: HashMap::default(),
            outgoing: HashMap::default(),
            merge_next: HashMap::default(),
            split_prev: HashMap::default(),
            dropped_flows: HashSet::default(),
            merged_in: HashMap::default(),
            node_id_set: Ids::default(),
            node_ids: HashMap::default(),
            element_ids: vec![None; model.nodes.len()],
            nodes: Vec::new(),
            extra_flows: Vec::new(),
            start_triggers: Vec::new(),
            data_used: HashSet::default(),
            flows: Vec::new(),
            flow_ids: Ids::default(),
        }
    }

    /// The nodes directly in a process (not inside a sub-process), in file order.
    fn top_nodes(&self) -> impl Iterator<Item = &'m NodeDef> {
        self.model.nodes.iter().filter(|n| n.inside.is_none())
    }

    /// How many top-level arrows enter (`incoming`) or leave (`outgoing`) the node.
    fn count(map: &HashMap<&str, Vec<usize>>, id: &str) -> usize {
        map.get(id).map_or(0, Vec::len)
    }

    /// The map node a BPMN id stands for once folded gateways are skipped.
    fn resolve(map: &HashMap<&str, &str>, id: &str) -> String {
        let mut id = id;
        for _ in 0..=map.len() {
            match map.get(id) {
                Some(next) => id = next,
                None => break,
            }
        }
        id.to_owned()
    }
}

#[derive(Default)]
struct Notes(Vec<ImportNote>);

impl Notes {
    fn add(&mut self, element: Option<&str>, message: String) {
        self.0.push(ImportNote {
            element: element.filter(|e| !e.is_empty()).map(str::to_owned),
            message,
        });
    }
}
