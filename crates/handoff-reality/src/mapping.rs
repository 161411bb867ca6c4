//! Which step of the map each activity of the log is, and which seat each resource sits in.
//!
//! Activities are matched in three rounds: what the user set by hand ([`Mapping`]), then
//! the same label (ignoring case, spaces and punctuation), then a close label (a small
//! edit distance or the same words in another order) when exactly one step is closest.
//! Resources match a seat by the seat's name or the name of the person holding it.
//!
//! The effective mapping comes back as a [`Mapping`] so the user can review, edit and save
//! it with the process.

use std::collections::BTreeMap;

use handoff_core::{Document, NodeId, NodeTag, SeatId};
use serde::{Deserialize, Serialize};

use crate::log::EventLog;

/// A close label must be at least this similar (normalised Levenshtein, 0 to 1).
pub const CLOSE: f64 = 0.8;

/// The user's pairing of log names with map elements; plain data, stored with the process.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Log activity name → what it is on the map.
    #[serde(default)]
    pub activities: BTreeMap<String, Target>,
    /// Log resource name → the seat it works in.
    #[serde(default)]
    pub resources: BTreeMap<String, SeatId>,
}

/// What a log activity is on the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    /// This step.
    Step(NodeId),
    /// Not part of the process (a system event, a note): left out of the replay.
    Ignore,
}

/// How an activity or resource was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// Set by hand.
    Manual,
    /// The same label.
    Same,
    /// A close label.
    Close,
    /// Nothing on the map matches.
    Unmatched,
}

/// What an activity became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// A step: its index in `process.nodes`.
    Step(usize),
    /// Left out by the user.
    Ignored,
    /// Not on the map.
    NotOnMap,
}

/// The matching of one log to one map.
#[derive(Debug, Clone)]
pub struct Matching {
    /// Per activity id of the log.
    pub activity: Vec<Matched>,
    pub activity_how: Vec<How>,
    /// Per resource id of the log: the index of its seat in `doc.seats`.
    pub resource: Vec<Option<usize>>,
    pub resource_how: Vec<How>,
    /// The effective mapping (hand-set entries and everything matched automatically).
    pub mapping: Mapping,
}

/// A label reduced for comparison: lower case, runs of anything but letters and digits
/// turned into one space, trimmed.
pub fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn sorted_words(label: &str) -> Vec<&str> {
    let mut w: Vec<&str> = label.split(' ').collect();
    w.sort_unstable();
    w
}

/// Matches the log's activities to `doc`'s steps and its resources to `doc`'s seats,
/// starting from `manual`. Hand-set entries naming a step or seat that is not in the map
/// are ignored (and matched automatically).
///
/// # Complexity
/// O(activities × steps × label length) for the close-label round.
pub fn match_log(doc: &Document, log: &EventLog, manual: &Mapping) -> Matching {
    let nodes = &doc.process.nodes;
    let steps: Vec<(usize, String)> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.tag() == NodeTag::Step)
        .map(|(i, n)| (i, normalize(&n.label)))
        .collect();
    let node_index = |id: &NodeId| {
        nodes
            .iter()
            .position(|n| n.id == *id && n.tag() == NodeTag::Step)
    };
    let mut mapping = Mapping::default();
    let n = log.activities.len();
    let mut activity = vec![Matched::NotOnMap; n];
    let mut how = vec![How::Unmatched; n];
    let names: Vec<String> = log.activities.iter().map(normalize).collect();
    // Round 1: by hand.
    for (a, name) in log.activities.iter().enumerate() {
        match manual.activities.get(name) {
            Some(Target::Ignore) => {
                activity[a] = Matched::Ignored;
                how[a] = How::Manual;
            }
            Some(Target::Step(id)) => {
                if let Some(i) = node_index(id) {
                    activity[a] = Matched::Step(i);
                    how[a] = How::Manual;
                }
            }
            None => {}
        }
    }
    // Round 2: the same label; the first step in map order when several share it.
    for a in 0..n {
        if how[a] != How::Unmatched {
            continue;
        }
        if let Some((i, _)) = steps.iter().find(|(_, l)| *l == names[a]) {
            activity[a] = Matched::Step(*i);
            how[a] = How::Same;
        }
    }
    // Round 3: a close label, when one step is clearly closest and no activity already
    // has it by the same label.
    let taken: Vec<usize> = activity
        .iter()
        .filter_map(|m| match m {
            Matched::Step(i) => Some(*i),
            _ => None,
        })
        .collect();
    for a in 0..n {
        if how[a] != How::Unmatched || names[a].is_empty() {
            continue;
        }
        let words = sorted_words(&names[a]);
        let mut best: Option<(f64, usize)> = None;
        let mut tie = false;
        for (i, label) in &steps {
            if taken.contains(i) || label.is_empty() {
                continue;
            }
            let score = if sorted_words(label) == words {
                1.0
            } else {
                strsim::normalized_levenshtein(&names[a], label)
            };
            if score < CLOSE {
                continue;
            }
            match best {
                Some((b, _)) if score < b => {}
                Some((b, _)) if score == b => tie = true,
                _ => {
                    best = Some((score, *i));
                    tie = false;
                }
            }
        }
        if let (Some((_, i)), false) = (best, tie) {
            activity[a] = Matched::Step(i);
            how[a] = How::Close;
        }
    }
    for (a, name) in log.activities.iter().enumerate() {
        let target = match activity[a] {
            Matched::Step(i) => Target::Step(nodes[i].id.clone()),
            Matched::Ignored => Target::Ignore,
            Matched::NotOnMap => continue,
        };
        mapping.activities.insert(name.to_owned(), target);
    }

    // Resources: by hand, then by seat name or holder.
    let seats: Vec<(String, Option<String>)> = doc
        .seats
        .iter()
        .map(|s| (normalize(&s.name), s.holder.as_deref().map(normalize)))
        .collect();
    let r = log.resources.len();
    let mut resource = vec![None; r];
    let mut resource_how = vec![How::Unmatched; r];
    for (k, name) in log.resources.iter().enumerate() {
        if let Some(seat) = manual.resources.get(name) {
            if let Some(s) = doc.seats.iter().position(|x| x.id == *seat) {
                resource[k] = Some(s);
                resource_how[k] = How::Manual;
            }
        }
        if resource[k].is_none() {
            let want = normalize(name);
            let found = seats
                .iter()
                .position(|(n, h)| *n == want || h.as_deref() == Some(want.as_str()));
            if let (Some(s), false) = (found, want.is_empty()) {
                resource[k] = Some(s);
                resource_how[k] = How::Same;
            }
        }
        if let Some(s) = resource[k] {
            mapping
                .resources
                .insert(name.to_owned(), doc.seats[s].id.clone());
        }
    }
    Matching {
        activity,
        activity_how: how,
        resource,
        resource_how,
        mapping,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{Lifecycle, LogBuilder, Order};
    use handoff_core::build::Builder;
    use handoff_core::SeatKind;

    #[test]
    fn labels_normalise() {
        assert_eq!(normalize("  Check-Ticket (2nd)  "), "check ticket 2nd");
    }

    #[test]
    fn manual_then_same_then_close() {
        let doc = Builder::new("p")
            .lane("desk", "Desk", SeatKind::Team)
            .step("Register request", "desk")
            .step("Examine thoroughly", "desk")
            .step("Pay compensation", "desk")
            .build();
        let mut b = LogBuilder::new(Order::AsRead);
        let c = b.new_case("1");
        for a in [
            "register request",
            "examine thoroughly!",
            "Pay compensaton",
            "note",
            "odd",
        ] {
            b.event(c, a, None, 0, Lifecycle::None).unwrap();
        }
        let log = b.finish();
        let mut manual = Mapping::default();
        manual.activities.insert("note".into(), Target::Ignore);
        manual
            .activities
            .insert("odd".into(), Target::Step("nowhere".into()));
        let m = match_log(&doc, &log, &manual);
        assert_eq!(
            m.activity_how,
            [
                How::Same,
                How::Same,
                How::Close,
                How::Manual,
                How::Unmatched
            ]
        );
        assert_eq!(
            m.activity[2],
            Matched::Step(
                doc.process
                    .nodes
                    .iter()
                    .position(|n| n.id.0 == "Pay compensation")
                    .unwrap()
            )
        );
        assert_eq!(m.activity[3], Matched::Ignored);
        assert_eq!(m.mapping.activities.len(), 4);
        assert_eq!(
            m.mapping.activities.get("Pay compensaton"),
            Some(&Target::Step("Pay compensation".into()))
        );
        let json = serde_json::to_string(&m.mapping).unwrap();
        let back: Mapping = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m.mapping);
    }
}
