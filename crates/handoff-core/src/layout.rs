//! Canvas geometry shared by everything that draws a map: the desktop canvas, the PDF
//! drawing and the BPMN exporter (whose diagram must open with the same layout).
//!
//! The model stores one [`Position`] per node: the **top-left corner of the node's box**,
//! with `x` measured from the left edge of the lane's content area (just right of the
//! lane's name band, [`LANE_HEADER_WIDTH`] wide) and `y` from the lane's top edge. Lanes
//! stack top to bottom in [`Process::lanes`] order, each as tall as its nodes need
//! ([`lane_height`]) and never shorter than [`MIN_LANE_HEIGHT`]. Nodes in no lane are
//! drawn in a band below the last lane, measured the same way.
//!
//! Arrows between nodes are routed once, for every renderer, in [`route`]; their labels
//! and the names of events and gateways are placed once in [`labels`], with text measured
//! by [`text`]'s width model. [`drawing`] puts the three together for a whole map.
//!
//! All functions are pure and linear in the number of nodes.

pub mod drawing;
pub mod labels;
pub mod route;
pub mod text;

use std::collections::HashMap;

use crate::model::{LaneId, NodeTag, Position, Process};

/// The width of the band at a lane's left edge that shows its seat's name.
pub const LANE_HEADER_WIDTH: f64 = 30.0;
/// The smallest height a lane is drawn with, even when empty.
pub const MIN_LANE_HEIGHT: f64 = 150.0;
/// Free space kept below the lowest node of a lane.
pub const LANE_PADDING: f64 = 30.0;
/// Free space kept right of the rightmost node of the map.
pub const CONTENT_PADDING: f64 = 50.0;
/// The narrowest a lane's content area is drawn.
pub const MIN_CONTENT_WIDTH: f64 = 600.0;

/// Width and height of a node's box, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

/// A box on the canvas: its top-left corner, width and height, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// The x of the box's centre.
    pub fn center_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    /// The y of the box's centre.
    pub fn center_y(&self) -> f64 {
        self.y + self.height / 2.0
    }

    /// The x of the box's right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The y of the box's bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
}

/// The box a node of this kind is drawn in. Sizes follow BPMN tool conventions (a task
/// is 100 × 80, a gateway 50 × 50, an event 36 × 36) so exported diagrams look native.
pub fn node_size(tag: NodeTag) -> Size {
    match tag {
        NodeTag::Step => Size {
            width: 100.0,
            height: 80.0,
        },
        NodeTag::Decision | NodeTag::ParallelSplit | NodeTag::ParallelJoin => Size {
            width: 50.0,
            height: 50.0,
        },
        NodeTag::Start | NodeTag::Outcome => Size {
            width: 36.0,
            height: 36.0,
        },
    }
}

/// The height a lane needs for nodes at these (lane-relative) positions: the lowest
/// node's bottom edge plus [`LANE_PADDING`], at least [`MIN_LANE_HEIGHT`].
pub fn lane_height<'a>(nodes: impl IntoIterator<Item = (NodeTag, &'a Position)>) -> f64 {
    nodes
        .into_iter()
        .map(|(tag, p)| p.y + node_size(tag).height + LANE_PADDING)
        .fold(MIN_LANE_HEIGHT, f64::max)
}

/// One horizontal band of the drawing: a lane, or the band of nodes in no lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The lane; `None` for the band below the lanes holding nodes in no lane.
    pub lane: Option<LaneId>,
    /// Distance of the band's top edge from the top of the first lane.
    pub top: f64,
    pub height: f64,
}

/// The whole drawing: the bands top to bottom and the width of the content area.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One band per lane in [`Process::lanes`] order, then one for nodes in no lane if
    /// there are any (or if a node names a lane the process does not have).
    pub bands: Vec<Band>,
    /// Width of the content area right of the lane headers: the rightmost node's right
    /// edge plus [`CONTENT_PADDING`], at least [`MIN_CONTENT_WIDTH`].
    pub content_width: f64,
}

impl Layout {
    /// The band a node of `lane` is drawn in.
    pub fn band(&self, lane: Option<&LaneId>) -> Option<&Band> {
        self.bands
            .iter()
            .find(|b| b.lane.as_ref() == lane)
            .or_else(|| self.bands.iter().find(|b| b.lane.is_none()))
    }

    /// Total height of all bands.
    pub fn height(&self) -> f64 {
        self.bands.last().map(|b| b.top + b.height).unwrap_or(0.0)
    }

    /// Each node's box, in [`Process::nodes`] order: `x` as the node's position (from the
    /// left edge of the content area), `y` from the top of the first lane, in the band
    /// [`Layout::band`] gives (the top of the drawing when there is none).
    ///
    /// # Complexity
    /// Linear in the number of bands and nodes.
    pub fn node_rects(&self, process: &Process) -> Vec<Rect> {
        let mut tops: HashMap<Option<&LaneId>, f64> = HashMap::new();
        for band in &self.bands {
            tops.entry(band.lane.as_ref()).or_insert(band.top);
        }
        let loose = tops.get(&None).copied();
        process
            .nodes
            .iter()
            .map(|n| {
                let size = node_size(n.tag());
                let top = tops.get(&n.lane.as_ref()).copied().or(loose).unwrap_or(0.0);
                Rect {
                    x: n.position.x,
                    y: top + n.position.y,
                    width: size.width,
                    height: size.height,
                }
            })
            .collect()
    }
}

/// Lays out the lanes of `process`: each lane as tall as its nodes need, stacked in order.
///
/// # Complexity
/// Linear in the number of lanes and nodes.
pub fn layout(process: &Process) -> Layout {
    let mut heights: HashMap<Option<&LaneId>, f64> = HashMap::new();
    let mut right: f64 = 0.0;
    for lane in &process.lanes {
        heights.insert(Some(&lane.id), MIN_LANE_HEIGHT);
    }
    let mut unplaced = false;
    for node in &process.nodes {
        let key = match &node.lane {
            Some(l) if heights.contains_key(&Some(l)) => Some(l),
            _ => {
                unplaced = true;
                None
            }
        };
        let need = lane_height([(node.tag(), &node.position)]);
        let h = heights.entry(key).or_insert(MIN_LANE_HEIGHT);
        *h = h.max(need);
        right = right.max(node.position.x + node_size(node.tag()).width);
    }
    let mut bands = Vec::with_capacity(process.lanes.len() + 1);
    let mut top = 0.0;
    for lane in &process.lanes {
        if bands
            .iter()
            .any(|b: &Band| b.lane.as_ref() == Some(&lane.id))
        {
            continue;
        }
        let height = heights[&Some(&lane.id)];
        bands.push(Band {
            lane: Some(lane.id.clone()),
            top,
            height,
        });
        top += height;
    }
    if unplaced {
        bands.push(Band {
            lane: None,
            top,
            height: heights[&None],
        });
    }
    Layout {
        bands,
        content_width: (right + CONTENT_PADDING).max(MIN_CONTENT_WIDTH),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Builder;
    use crate::model::{NodeKind, SeatKind};

    #[test]
    fn lanes_grow_to_fit_their_lowest_node() {
        let doc = Builder::new("p")
            .lane("a", "A", SeatKind::Person)
            .lane("b", "B", SeatKind::Team)
            .step("s1", "a")
            .with(|d| d.process.nodes[0].position = Position { x: 10.0, y: 200.0 })
            .build();
        let l = layout(&doc.process);
        assert_eq!(l.bands.len(), 2);
        assert_eq!(l.bands[0].height, 200.0 + 80.0 + LANE_PADDING);
        assert_eq!(l.bands[1].top, l.bands[0].height);
        assert_eq!(l.bands[1].height, MIN_LANE_HEIGHT);
        assert_eq!(l.height(), l.bands[0].height + MIN_LANE_HEIGHT);
    }

    #[test]
    fn nodes_in_no_lane_get_a_band_below() {
        let doc = Builder::new("p")
            .lane("a", "A", SeatKind::Person)
            .node("x", NodeKind::Start, None)
            .build();
        let l = layout(&doc.process);
        assert_eq!(l.bands.len(), 2);
        assert_eq!(l.bands[1].lane, None);
        assert_eq!(l.band(None).map(|b| b.top), Some(MIN_LANE_HEIGHT));
    }

    #[test]
    fn node_rects_sit_in_their_bands() {
        let doc = Builder::new("p")
            .lane("a", "A", SeatKind::Person)
            .lane("b", "B", SeatKind::Team)
            .step("s1", "b")
            .node("x", NodeKind::Start, Some("ghost"))
            .node("y", NodeKind::Outcome, None)
            .with(|d| d.process.nodes[0].position = Position { x: 10.0, y: 20.0 })
            .build();
        let l = layout(&doc.process);
        let rects = l.node_rects(&doc.process);
        for (n, r) in doc.process.nodes.iter().zip(&rects) {
            let top = l.band(n.lane.as_ref()).map_or(0.0, |b| b.top);
            assert_eq!(r.y, top + n.position.y, "{}", n.id);
            assert_eq!(r.x, n.position.x);
            assert_eq!(r.width, node_size(n.tag()).width);
        }
        assert_eq!(rects[0].y, MIN_LANE_HEIGHT + 20.0);
        // A node of a lane the process lacks goes in the band below the lanes.
        assert_eq!(
            rects[1].y,
            2.0 * MIN_LANE_HEIGHT + doc.process.nodes[1].position.y
        );
    }

    #[test]
    fn content_width_covers_the_rightmost_node() {
        let doc = crate::build::generate(50, 3);
        let l = layout(&doc.process);
        let right = doc
            .process
            .nodes
            .iter()
            .map(|n| n.position.x + node_size(n.tag()).width)
            .fold(0.0, f64::max);
        assert_eq!(l.content_width, right + CONTENT_PADDING);
    }
}
