//! Cycle time from a start to an outcome: the shortest, the typical and the longest.
//!
//! Each node costs its waiting time plus its duration. Loops are taken once: a depth-first
//! search from the starts finds the back edges (the flows that close a loop), and paths are
//! measured on what remains, which has no cycles, in one pass in topological order.
//!
//! Parallel work runs at the same time, so at a parallel join the path is as long as its
//! slowest incoming branch, in all three measures. Elsewhere the shortest path takes the
//! quickest way in and the longest the slowest. The typical path is the one a reader follows
//! by taking each decision's first branch (the first drawn, which is the "happy path" in
//! every template) and every branch of a parallel split.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::graph::ProcessGraph;
use crate::model::NodeTag;

/// The time along one path, in minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PathTime {
    /// Hands-on time.
    pub touch: u64,
    /// Waiting time before steps.
    pub wait: u64,
    /// The part of `wait` spent right after a handoff.
    pub handoff_wait: u64,
    /// `touch + wait`.
    pub total: u64,
}

impl PathTime {
    fn plus(self, touch: u64, wait: u64, after_handoff: bool) -> Self {
        let handoff_wait = self.handoff_wait + if after_handoff { wait } else { 0 };
        PathTime {
            touch: self.touch + touch,
            wait: self.wait + wait,
            handoff_wait,
            total: self.total + touch + wait,
        }
    }
}

/// The three cycle times of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CycleTimes {
    pub shortest: PathTime,
    pub typical: PathTime,
    pub longest: PathTime,
}

/// Computes the cycle times, or `None` when no outcome can be reached from a start.
///
/// # Complexity
/// O(nodes + flows).
pub fn cycle_times(g: &ProcessGraph<'_>) -> Option<CycleTimes> {
    let n = g.graph.node_count();
    let starts = g.indices_of(NodeTag::Start);
    let back = back_edges(g, &starts);
    let order = topological_order(g, &back);

    // For a decision, the flow the typical path takes: its first drawn forward branch.
    let typical_branch = |ix: NodeIndex| -> Option<EdgeIndex> {
        g.graph
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| !back[e.id().index()])
            .min_by_key(|e| *e.weight())
            .map(|e| e.id())
    };

    let mut shortest: Vec<Option<PathTime>> = vec![None; n];
    let mut longest: Vec<Option<PathTime>> = vec![None; n];
    let mut typical: Vec<Option<PathTime>> = vec![None; n];
    let mut is_start = vec![false; n];
    for s in &starts {
        is_start[s.index()] = true;
    }

    for ix in order {
        let node = &g.process.nodes[ix.index()];
        let (touch, wait) = node.details().map_or((0, 0), |d| {
            (
                d.duration_minutes.unwrap_or(0) as u64,
                d.wait_minutes.unwrap_or(0) as u64,
            )
        });
        let is_join = node.tag() == NodeTag::ParallelJoin;
        let incoming: Vec<_> = g
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| !back[e.id().index()])
            .collect();

        let pick = |values: &[Option<PathTime>], prefer_max: bool, only: &dyn Fn(&_) -> bool| {
            let mut best: Option<(PathTime, bool)> = None;
            for e in incoming.iter().copied().filter(|e| only(e)) {
                let Some(v) = values[e.source().index()] else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((b, _)) if prefer_max => v.total > b.total,
                    Some((b, _)) => v.total < b.total,
                };
                if better {
                    best = Some((v, g.is_handoff(*e.weight())));
                }
            }
            best
        };
        let all = |_: &_| true;
        let base = |found: Option<(PathTime, bool)>| -> Option<PathTime> {
            match found {
                Some((v, handoff)) => Some(v.plus(touch, wait, handoff)),
                None if is_start[ix.index()] => Some(PathTime::default().plus(touch, wait, false)),
                None => None,
            }
        };
        shortest[ix.index()] = base(pick(&shortest, is_join, &all));
        longest[ix.index()] = base(pick(&longest, true, &all));
        let active = |e: &petgraph::graph::EdgeReference<'_, usize>| {
            let src = e.source();
            typical[src.index()].is_some()
                && (g.tag(src) != NodeTag::Decision || typical_branch(src) == Some(e.id()))
        };
        typical[ix.index()] = base(pick(&typical, true, &active));
    }

    let outcomes = g.indices_of(NodeTag::Outcome);
    let best = |values: &[Option<PathTime>], max: bool| {
        let found = outcomes.iter().filter_map(|o| values[o.index()]);
        if max {
            found.max_by_key(|v| v.total)
        } else {
            found.min_by_key(|v| v.total)
        }
    };
    Some(CycleTimes {
        shortest: best(&shortest, false)?,
        typical: best(&typical, true).or_else(|| best(&shortest, false))?,
        longest: best(&longest, true)?,
    })
}

/// Marks the edges that close a cycle, found by an iterative depth-first search from the
/// starts (then from any node not yet visited, so islands are handled too).
fn back_edges(g: &ProcessGraph<'_>, starts: &[NodeIndex]) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; g.graph.node_count()];
    let mut back = vec![false; g.graph.edge_count()];
    let roots = starts.iter().copied().chain(g.graph.node_indices());
    for root in roots {
        if mark[root.index()] != Mark::New {
            continue;
        }
        // Outgoing edges in file order, so the first drawn branch is explored first.
        let out = |ix: NodeIndex| {
            let mut es: Vec<_> = g
                .graph
                .edges_directed(ix, Direction::Outgoing)
                .map(|e| (*e.weight(), e.id(), e.target()))
                .collect();
            es.sort_unstable_by_key(|e| e.0);
            es.into_iter().map(|(_, id, t)| (id, t)).collect::<Vec<_>>()
        };
        let mut stack = vec![(root, out(root), 0usize)];
        mark[root.index()] = Mark::OnStack;
        while let Some((ix, edges, next)) = stack.last_mut() {
            if let Some(&(edge, target)) = edges.get(*next) {
                *next += 1;
                match mark[target.index()] {
                    Mark::New => {
                        mark[target.index()] = Mark::OnStack;
                        let es = out(target);
                        stack.push((target, es, 0));
                    }
                    Mark::OnStack => back[edge.index()] = true,
                    Mark::Done => {}
                }
            } else {
                mark[ix.index()] = Mark::Done;
                stack.pop();
            }
        }
    }
    back
}

/// Kahn's algorithm over the forward edges.
fn topological_order(g: &ProcessGraph<'_>, back: &[bool]) -> Vec<NodeIndex> {
    let mut indegree = vec![0usize; g.graph.node_count()];
    for e in g.graph.edge_references() {
        if !back[e.id().index()] {
            indegree[e.target().index()] += 1;
        }
    }
    let mut ready: Vec<NodeIndex> = g
        .graph
        .node_indices()
        .filter(|ix| indegree[ix.index()] == 0)
        .collect();
    ready.reverse();
    let mut order = Vec::with_capacity(g.graph.node_count());
    while let Some(ix) = ready.pop() {
        order.push(ix);
        for e in g.graph.edges_directed(ix, Direction::Outgoing) {
            if back[e.id().index()] {
                continue;
            }
            let t = e.target().index();
            indegree[t] -= 1;
            if indegree[t] == 0 {
                ready.push(e.target());
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Builder;
    use crate::model::{NodeKind, SeatKind};

    fn timed(b: Builder, id: &str, wait: u32, duration: u32) -> Builder {
        b.with(|doc| {
            let node = doc
                .process
                .nodes
                .iter_mut()
                .find(|n| n.id.as_str() == id)
                .unwrap();
            if let NodeKind::Step { details } = &mut node.kind {
                details.wait_minutes = Some(wait);
                details.duration_minutes = Some(duration);
            }
        })
    }

    #[test]
    fn decision_branches_give_shortest_typical_and_longest() {
        // start -> a -> d -(first)-> quick -> end ; d -(second)-> slow -> end
        let mut b = Builder::new("P")
            .lane("x", "X", SeatKind::Person)
            .node("start", NodeKind::Start, Some("x"))
            .step("a", "x")
            .node("d", NodeKind::Decision, Some("x"))
            .step("slow", "x")
            .step("quick", "x")
            .node("end", NodeKind::Outcome, Some("x"))
            .arrow("start", "a")
            .arrow("a", "d")
            .flow("d", "slow", "complex", "")
            .flow("d", "quick", "simple", "")
            .arrow("slow", "end")
            .arrow("quick", "end");
        b = timed(b, "a", 0, 10);
        b = timed(b, "slow", 60, 100);
        b = timed(b, "quick", 0, 5);
        let doc = b.build();
        let c = cycle_times(&ProcessGraph::new(&doc.process)).unwrap();
        assert_eq!(c.shortest.total, 15);
        assert_eq!(c.longest.total, 170);
        // The first drawn branch is "complex".
        assert_eq!(c.typical.total, 170);
        assert_eq!(c.typical.wait, 60);
    }

    #[test]
    fn parallel_branches_count_the_slowest_even_on_the_shortest_path() {
        let mut b = Builder::new("P")
            .lane("x", "X", SeatKind::Person)
            .node("start", NodeKind::Start, Some("x"))
            .node("split", NodeKind::ParallelSplit, Some("x"))
            .step("fast", "x")
            .step("slow", "x")
            .node("join", NodeKind::ParallelJoin, Some("x"))
            .node("end", NodeKind::Outcome, Some("x"))
            .arrow("start", "split")
            .arrow("split", "fast")
            .arrow("split", "slow")
            .arrow("fast", "join")
            .arrow("slow", "join")
            .arrow("join", "end");
        b = timed(b, "fast", 0, 10);
        b = timed(b, "slow", 0, 90);
        let doc = b.build();
        let c = cycle_times(&ProcessGraph::new(&doc.process)).unwrap();
        assert_eq!(
            (c.shortest.total, c.typical.total, c.longest.total),
            (90, 90, 90)
        );
    }

    #[test]
    fn loops_are_taken_once_and_handoff_waits_are_counted() {
        let mut b = Builder::new("P")
            .lane("x", "X", SeatKind::Person)
            .lane("y", "Y", SeatKind::Team)
            .node("start", NodeKind::Start, Some("x"))
            .step("draft", "x")
            .step("review", "y")
            .node("ok", NodeKind::Decision, Some("y"))
            .node("end", NodeKind::Outcome, Some("y"))
            .arrow("start", "draft")
            .flow("draft", "review", "", "draft")
            .arrow("review", "ok")
            .flow("ok", "end", "approved", "")
            .flow("ok", "draft", "changes needed", "notes");
        b = timed(b, "draft", 0, 60);
        b = timed(b, "review", 1440, 30);
        let doc = b.build();
        let c = cycle_times(&ProcessGraph::new(&doc.process)).unwrap();
        assert_eq!(c.longest.total, 60 + 1440 + 30);
        assert_eq!(c.typical.handoff_wait, 1440);
    }

    #[test]
    fn no_reachable_outcome_means_no_cycle_time() {
        let doc = Builder::new("P")
            .lane("x", "X", SeatKind::Person)
            .node("start", NodeKind::Start, Some("x"))
            .step("a", "x")
            .arrow("start", "a")
            .build();
        assert_eq!(cycle_times(&ProcessGraph::new(&doc.process)), None);
    }
}
