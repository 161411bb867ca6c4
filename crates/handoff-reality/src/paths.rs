//! Paths between the steps of a map, which explaining deviations and counting cases per
//! arrow need:
//!
//! - which steps can come straight after a step (through decisions, gateways and starts
//!   only), and the arrows on the way;
//! - which steps can come first, and whether a step can be the last;
//! - which steps can be reached at all from a step, and the steps on the shortest way;
//! - which steps run side by side (on different branches of a parallel split).

use std::collections::VecDeque;

use handoff_core::{NodeTag, Process};
use rustc_hash::FxHashMap;

use crate::net::{arrows, exclusive_out};

/// A set of node indices as bits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Self {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn has(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The path facts of one process. Node indices are positions in `process.nodes`; flow
/// indices positions in `process.flows`.
#[derive(Debug)]
pub struct Paths {
    /// For each node, its ways out: (flow index, target node).
    out: Vec<Vec<(usize, usize)>>,
    is_step: Vec<bool>,
    /// For each step, the steps that can come next without another step between, with the
    /// arrows of the shortest such way.
    next: Vec<FxHashMap<usize, Vec<usize>>>,
    /// The steps a case can begin with, with the arrows from a start.
    first: FxHashMap<usize, Vec<usize>>,
    /// For each step, the arrows of the shortest step-free way to a final outcome, if any.
    last: Vec<Option<Vec<usize>>>,
    /// For each node, every node reachable from it (itself only through a loop).
    reach: Vec<Bits>,
    /// For each parallel split (explicit or implicit), the nodes reachable down each branch.
    branches: Vec<Vec<Bits>>,
}

impl Paths {
    /// Computes the facts.
    ///
    /// # Complexity
    /// O(nodes × (nodes + flows)) for reachability; fine for maps of thousands of nodes.
    pub fn new(process: &Process) -> Paths {
        let nodes = &process.nodes;
        let n = nodes.len();
        let arrows = arrows(process);
        let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        let mut all_labelled = vec![true; n];
        for &(f, a, b) in &arrows {
            out[a].push((f, b));
            if process.flows[f].label.trim().is_empty() {
                all_labelled[a] = false;
            }
        }
        let is_step: Vec<bool> = nodes.iter().map(|x| x.tag() == NodeTag::Step).collect();
        let tags: Vec<NodeTag> = nodes.iter().map(|x| x.tag()).collect();
        let mut paths = Paths {
            out,
            is_step,
            next: vec![FxHashMap::default(); n],
            first: FxHashMap::default(),
            last: vec![None; n],
            reach: Vec::with_capacity(n),
            branches: Vec::new(),
        };
        for i in 0..n {
            if paths.is_step[i] {
                let (next, last) = paths.step_free(&[i], &tags);
                paths.next[i] = next;
                paths.last[i] = last;
            }
        }
        let starts: Vec<usize> = (0..n).filter(|&i| tags[i] == NodeTag::Start).collect();
        paths.first = paths.step_free(&starts, &tags).0;
        for i in 0..n {
            let r = paths.reach_from(&paths.out[i].iter().map(|&(_, b)| b).collect::<Vec<_>>());
            paths.reach.push(r);
        }
        for i in 0..n {
            let outs = &paths.out[i];
            if outs.len() > 1 && !exclusive_out(tags[i], outs.len(), all_labelled[i]) {
                let branches = outs.iter().map(|&(_, b)| paths.reach_from(&[b])).collect();
                paths.branches.push(branches);
            }
        }
        paths
    }

    /// From `from`, the steps reachable without passing another step (with the arrows of
    /// the shortest way), and the arrows of the shortest such way to an outcome that
    /// nothing leaves.
    #[allow(clippy::type_complexity)]
    fn step_free(
        &self,
        from: &[usize],
        tags: &[NodeTag],
    ) -> (FxHashMap<usize, Vec<usize>>, Option<Vec<usize>>) {
        let n = self.out.len();
        // (previous node, flow) per node reached.
        let mut via: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut seen = Bits::new(n);
        let mut queue = VecDeque::new();
        let mut next = FxHashMap::default();
        let mut last = None;
        let path = |via: &[Option<(usize, usize)>], mut node: usize, stop: &[usize]| {
            let mut flows = Vec::new();
            while let Some((prev, f)) = via[node] {
                flows.push(f);
                if stop.contains(&prev) {
                    break;
                }
                node = prev;
            }
            flows.reverse();
            flows
        };
        for &s in from {
            if !self.is_step[s] && tags[s] == NodeTag::Outcome && self.out[s].is_empty() {
                last = Some(Vec::new());
            }
            queue.push_back(s);
        }
        while let Some(a) = queue.pop_front() {
            // A start node is where the search begins; other nodes it passes through.
            let passable = from.contains(&a) || !self.is_step[a];
            if !passable {
                continue;
            }
            for &(f, b) in &self.out[a] {
                if seen.has(b) {
                    continue;
                }
                seen.set(b);
                via[b] = Some((a, f));
                if self.is_step[b] {
                    next.insert(b, path(&via, b, from));
                    continue;
                }
                if last.is_none() && tags[b] == NodeTag::Outcome && self.out[b].is_empty() {
                    last = Some(path(&via, b, from));
                }
                queue.push_back(b);
            }
        }
        (next, last)
    }

    fn reach_from(&self, from: &[usize]) -> Bits {
        let n = self.out.len();
        let mut seen = Bits::new(n);
        let mut stack: Vec<usize> = Vec::new();
        for &b in from {
            if !seen.has(b) {
                seen.set(b);
                stack.push(b);
            }
        }
        while let Some(a) = stack.pop() {
            for &(_, b) in &self.out[a] {
                if !seen.has(b) {
                    seen.set(b);
                    stack.push(b);
                }
            }
        }
        seen
    }

    /// The arrows of the shortest step-free way from step `a` to step `b`, if `b` can come
    /// straight after `a`.
    pub fn next(&self, a: usize, b: usize) -> Option<&[usize]> {
        self.next.get(a)?.get(&b).map(Vec::as_slice)
    }

    /// The arrows from a start to step `b`, if a case can begin with it.
    pub fn first(&self, b: usize) -> Option<&[usize]> {
        self.first.get(&b).map(Vec::as_slice)
    }

    /// The arrows from step `a` to an outcome, if a case can end with it.
    pub fn last(&self, a: usize) -> Option<&[usize]> {
        self.last.get(a)?.as_deref()
    }

    /// Whether `b` can be reached from `a` at all.
    pub fn reaches(&self, a: usize, b: usize) -> bool {
        self.reach[a].has(b)
    }

    /// Whether `a` and `b` lie on different branches of one parallel split, so either may
    /// come first.
    pub fn side_by_side(&self, a: usize, b: usize) -> bool {
        self.branches.iter().any(|bs| {
            bs.iter().enumerate().any(|(j, rj)| {
                rj.has(a)
                    && !rj.has(b)
                    && bs
                        .iter()
                        .enumerate()
                        .any(|(k, rk)| k != j && rk.has(b) && !rk.has(a))
            })
        })
    }

    /// The steps strictly between `a` and `b` on the shortest way from `a` to `b` (`a` =
    /// `None`: from any start); empty when there is no way.
    pub fn steps_between(&self, a: Option<usize>, b: usize, starts: &[usize]) -> Vec<usize> {
        let n = self.out.len();
        let mut prev: Vec<Option<usize>> = vec![None; n];
        let mut seen = Bits::new(n);
        let mut queue = VecDeque::new();
        match a {
            Some(a) => queue.push_back(a),
            None => queue.extend(starts.iter().copied()),
        }
        let origin: Vec<usize> = queue.iter().copied().collect();
        while let Some(x) = queue.pop_front() {
            for &(_, y) in &self.out[x] {
                if seen.has(y) {
                    continue;
                }
                seen.set(y);
                prev[y] = Some(x);
                if y == b {
                    let mut steps = Vec::new();
                    let mut cur = x;
                    while !origin.contains(&cur) {
                        if self.is_step[cur] {
                            steps.push(cur);
                        }
                        match prev[cur] {
                            Some(p) => cur = p,
                            None => break,
                        }
                    }
                    steps.reverse();
                    return steps;
                }
                queue.push_back(y);
            }
        }
        Vec::new()
    }

    /// The steps on the shortest way from step `a` to an outcome that nothing leaves,
    /// `a` excluded.
    pub fn steps_to_end(&self, a: usize, outcomes: &[usize]) -> Vec<usize> {
        let mut best: Option<Vec<usize>> = None;
        for &o in outcomes {
            if !self.reaches(a, o) {
                continue;
            }
            let s = self.steps_between(Some(a), o, &[]);
            if best.as_ref().is_none_or(|b| s.len() < b.len()) {
                best = Some(s);
            }
        }
        best.unwrap_or_default()
    }
}
