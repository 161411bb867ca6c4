//! Phase 4: the map's nodes, each with its kind, lane and position. Boundary events also
//! get an arrow from the activity they sit on.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use handoff_core::layout::{node_size, Size, LANE_HEADER_WIDTH};
use handoff_core::{Flow, FlowId, Node, NodeKind, Position};

use super::kinds::{data_names, event_word, node_kind, trigger_of};
use super::lanes::Band;
use super::words::{describe, list, plural_task, short};
use super::Conversion;
use crate::parse::{Bounds, Model, NodeDef, TASKS};

impl Conversion<'_> {
    /// Fills `nodes`, `extra_flows`, `start_triggers` and `data_used`.
    pub(super) fn nodes(&mut self) {
        let model = self.model;
        // Data objects and stores that steps read or write become the steps' inputs and
        // outputs, by name.
        let data_names = data_names(model);
        self.data_used = self
            .top_nodes()
            .flat_map(|n| n.reads.iter().chain(&n.writes))
            .map(String::as_str)
            .filter(|id| data_names.contains_key(id))
            .collect();
        let frames = Frames::new(model, &self.bands);
        let mut auto_placed: Vec<&str> = Vec::new();
        let mut auto_x: HashMap<Option<usize>, f64> = HashMap::default();
        let mut task_kinds: BTreeMap<&str, Vec<&str>> = BTreeMap::new();

        for (i, n) in model.nodes.iter().enumerate() {
            let Some(id) = self.element_ids[i].clone() else {
                continue;
            };
            let ins = Self::count(&self.incoming, &n.id)
                + self.merged_in.get(n.id.as_str()).copied().unwrap_or(0);
            let outs = Self::count(&self.outgoing, &n.id);
            let kind = node_kind(n, ins, outs, &data_names, &mut self.notes);
            if TASKS.contains(&n.kind.as_str()) && n.kind != "task" {
                task_kinds
                    .entry(n.kind.as_str())
                    .or_default()
                    .push(n.id.as_str());
            }
            if n.kind == "startEvent" {
                self.start_triggers
                    .extend(n.event_definitions.iter().filter_map(|d| trigger_of(d)));
            }
            if !n.documentation.is_empty() && !matches!(kind, NodeKind::Step { .. }) {
                self.notes.add(
                    Some(&n.id),
                    format!(
                        "the documentation of {} was not kept (only steps carry instructions): \"{}\"",
                        describe(n),
                        short(&n.documentation)
                    ),
                );
            }

            let shape = model.shapes.get(&n.id);
            let band = self.band_of(n, shape);
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
                    auto_placed.push(&n.id);
                    p
                }
            };

            // A boundary event is reached from the activity it sits on.
            if n.kind == "boundaryEvent" {
                match n.attached_to.as_deref().and_then(|h| self.node_ids.get(h)) {
                    Some(host) => self.extra_flows.push(Flow {
                        id: FlowId(self.node_id_set.unique(&format!("{}-from-host", id.0))),
                        from: host.clone(),
                        to: id.clone(),
                        label: event_word(n).unwrap_or_default().to_owned(),
                        handover: String::new(),
                    }),
                    None => self.notes.add(
                        Some(&n.id),
                        "the activity this boundary event is attached to was not imported".into(),
                    ),
                }
            }

            self.nodes.push(Node {
                id,
                kind,
                label: n.name.clone(),
                lane: band.map(|b| self.lanes[b].id.clone()),
                position,
            });
        }
        for (kind, ids) in task_kinds {
            self.notes.add(
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
            self.notes.add(
                None,
                format!(
                    "{} element(s) have no position in the diagram and were placed in a row: {}",
                    auto_placed.len(),
                    list(&auto_placed)
                ),
            );
        }
    }

    /// The band a node goes in: the lane that lists it, else its host's (for a boundary
    /// event), else its pool's, else the drawn lane of its pool its shape lies in.
    fn band_of(&mut self, n: &NodeDef, shape: Option<&Bounds>) -> Option<usize> {
        let listed = self.lane_by_ref.get(n.id.as_str()).copied().or_else(|| {
            let host = n.attached_to.as_deref()?;
            self.lane_by_ref.get(host).copied()
        });
        let mut band = listed.or_else(|| n.process.and_then(|p| self.pool_band.get(&p).copied()));
        if band.is_none() {
            if let Some(s) = shape {
                let c = s.center();
                let by_geometry = self.drawn_lanes.get(&n.process).and_then(|drawn| {
                    drawn
                        .iter()
                        .copied()
                        .find(|&b| self.bands[b].bounds.is_some_and(|r| r.contains(c)))
                });
                if let Some(b) = by_geometry {
                    band = Some(b);
                    self.notes.add(
                        Some(&n.id),
                        format!(
                            "{} is not listed in any lane; it was put in lane \"{}\" because its shape lies there",
                            describe(n),
                            self.bands[b].name
                        ),
                    );
                }
            }
        }
        // A Handoff map may hold a step in no lane on purpose; its checks say so.
        if band.is_none() && !self.bands.is_empty() && !self.from_handoff {
            self.notes.add(
                Some(&n.id),
                format!("{} is in no lane; give it an owner", describe(n)),
            );
        }
        band
    }
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
    fn position(&self, band: Option<usize>, shape: &Bounds, size: Size) -> Position {
        let (cx, cy) = shape.center();
        let top = band
            .and_then(|b| self.tops.get(b).copied().flatten())
            .unwrap_or(self.loose_top);
        // Coordinates near f64's limits overflow once made relative; such a node goes to the
        // lane's edge rather than to infinity, which no map file can hold.
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        Position {
            x: finite(cx - size.width / 2.0 - self.origin_x),
            y: finite((cy - size.height / 2.0 - top).max(0.0)),
        }
    }
}
