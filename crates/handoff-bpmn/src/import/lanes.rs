//! Phase 1: the map's lanes ("bands") from the file's pools and lanes, top to bottom as
//! drawn, a seat for each, and which band each node is listed in.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use handoff_core::{Lane, LaneId, Seat, SeatId, SeatKind};

use super::ids::Ids;
use super::words::short;
use super::{Conversion, Notes};
use crate::parse::{Bounds, Model};

/// One lane of the resulting map and where it came from.
pub(super) struct Band {
    pub(super) lane: LaneId,
    pub(super) name: String,
    pool_name: String,
    seat_json: Option<String>,
    kind: SeatKind,
    pub(super) process: Option<usize>,
    pub(super) bounds: Option<Bounds>,
    /// Index in [`Model::lanes`] when the band is a BPMN lane.
    pub(super) bpmn_lane: Option<usize>,
}

impl Conversion<'_> {
    /// Fills `bands`, `seats`, `lanes` and the lookups from a node to its band.
    pub(super) fn lanes(&mut self) {
        let model = self.model;
        self.bands = bands(model, self.from_handoff, &mut self.notes);
        (self.seats, self.lanes) = seats_and_lanes(&self.bands, &mut self.notes);

        let band_of_bpmn_lane: HashMap<usize, usize> = self
            .bands
            .iter()
            .enumerate()
            .filter_map(|(b, band)| band.bpmn_lane.map(|l| (l, b)))
            .collect();
        for (l, lane) in model.lanes.iter().enumerate() {
            if let Some(&b) = band_of_bpmn_lane.get(&l) {
                for r in &lane.refs {
                    self.lane_by_ref.insert(r, b);
                }
            }
        }
        for (b, band) in self.bands.iter().enumerate() {
            match (band.bpmn_lane, band.process) {
                (None, Some(p)) => {
                    self.pool_band.insert(p, b);
                }
                (Some(_), process) if band.bounds.is_some() => {
                    self.drawn_lanes.entry(process).or_default().push(b);
                }
                _ => {}
            }
        }
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
    // Each process's lanes in file order, found once rather than by scanning every lane
    // for every process.
    let mut lanes_of: HashMap<usize, Vec<usize>> = HashMap::default();
    for (l, lane) in model.lanes.iter().enumerate() {
        if let Some(p) = lane.process {
            lanes_of.entry(p).or_default().push(l);
        }
    }
    let add_process = |out: &mut Vec<Band>,
                       notes: &mut Notes,
                       p: usize,
                       pool_id: &str,
                       pool_name: &str| {
        let mut any = false;
        for &l in lanes_of.get(&p).map_or(&[][..], Vec::as_slice) {
            let lane = &model.lanes[l];
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
    let with_nodes: HashSet<usize> = model
        .nodes
        .iter()
        .filter(|n| n.inside.is_none())
        .filter_map(|n| n.process)
        .collect();
    for (p, proc_) in model.processes.iter().enumerate() {
        if !covered.contains(&p) && (with_nodes.contains(&p) || lanes_of.contains_key(&p)) {
            add_process(&mut out, notes, p, &proc_.id, &proc_.name);
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
    let mut seat_ids: HashSet<SeatId> = HashSet::default();
    let mut lanes: Vec<Lane> = Vec::new();
    let mut lane_ids = Ids::default();
    let mut names: HashSet<String> = HashSet::default();
    for (i, band) in bands.iter().enumerate() {
        let lane_id = LaneId(lane_ids.unique(&band.lane.0));
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
        if seat_ids.insert(seat.id.clone()) {
            seats.push(seat.clone());
        }
        lanes.push(Lane {
            id: lane_id,
            seat: seat.id,
        });
    }
    (seats, lanes)
}
