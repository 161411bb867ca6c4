//! Why a case does not follow the map, in the words a business owner uses: a step was
//! skipped, something was done that is not on the map, steps came in another order, a
//! step was done again where the map draws no way back, work was done in another seat.
//!
//! An unfitting case is explained step by step: each step is held against the one before
//! it (can it come next on the map, or side by side with it?), the first against the
//! starts and the last against the outcomes.

use serde::Serialize;

use crate::paths::Paths;

/// The kinds of deviation, with stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A step the map requires was not done.
    SkippedStep,
    /// An activity that is not on the map was done.
    StepNotOnMap,
    /// Two steps were done in an order the map does not allow.
    OtherOrder,
    /// A step was done again where the map draws no way back to it.
    LoopNotDrawn,
    /// A step was done by a resource of another seat than its lane's.
    OtherSeat,
}

impl Kind {
    /// The kind's code, as in the JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Kind::SkippedStep => "skipped-step",
            Kind::StepNotOnMap => "step-not-on-map",
            Kind::OtherOrder => "other-order",
            Kind::LoopNotDrawn => "loop-not-drawn",
            Kind::OtherSeat => "other-seat",
        }
    }
}

/// One deviation in one case, by indices (nodes in `process.nodes`, activities of the log,
/// seats in `doc.seats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Finding {
    /// This step was skipped.
    Skipped(usize),
    /// The case did not finish as the map draws it, and no single step explains it (a
    /// parallel branch left undone).
    Unfinished,
    /// This activity is not on the map.
    NotOnMap(u32),
    /// The second step came right after the first, which the map never allows.
    Order(usize, usize),
    /// The second step came again after the first, with no way back drawn.
    Loop(usize, usize),
    /// The step was done in this seat.
    Seat(usize, usize),
}

impl Finding {
    /// The finding's kind.
    pub fn kind(self) -> Kind {
        match self {
            Finding::Skipped(_) | Finding::Unfinished => Kind::SkippedStep,
            Finding::NotOnMap(_) => Kind::StepNotOnMap,
            Finding::Order(..) => Kind::OtherOrder,
            Finding::Loop(..) => Kind::LoopNotDrawn,
            Finding::Seat(..) => Kind::OtherSeat,
        }
    }
}

/// What a case did, as the replay sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// A step of the map (node index).
    Step(usize),
    /// An activity of the log that is not on the map (activity id).
    NotOnMap(u32),
}

/// Explains why `items` does not fit: the findings, sorted, each once.
///
/// `starts` and `outcomes` are the node indices of the starts and of the outcomes that
/// nothing leaves.
///
/// # Complexity
/// O(len) lookups plus a breadth-first search of the map for each pair that does not fit.
pub fn explain(
    paths: &Paths,
    items: &[Item],
    starts: &[usize],
    outcomes: &[usize],
) -> Vec<Finding> {
    let mut found: Vec<Finding> = items
        .iter()
        .filter_map(|i| match *i {
            Item::NotOnMap(a) => Some(Finding::NotOnMap(a)),
            Item::Step(_) => None,
        })
        .collect();
    let steps: Vec<usize> = items
        .iter()
        .filter_map(|i| match *i {
            Item::Step(s) => Some(s),
            Item::NotOnMap(_) => None,
        })
        .collect();
    // May `b` come straight after `a` (`None`: the case's beginning)?
    let follows = |a: Option<usize>, b: usize| match a {
        None => paths.first(b).is_some(),
        Some(a) => paths.next(a, b).is_some() || paths.side_by_side(a, b),
    };
    // May the case go on with `c` (`None`: end) after `b`?
    let goes_on = |b: usize, c: Option<usize>| match c {
        None => paths.last(b).is_some(),
        Some(c) => follows(Some(b), c),
    };
    let mut k = 0;
    // The step the case is at, as the map sees it (after a swap: the later of the two).
    let mut prev: Option<usize> = None;
    while k < steps.len() {
        let b = steps[k];
        if follows(prev, b) {
            prev = Some(b);
            k += 1;
            continue;
        }
        // Two steps swapped: prev, c, b, next all follow the map.
        if let Some(&c) = steps.get(k + 1) {
            if follows(prev, c) && follows(Some(c), b) && goes_on(b, steps.get(k + 2).copied()) {
                found.push(Finding::Order(b, c));
                prev = Some(b);
                k += 2;
                continue;
            }
        }
        match prev {
            None => {
                let between = paths.steps_between(None, b, starts);
                found.extend(between.into_iter().map(Finding::Skipped));
            }
            Some(a) => {
                let again = a == b || steps[..k].contains(&b);
                if paths.reaches(a, b) && !again {
                    let between = paths.steps_between(Some(a), b, starts);
                    found.extend(between.into_iter().map(Finding::Skipped));
                } else if again && !paths.reaches(a, b) {
                    found.push(Finding::Loop(a, b));
                } else if again {
                    // There is a way back, through steps the case did not do.
                    let between = paths.steps_between(Some(a), b, starts);
                    found.extend(between.into_iter().map(Finding::Skipped));
                } else {
                    found.push(Finding::Order(a, b));
                }
            }
        }
        prev = Some(b);
        k += 1;
    }
    match steps.last() {
        Some(&a) if paths.last(a).is_none() => {
            found.extend(
                paths
                    .steps_to_end(a, outcomes)
                    .into_iter()
                    .map(Finding::Skipped),
            );
        }
        _ => {}
    }
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        found.push(Finding::Unfinished);
    }
    found
}
