//! The reality check itself: a log held against a map, giving a [`Report`].
//!
//! Cases that did the same steps in the same order (a *variant*) are replayed and
//! explained once; counts are then weighted by how many cases each variant has. Times and
//! seats depend on each case's own events and are measured case by case.

use handoff_core::{Document, NodeTag};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::deviations::{explain, Finding, Item, Kind};
use crate::log::{BadRows, EventLog, NO_RESOURCE, NO_TIME};
use crate::mapping::{match_log, How, Mapping, Matched, Matching};
use crate::net::Net;
use crate::paths::Paths;
use crate::replay::{Outcome, Replayer};
use crate::stats::{times, Times};

/// At most this many example cases are named per deviation or undrawn path.
pub const EXAMPLES: usize = 3;

/// What the log says about the map.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Cases in the log.
    pub cases: u64,
    /// Events in the log (every usable event, whatever its life cycle).
    pub events: u64,
    /// Cases that follow the map exactly: the map can produce their steps, in their order,
    /// from a start to an outcome. Seats are not part of it (see `other-seat`).
    pub fitting_cases: u64,
    /// `fitting_cases / cases` (0 for an empty log).
    pub fitness: f64,
    /// Cases whose replay was given up (a map whose parallel parts multiply without end).
    pub undecided_cases: u64,
    /// Rows or events that could not be used, with their lines.
    pub bad_rows: BadRows,
    /// Every kind of deviation found, most cases first.
    pub deviations: Vec<Deviation>,
    /// Every step of the map, in map order.
    pub steps: Vec<StepReport>,
    /// Every arrow of the map that connects two nodes, in map order.
    pub flows: Vec<FlowReport>,
    /// Steps that followed one another in some case where the map draws no way, most
    /// cases first.
    pub undrawn_paths: Vec<UndrawnPath>,
    /// Steps no case reached, in map order.
    pub unreached_steps: Vec<String>,
    /// How each activity of the log was matched, by name.
    pub activities: Vec<ActivityMatch>,
    /// How each resource was matched to a seat, by name.
    pub resources: Vec<ResourceMatch>,
    /// The mapping in effect, to be saved with the process.
    pub mapping: Mapping,
}

/// One kind of deviation at one place of the map.
#[derive(Debug, Clone, Serialize)]
pub struct Deviation {
    pub kind: Kind,
    /// The ids of the map elements concerned (steps; for `other-seat` the step and the
    /// seat the work was done in).
    pub elements: Vec<String>,
    /// For `step-not-on-map`, the activity's name in the log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// What happened, in plain words.
    pub message: String,
    /// How many cases show it.
    pub cases: u64,
    /// Up to [`EXAMPLES`] cases that show it: the first by name (shorter names first, so
    /// "Case 9" comes before "Case 10"), whatever order the log lists its cases in.
    pub examples: Vec<String>,
}

/// What the log says about one step.
#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub id: String,
    pub label: String,
    /// Cases that did the step at least once.
    pub cases: u64,
    /// How often it was done in all.
    pub occurrences: u64,
    /// From its start to its completion, where the log records starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_in_step: Option<Times>,
    /// From the completion of the case's previous activity to the start of this step (to
    /// its completion when the log records no starts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_before: Option<Times>,
}

/// What the log says about one arrow.
#[derive(Debug, Clone, Serialize)]
pub struct FlowReport {
    pub id: String,
    pub from: String,
    pub to: String,
    /// Cases that passed along it at least once.
    pub cases: u64,
}

/// Two steps that followed one another where the map draws no way between them.
#[derive(Debug, Clone, Serialize)]
pub struct UndrawnPath {
    pub from: String,
    pub to: String,
    pub cases: u64,
    pub examples: Vec<String>,
}

/// How one activity of the log was matched.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityMatch {
    pub activity: String,
    /// The step's id, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    pub how: How,
    /// Whether the user chose to leave it out.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ignored: bool,
    pub occurrences: u64,
}

/// How one resource was matched.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceMatch {
    pub resource: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    pub how: How,
}

/// One distinct sequence of steps and its cases.
#[derive(Debug)]
struct Variant {
    cases: u64,
    examples: Vec<u32>,
}

/// Holds `log` against `doc`, matching activities and resources from `manual` first.
///
/// # Complexity
/// One pass over the events, plus one replay per distinct variant; O(e) memory for the
/// durations of e events.
pub fn check(doc: &Document, log: &EventLog, manual: &Mapping) -> Report {
    let process = &doc.process;
    let nodes = &process.nodes;
    let matching = match_log(doc, log, manual);
    let net = Net::new(process);
    let paths = Paths::new(process);
    let mut replayer = Replayer::new(&net);
    let starts: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].tag() == NodeTag::Start)
        .collect();
    let outcomes: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].tag() == NodeTag::Outcome)
        .collect();
    let lane_seat: Vec<Option<usize>> = nodes
        .iter()
        .map(|n| {
            let lane = process
                .lanes
                .iter()
                .find(|l| Some(&l.id) == n.lane.as_ref())?;
            doc.seats.iter().position(|s| s.id == lane.seat)
        })
        .collect();

    // Pass 1, case by case: variants, times, seats.
    let mut variant_of: FxHashMap<Box<[Item]>, u32> = FxHashMap::default();
    let mut variants: Vec<(Box<[Item]>, Variant)> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut in_step: Vec<Vec<i64>> = vec![Vec::new(); nodes.len()];
    let mut wait: Vec<Vec<i64>> = vec![Vec::new(); nodes.len()];
    let mut occurrences = vec![0u64; nodes.len()];
    let mut activity_count = vec![0u64; log.activities.len()];
    let mut seat_findings: FxHashMap<Finding, (u64, Vec<u32>)> = FxHashMap::default();
    let mut case_seats: Vec<Finding> = Vec::new();
    for (ci, case) in log.cases().enumerate() {
        items.clear();
        case_seats.clear();
        let mut prev_end = NO_TIME;
        for k in 0..case.len() {
            let a = case.activity[k];
            activity_count[a as usize] += 1;
            let step = match matching.activity[a as usize] {
                Matched::Ignored => continue,
                Matched::NotOnMap => {
                    items.push(Item::NotOnMap(a));
                    None
                }
                Matched::Step(i) => {
                    items.push(Item::Step(i));
                    Some(i)
                }
            };
            let (start, end) = (case.start[k], case.end[k]);
            if let Some(i) = step {
                occurrences[i] += 1;
                if start != NO_TIME && end != NO_TIME && end >= start {
                    in_step[i].push(end - start);
                }
                let began = if start != NO_TIME { start } else { end };
                if prev_end != NO_TIME && began != NO_TIME && began >= prev_end {
                    wait[i].push(began - prev_end);
                }
                let r = case.resource[k];
                if r != NO_RESOURCE {
                    if let (Some(seat), Some(drawn)) = (matching.resource[r as usize], lane_seat[i])
                    {
                        if seat != drawn {
                            case_seats.push(Finding::Seat(i, seat));
                        }
                    }
                }
            }
            if end != NO_TIME {
                prev_end = end;
            }
        }
        case_seats.sort_unstable();
        case_seats.dedup();
        for f in &case_seats {
            let e = seat_findings.entry(*f).or_default();
            e.0 += 1;
            merge_examples(log, &mut e.1, &[ci as u32]);
        }
        let id = match variant_of.get(items.as_slice()) {
            Some(&id) => id,
            None => {
                let id = variants.len() as u32;
                let key: Box<[Item]> = items.as_slice().into();
                variant_of.insert(key.clone(), id);
                variants.push((
                    key,
                    Variant {
                        cases: 0,
                        examples: Vec::new(),
                    },
                ));
                id
            }
        };
        let v = &mut variants[id as usize].1;
        v.cases += 1;
        merge_examples(log, &mut v.examples, &[ci as u32]);
    }
    drop(variant_of);

    // Pass 2, variant by variant: replay, explain, count.
    let mut fitting = 0u64;
    let mut undecided = 0u64;
    let mut findings: FxHashMap<Finding, (u64, Vec<u32>)> = FxHashMap::default();
    let mut undrawn: FxHashMap<(usize, usize), (u64, Vec<u32>)> = FxHashMap::default();
    let mut step_cases = vec![0u64; nodes.len()];
    let mut flow_cases = vec![0u64; process.flows.len()];
    let mut seen_step = vec![u32::MAX; nodes.len()];
    let mut seen_flow = vec![u32::MAX; process.flows.len()];
    let mut seq: Vec<Option<usize>> = Vec::new();
    for (vi, (items, v)) in variants.iter().enumerate() {
        let vi = vi as u32;
        seq.clear();
        seq.extend(items.iter().map(|it| match *it {
            Item::Step(i) => Some(i),
            Item::NotOnMap(_) => None,
        }));
        match replayer.replay(&seq) {
            Outcome::Fits => fitting += v.cases,
            Outcome::Undecided => undecided += v.cases,
            Outcome::Fails { .. } => {
                for f in explain(&paths, items, &starts, &outcomes) {
                    add(log, &mut findings, f, v);
                }
            }
        }
        // Steps reached, arrows passed, paths not drawn.
        let steps: Vec<usize> = seq.iter().flatten().copied().collect();
        let mut credit = |flows: &[usize]| {
            for &f in flows {
                if seen_flow[f] != vi {
                    seen_flow[f] = vi;
                    flow_cases[f] += v.cases;
                }
            }
        };
        for (k, &b) in steps.iter().enumerate() {
            if seen_step[b] != vi {
                seen_step[b] = vi;
                step_cases[b] += v.cases;
            }
            // The arrows in come from the latest earlier step that can lead straight here.
            let from = steps[..k]
                .iter()
                .rev()
                .take(64)
                .find_map(|&a| paths.next(a, b));
            match (k, from) {
                (_, Some(flows)) => credit(flows),
                (0, None) => {
                    if let Some(flows) = paths.first(b) {
                        credit(flows);
                    }
                }
                _ => {}
            }
            if k > 0 {
                let a = steps[k - 1];
                if paths.next(a, b).is_none() && !paths.side_by_side(a, b) {
                    add(log, &mut undrawn, (a, b), v);
                }
            }
        }
        if let Some(flows) = steps.last().and_then(|&a| paths.last(a)) {
            credit(flows);
        }
    }

    // The report, in a fixed order.
    let case_name = |c: &u32| log.case(*c as usize).name.to_owned();
    let node_id = |i: usize| nodes[i].id.to_string();
    let label = |i: usize| {
        let l = nodes[i].label.trim();
        if l.is_empty() {
            nodes[i].id.to_string()
        } else {
            l.to_owned()
        }
    };
    let seat_name = |s: usize| doc.seats[s].name.clone();
    let mut deviations: Vec<(Finding, Deviation)> = findings
        .into_iter()
        .chain(seat_findings)
        .map(|(f, (cases, examples))| {
            let (elements, activity, message) = match f {
                Finding::Skipped(i) => (
                    vec![node_id(i)],
                    None,
                    format!("\"{}\" was skipped", label(i)),
                ),
                Finding::Unfinished => (
                    Vec::new(),
                    None,
                    "the case did not finish the way the map draws it (a parallel branch left undone, or no outcome reached)".to_owned(),
                ),
                Finding::NotOnMap(a) => {
                    let name = log.activities.name(a).to_owned();
                    let message = format!("\"{name}\" was done, but it is not on the map");
                    (Vec::new(), Some(name), message)
                }
                Finding::Order(a, b) => (
                    vec![node_id(a), node_id(b)],
                    None,
                    format!(
                        "\"{}\" came right after \"{}\", an order the map does not allow",
                        label(b),
                        label(a)
                    ),
                ),
                Finding::Loop(a, b) => (
                    vec![node_id(a), node_id(b)],
                    None,
                    format!(
                        "\"{}\" was done again after \"{}\", but the map draws no way back",
                        label(b),
                        label(a)
                    ),
                ),
                Finding::Seat(i, s) => {
                    let drawn = lane_seat[i].map(seat_name).unwrap_or_default();
                    (
                        vec![node_id(i), doc.seats[s].id.to_string()],
                        None,
                        format!(
                            "\"{}\" was done in the seat \"{}\", not \"{drawn}\" as drawn",
                            label(i),
                            seat_name(s)
                        ),
                    )
                }
            };
            let deviation = Deviation {
                kind: f.kind(),
                elements,
                activity,
                message,
                cases,
                examples: examples.iter().map(case_name).collect(),
            };
            (f, deviation)
        })
        .collect();
    // Most cases first; ties by kind, then by what they name (not by log ids, which depend
    // on the order the log happens to list its events in).
    deviations.sort_by(|(_, a), (_, b)| {
        (std::cmp::Reverse(a.cases), a.kind, &a.elements, &a.activity).cmp(&(
            std::cmp::Reverse(b.cases),
            b.kind,
            &b.elements,
            &b.activity,
        ))
    });

    let steps: Vec<StepReport> = (0..nodes.len())
        .filter(|&i| nodes[i].tag() == NodeTag::Step)
        .map(|i| StepReport {
            id: node_id(i),
            label: nodes[i].label.clone(),
            cases: step_cases[i],
            occurrences: occurrences[i],
            time_in_step: times(&mut in_step[i]),
            wait_before: times(&mut wait[i]),
        })
        .collect();
    let unreached_steps = steps
        .iter()
        .filter(|s| s.cases == 0)
        .map(|s| s.id.clone())
        .collect();
    let flows = crate::net::arrows(process)
        .into_iter()
        .map(|(f, _, _)| {
            let flow = &process.flows[f];
            FlowReport {
                id: flow.id.to_string(),
                from: flow.from.to_string(),
                to: flow.to.to_string(),
                cases: flow_cases[f],
            }
        })
        .collect();
    let mut undrawn: Vec<((usize, usize), UndrawnPath)> = undrawn
        .into_iter()
        .map(|((a, b), (cases, examples))| {
            let path = UndrawnPath {
                from: node_id(a),
                to: node_id(b),
                cases,
                examples: examples.iter().map(case_name).collect(),
            };
            ((a, b), path)
        })
        .collect();
    undrawn.sort_by(|(ka, a), (kb, b)| b.cases.cmp(&a.cases).then(ka.cmp(kb)));

    let Matching {
        activity,
        activity_how,
        resource,
        resource_how,
        mapping,
    } = matching;
    let mut activities: Vec<ActivityMatch> = log
        .activities
        .iter()
        .enumerate()
        .map(|(a, name)| ActivityMatch {
            activity: name.to_owned(),
            step: match activity[a] {
                Matched::Step(i) => Some(node_id(i)),
                _ => None,
            },
            how: activity_how[a],
            ignored: activity[a] == Matched::Ignored,
            occurrences: activity_count[a],
        })
        .collect();
    activities.sort_by(|a, b| a.activity.cmp(&b.activity));
    let mut resources: Vec<ResourceMatch> = log
        .resources
        .iter()
        .enumerate()
        .map(|(r, name)| ResourceMatch {
            resource: name.to_owned(),
            seat: resource[r].map(|s| doc.seats[s].id.to_string()),
            how: resource_how[r],
        })
        .collect();
    resources.sort_by(|a, b| a.resource.cmp(&b.resource));

    let cases = log.case_count() as u64;
    Report {
        cases,
        events: log.events,
        fitting_cases: fitting,
        fitness: if cases == 0 {
            0.0
        } else {
            fitting as f64 / cases as f64
        },
        undecided_cases: undecided,
        bad_rows: log.bad.clone(),
        deviations: deviations.into_iter().map(|(_, d)| d).collect(),
        steps,
        flows,
        undrawn_paths: undrawn.into_iter().map(|(_, p)| p).collect(),
        unreached_steps,
        activities,
        resources,
        mapping,
    }
}

/// Counts a variant's cases and examples under `key`.
fn add<K: std::hash::Hash + Eq>(
    log: &EventLog,
    map: &mut FxHashMap<K, (u64, Vec<u32>)>,
    key: K,
    v: &Variant,
) {
    let e = map.entry(key).or_default();
    e.0 += v.cases;
    merge_examples(log, &mut e.1, &v.examples);
}

/// Keeps the [`EXAMPLES`] first cases of `into` and `more` together, ordered by name
/// (shorter first, then alphabetically; ties by position in the log).
fn merge_examples(log: &EventLog, into: &mut Vec<u32>, more: &[u32]) {
    if into.len() >= EXAMPLES && more.len() == 1 {
        // The common case, one case at a time: skip it unless it sorts before the last.
        let key = |c: u32| {
            let n = log.case(c as usize).name;
            (n.len(), n, c)
        };
        if key(more[0]) >= key(into[EXAMPLES - 1]) {
            return;
        }
    }
    into.extend_from_slice(more);
    into.sort_unstable_by_key(|&c| {
        let n = log.case(c as usize).name;
        (n.len(), n, c)
    });
    into.dedup();
    into.truncate(EXAMPLES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deviations::Kind;
    use crate::log::{Lifecycle, LogBuilder, Order};
    use crate::mapping::Target;
    use handoff_core::build::Builder;
    use handoff_core::{NodeKind, SeatKind};

    /// start → a → b → c → end, a and b at the desk, c in the back office; d drawn but
    /// never reached.
    fn line() -> Document {
        Builder::new("p")
            .lane("desk", "Desk", SeatKind::Team)
            .lane("back", "Back office", SeatKind::Team)
            .node("start", NodeKind::Start, Some("desk"))
            .step("a", "desk")
            .step("b", "desk")
            .step("c", "back")
            .step("d", "back")
            .node("end", NodeKind::Outcome, Some("back"))
            .arrow("start", "a")
            .arrow("a", "b")
            .arrow("b", "c")
            .arrow("c", "end")
            .flow("c", "d", "", "")
            .with(|d| d.process.flows.retain(|f| f.to.0 != "d"))
            .build()
    }

    /// (activity, resource, time) of one event.
    type Ev<'a> = (&'a str, &'a str, i64);

    fn log(cases: &[(&str, &[Ev])]) -> EventLog {
        let mut b = LogBuilder::new(Order::AsRead);
        for (name, events) in cases {
            let c = b.new_case(name);
            for (act, who, t) in *events {
                b.event(c, act, Some(who), *t, Lifecycle::None).unwrap();
            }
        }
        b.finish()
    }

    fn find<'r>(r: &'r Report, kind: Kind, elements: &[&str]) -> &'r Deviation {
        r.deviations
            .iter()
            .find(|d| d.kind == kind && d.elements == elements)
            .unwrap_or_else(|| panic!("no {kind:?} {elements:?}: {:#?}", r.deviations))
    }

    #[test]
    fn each_kind_of_deviation_with_cases_and_examples() {
        let doc = line();
        let l = log(&[
            (
                "ok 1",
                &[("a", "Ann", 0), ("b", "Ann", 60_000), ("c", "Bob", 180_000)],
            ),
            (
                "ok 2",
                &[
                    ("a", "Ann", 0),
                    ("b", "Ann", 120_000),
                    ("c", "Bob", 240_000),
                ],
            ),
            ("skip", &[("a", "Ann", 0), ("c", "Bob", 10)]),
            (
                "swap",
                &[("b", "Ann", 0), ("a", "Ann", 10), ("c", "Bob", 20)],
            ),
            (
                "again",
                &[
                    ("a", "Ann", 0),
                    ("b", "Ann", 1),
                    ("c", "Bob", 2),
                    ("b", "Ann", 3),
                ],
            ),
            (
                "extra",
                &[
                    ("a", "Ann", 0),
                    ("call", "Ann", 1),
                    ("b", "Ann", 2),
                    ("c", "Bob", 3),
                ],
            ),
            ("seat", &[("a", "Ann", 0), ("b", "Bob", 1), ("c", "Bob", 2)]),
        ]);
        let mut manual = Mapping::default();
        manual.resources.insert("Ann".into(), "seat-desk".into());
        manual.resources.insert("Bob".into(), "seat-back".into());
        let r = check(&doc, &l, &manual);
        assert_eq!((r.cases, r.events), (7, 22));
        // "seat" fits: seats are not part of following the map.
        assert_eq!(r.fitting_cases, 3);
        assert_eq!(find(&r, Kind::SkippedStep, &["b"]).examples, ["skip"]);
        assert_eq!(find(&r, Kind::OtherOrder, &["b", "a"]).cases, 1);
        assert_eq!(find(&r, Kind::LoopNotDrawn, &["c", "b"]).cases, 1);
        let extra = r
            .deviations
            .iter()
            .find(|d| d.kind == Kind::StepNotOnMap)
            .unwrap();
        assert_eq!(extra.activity.as_deref(), Some("call"));
        let seat = find(&r, Kind::OtherSeat, &["b", "seat-back"]);
        assert_eq!(
            (seat.cases, seat.examples.as_slice()),
            (1, &["seat".to_owned()][..])
        );
        assert_eq!(r.unreached_steps, ["d"]);
        // Waits before b: 60 s and 120 s in the fitting cases, 1 ms elsewhere.
        let b = r.steps.iter().find(|s| s.id == "b").unwrap();
        assert_eq!(b.cases, 6);
        assert_eq!(b.occurrences, 7);
        assert!(b.time_in_step.is_none());
        assert_eq!(b.wait_before.unwrap().p90_ms, 120_000);
        // The undrawn path a → c (the skipping and the swapping case), as a ghost arrow.
        let ghost = &r.undrawn_paths;
        assert!(ghost
            .iter()
            .any(|u| u.from == "a" && u.to == "c" && u.cases == 2));
        // Arrows passed: start → a by every case that began with a.
        let f1 = r.flows.iter().find(|f| f.from == "start").unwrap();
        assert_eq!(f1.cases, 6);
    }

    #[test]
    fn ignored_activities_are_left_out_of_the_replay() {
        let doc = line();
        let l = log(&[(
            "1",
            &[
                ("a", "x", 0),
                ("note", "x", 1),
                ("b", "x", 2),
                ("c", "x", 3),
            ],
        )]);
        assert_eq!(check(&doc, &l, &Mapping::default()).fitting_cases, 0);
        let mut manual = Mapping::default();
        manual.activities.insert("note".into(), Target::Ignore);
        let r = check(&doc, &l, &manual);
        assert_eq!(r.fitting_cases, 1);
        assert!(r
            .activities
            .iter()
            .any(|a| a.activity == "note" && a.ignored));
    }

    #[test]
    fn the_same_log_gives_the_same_report() {
        let doc = line();
        let l = log(&[
            ("x", &[("b", "Ann", 0), ("a", "Ann", 10), ("c", "Bob", 20)]),
            ("y", &[("a", "Ann", 0), ("c", "Bob", 10)]),
        ]);
        let one = serde_json::to_string(&check(&doc, &l, &Mapping::default())).unwrap();
        let two = serde_json::to_string(&check(&doc, &l, &Mapping::default())).unwrap();
        assert_eq!(one, two);
    }
}
