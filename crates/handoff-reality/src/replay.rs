//! Exact replay of a sequence of steps on a [`Net`]: the set of markings the net can be in
//! after each step is followed, silent transitions fired freely in between. A sequence
//! *fits* when, after its last step, some reachable marking is the final one (a single
//! token on the sink).
//!
//! Sets of markings keep every alternative open, so a case that fits is never failed by an
//! early wrong guess about which branch it took. The silent closure of each marking is
//! cached, since cases share most of their markings. Nets whose silent parts could produce
//! tokens without end are cut off at [`MAX_MARKINGS`] markings a step or [`MAX_TOKENS`]
//! tokens on a place; such a case is reported as undecided rather than guessed.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::net::{Net, Place};

/// More reachable markings than this after one step: the replay gives up (undecided).
pub const MAX_MARKINGS: usize = 20_000;
/// More tokens than this on one place: that marking is not explored further.
pub const MAX_TOKENS: usize = 64;

/// A marking: the places holding tokens, one entry a token, sorted.
pub type Marking = Box<[Place]>;

/// What replaying one sequence found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The map can produce the sequence from a start to an outcome.
    Fits,
    /// It cannot: the step at this position could not follow (the length of the sequence
    /// when it was the ending that failed).
    Fails { at: usize },
    /// The net's state space grew past the limits before the answer was known.
    Undecided,
}

/// Replays sequences on one net, remembering silent closures between calls.
#[derive(Debug)]
pub struct Replayer<'n> {
    net: &'n Net,
    closures: FxHashMap<Marking, Option<Rc<[Marking]>>>,
}

impl<'n> Replayer<'n> {
    /// A replayer for `net`.
    pub fn new(net: &'n Net) -> Self {
        Replayer {
            net,
            closures: FxHashMap::default(),
        }
    }

    /// Replays `steps` (node indices of steps; `None` for an activity that is not on the map,
    /// which no sequence of the map can contain).
    ///
    /// # Complexity
    /// O(len × markings × transitions of a step) after the closures are cached.
    pub fn replay(&mut self, steps: &[Option<usize>]) -> Outcome {
        let net = self.net;
        let mut current: Vec<Marking> = vec![Box::new([net.source])];
        let mut next: FxHashSet<Marking> = FxHashSet::default();
        for (k, step) in steps.iter().enumerate() {
            let Some(step) = *step else {
                return Outcome::Fails { at: k };
            };
            next.clear();
            for m in &current {
                let Some(closure) = self.closure(m) else {
                    return Outcome::Undecided;
                };
                for c in closure.iter() {
                    for &t in &net.visible[step] {
                        if let Some(fired) = fire(net, c, t) {
                            next.insert(fired);
                        }
                    }
                }
                if next.len() > MAX_MARKINGS {
                    return Outcome::Undecided;
                }
            }
            if next.is_empty() {
                return Outcome::Fails { at: k };
            }
            current = next.drain().collect();
        }
        let done: &[Place] = &[net.sink];
        for m in &current {
            let Some(closure) = self.closure(m) else {
                return Outcome::Undecided;
            };
            if closure.iter().any(|c| &**c == done) {
                return Outcome::Fits;
            }
        }
        Outcome::Fails { at: steps.len() }
    }

    /// Every marking reachable from `m` by silent transitions (`m` included), or `None`
    /// when there are more than [`MAX_MARKINGS`].
    fn closure(&mut self, m: &Marking) -> Option<Rc<[Marking]>> {
        if let Some(c) = self.closures.get(m) {
            return c.clone();
        }
        let net = self.net;
        let mut seen: FxHashSet<Marking> = FxHashSet::default();
        let mut work = vec![m.clone()];
        seen.insert(m.clone());
        let mut result = None;
        'search: {
            while let Some(cur) = work.pop() {
                if too_many_tokens(&cur) {
                    continue;
                }
                let mut places: Vec<Place> = cur.to_vec();
                places.dedup();
                for p in places {
                    for &t in &net.silent_from[p as usize] {
                        if let Some(fired) = fire(net, &cur, t) {
                            if !seen.contains(&fired) {
                                if seen.len() >= MAX_MARKINGS {
                                    break 'search;
                                }
                                seen.insert(fired.clone());
                                work.push(fired);
                            }
                        }
                    }
                }
            }
            let mut all: Vec<Marking> = seen.into_iter().collect();
            all.sort_unstable();
            result = Some(Rc::from(all));
        }
        if self.closures.len() > 200_000 {
            self.closures.clear();
        }
        self.closures.insert(m.clone(), result.clone());
        result
    }
}

fn too_many_tokens(m: &[Place]) -> bool {
    m.windows(MAX_TOKENS).any(|w| w[0] == w[MAX_TOKENS - 1])
}

/// The marking after firing transition `t` in `m`, or `None` when `t` is not enabled.
fn fire(net: &Net, m: &[Place], t: u32) -> Option<Marking> {
    let tr = &net.transitions[t as usize];
    let mut out: Vec<Place> = m.to_vec();
    for p in &tr.inputs {
        let k = out.binary_search(p).ok()?;
        out.remove(k);
    }
    for &p in &tr.outputs {
        let k = out.partition_point(|&q| q <= p);
        out.insert(k, p);
    }
    Some(out.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_core::build::Builder;
    use handoff_core::{NodeKind, SeatKind};

    fn idx(doc: &handoff_core::Document, id: &str) -> Option<usize> {
        doc.process.nodes.iter().position(|n| n.id.0 == id)
    }

    /// start → a → decision → (b | c) → end; c loops back to a.
    fn choice() -> handoff_core::Document {
        Builder::new("p")
            .lane("l", "Desk", SeatKind::Team)
            .node("start", NodeKind::Start, Some("l"))
            .step("a", "l")
            .node("d", NodeKind::Decision, Some("l"))
            .step("b", "l")
            .step("c", "l")
            .node("end", NodeKind::Outcome, Some("l"))
            .arrow("start", "a")
            .arrow("a", "d")
            .flow("d", "b", "yes", "")
            .flow("d", "c", "no", "")
            .arrow("b", "end")
            .arrow("c", "a")
            .build()
    }

    #[test]
    fn exclusive_choices_and_loops() {
        let doc = choice();
        let net = Net::new(&doc.process);
        let mut r = Replayer::new(&net);
        let s = |ids: &[&str]| ids.iter().map(|i| idx(&doc, i)).collect::<Vec<_>>();
        assert_eq!(r.replay(&s(&["a", "b"])), Outcome::Fits);
        assert_eq!(r.replay(&s(&["a", "c", "a", "c", "a", "b"])), Outcome::Fits);
        assert_eq!(r.replay(&s(&["a", "c"])), Outcome::Fails { at: 2 });
        assert_eq!(r.replay(&s(&["b"])), Outcome::Fails { at: 0 });
        assert_eq!(r.replay(&s(&["a", "b", "b"])), Outcome::Fails { at: 2 });
        assert_eq!(r.replay(&[idx(&doc, "a"), None]), Outcome::Fails { at: 1 });
        assert_eq!(r.replay(&[]), Outcome::Fails { at: 0 });
    }

    #[test]
    fn parallel_branches_in_any_order_and_all_needed() {
        let doc = Builder::new("p")
            .lane("l", "Desk", SeatKind::Team)
            .node("start", NodeKind::Start, Some("l"))
            .node("split", NodeKind::ParallelSplit, Some("l"))
            .step("x", "l")
            .step("y", "l")
            .node("join", NodeKind::ParallelJoin, Some("l"))
            .step("z", "l")
            .node("end", NodeKind::Outcome, Some("l"))
            .arrow("start", "split")
            .arrow("split", "x")
            .arrow("split", "y")
            .arrow("x", "join")
            .arrow("y", "join")
            .arrow("join", "z")
            .arrow("z", "end")
            .build();
        let net = Net::new(&doc.process);
        let mut r = Replayer::new(&net);
        let s = |ids: &[&str]| ids.iter().map(|i| idx(&doc, i)).collect::<Vec<_>>();
        assert_eq!(r.replay(&s(&["x", "y", "z"])), Outcome::Fits);
        assert_eq!(r.replay(&s(&["y", "x", "z"])), Outcome::Fits);
        assert_eq!(r.replay(&s(&["x", "z"])), Outcome::Fails { at: 1 });
        assert_eq!(r.replay(&s(&["x", "y"])), Outcome::Fails { at: 2 });
    }

    #[test]
    fn implicit_split_after_a_step_is_parallel_unless_every_arrow_is_labelled() {
        let build = |label: &str| {
            Builder::new("p")
                .lane("l", "Desk", SeatKind::Team)
                .node("start", NodeKind::Start, Some("l"))
                .step("a", "l")
                .step("b", "l")
                .step("c", "l")
                .node("end", NodeKind::Outcome, Some("l"))
                .node("end2", NodeKind::Outcome, Some("l"))
                .arrow("start", "a")
                .flow("a", "b", label, "")
                .flow("a", "c", "other", "")
                .arrow("b", "end")
                .arrow("c", "end2")
                .build()
        };
        for (label, alone_fits) in [("one", true), ("", false)] {
            let doc = build(label);
            let net = Net::new(&doc.process);
            let mut r = Replayer::new(&net);
            let seq = [idx(&doc, "a"), idx(&doc, "b")];
            assert_eq!(
                r.replay(&seq) == Outcome::Fits,
                alone_fits,
                "label {label:?}"
            );
        }
    }
}
