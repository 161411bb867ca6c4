//! The numbers of a map: how big it is, how long it takes, where the time goes.
//!
//! Counts are plain tallies. Times come from [`cycle_time`]: each node costs its waiting
//! time plus its duration, and paths run from a start to an outcome with loops taken once
//! (a back edge is never followed, so each node counts at most once on a path).

pub mod cycle_time;

use serde::{Deserialize, Serialize};

use petgraph::graph::NodeIndex;

use crate::graph::ProcessGraph;
use crate::model::{Document, NodeTag, SeatId};

/// Everything [`metrics`] measures. Times are in minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub steps: u32,
    pub decisions: u32,
    /// Flows whose two ends are in different lanes.
    pub handoffs: u32,
    pub lanes: u32,
    /// Distinct seats with a lane in the process.
    pub seats: u32,
    /// Hands-on time along the typical path.
    pub touch_minutes: u64,
    /// Waiting time along the typical path.
    pub wait_minutes: u64,
    /// Cycle times from a start to an outcome; `None` when no outcome can be reached.
    pub cycle: Option<cycle_time::CycleTimes>,
    /// Share of the typical cycle time spent waiting right after a handoff, 0.0 to 1.0.
    pub handoff_wait_share: f64,
    /// Work per seat, in lane order.
    pub per_seat: Vec<SeatWork>,
}

/// One seat's share of the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SeatWork {
    pub seat: SeatId,
    pub name: String,
    pub steps: u32,
    pub decisions: u32,
    /// Sum of the durations of the seat's steps (every step, not just the typical path).
    pub touch_minutes: u64,
    /// Handoffs this seat receives.
    pub handoffs_in: u32,
    /// Handoffs this seat makes.
    pub handoffs_out: u32,
}

/// Measures a document.
///
/// # Complexity
/// O(nodes + flows + lanes).
pub fn metrics(doc: &Document) -> Metrics {
    let p = &doc.process;
    let g = ProcessGraph::new(p);
    let count = |tag| p.nodes.iter().filter(|n| n.tag() == tag).count() as u32;

    let mut per_seat: Vec<SeatWork> = Vec::new();
    let mut lane_slot: Vec<usize> = Vec::with_capacity(p.lanes.len());
    for lane in &p.lanes {
        let slot = match per_seat.iter().position(|w| w.seat == lane.seat) {
            Some(s) => s,
            None => {
                per_seat.push(SeatWork {
                    seat: lane.seat.clone(),
                    name: doc
                        .seat(&lane.seat)
                        .map_or_else(|| lane.seat.to_string(), |s| s.name.clone()),
                    steps: 0,
                    decisions: 0,
                    touch_minutes: 0,
                    handoffs_in: 0,
                    handoffs_out: 0,
                });
                per_seat.len() - 1
            }
        };
        lane_slot.push(slot);
    }
    let slot_of_node = |i: usize| g.lane_of(NodeIndex::new(i)).map(|lp| lane_slot[lp]);
    for (i, node) in p.nodes.iter().enumerate() {
        let Some(slot) = slot_of_node(i) else {
            continue;
        };
        match node.tag() {
            NodeTag::Step => {
                per_seat[slot].steps += 1;
                per_seat[slot].touch_minutes +=
                    node.details().and_then(|d| d.duration_minutes).unwrap_or(0) as u64;
            }
            NodeTag::Decision => per_seat[slot].decisions += 1,
            _ => {}
        }
    }
    let mut handoffs = 0;
    for e in g.graph.edge_indices() {
        let flow = g.graph[e];
        if !g.is_handoff(flow) {
            continue;
        }
        handoffs += 1;
        if let Some((a, b)) = g.graph.edge_endpoints(e) {
            if let Some(s) = slot_of_node(a.index()) {
                per_seat[s].handoffs_out += 1;
            }
            if let Some(s) = slot_of_node(b.index()) {
                per_seat[s].handoffs_in += 1;
            }
        }
    }

    let cycle = cycle_time::cycle_times(&g);
    let (touch, wait, handoff_wait) = cycle.as_ref().map_or((0, 0, 0), |c| {
        (c.typical.touch, c.typical.wait, c.typical.handoff_wait)
    });
    let total = touch + wait;
    Metrics {
        steps: count(NodeTag::Step),
        decisions: count(NodeTag::Decision),
        handoffs,
        lanes: p.lanes.len() as u32,
        seats: per_seat.len() as u32,
        touch_minutes: touch,
        wait_minutes: wait,
        handoff_wait_share: if total == 0 {
            0.0
        } else {
            handoff_wait as f64 / total as f64
        },
        cycle,
        per_seat,
    }
}

/// Minutes as a business owner reads them: "45 min", "3 h 20 min", "2 d 4 h" (a day is 24
/// hours of elapsed time, since waiting runs overnight).
pub fn format_minutes(minutes: u64) -> String {
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Builder;
    use crate::model::{NodeKind, SeatKind};

    #[test]
    fn counts_handoffs_and_work_per_seat() {
        let doc = Builder::new("P")
            .lane("a", "Sales", SeatKind::Team)
            .lane("b", "Finance", SeatKind::Team)
            .node("start", NodeKind::Start, Some("a"))
            .step("s1", "a")
            .step("s2", "b")
            .node("end", NodeKind::Outcome, Some("b"))
            .arrow("start", "s1")
            .flow("s1", "s2", "", "order")
            .arrow("s2", "end")
            .build();
        let m = metrics(&doc);
        assert_eq!(
            (m.steps, m.decisions, m.handoffs, m.lanes, m.seats),
            (2, 0, 1, 2, 2)
        );
        assert_eq!(m.per_seat[0].handoffs_out, 1);
        assert_eq!(m.per_seat[1].handoffs_in, 1);
        assert_eq!(m.per_seat[1].touch_minutes, 30);
        assert_eq!(m.touch_minutes, 60);
    }

    #[test]
    fn minutes_read_like_a_person_would_say_them() {
        assert_eq!(format_minutes(45), "45 min");
        assert_eq!(format_minutes(120), "2 h");
        assert_eq!(format_minutes(200), "3 h 20 min");
        assert_eq!(format_minutes(2 * 1440), "2 d");
        assert_eq!(format_minutes(2 * 1440 + 250), "2 d 4 h");
    }
}
