//! The process as a directed graph, and the global facts about it that checks and metrics
//! share: which nodes a start can reach, which can reach an outcome, and which cycles have
//! no way out.
//!
//! Flows whose source or target does not exist are left out of the graph (the
//! `broken-flow` check reports them) so that every other fact is computed on what is
//! really connected.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, EdgeRef, Reversed, VisitMap};
use petgraph::Direction;

use rustc_hash::FxHashMap;

use crate::model::{LaneId, NodeTag, Process};

/// A graph over a process's nodes. Node weights are indices into [`Process::nodes`], edge
/// weights indices into [`Process::flows`]; graph node `i` is process node `i`.
///
/// Ids are resolved to indices once, here, so that the checks and metrics that run on every
/// edit compare integers rather than hashing and comparing id strings.
#[derive(Debug)]
pub struct ProcessGraph<'p> {
    pub process: &'p Process,
    pub graph: DiGraph<usize, usize>,
    index: FxHashMap<&'p str, NodeIndex>,
    lane_index: FxHashMap<&'p str, usize>,
    /// For each node, the position of its lane in [`Process::lanes`], if it has an existing one.
    node_lane: Vec<Option<usize>>,
    /// For each flow, its two ends, or `None` when either does not exist.
    flow_ends: Vec<Option<(NodeIndex, NodeIndex)>>,
}

impl<'p> ProcessGraph<'p> {
    /// Builds the graph.
    ///
    /// # Complexity
    /// O(nodes + flows).
    pub fn new(process: &'p Process) -> Self {
        let mut graph = DiGraph::with_capacity(process.nodes.len(), process.flows.len());
        let mut index = FxHashMap::default();
        index.reserve(process.nodes.len());
        let lane_index: FxHashMap<&str, usize> = process
            .lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), i))
            .collect();
        let mut node_lane = Vec::with_capacity(process.nodes.len());
        for (i, node) in process.nodes.iter().enumerate() {
            let ix = graph.add_node(i);
            index.entry(node.id.as_str()).or_insert(ix);
            node_lane.push(
                node.lane
                    .as_ref()
                    .and_then(|l| lane_index.get(l.as_str()).copied()),
            );
        }
        let mut flow_ends = Vec::with_capacity(process.flows.len());
        for (i, flow) in process.flows.iter().enumerate() {
            let ends = index
                .get(flow.from.as_str())
                .copied()
                .zip(index.get(flow.to.as_str()).copied());
            if let Some((a, b)) = ends {
                graph.add_edge(a, b, i);
            }
            flow_ends.push(ends);
        }
        ProcessGraph {
            process,
            graph,
            index,
            lane_index,
            node_lane,
            flow_ends,
        }
    }

    /// The graph index of the node with this id.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The position of a lane in [`Process::lanes`].
    pub fn lane_position(&self, lane: &LaneId) -> Option<usize> {
        self.lane_index.get(lane.as_str()).copied()
    }

    /// The kind of the node at a graph index.
    pub fn tag(&self, ix: NodeIndex) -> NodeTag {
        self.process.nodes[ix.index()].tag()
    }

    /// The position in [`Process::lanes`] of the lane holding the node at a graph index, or
    /// `None` when the node is in no lane or in one that does not exist.
    pub fn lane_of(&self, ix: NodeIndex) -> Option<usize> {
        self.node_lane[ix.index()]
    }

    /// The two ends of the flow at this index in [`Process::flows`], or `None` when either
    /// end does not exist.
    pub fn flow_ends(&self, flow: usize) -> Option<(NodeIndex, NodeIndex)> {
        self.flow_ends[flow]
    }

    /// Whether the flow at this index connects two nodes in different lanes.
    pub fn is_handoff(&self, flow: usize) -> bool {
        match self.flow_ends[flow] {
            Some((a, b)) => match (self.lane_of(a), self.lane_of(b)) {
                (Some(la), Some(lb)) => la != lb,
                _ => false,
            },
            None => false,
        }
    }

    /// Marks every node reachable from a start node.
    ///
    /// # Complexity
    /// O(nodes + flows).
    pub fn reachable_from_starts(&self) -> Vec<bool> {
        let starts = self.indices_of(NodeTag::Start);
        mark_reachable(&self.graph, starts)
    }

    /// Marks every node from which some outcome can be reached (outcomes included).
    ///
    /// # Complexity
    /// O(nodes + flows).
    pub fn reaches_outcome(&self) -> Vec<bool> {
        let outcomes = self.indices_of(NodeTag::Outcome);
        mark_reachable(Reversed(&self.graph), outcomes)
    }

    /// The places where paths get stuck: among the nodes that cannot reach an outcome,
    /// the strongly connected components that nothing leads out of. Each is either a single
    /// node with no way on (a dead end) or a cycle (an endless loop). Every node that
    /// cannot reach an outcome leads into at least one of them, so reporting these
    /// reports every problem once, at its source.
    ///
    /// # Complexity
    /// O(nodes + flows) (Tarjan's algorithm).
    pub fn traps(&self, reaches_outcome: &[bool]) -> Vec<Trap> {
        let mut traps = Vec::new();
        let mut component = vec![usize::MAX; self.graph.node_count()];
        let sccs = tarjan_scc(&self.graph);
        for (c, scc) in sccs.iter().enumerate() {
            for ix in scc {
                component[ix.index()] = c;
            }
        }
        for (c, scc) in sccs.into_iter().enumerate() {
            if scc.iter().any(|ix| reaches_outcome[ix.index()]) {
                continue;
            }
            let leaves = scc.iter().any(|&ix| {
                self.graph
                    .edges_directed(ix, Direction::Outgoing)
                    .any(|e| component[e.target().index()] != c)
            });
            if leaves {
                continue;
            }
            let is_cycle = scc.len() > 1 || self.graph.contains_edge(scc[0], scc[0]);
            let mut nodes: Vec<usize> = scc.iter().map(|ix| ix.index()).collect();
            nodes.sort_unstable();
            traps.push(if is_cycle {
                Trap::Loop(nodes)
            } else {
                Trap::DeadEnd(nodes[0])
            });
        }
        traps.sort_by_key(|t| match t {
            Trap::DeadEnd(n) => *n,
            Trap::Loop(ns) => ns[0],
        });
        traps
    }

    /// Graph indices of every node of one kind.
    pub fn indices_of(&self, tag: NodeTag) -> Vec<NodeIndex> {
        self.graph
            .node_indices()
            .filter(|&ix| self.tag(ix) == tag)
            .collect()
    }
}

/// Where a path gets stuck; node numbers index [`Process::nodes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trap {
    /// A node that is not an outcome and has no way on.
    DeadEnd(usize),
    /// A cycle with no flow out of it towards an outcome.
    Loop(Vec<usize>),
}

fn mark_reachable<G>(graph: G, sources: Vec<NodeIndex>) -> Vec<bool>
where
    G: petgraph::visit::IntoNeighbors<NodeId = NodeIndex>
        + petgraph::visit::Visitable<NodeId = NodeIndex>
        + petgraph::visit::NodeCount,
{
    let mut seen = vec![false; graph.node_count()];
    let Some((&first, rest)) = sources.split_first() else {
        return seen;
    };
    let mut bfs = Bfs::new(graph, first);
    for &s in rest {
        bfs.stack.push_back(s);
        bfs.discovered.visit(s);
    }
    while let Some(ix) = bfs.next(graph) {
        seen[ix.index()] = true;
    }
    seen
}
