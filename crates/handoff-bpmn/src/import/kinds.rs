//! What kind of map node each BPMN flow node becomes, with a note for everything the
//! map does not distinguish (task types, event triggers, loops, sub-processes).

use rustc_hash::FxHashMap as HashMap;

use handoff_core::{NodeKind, StepDetails, TriggerKind};

use super::words::{article, describe};
use super::Notes;
use crate::parse::{Model, NodeDef, CONTAINERS, TASKS};

/// The kind of node `n` becomes, given the arrows into and out of it once gateways are
/// folded; notes what the map cannot hold.
pub(super) fn node_kind(
    n: &NodeDef,
    ins: usize,
    outs: usize,
    data_names: &HashMap<&str, String>,
    notes: &mut Notes,
) -> NodeKind {
    let kind = n.kind.as_str();
    let step = |notes: &mut Notes| -> NodeKind {
        let mut details = match n
            .handoff_details
            .as_deref()
            .map(serde_json::from_str::<StepDetails>)
        {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                notes.add(
                    Some(&n.id),
                    format!("Handoff's step details for this step are unreadable and were skipped ({e})"),
                );
                StepDetails::default()
            }
            None => StepDetails::default(),
        };
        details.instructions = n.documentation.clone();
        for (ids, list) in [
            (&n.reads, &mut details.inputs),
            (&n.writes, &mut details.outputs),
        ] {
            for id in ids {
                match data_names.get(id.as_str()) {
                    Some(name) if !list.contains(name) => list.push(name.clone()),
                    Some(_) => {}
                    None => notes.add(
                        Some(&n.id),
                        format!(
                            "{} uses data \"{id}\" that has no name in the file; it was not listed",
                            describe(n)
                        ),
                    ),
                }
            }
        }
        NodeKind::Step {
            details: Box::new(details),
        }
    };
    if let Some(lk) = &n.loop_kind {
        let what = if lk.starts_with("multi") {
            "runs several times at once (multi-instance)"
        } else {
            "repeats (loop)"
        };
        notes.add(
            Some(&n.id),
            format!("{} {what}; the map has no loop marker, so draw the loop or say it in the instructions", describe(n)),
        );
    }
    if TASKS.contains(&kind) {
        return step(notes);
    }
    match kind {
        "startEvent" => {
            if let Some(w) = event_word(n) {
                notes.add(
                    Some(&n.id),
                    format!(
                        "{} is {} {w} start; the map keeps it as a plain start",
                        describe(n),
                        article(w)
                    ),
                );
            }
            NodeKind::Start
        }
        "endEvent" => {
            if let Some(w) = event_word(n) {
                notes.add(
                    Some(&n.id),
                    format!(
                        "{} is {} {w} end; the map keeps it as a plain outcome",
                        describe(n),
                        article(w)
                    ),
                );
            }
            NodeKind::Outcome
        }
        "intermediateCatchEvent" | "intermediateThrowEvent" => {
            let dir = if kind == "intermediateCatchEvent" {
                "waits for"
            } else {
                "sends"
            };
            let w = event_word(n).map_or("an event".to_owned(), |w| format!("{} {w}", article(w)));
            notes.add(
                Some(&n.id),
                format!(
                    "{} (an intermediate event that {dir} {w}) became a step",
                    describe(n)
                ),
            );
            step(notes)
        }
        "boundaryEvent" => {
            let w = event_word(n).unwrap_or("plain");
            notes.add(
                Some(&n.id),
                format!("{} ({} {w} event on the edge of an activity) became a step reached from that activity", describe(n), article(w)),
            );
            step(notes)
        }
        "callActivity" => {
            notes.add(
                Some(&n.id),
                format!(
                    "{} calls another process; it became a single step",
                    describe(n)
                ),
            );
            step(notes)
        }
        k if CONTAINERS.contains(&k) => {
            let what = match k {
                "transaction" => "transaction",
                "adHocSubProcess" => "ad-hoc sub-process",
                _ if n.triggered_by_event => "event sub-process",
                _ => "sub-process",
            };
            let inner = if n.inner_elements == 0 {
                String::new()
            } else {
                format!("; the {} elements inside it were not imported (map it as a process of its own)", n.inner_elements)
            };
            notes.add(
                Some(&n.id),
                format!(
                    "{} is {} {what} and became a single step{inner}",
                    describe(n),
                    article(what)
                ),
            );
            step(notes)
        }
        "inclusiveGateway" | "complexGateway" => {
            notes.add(
                Some(&n.id),
                format!(
                    "{} may take several branches at once; in the map it is a decision that takes one",
                    describe(n)
                ),
            );
            NodeKind::Decision
        }
        "exclusiveGateway" | "eventBasedGateway" => NodeKind::Decision,
        "parallelGateway" => {
            if ins > 1 && outs > 1 {
                notes.add(
                    Some(&n.id),
                    format!(
                        "{} both joins and splits; it became a parallel split",
                        describe(n)
                    ),
                );
                NodeKind::ParallelSplit
            } else if ins > 1 {
                NodeKind::ParallelJoin
            } else {
                NodeKind::ParallelSplit
            }
        }
        _ => step(notes),
    }
}

/// The names of data object and data store references (falling back to the data object
/// they refer to), by id.
pub(super) fn data_names(model: &Model) -> HashMap<&str, String> {
    let by_id: HashMap<&str, &str> = model
        .others
        .iter()
        .map(|o| (o.id.as_str(), o.name.trim()))
        .collect();
    model
        .others
        .iter()
        .filter(|o| o.kind.starts_with("data"))
        .filter_map(|o| {
            let own = o.name.trim();
            let name = if own.is_empty() {
                o.refers.as_deref().and_then(|r| by_id.get(r)).copied()?
            } else {
                own
            };
            (!name.is_empty()).then(|| (o.id.as_str(), name.to_owned()))
        })
        .chain(
            model
                .data_labels
                .iter()
                .map(|(id, name)| (id.as_str(), name.trim().to_owned())),
        )
        .collect()
}

pub(super) fn trigger_of(definition: &str) -> Option<TriggerKind> {
    match definition {
        "timerEventDefinition" => Some(TriggerKind::Schedule),
        "messageEventDefinition" | "signalEventDefinition" => Some(TriggerKind::Event),
        "conditionalEventDefinition" => Some(TriggerKind::Threshold),
        _ => None,
    }
}

/// The event's type in a word ("timer", "message"), or `None` for a plain event.
pub(super) fn event_word(n: &NodeDef) -> Option<&'static str> {
    if n.event_definitions.len() > 1 {
        return Some("multiple-trigger");
    }
    let d = n.event_definitions.first()?;
    Some(match d.as_str() {
        "timerEventDefinition" => "timer",
        "messageEventDefinition" => "message",
        "signalEventDefinition" => "signal",
        "conditionalEventDefinition" => "conditional",
        "errorEventDefinition" => "error",
        "escalationEventDefinition" => "escalation",
        "compensateEventDefinition" => "compensation",
        "cancelEventDefinition" => "cancel",
        "terminateEventDefinition" => "terminate",
        "linkEventDefinition" => "link",
        _ => "special",
    })
}
