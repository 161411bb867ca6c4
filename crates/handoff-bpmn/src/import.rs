//! From a parsed BPMN [`Model`] to a Handoff [`Document`], with notes on what the map
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

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use handoff_core::layout::{node_size, LANE_HEADER_WIDTH};
use handoff_core::{
    Document, Flow, FlowId, Lane, LaneId, Node, NodeId, NodeKind, Position, Process, ProcessId,
    Seat, SeatId, SeatKind, StepDetails, TriggerKind,
};

use crate::header::Header;
use crate::parse::{Bounds, Model, NodeDef, CONTAINERS, TASKS};
use crate::{BpmnError, Import, ImportNote};

/// One lane of the resulting map and where it came from.
struct Band {
    lane: LaneId,
    name: String,
    pool_name: String,
    seat_json: Option<String>,
    kind: SeatKind,
    process: Option<usize>,
    bounds: Option<Bounds>,
    /// Index in [`Model::lanes`] when the band is a BPMN lane.
    bpmn_lane: Option<usize>,
}

/// Converts a parsed model into a map with notes.
///
/// # Errors
/// [`BpmnError::NoProcess`] when the file holds neither a process nor a pool.
///
/// # Complexity
/// Linear in the number of elements, plus lanes × nodes for the geometric fallback.
pub fn convert(model: Model) -> Result<Import, BpmnError> {
    if model.processes.is_empty() && model.participants.is_empty() {
        return Err(BpmnError::NoProcess);
    }
    let mut notes = Notes::default();
    let from_handoff = model.exporter == "Handoff";

    let bands = bands(&model, from_handoff, &mut notes);
    let (seats, lanes) = seats_and_lanes(&bands, &mut notes);

    // Counts of arrows in and out of each top-level node, for gateway folding and for
    // telling parallel splits from joins.
    let top_flows: Vec<usize> = (0..model.flows.len())
        .filter(|&i| model.flows[i].inside.is_none())
        .collect();
    let mut incoming: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut outgoing: HashMap<&str, Vec<usize>> = HashMap::default();
    for &i in &top_flows {
        let f = &model.flows[i];
        outgoing.entry(f.source.as_str()).or_default().push(i);
        incoming.entry(f.target.as_str()).or_default().push(i);
    }
    let count = |m: &HashMap<&str, Vec<usize>>, id: &str| m.get(id).map_or(0, Vec::len);

    // Gateways folded into their arrows: merge → the node after it; split → the node before.
    let mut merge_next: HashMap<&str, &str> = HashMap::default();
    let mut split_prev: HashMap<&str, &str> = HashMap::default();
    let mut dropped_flows: HashSet<usize> = HashSet::default();
    for n in model.nodes.iter().filter(|n| n.inside.is_none()) {
        let ins = count(&incoming, &n.id);
        let outs = count(&outgoing, &n.id);
        let role = n.handoff_role.as_deref();
        // A Handoff export never draws a decision that several arrows enter (it puts a
        // marked merge in front), so an unmarked one was drawn in another tool.
        let foreign_merge = role.is_none()
            && matches!(n.kind.as_str(), "exclusiveGateway" | "inclusiveGateway")
            && ins >= 2
            && outs == 1;
        if role == Some("merge") || foreign_merge {
            if let Some(&f) = outgoing.get(n.id.as_str()).and_then(|v| v.first()) {
                merge_next.insert(&n.id, &model.flows[f].target);
                dropped_flows.insert(f);
                if foreign_merge {
                    let what = if n.name.trim().is_empty() {
                        String::from("a gateway that only merges paths")
                    } else {
                        format!("the merging gateway \"{}\"", n.name.trim())
                    };
                    notes.add(
                        Some(&n.id),
                        format!("{what} was folded away: its {ins} incoming arrows now lead straight to the next element"),
                    );
                }
            }
        } else if role == Some("split") && ins == 1 {
            if let Some(&f) = incoming.get(n.id.as_str()).and_then(|v| v.first()) {
                split_prev.insert(&n.id, &model.flows[f].source);
                dropped_flows.insert(f);
            }
        }
    }
    let resolve = |map: &HashMap<&str, &str>, id: &str| -> String {
        let mut id = id;
        for _ in 0..=map.len() {
            match map.get(id) {
                Some(next) => id = next,
                None => break,
            }
        }
        id.to_owned()
    };

    // Arrows that reach a node through folded merges count as its own.
    let mut merged_in: HashMap<&str, usize> = HashMap::default();
    for (m, t) in &merge_next {
        *merged_in.entry(t).or_default() += count(&incoming, m).saturating_sub(1);
    }

    // Ids: the Handoff id a file from Handoff carries, else the BPMN id, made unique.
    let mut node_ids: HashMap<&str, NodeId> = HashMap::default();
    let mut used: HashSet<String> = HashSet::default();
    for n in model.nodes.iter().filter(|n| n.inside.is_none()) {
        if merge_next.contains_key(n.id.as_str()) || split_prev.contains_key(n.id.as_str()) {
            continue;
        }
        let wanted = n.handoff_id.clone().unwrap_or_else(|| n.id.clone());
        let id = unique(&mut used, &wanted);
        if id != wanted {
            notes.add(
                Some(&n.id),
                format!("the id \"{wanted}\" is used twice; this element is now \"{id}\""),
            );
        }
        node_ids.insert(&n.id, NodeId(id));
    }

    // Lane membership by reference.
    let band_of_bpmn_lane: HashMap<usize, usize> = bands
        .iter()
        .enumerate()
        .filter_map(|(b, band)| band.bpmn_lane.map(|l| (l, b)))
        .collect();
    let mut lane_by_ref: HashMap<&str, usize> = HashMap::default();
    for (l, lane) in model.lanes.iter().enumerate() {
        if let Some(&b) = band_of_bpmn_lane.get(&l) {
            for r in &lane.refs {
                lane_by_ref.insert(r, b);
            }
        }
    }
    let pool_band: HashMap<usize, usize> = bands
        .iter()
        .enumerate()
        .filter(|(_, band)| band.bpmn_lane.is_none())
        .filter_map(|(b, band)| band.process.map(|p| (p, b)))
        .collect();
    let bpmn_node: HashMap<&str, &NodeDef> =
        model.nodes.iter().map(|n| (n.id.as_str(), n)).collect();

    // Data objects and stores that steps read or write become the steps' inputs and
    // outputs, by name.
    let data_names = data_names(&model);
    let data_used: HashSet<&str> = model
        .nodes
        .iter()
        .filter(|n| n.inside.is_none())
        .flat_map(|n| n.reads.iter().chain(&n.writes))
        .map(String::as_str)
        .filter(|id| data_names.contains_key(id))
        .collect();
    let frames = Frames::new(&model, &bands);
    let mut nodes: Vec<Node> = Vec::new();
    let mut auto_placed: Vec<String> = Vec::new();
    let mut auto_x: HashMap<Option<usize>, f64> = HashMap::default();
    let mut task_kinds: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut extra_flows: Vec<Flow> = Vec::new();
    let mut start_triggers: Vec<TriggerKind> = Vec::new();

    for n in model.nodes.iter().filter(|n| n.inside.is_none()) {
        let Some(id) = node_ids.get(n.id.as_str()).cloned() else {
            continue;
        };
        let ins = count(&incoming, &n.id) + merged_in.get(n.id.as_str()).copied().unwrap_or(0);
        let outs = count(&outgoing, &n.id);
        let kind = node_kind(n, ins, outs, &data_names, &mut notes);
        if TASKS.contains(&n.kind.as_str()) && n.kind != "task" {
            task_kinds
                .entry(n.kind.as_str())
                .or_default()
                .push(n.id.as_str());
        }
        if n.kind == "startEvent" {
            start_triggers.extend(n.event_definitions.iter().filter_map(|d| trigger_of(d)));
        }
        if !n.documentation.is_empty() && !matches!(kind, NodeKind::Step { .. }) {
            notes.add(
                Some(&n.id),
                format!(
                    "the documentation of {} was not kept (only steps carry instructions): \"{}\"",
                    describe(n),
                    short(&n.documentation)
                ),
            );
        }

        // Lane: by reference, then host, then pool, then geometry.
        let shape = model.shapes.get(&n.id);
        let mut band = lane_by_ref.get(n.id.as_str()).copied();
        if band.is_none() {
            if let Some(host) = n.attached_to.as_deref() {
                band = lane_by_ref.get(host).copied();
            }
        }
        if band.is_none() {
            band = n.process.and_then(|p| pool_band.get(&p).copied());
        }
        if band.is_none() {
            if let Some(s) = shape {
                let c = s.center();
                let by_geometry = bands.iter().enumerate().find(|(_, b)| {
                    b.bpmn_lane.is_some()
                        && b.process == n.process
                        && b.bounds.is_some_and(|r| r.contains(c))
                });
                if let Some((b, band_def)) = by_geometry {
                    band = Some(b);
                    notes.add(
                        Some(&n.id),
                        format!(
                            "{} is not listed in any lane; it was put in lane \"{}\" because its shape lies there",
                            describe(n),
                            band_def.name
                        ),
                    );
                }
            }
        }
        // A Handoff map may hold a step in no lane on purpose; its checks say so.
        if band.is_none() && !bands.is_empty() && !from_handoff {
            notes.add(
                Some(&n.id),
                format!("{} is in no lane; give it an owner", describe(n)),
            );
        }

        let size = node_size(kind.tag());
        let position = match shape {
            Some(s) => {
                let p = frames.position(band, s, size);
                // A Handoff export records the exact position; keep it unless the shape
                // was moved in another tool since.
                match model.exact_positions.get(&n.id) {
                    Some(&(x, y)) if (x - p.x).abs() < 0.01 && (y - p.y).abs() < 0.01 => {
                        Position { x, y }
                    }
                    _ => p,
                }
            }
            None => {
                let x = auto_x.entry(band).or_insert(0.0);
                let p = Position { x: *x, y: 40.0 };
                *x += 150.0;
                auto_placed.push(n.id.clone());
                p
            }
        };

        // A boundary event is reached from the activity it sits on.
        if n.kind == "boundaryEvent" {
            match n.attached_to.as_deref().and_then(|h| node_ids.get(h)) {
                Some(host) => extra_flows.push(Flow {
                    id: FlowId(unique(&mut used, &format!("{}-from-host", id.0))),
                    from: host.clone(),
                    to: id.clone(),
                    label: event_word(n).unwrap_or_default().to_owned(),
                    handover: String::new(),
                }),
                None => notes.add(
                    Some(&n.id),
                    "the activity this boundary event is attached to was not imported".into(),
                ),
            }
        }

        nodes.push(Node {
            id,
            kind,
            label: n.name.clone(),
            lane: band.map(|b| lanes[b].id.clone()),
            position,
        });
    }
    for (kind, ids) in task_kinds {
        notes.add(
            None,
            format!(
                "{} {} became plain steps (the map does not distinguish task types): {}",
                ids.len(),
                plural_task(kind, ids.len()),
                list(&ids)
            ),
        );
    }
    if !auto_placed.is_empty() {
        notes.add(
            None,
            format!(
                "{} element(s) have no position in the diagram and were placed in a row: {}",
                auto_placed.len(),
                list(&auto_placed.iter().map(String::as_str).collect::<Vec<_>>())
            ),
        );
    }

    // Sequence flows.
    let mut flows: Vec<Flow> = Vec::new();
    let mut flow_ids: HashSet<String> = HashSet::default();
    for &i in &top_flows {
        if dropped_flows.contains(&i) {
            continue;
        }
        let f = &model.flows[i];
        let from = resolve(&split_prev, &f.source);
        let to = resolve(&merge_next, &f.target);
        let (Some(from_id), Some(to_id)) = (node_ids.get(from.as_str()), node_ids.get(to.as_str()))
        else {
            notes.add(
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
                notes.add(
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
        if label.is_empty() && is_default_of(&f.id, &from, &bpmn_node) && !from_handoff {
            notes.add(
                Some(&f.id),
                "this is the gateway's default branch; label it (for example \"otherwise\")".into(),
            );
        }
        if !f.documentation.is_empty() {
            notes.add(
                Some(&f.id),
                format!(
                    "the documentation of this arrow was not kept: \"{}\"",
                    short(&f.documentation)
                ),
            );
        }
        let wanted = f.handoff_id.clone().unwrap_or_else(|| f.id.clone());
        let id = unique(&mut flow_ids, &wanted);
        flows.push(Flow {
            id: FlowId(id),
            from: from_id.clone(),
            to: to_id.clone(),
            label,
            handover: f.handover.clone().unwrap_or_default(),
        });
    }
    for mut f in extra_flows {
        f.id = FlowId(unique(&mut flow_ids, &f.id.0));
        flows.push(f);
    }

    // Message flows between pools become handoffs.
    let top_of = |id: &str| -> Option<NodeId> {
        let n = bpmn_node.get(id)?;
        let top = match n.inside {
            Some(c) => model.nodes[c].id.as_str(),
            None => id,
        };
        let top = resolve(&merge_next, &resolve(&split_prev, top));
        node_ids.get(top.as_str()).cloned()
    };
    for m in &model.message_flows {
        match (top_of(&m.source), top_of(&m.target)) {
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
                flows.push(Flow {
                    id: FlowId(unique(&mut flow_ids, &m.id)),
                    from,
                    to,
                    label: String::new(),
                    handover,
                });
            }
            _ => notes.add(
                Some(&m.id),
                format!(
                    "the message flow{} was left out: it starts or ends at a pool rather than at a step",
                    quoted(&m.name)
                ),
            ),
        }
    }

    let referenced_objects: HashSet<&str> = model
        .others
        .iter()
        .filter(|o| data_used.contains(o.id.as_str()))
        .filter_map(|o| o.refers.as_deref())
        .collect();
    for o in model.others.iter().filter(|o| o.inside.is_none()) {
        // Data a step reads or writes lives on as the step's inputs and outputs.
        if data_used.contains(o.id.as_str()) || referenced_objects.contains(o.id.as_str()) {
            continue;
        }
        let what = match o.kind.as_str() {
            "textAnnotation" => format!("the text annotation \"{}\"", short(&o.text)),
            "dataObjectReference" | "dataObject" => format!("the data object{}", quoted(&o.name)),
            "dataStoreReference" => format!("the data store{}", quoted(&o.name)),
            "association" => "an association line".to_owned(),
            "group" => format!("the group{}", quoted(&o.name)),
            other => format!("the {other}{}", quoted(&o.name)),
        };
        notes.add(
            Some(&o.id),
            format!("{what} has no place in a map and was left out"),
        );
    }

    // The process.
    let first = model.processes.first();
    let name = [
        single_pool_name(&model),
        first.map(|p| p.name.clone()).unwrap_or_default(),
        model.definitions_name.clone(),
    ]
    .into_iter()
    .find(|s| !s.trim().is_empty())
    .unwrap_or_else(|| "Imported process".to_owned());
    let pid = first
        .map(|p| p.id.clone())
        .filter(|s| !s.is_empty())
        .or_else(|| Some(model.definitions_id.clone()).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "imported".to_owned());
    let mut process = Process::blank(ProcessId(pid), name);
    process.purpose = first.map(|p| p.documentation.clone()).unwrap_or_default();
    let header = first.and_then(|p| p.handoff_header.as_deref());
    let mut seats = seats;
    match header.map(serde_json::from_str::<Header>) {
        Some(Ok(mut h)) => {
            // The file's seat list, with each lane's seat as the lane now reads (a lane may
            // have been renamed in another tool), then any seat only a lane knows.
            let header_seats = std::mem::take(&mut h.seats);
            if !header_seats.is_empty() {
                let mut all: Vec<Seat> = header_seats
                    .into_iter()
                    .map(|s| seats.iter().find(|l| l.id == s.id).cloned().unwrap_or(s))
                    .collect();
                for s in seats {
                    if !all.iter().any(|a| a.id == s.id) {
                        all.push(s);
                    }
                }
                seats = all;
            }
            h.apply(&mut process)
        }
        Some(Err(e)) => notes.add(
            first.map(|p| p.id.as_str()),
            format!("Handoff's process details in this file are unreadable and were skipped ({e})"),
        ),
        None => {
            if let [kind] = start_triggers.as_slice() {
                process.trigger.kind = Some(*kind);
            }
        }
    }
    for p in model.processes.iter().skip(1) {
        if !p.documentation.is_empty() {
            notes.add(
                Some(&p.id),
                format!(
                    "the documentation of process \"{}\" was not kept: \"{}\"",
                    p.name,
                    short(&p.documentation)
                ),
            );
        }
    }
    for p in &model.participants {
        if !p.documentation.is_empty() {
            notes.add(
                Some(&p.id),
                format!(
                    "the documentation of pool \"{}\" was not kept: \"{}\"",
                    p.name,
                    short(&p.documentation)
                ),
            );
        }
    }
    process.lanes = lanes;
    process.nodes = nodes;
    process.flows = flows;
    Ok(Import {
        document: Document::new(seats, process),
        notes: notes.0,
    })
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

/// The lanes of the map, from the pools and lanes of the file, top to bottom.
fn bands(model: &Model, from_handoff: bool, notes: &mut Notes) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::new();
    let mut covered: HashSet<usize> = HashSet::default();
    let process_index: HashMap<&str, usize> = model
        .processes
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let has_children: HashSet<usize> = model.lanes.iter().filter_map(|l| l.parent).collect();
    let add_process = |out: &mut Vec<Band>,
                       notes: &mut Notes,
                       p: usize,
                       pool_id: &str,
                       pool_name: &str| {
        let mut any = false;
        for (l, lane) in model.lanes.iter().enumerate() {
            if lane.process != Some(p) {
                continue;
            }
            if has_children.contains(&l) {
                notes.add(
                    Some(&lane.id),
                    format!(
                        "lane \"{}\" holds lanes of its own; the inner lanes became lanes of the map and \"{}\" itself was dropped",
                        lane.name, lane.name
                    ),
                );
                continue;
            }
            any = true;
            let name = if lane.parent.is_some() {
                let parent = &model.lanes[lane.parent.unwrap_or(l)];
                format!("{} / {}", parent.name, lane.name)
                    .trim_matches([' ', '/'])
                    .to_owned()
            } else {
                lane.name.clone()
            };
            if !lane.documentation.is_empty() {
                notes.add(
                    Some(&lane.id),
                    format!(
                        "the documentation of lane \"{}\" was not kept: \"{}\"",
                        lane.name,
                        short(&lane.documentation)
                    ),
                );
            }
            out.push(Band {
                lane: LaneId(lane.handoff_id.clone().unwrap_or_else(|| lane.id.clone())),
                name,
                pool_name: pool_name.to_owned(),
                seat_json: lane.handoff_seat.clone(),
                kind: SeatKind::Person,
                process: Some(p),
                bounds: model.shapes.get(&lane.id).copied(),
                bpmn_lane: Some(l),
            });
        }
        // A Handoff map without lanes comes back without lanes.
        if !any && !from_handoff {
            let name = if pool_name.trim().is_empty() {
                model.processes[p].name.clone()
            } else {
                pool_name.to_owned()
            };
            out.push(Band {
                lane: LaneId(pool_id.to_owned()),
                name,
                pool_name: pool_name.to_owned(),
                seat_json: None,
                kind: SeatKind::Person,
                process: Some(p),
                bounds: model.shapes.get(pool_id).copied(),
                bpmn_lane: None,
            });
        }
    };
    for part in &model.participants {
        match part
            .process_ref
            .as_deref()
            .and_then(|r| process_index.get(r))
        {
            Some(&p) if covered.insert(p) => add_process(&mut out, notes, p, &part.id, &part.name),
            Some(_) => {}
            None => {
                notes.add(
                    Some(&part.id),
                    format!(
                        "the pool \"{}\" shows no process of its own; it became an empty lane with an external seat",
                        part.name
                    ),
                );
                out.push(Band {
                    lane: LaneId(part.id.clone()),
                    name: part.name.clone(),
                    pool_name: part.name.clone(),
                    seat_json: None,
                    kind: SeatKind::External,
                    process: None,
                    bounds: model.shapes.get(&part.id).copied(),
                    bpmn_lane: None,
                });
            }
        }
    }
    for (p, proc_) in model.processes.iter().enumerate() {
        if !covered.contains(&p) {
            let has_nodes = model
                .nodes
                .iter()
                .any(|n| n.process == Some(p) && n.inside.is_none());
            let has_lanes = model.lanes.iter().any(|l| l.process == Some(p));
            if has_nodes || has_lanes {
                add_process(&mut out, notes, p, &proc_.id, &proc_.name);
            }
        }
    }
    // Top to bottom as drawn; bands without a shape keep file order after those with one.
    out.sort_by(|a, b| {
        let key = |band: &Band| band.bounds.map_or((f64::INFINITY, 0.0), |r| (r.y, r.x));
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// Seats and lanes for the bands: a Handoff export's own seats, otherwise one seat per
/// lane named after it.
fn seats_and_lanes(bands: &[Band], notes: &mut Notes) -> (Vec<Seat>, Vec<Lane>) {
    let mut seats: Vec<Seat> = Vec::new();
    let mut lanes: Vec<Lane> = Vec::new();
    let mut lane_ids: HashSet<String> = HashSet::default();
    let mut names: HashSet<String> = HashSet::default();
    for (i, band) in bands.iter().enumerate() {
        let lane_id = LaneId(unique(&mut lane_ids, &band.lane.0));
        let from_file = band.seat_json.as_deref().map(serde_json::from_str::<Seat>);
        let seat = match from_file {
            Some(Ok(mut seat)) => {
                if !band.name.trim().is_empty() {
                    seat.name = band.name.clone();
                }
                seat
            }
            other => {
                if let Some(Err(e)) = other {
                    notes.add(
                        Some(&band.lane.0),
                        format!("Handoff's seat details for this lane are unreadable and were skipped ({e})"),
                    );
                }
                let mut name = band.name.trim().to_owned();
                if name.is_empty() {
                    name = format!("Lane {}", i + 1);
                    notes.add(
                        Some(&band.lane.0),
                        format!("this lane has no name; its seat is called \"{name}\""),
                    );
                }
                if names.contains(&name) && !band.pool_name.trim().is_empty() {
                    name = format!("{} / {}", band.pool_name.trim(), name);
                }
                Seat {
                    id: SeatId(format!("seat-{}", lane_id.0)),
                    name,
                    kind: band.kind,
                    holder: None,
                }
            }
        };
        names.insert(seat.name.clone());
        if !seats.iter().any(|s| s.id == seat.id) {
            seats.push(seat.clone());
        }
        lane_ids.insert(lane_id.0.clone());
        lanes.push(Lane {
            id: lane_id,
            seat: seat.id,
        });
    }
    (seats, lanes)
}

/// Where lanes sit in the diagram, to turn absolute shape positions into the map's
/// lane-relative ones.
struct Frames {
    /// The left edge of the lanes' content area (right of the name band).
    origin_x: f64,
    /// The top edge of each band, when known.
    tops: Vec<Option<f64>>,
    /// The top of the band for nodes in no lane: below the lowest lane.
    loose_top: f64,
}

impl Frames {
    fn new(model: &Model, bands: &[Band]) -> Self {
        let mut origin_x = f64::INFINITY;
        let mut tops = Vec::with_capacity(bands.len());
        let mut bottom = f64::NEG_INFINITY;
        for band in bands {
            match band.bounds {
                Some(b) => {
                    origin_x = origin_x.min(b.x + LANE_HEADER_WIDTH);
                    bottom = bottom.max(b.y + b.height);
                    tops.push(Some(b.y));
                }
                None => tops.push(None),
            }
        }
        // Without lanes drawn, measure from the first pool; without that, from the shapes.
        if !origin_x.is_finite() {
            if let Some(pool) = model
                .participants
                .iter()
                .find_map(|p| model.shapes.get(&p.id))
            {
                origin_x = pool.x + LANE_HEADER_WIDTH;
                bottom = pool.y;
            }
        }
        let shapes_min = |f: fn(&Bounds) -> f64| {
            model
                .nodes
                .iter()
                .filter_map(|n| model.shapes.get(&n.id))
                .map(f)
                .fold(f64::INFINITY, f64::min)
        };
        if !origin_x.is_finite() {
            let min_x = shapes_min(|b| b.x);
            origin_x = if min_x.is_finite() { min_x - 40.0 } else { 0.0 };
        }
        let min_y = shapes_min(|b| b.y);
        let fallback_top = if min_y.is_finite() { min_y - 40.0 } else { 0.0 };
        for top in tops.iter_mut() {
            if top.is_none() {
                *top = Some(fallback_top);
            }
        }
        Frames {
            origin_x,
            tops,
            loose_top: if bottom.is_finite() {
                bottom
            } else {
                fallback_top
            },
        }
    }

    /// The map position of a node of `size` drawn centred in `shape`.
    fn position(
        &self,
        band: Option<usize>,
        shape: &Bounds,
        size: handoff_core::layout::Size,
    ) -> Position {
        let (cx, cy) = shape.center();
        let top = band
            .and_then(|b| self.tops.get(b).copied().flatten())
            .unwrap_or(self.loose_top);
        Position {
            x: cx - size.width / 2.0 - self.origin_x,
            y: (cy - size.height / 2.0 - top).max(0.0),
        }
    }
}

fn node_kind(
    n: &NodeDef,
    ins: usize,
    outs: usize,
    data_names: &HashMap<&str, String>,
    notes: &mut Notes,
) -> NodeKind {
    let kind = n.kind.as_str();
    let step = |notes: &mut Notes| -> NodeKind {
        let mut details = match n
            .handoff_details
            .as_deref()
            .map(serde_json::from_str::<StepDetails>)
        {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                notes.add(
                    Some(&n.id),
                    format!("Handoff's step details for this step are unreadable and were skipped ({e})"),
                );
                StepDetails::default()
            }
            None => StepDetails::default(),
        };
        details.instructions = n.documentation.clone();
        for (ids, list) in [
            (&n.reads, &mut details.inputs),
            (&n.writes, &mut details.outputs),
        ] {
            for id in ids {
                match data_names.get(id.as_str()) {
                    Some(name) if !list.contains(name) => list.push(name.clone()),
                    Some(_) => {}
                    None => notes.add(
                        Some(&n.id),
                        format!(
                            "{} uses data \"{id}\" that has no name in the file; it was not listed",
                            describe(n)
                        ),
                    ),
                }
            }
        }
        NodeKind::Step {
            details: Box::new(details),
        }
    };
    if let Some(lk) = &n.loop_kind {
        let what = if lk.starts_with("multi") {
            "runs several times at once (multi-instance)"
        } else {
            "repeats (loop)"
        };
        notes.add(
            Some(&n.id),
            format!("{} {what}; the map has no loop marker, so draw the loop or say it in the instructions", describe(n)),
        );
    }
    if TASKS.contains(&kind) {
        return step(notes);
    }
    match kind {
        "startEvent" => {
            if let Some(w) = event_word(n) {
                notes.add(
                    Some(&n.id),
                    format!(
                        "{} is {} {w} start; the map keeps it as a plain start",
                        describe(n),
                        article(w)
                    ),
                );
            }
            NodeKind::Start
        }
        "endEvent" => {
            if let Some(w) = event_word(n) {
                notes.add(
                    Some(&n.id),
                    format!(
                        "{} is {} {w} end; the map keeps it as a plain outcome",
                        describe(n),
                        article(w)
                    ),
                );
            }
            NodeKind::Outcome
        }
        "intermediateCatchEvent" | "intermediateThrowEvent" => {
            let dir = if kind == "intermediateCatchEvent" {
                "waits for"
            } else {
                "sends"
            };
            let w = event_word(n).map_or("an event".to_owned(), |w| format!("{} {w}", article(w)));
            notes.add(
                Some(&n.id),
                format!(
                    "{} (an intermediate event that {dir} {w}) became a step",
                    describe(n)
                ),
            );
            step(notes)
        }
        "boundaryEvent" => {
            let w = event_word(n).unwrap_or("plain");
            notes.add(
                Some(&n.id),
                format!("{} ({} {w} event on the edge of an activity) became a step reached from that activity", describe(n), article(w)),
            );
            step(notes)
        }
        "callActivity" => {
            notes.add(
                Some(&n.id),
                format!(
                    "{} calls another process; it became a single step",
                    describe(n)
                ),
            );
            step(notes)
        }
        k if CONTAINERS.contains(&k) => {
            let what = match k {
                "transaction" => "transaction",
                "adHocSubProcess" => "ad-hoc sub-process",
                _ if n.triggered_by_event => "event sub-process",
                _ => "sub-process",
            };
            let inner = if n.inner_elements == 0 {
                String::new()
            } else {
                format!("; the {} elements inside it were not imported (map it as a process of its own)", n.inner_elements)
            };
            notes.add(
                Some(&n.id),
                format!(
                    "{} is {} {what} and became a single step{inner}",
                    describe(n),
                    article(what)
                ),
            );
            step(notes)
        }
        "inclusiveGateway" | "complexGateway" => {
            notes.add(
                Some(&n.id),
                format!(
                    "{} may take several branches at once; in the map it is a decision that takes one",
                    describe(n)
                ),
            );
            NodeKind::Decision
        }
        "exclusiveGateway" | "eventBasedGateway" => NodeKind::Decision,
        "parallelGateway" => {
            if ins > 1 && outs > 1 {
                notes.add(
                    Some(&n.id),
                    format!(
                        "{} both joins and splits; it became a parallel split",
                        describe(n)
                    ),
                );
                NodeKind::ParallelSplit
            } else if ins > 1 {
                NodeKind::ParallelJoin
            } else {
                NodeKind::ParallelSplit
            }
        }
        _ => step(notes),
    }
}

/// The names of data object and data store references (falling back to the data object
/// they refer to), by id.
fn data_names(model: &Model) -> HashMap<&str, String> {
    let by_id: HashMap<&str, &str> = model
        .others
        .iter()
        .map(|o| (o.id.as_str(), o.name.trim()))
        .collect();
    model
        .others
        .iter()
        .filter(|o| o.kind.starts_with("data"))
        .filter_map(|o| {
            let own = o.name.trim();
            let name = if own.is_empty() {
                o.refers.as_deref().and_then(|r| by_id.get(r)).copied()?
            } else {
                own
            };
            (!name.is_empty()).then(|| (o.id.as_str(), name.to_owned()))
        })
        .chain(
            model
                .data_labels
                .iter()
                .map(|(id, name)| (id.as_str(), name.trim().to_owned())),
        )
        .collect()
}

fn trigger_of(definition: &str) -> Option<TriggerKind> {
    match definition {
        "timerEventDefinition" => Some(TriggerKind::Schedule),
        "messageEventDefinition" | "signalEventDefinition" => Some(TriggerKind::Event),
        "conditionalEventDefinition" => Some(TriggerKind::Threshold),
        _ => None,
    }
}

/// The event's type in a word ("timer", "message"), or `None` for a plain event.
fn event_word(n: &NodeDef) -> Option<&'static str> {
    if n.event_definitions.len() > 1 {
        return Some("multiple-trigger");
    }
    let d = n.event_definitions.first()?;
    Some(match d.as_str() {
        "timerEventDefinition" => "timer",
        "messageEventDefinition" => "message",
        "signalEventDefinition" => "signal",
        "conditionalEventDefinition" => "conditional",
        "errorEventDefinition" => "error",
        "escalationEventDefinition" => "escalation",
        "compensateEventDefinition" => "compensation",
        "cancelEventDefinition" => "cancel",
        "terminateEventDefinition" => "terminate",
        "linkEventDefinition" => "link",
        _ => "special",
    })
}

/// "task \"Check order\"" for messages.
fn describe(n: &NodeDef) -> String {
    let kind = match n.kind.as_str() {
        k if TASKS.contains(&k) => "task",
        "startEvent" => "start event",
        "endEvent" => "end event",
        "intermediateCatchEvent" | "intermediateThrowEvent" => "event",
        "boundaryEvent" => "boundary event",
        "callActivity" => "call activity",
        k if k.ends_with("Gateway") => "gateway",
        _ => "sub-process",
    };
    if n.name.trim().is_empty() {
        format!("the unnamed {kind}")
    } else {
        format!("{kind} \"{}\"", n.name.trim())
    }
}

fn is_default_of(flow: &str, source: &str, nodes: &HashMap<&str, &NodeDef>) -> bool {
    nodes
        .get(source)
        .is_some_and(|n| n.default_flow.as_deref() == Some(flow))
}

fn single_pool_name(model: &Model) -> String {
    let with_process: Vec<_> = model
        .participants
        .iter()
        .filter(|p| p.process_ref.is_some())
        .collect();
    match with_process.as_slice() {
        [p] => p.name.clone(),
        _ => String::new(),
    }
}

fn plural_task(kind: &str, n: usize) -> String {
    let word = match kind {
        "userTask" => "user task",
        "serviceTask" => "service task",
        "manualTask" => "manual task",
        "scriptTask" => "script task",
        "sendTask" => "send task",
        "receiveTask" => "receive task",
        "businessRuleTask" => "business-rule task",
        _ => "task",
    };
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// A list of ids for a message, shortened after ten.
fn list(ids: &[&str]) -> String {
    let mut s = ids.iter().take(10).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        s.push_str(&format!(" and {} more", ids.len() - 10));
    }
    s
}

fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        let cut: String = one_line.chars().take(77).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn quoted(name: &str) -> String {
    if name.trim().is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", name.trim())
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`, … whichever is not yet in `used`; records it.
fn unique(used: &mut HashSet<String>, wanted: &str) -> String {
    let wanted = if wanted.is_empty() { "element" } else { wanted };
    let mut id = wanted.to_owned();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}
