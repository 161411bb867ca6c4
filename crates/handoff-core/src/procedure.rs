//! A map read as a procedure: the steps and decisions numbered in the order a person
//! follows them, and where each one leads.
//!
//! Numbering is a depth-first walk from the start nodes (in file order), following each
//! node's outgoing flows in file order, so the first branch of every decision (the happy
//! path, as drawn first) reads before the alternatives. Two refinements keep the text
//! natural:
//!
//! - a parallel join waits until every branch that can reach it has been numbered, so the
//!   work after a join comes after all the parallel work;
//! - nodes no start can reach are numbered last, in file order, so nothing drawn is lost.
//!
//! Only steps and decisions get numbers; starts, parallel gateways and outcomes are passed
//! through when working out where a flow leads ([`Procedure::targets`]), so "If rejected,
//! go to step 9" names the step the branch really reaches, and a branch straight to an
//! outcome ends the process.
//!
//! Everything here is pure and linear in the size of the map, so the SOP writer, the RACI
//! grid and the app's inspector can all show the same numbers.

use std::collections::{HashMap, HashSet};

use crate::model::{NodeId, NodeTag, Process};

/// The numbered reading order of a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// Indices into [`Process::nodes`] of the numbered nodes; item `i` is number `i + 1`.
    order: Vec<usize>,
    /// Node index to number (1-based), for numbered nodes only.
    numbers: HashMap<usize, usize>,
    /// Node id to node index.
    index: HashMap<NodeId, usize>,
    /// Outgoing flows per node, as indices into [`Process::flows`] in file order.
    outgoing: Vec<Vec<usize>>,
}

/// Where following a flow leads a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A numbered step or decision.
    Step {
        /// Its 1-based number.
        number: usize,
        /// Its id.
        node: NodeId,
    },
    /// An outcome: the process ends there.
    End {
        /// The outcome's id.
        outcome: NodeId,
    },
    /// Nothing: the flow runs into a gateway or start with no way on, or a missing node.
    Nowhere,
}

/// Whether a node of this kind gets a number.
pub fn is_numbered(tag: NodeTag) -> bool {
    matches!(tag, NodeTag::Step | NodeTag::Decision)
}

impl Procedure {
    /// Numbers the steps and decisions of `process` in reading order.
    ///
    /// Flows naming a missing node are ignored (the `broken-flow` check reports them).
    ///
    /// # Complexity
    /// O(nodes + flows).
    pub fn new(process: &Process) -> Self {
        let n = process.nodes.len();
        let mut index = HashMap::with_capacity(n);
        for (i, node) in process.nodes.iter().enumerate() {
            index.entry(node.id.clone()).or_insert(i);
        }
        let mut outgoing = vec![Vec::new(); n];
        let mut incoming = vec![Vec::new(); n];
        for (fi, flow) in process.flows.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (index.get(&flow.from), index.get(&flow.to)) {
                outgoing[a].push(fi);
                incoming[b].push(a);
            }
        }
        let target_of = |fi: usize| index[&process.flows[fi].to];

        // Which nodes any start can reach: a join only waits for branches that exist.
        let starts: Vec<usize> = (0..n)
            .filter(|&i| process.nodes[i].tag() == NodeTag::Start)
            .collect();
        let mut reachable = vec![false; n];
        let mut stack = starts.clone();
        for &s in &starts {
            reachable[s] = true;
        }
        while let Some(i) = stack.pop() {
            for &fi in &outgoing[i] {
                let t = target_of(fi);
                if !reachable[t] {
                    reachable[t] = true;
                    stack.push(t);
                }
            }
        }

        let mut visited = vec![false; n];
        let mut order = Vec::new();
        // Roots: the starts, then every node still unvisited, in file order.
        let roots = starts.iter().copied().chain(0..n);
        for root in roots {
            if visited[root] {
                continue;
            }
            let mut stack = vec![root];
            // Joins seen before all their reachable branches were numbered, first-seen first.
            let mut waiting: Vec<usize> = Vec::new();
            // When nothing else is left to walk, the first join still waiting is released.
            while let Some(i) = stack.pop().or_else(|| {
                let pos = waiting.iter().position(|&j| !visited[j])?;
                Some(waiting.remove(pos))
            }) {
                if visited[i] {
                    continue;
                }
                if process.nodes[i].tag() == NodeTag::ParallelJoin
                    && !stack.is_empty()
                    && incoming[i].iter().any(|&p| reachable[p] && !visited[p])
                {
                    if !waiting.contains(&i) {
                        waiting.push(i);
                    }
                    continue;
                }
                visited[i] = true;
                if is_numbered(process.nodes[i].tag()) {
                    order.push(i);
                }
                // Reverse so that the first flow in the file is walked first.
                for &fi in outgoing[i].iter().rev() {
                    let t = target_of(fi);
                    if !visited[t] {
                        stack.push(t);
                    }
                }
            }
        }
        let numbers = order.iter().enumerate().map(|(k, &i)| (i, k + 1)).collect();
        Procedure {
            order,
            numbers,
            index,
            outgoing,
        }
    }

    /// The numbered nodes in reading order, as indices into [`Process::nodes`]; the item at
    /// position `k` has number `k + 1`.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// How many steps and decisions are numbered.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether nothing is numbered.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The 1-based number of the node with this id, or `None` when it is not a numbered
    /// step or decision (or does not exist).
    pub fn number(&self, id: &NodeId) -> Option<usize> {
        self.index
            .get(id)
            .and_then(|i| self.numbers.get(i))
            .copied()
    }

    /// The index into [`Process::flows`] of each flow leaving the node with this id, in
    /// file order. Empty for a missing node.
    pub fn outgoing(&self, id: &NodeId) -> &[usize] {
        self.index
            .get(id)
            .map_or(&[][..], |&i| self.outgoing[i].as_slice())
    }

    /// Where the flow at `flow` (an index into [`Process::flows`]) leads a reader: the
    /// numbered node or outcome it reaches, passing through starts and parallel gateways.
    /// A flow into a parallel split leads to several targets (one per branch, in file
    /// order, without repeats); a flow that reaches nothing yields [`Target::Nowhere`].
    ///
    /// # Complexity
    /// Linear in the number of gateways and flows passed through.
    pub fn targets(&self, process: &Process, flow: usize) -> Vec<Target> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        match process.flows.get(flow).and_then(|f| self.index.get(&f.to)) {
            Some(&to) => self.resolve(process, to, &mut seen, &mut out),
            None => out.push(Target::Nowhere),
        }
        out
    }

    fn resolve(
        &self,
        process: &Process,
        node: usize,
        seen: &mut HashSet<usize>,
        out: &mut Vec<Target>,
    ) {
        if !seen.insert(node) {
            return;
        }
        let n = &process.nodes[node];
        let target = match n.tag() {
            NodeTag::Step | NodeTag::Decision => Target::Step {
                number: self.numbers[&node],
                node: n.id.clone(),
            },
            NodeTag::Outcome => Target::End {
                outcome: n.id.clone(),
            },
            NodeTag::Start | NodeTag::ParallelSplit | NodeTag::ParallelJoin => {
                let before = out.len();
                for &fi in &self.outgoing[node] {
                    if let Some(&t) = self.index.get(&process.flows[fi].to) {
                        self.resolve(process, t, seen, out);
                    }
                }
                if out.len() > before {
                    return;
                }
                Target::Nowhere
            }
        };
        if !out.contains(&target) {
            out.push(target);
        }
    }

    /// The flows a reader passes along when following `flow`: the flow itself and, when it
    /// runs into starts or parallel gateways, the flows beyond them up to the next numbered
    /// node or outcome, as indices into [`Process::flows`] in walking order. Used to find
    /// every handoff between one step and the next.
    ///
    /// # Complexity
    /// Linear in the number of gateways and flows passed through.
    pub fn path_flows(&self, process: &Process, flow: usize) -> Vec<usize> {
        let mut out = vec![flow];
        let mut seen = HashSet::new();
        let mut stack = Vec::new();
        if let Some(&t) = process.flows.get(flow).and_then(|f| self.index.get(&f.to)) {
            stack.push(t);
        }
        while let Some(i) = stack.pop() {
            if !seen.insert(i) || !is_pass_through(process.nodes[i].tag()) {
                continue;
            }
            for &fi in self.outgoing[i].iter().rev() {
                out.push(fi);
                if let Some(&t) = self.index.get(&process.flows[fi].to) {
                    stack.push(t);
                }
            }
        }
        out
    }
}

fn is_pass_through(tag: NodeTag) -> bool {
    matches!(
        tag,
        NodeTag::Start | NodeTag::ParallelSplit | NodeTag::ParallelJoin
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{generate, Builder};
    use crate::model::NodeKind;

    fn numbers(p: &Procedure, process: &Process) -> Vec<String> {
        p.order()
            .iter()
            .map(|&i| process.nodes[i].id.to_string())
            .collect()
    }

    #[test]
    fn happy_path_reads_first_and_branches_resolve_to_their_steps() {
        // start -> a -> d -(ok)-> b -> end ; d -(no)-> fix -> a
        let doc = Builder::new("t")
            .lane("l1", "One", crate::model::SeatKind::Person)
            .node("start", NodeKind::Start, Some("l1"))
            .step("a", "l1")
            .node("d", NodeKind::Decision, Some("l1"))
            .step("fix", "l1")
            .step("b", "l1")
            .node("end", NodeKind::Outcome, Some("l1"))
            .node("rejected", NodeKind::Outcome, Some("l1"))
            .arrow("start", "a")
            .arrow("a", "d")
            .flow("d", "b", "ok", "")
            .flow("d", "fix", "needs work", "")
            .flow("d", "rejected", "refused", "")
            .arrow("fix", "a")
            .arrow("b", "end")
            .build();
        let p = Procedure::new(&doc.process);
        assert_eq!(numbers(&p, &doc.process), ["a", "d", "b", "fix"]);
        let flows = p.outgoing(&NodeId::from("d")).to_vec();
        let t: Vec<_> = flows.iter().map(|&f| p.targets(&doc.process, f)).collect();
        assert_eq!(
            t[0],
            [Target::Step {
                number: 3,
                node: "b".into()
            }]
        );
        assert_eq!(
            t[1],
            [Target::Step {
                number: 4,
                node: "fix".into()
            }]
        );
        assert_eq!(
            t[2],
            [Target::End {
                outcome: "rejected".into()
            }]
        );
    }

    #[test]
    fn parallel_join_waits_for_every_branch() {
        let doc = Builder::new("t")
            .lane("l1", "One", crate::model::SeatKind::Person)
            .node("start", NodeKind::Start, Some("l1"))
            .node("split", NodeKind::ParallelSplit, Some("l1"))
            .step("x1", "l1")
            .step("x2", "l1")
            .step("y1", "l1")
            .node("join", NodeKind::ParallelJoin, Some("l1"))
            .step("after", "l1")
            .node("end", NodeKind::Outcome, Some("l1"))
            .arrow("start", "split")
            .arrow("split", "x1")
            .arrow("split", "y1")
            .arrow("x1", "x2")
            .arrow("x2", "join")
            .arrow("y1", "join")
            .arrow("join", "after")
            .arrow("after", "end")
            .build();
        let p = Procedure::new(&doc.process);
        assert_eq!(numbers(&p, &doc.process), ["x1", "x2", "y1", "after"]);
        // The start's flow leads through the split to both branches.
        let t = p.targets(&doc.process, 0);
        assert_eq!(
            t,
            [
                Target::Step {
                    number: 1,
                    node: "x1".into()
                },
                Target::Step {
                    number: 3,
                    node: "y1".into()
                }
            ]
        );
        // x2 -> join -> after passes one gateway.
        let f = p.outgoing(&NodeId::from("x2"))[0];
        assert_eq!(
            p.targets(&doc.process, f),
            [Target::Step {
                number: 4,
                node: "after".into()
            }]
        );
        assert_eq!(p.path_flows(&doc.process, f).len(), 2);
    }

    #[test]
    fn unreachable_steps_are_numbered_last_and_nothing_is_lost() {
        let doc = Builder::new("t")
            .lane("l1", "One", crate::model::SeatKind::Person)
            .step("orphan", "l1")
            .node("start", NodeKind::Start, Some("l1"))
            .step("a", "l1")
            .node("end", NodeKind::Outcome, Some("l1"))
            .arrow("start", "a")
            .arrow("a", "end")
            .arrow("a", "ghost")
            .build();
        let p = Procedure::new(&doc.process);
        assert_eq!(numbers(&p, &doc.process), ["a", "orphan"]);
        assert_eq!(p.number(&"ghost".into()), None);
    }

    #[test]
    fn generated_map_numbers_every_step_once_in_line_order() {
        let doc = generate(200, 8);
        let p = Procedure::new(&doc.process);
        let steps_and_decisions = doc
            .process
            .nodes
            .iter()
            .filter(|n| is_numbered(n.tag()))
            .count();
        assert_eq!(p.len(), steps_and_decisions);
        // The generator lays its main line out in file order, which is the reading order.
        let ids = numbers(&p, &doc.process);
        let file_order: Vec<String> = doc
            .process
            .nodes
            .iter()
            .filter(|n| is_numbered(n.tag()))
            .map(|n| n.id.to_string())
            .collect();
        assert_eq!(ids, file_order);
    }

    #[test]
    fn a_cycle_of_gateways_resolves_to_nowhere_without_looping() {
        let doc = Builder::new("t")
            .lane("l1", "One", crate::model::SeatKind::Person)
            .node("start", NodeKind::Start, Some("l1"))
            .node("j1", NodeKind::ParallelJoin, Some("l1"))
            .node("j2", NodeKind::ParallelJoin, Some("l1"))
            .arrow("start", "j1")
            .arrow("j1", "j2")
            .arrow("j2", "j1")
            .build();
        let p = Procedure::new(&doc.process);
        assert!(p.is_empty());
        assert_eq!(p.targets(&doc.process, 0), [Target::Nowhere]);
    }

    /// A random map: `kinds` picks each node's kind, `edges` the flows between them.
    fn random_doc(kinds: &[u8], edges: &[(usize, usize)]) -> crate::model::Document {
        let mut b = Builder::new("random").lane("l1", "One", crate::model::SeatKind::Person);
        for (i, k) in kinds.iter().enumerate() {
            let id = format!("n{i}");
            b = match k % 7 {
                0 => b.node(&id, NodeKind::Start, Some("l1")),
                1 | 2 => b.step(&id, "l1"),
                3 => b.node(&id, NodeKind::Decision, Some("l1")),
                4 => b.node(&id, NodeKind::ParallelJoin, Some("l1")),
                5 => b.node(&id, NodeKind::ParallelSplit, Some("l1")),
                _ => b.node(&id, NodeKind::Outcome, Some("l1")),
            };
        }
        for &(a, z) in edges {
            b = b.arrow(
                &format!("n{}", a % kinds.len()),
                &format!("n{}", z % kinds.len()),
            );
        }
        b.build()
    }

    proptest::proptest! {
        #[test]
        fn every_step_and_decision_gets_one_number_and_flows_lead_to_them(
            kinds in proptest::collection::vec(0u8..7, 1..30),
            edges in proptest::collection::vec((0usize..30, 0usize..30), 0..60),
        ) {
            let doc = random_doc(&kinds, &edges);
            let p = &doc.process;
            let proc = Procedure::new(p);
            let numbered: Vec<usize> = (0..p.nodes.len())
                .filter(|&i| is_numbered(p.nodes[i].tag()))
                .collect();
            let mut order = proc.order().to_vec();
            order.sort_unstable();
            proptest::prop_assert_eq!(order, numbered);
            for (k, &i) in proc.order().iter().enumerate() {
                proptest::prop_assert_eq!(proc.number(&p.nodes[i].id), Some(k + 1));
            }
            for (fi, f) in p.flows.iter().enumerate() {
                let to = p.node(&f.to).expect("generated flows name real nodes");
                let targets = proc.targets(p, fi);
                if is_numbered(to.tag()) {
                    proptest::prop_assert_eq!(
                        targets,
                        vec![Target::Step { number: proc.number(&to.id).unwrap(), node: to.id.clone() }]
                    );
                } else {
                    for t in targets {
                        match t {
                            Target::Step { number, node } => {
                                proptest::prop_assert_eq!(proc.number(&node), Some(number));
                            }
                            Target::End { outcome } => {
                                proptest::prop_assert_eq!(p.node(&outcome).map(|n| n.tag()), Some(NodeTag::Outcome));
                            }
                            Target::Nowhere => {}
                        }
                    }
                }
            }
        }
    }
}
