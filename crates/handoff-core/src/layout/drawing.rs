//! A whole map as every renderer draws it: lane bands, node boxes, arrows and labels, in
//! canvas units with `x` from the left edge of the lanes' content area and `y` from the top
//! of the first lane (lane headers lie left of `x = 0`).
//!
//! Which labels a map has:
//! - a **caption** for each event, decision and parallel gateway with a name (a step's name
//!   is printed inside its box, wrapped and shortened to fit, so it needs no room outside);
//! - a **branch** label for each arrow leaving a decision, and for any other arrow with a
//!   label;
//! - a **handover** badge for each arrow between two different lanes.
//!
//! They are placed in that order with [`super::labels::place`].

use super::labels::{place, Anchor, Label, LabelKind, Request, Scene, CAPTION_TEXT_WIDTH};
use super::route::{route, Route};
use super::{layout, Layout, Rect, CONTENT_PADDING, LANE_HEADER_WIDTH};
use crate::model::{NodeTag, Process};

/// A map laid out for drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub layout: Layout,
    /// Each node's box, in [`Process::nodes`] order.
    pub nodes: Vec<Rect>,
    /// Each flow's arrow, in [`Process::flows`] order; `None` when an end is missing.
    pub routes: Vec<Option<Route>>,
    /// Per node: its caption, if it has one.
    pub captions: Vec<Option<Label>>,
    /// Per flow: its branch condition, if it has one.
    pub branches: Vec<Option<Label>>,
    /// Per flow: its handover badge, if it crosses lanes.
    pub handovers: Vec<Option<Label>>,
}

impl Drawing {
    /// The lane headers' boxes, one per band, left of the content area.
    pub fn headers(&self) -> Vec<Rect> {
        headers(&self.layout)
    }

    /// Every label, captions first, then branches, then badges.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.captions
            .iter()
            .chain(&self.branches)
            .chain(&self.handovers)
            .flatten()
    }

    /// The width of the content area with every label in it: at least
    /// [`Layout::content_width`], wider when a caption sticks out past the last node.
    pub fn width(&self) -> f64 {
        self.labels()
            .map(|l| l.rect.right() + CONTENT_PADDING / 2.0)
            .fold(self.layout.content_width, f64::max)
    }
}

fn headers(layout: &Layout) -> Vec<Rect> {
    layout
        .bands
        .iter()
        .map(|b| Rect {
            x: -LANE_HEADER_WIDTH,
            y: b.top,
            width: LANE_HEADER_WIDTH,
            height: b.height,
        })
        .collect()
}

/// Lays out `process` and places its labels (see the module docs).
///
/// # Complexity
/// That of [`super::labels::place`]: about linear in the size of the map.
pub fn drawing(process: &Process) -> Drawing {
    let layout = layout(process);
    let nodes = layout.node_rects(process);
    let index: std::collections::HashMap<&crate::model::NodeId, usize> = process
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.id, i))
        .collect();
    let ends: Vec<Option<(usize, usize)>> = process
        .flows
        .iter()
        .map(|f| Some((*index.get(&f.from)?, *index.get(&f.to)?)))
        .collect();
    let routes: Vec<Option<Route>> = ends
        .iter()
        .map(|e| e.map(|(a, b)| route(&nodes[a], &nodes[b])))
        .collect();

    let scene = Scene {
        shapes: nodes.clone(),
        headers: headers(&layout),
        area: Rect {
            x: 0.0,
            y: 0.0,
            width: layout.content_width + CAPTION_TEXT_WIDTH,
            height: layout.height(),
        },
        arrows: routes
            .iter()
            .map(|r| r.as_ref().map(|r| r.points.clone()).unwrap_or_default())
            .collect(),
    };

    // What each request is for: a node's caption or a flow's label.
    enum Owner {
        Node(usize),
        Branch(usize),
        Handover(usize),
    }
    let mut owners = Vec::new();
    let mut requests = Vec::new();
    for (i, n) in process.nodes.iter().enumerate() {
        let name = n.label.trim();
        if n.tag() == NodeTag::Step || name.is_empty() {
            continue;
        }
        let band = layout.band(n.lane.as_ref());
        owners.push(Owner::Node(i));
        requests.push(Request {
            kind: LabelKind::Caption,
            text: name.to_owned(),
            anchor: Anchor::Shape(i),
            within: band.map(|b| (b.top, b.top + b.height)),
            text_width: None,
        });
    }
    for (k, f) in process.flows.iter().enumerate() {
        let Some((a, _)) = ends[k] else { continue };
        let label = f.label.trim();
        if process.nodes[a].tag() == NodeTag::Decision || !label.is_empty() {
            owners.push(Owner::Branch(k));
            requests.push(Request {
                kind: LabelKind::Branch,
                text: label.to_owned(),
                anchor: Anchor::Arrow(k),
                within: None,
                text_width: None,
            });
        }
    }
    for (k, f) in process.flows.iter().enumerate() {
        let Some((a, b)) = ends[k] else { continue };
        let (la, lb) = (&process.nodes[a].lane, &process.nodes[b].lane);
        if la.is_some() && lb.is_some() && la != lb {
            owners.push(Owner::Handover(k));
            requests.push(Request {
                kind: LabelKind::Handover,
                text: f.handover.trim().to_owned(),
                anchor: Anchor::Arrow(k),
                within: None,
                text_width: None,
            });
        }
    }

    let mut captions = vec![None; process.nodes.len()];
    let mut branches = vec![None; process.flows.len()];
    let mut handovers = vec![None; process.flows.len()];
    for (owner, label) in owners.into_iter().zip(place(&scene, &requests)) {
        match owner {
            Owner::Node(i) => captions[i] = Some(label),
            Owner::Branch(k) => branches[k] = Some(label),
            Owner::Handover(k) => handovers[k] = Some(label),
        }
    }
    Drawing {
        layout,
        nodes,
        routes,
        captions,
        branches,
        handovers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Builder;
    use crate::layout::labels::overlap;
    use crate::model::{NodeKind, SeatKind};

    #[test]
    fn a_decision_between_lanes_gets_its_caption_branches_and_badges() {
        let doc = Builder::new("p")
            .lane("a", "A", SeatKind::Person)
            .lane("b", "B", SeatKind::Team)
            .node("d", NodeKind::Decision, Some("a"))
            .step("yes", "a")
            .step("no", "b")
            .arrow("d", "yes")
            .arrow("d", "no")
            .with(|d| {
                d.process.nodes[0].label = "Approved?".into();
                d.process.nodes[0].position = crate::model::Position { x: 40.0, y: 50.0 };
                d.process.nodes[1].position = crate::model::Position { x: 300.0, y: 35.0 };
                d.process.nodes[2].position = crate::model::Position { x: 300.0, y: 35.0 };
                d.process.flows[0].label = "yes".into();
                d.process.flows[1].label = "no".into();
                d.process.flows[1].handover = "the request".into();
            })
            .build();
        let dr = drawing(&doc.process);
        assert!(dr.captions[0].is_some());
        assert!(dr.branches.iter().all(Option::is_some));
        assert!(dr.handovers[0].is_none() && dr.handovers[1].is_some());
        let labels: Vec<&Label> = dr.labels().collect();
        assert_eq!(labels.len(), 4);
        for (i, l) in labels.iter().enumerate() {
            assert!(l.clear, "{l:?}");
            for n in &dr.nodes {
                assert!(!overlap(&l.rect, n), "{l:?}");
            }
            for h in dr.headers() {
                assert!(!overlap(&l.rect, &h));
            }
            for m in &labels[i + 1..] {
                assert!(!overlap(&l.rect, &m.rect), "{l:?} {m:?}");
            }
        }
    }
}
