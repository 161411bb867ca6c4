//! The runbook of an AI agent's seat: everything the agent is to do, across every process
//! of the library it works in, written to be pasted into the agent's instructions.
//!
//! For each process: what starts it and what it must produce, the agent's steps in the
//! order of the SOP (same numbers), each with its instructions, inputs, outputs, tools and
//! limit on tries, where each step leads ("If the category is unclear, go to step 4"), what
//! the agent receives from whom and hands to whom, when and to whom it escalates, and the
//! signs that the process is failing.
//!
//! [`runbook`] gives the data; [`to_markdown`] and [`to_json`] write it. The JSON's shape is
//! [`Runbook`]; its JSON Schema ([`json_schema`]) is committed as
//! `docs/runbook.schema.json`, and a test keeps the two the same.

use handoff_core::procedure::{Procedure, Target};
use handoff_core::{Document, NodeTag, SeatId, SeatKind};
use schemars::JsonSchema;
use serde::Serialize;

use crate::directions::{destination, direction_lines, item_title, moves, Names};

/// The version of the runbook's JSON shape, written into every file.
pub const SCHEMA: &str = "handoff.runbook/1";

/// Why a runbook could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunbookError {
    /// No document carries a seat with this id.
    #[error("no process in the library mentions a seat with id \"{0}\"")]
    UnknownSeat(String),
    /// The seat is held by people or a system: runbooks are for agents.
    #[error("\"{name}\" is a {kind} seat; runbooks are written for AI-agent seats (a person's seat has a handout)")]
    NotAnAgent { name: String, kind: &'static str },
}

/// An agent seat's runbook.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Runbook {
    /// Always `handoff.runbook/1` for this shape.
    pub schema: String,
    /// The seat's id in the library.
    pub seat_id: String,
    /// The seat's name ("Triage agent").
    pub seat: String,
    /// Who or what currently holds the seat (a product or model name), when the map says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// The date the runbook was written for (YYYY-MM-DD).
    pub date: String,
    /// Every process the agent works in, in library order.
    pub processes: Vec<RunbookProcess>,
}

/// The agent's part in one process.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RunbookProcess {
    pub id: String,
    pub name: String,
    /// Why the process exists, when the map says.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    /// The seat that answers for the process as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// What starts the process.
    pub trigger: String,
    /// What the process produces when it goes right.
    pub expected_output: String,
    /// The agent's steps and decisions, in the order of the SOP.
    pub steps: Vec<RunbookStep>,
    /// What others hand to the agent.
    pub receives: Vec<Transfer>,
    /// What the agent hands to others.
    pub hands_over: Vec<Transfer>,
    /// When the work goes from the agent to a person.
    pub escalations: Vec<Escalation>,
    /// How one notices the process is failing.
    pub failure_signals: Vec<String>,
}

/// One numbered step or decision the agent does.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RunbookStep {
    /// Its number in the process's SOP.
    pub number: usize,
    /// The node's id in the map.
    pub id: String,
    /// `step` or `decision`.
    pub kind: String,
    /// "Classify the ticket", or "Decide: Category clear?" for a decision.
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub instructions: String,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    /// Tools and systems the step is done in.
    pub tools: Vec<String>,
    /// How many tries at most before a person is brought in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tries: Option<u32>,
    /// Who answers for the step (its Accountable seats).
    pub accountable: Vec<String>,
    /// Where the step leads, as sentences: "If billing, hand over the billing ticket to
    /// Bookkeeper, then go to step 6."
    pub next: Vec<String>,
}

/// Something that moves between the agent and another seat.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    /// What moves; empty when the map does not say.
    pub item: String,
    /// The other seat.
    pub seat: String,
    /// The agent's step it arrives at (receives) or leaves from (hands over).
    pub step: Option<usize>,
}

/// A way from the agent's work to a person.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    /// When: the branch condition, or "after N tries".
    pub when: String,
    /// The agent's step or decision it leaves from.
    pub from_step: Option<usize>,
    /// The person or team who takes over.
    pub to: String,
    /// What the agent hands over, when the map says.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub item: String,
}

/// The runbook of the agent seat `seat` across `docs` (the library's processes in the
/// order they should appear; processes without a lane of the seat are left out).
///
/// # Errors
/// [`RunbookError::UnknownSeat`] when no document carries the seat;
/// [`RunbookError::NotAnAgent`] when it is not an agent's seat.
///
/// # Complexity
/// Linear in the total size of the maps.
pub fn runbook(
    docs: &[Document],
    seat: &SeatId,
    date: chrono::NaiveDate,
) -> Result<Runbook, RunbookError> {
    let Some(info) = docs.iter().find_map(|d| d.seat(seat)) else {
        return Err(RunbookError::UnknownSeat(seat.to_string()));
    };
    if info.kind != SeatKind::Agent {
        return Err(RunbookError::NotAnAgent {
            name: info.name.clone(),
            kind: info.kind.label(),
        });
    }
    let processes = docs
        .iter()
        .filter(|d| d.process.lanes.iter().any(|l| &l.seat == seat))
        .map(|d| process_part(d, seat))
        .collect();
    Ok(Runbook {
        schema: SCHEMA.to_owned(),
        seat_id: seat.to_string(),
        seat: info.name.clone(),
        holder: info
            .holder
            .as_ref()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty()),
        date: date.to_string(),
        processes,
    })
}

fn is_human(doc: &Document, seat: Option<&SeatId>) -> bool {
    seat.and_then(|s| doc.seat(s))
        .is_some_and(|s| matches!(s.kind, SeatKind::Person | SeatKind::Team))
}

fn process_part(doc: &Document, seat: &SeatId) -> RunbookProcess {
    let p = &doc.process;
    let names = Names { doc };
    let procedure = Procedure::new(p);
    let seat_of = |id: &handoff_core::NodeId| {
        names
            .node(id)
            .and_then(|n| names.lane_seat(n.lane.as_ref()))
    };
    let mine = |id: &handoff_core::NodeId| seat_of(id) == Some(seat);

    let mut steps = Vec::new();
    let mut escalations = Vec::new();
    for (k, &ix) in procedure.order().iter().enumerate() {
        let node = &p.nodes[ix];
        if !mine(&node.id) {
            continue;
        }
        let number = k + 1;
        let ways = moves(doc, &procedure, &node.id);
        let empty = handoff_core::StepDetails::default();
        let d = node.details().unwrap_or(&empty);
        for m in &ways {
            // The first seat the way reaches that is a person's or team's.
            let reached = m.handovers.iter().find(|h| is_human(doc, h.to.as_ref()));
            if let Some(h) = reached {
                if !m.condition.is_empty() {
                    escalations.push(Escalation {
                        when: m.condition.clone(),
                        from_step: Some(number),
                        to: h.to.as_ref().map(|s| names.seat(s)).unwrap_or_default(),
                        item: h.item.clone(),
                    });
                }
            }
        }
        if let Some(n) = d.max_tries {
            let to: Vec<String> = ways
                .iter()
                .flat_map(|m| m.handovers.iter())
                .filter(|h| is_human(doc, h.to.as_ref()))
                .filter_map(|h| h.to.as_ref().map(|s| names.seat(s)))
                .collect();
            escalations.push(Escalation {
                when: format!("after {n} {}", if n == 1 { "try" } else { "tries" }),
                from_step: Some(number),
                to: to
                    .first()
                    .cloned()
                    .unwrap_or_else(|| p.owner.as_ref().map(|o| names.seat(o)).unwrap_or_default()),
                item: String::new(),
            });
        }
        steps.push(RunbookStep {
            number,
            id: node.id.to_string(),
            kind: if node.tag() == NodeTag::Decision {
                "decision"
            } else {
                "step"
            }
            .to_owned(),
            title: item_title(node),
            instructions: d.instructions.trim().to_owned(),
            inputs: d.inputs.clone(),
            outputs: d.outputs.clone(),
            tools: d.systems.clone(),
            max_tries: d.max_tries,
            accountable: d.raci.accountable.iter().map(|s| names.seat(s)).collect(),
            next: next_lines(&names, node, number, &ways),
        });
    }

    let number_of = |id: &handoff_core::NodeId| procedure.number(id);
    let (mut receives, mut hands_over) = (Vec::new(), Vec::new());
    for f in &p.flows {
        let (Some(from), Some(to)) = (seat_of(&f.from), seat_of(&f.to)) else {
            continue;
        };
        if from == to {
            continue;
        }
        if to == seat {
            receives.push(Transfer {
                item: f.handover.trim().to_owned(),
                seat: names.seat(from),
                step: number_of(&f.to).or_else(|| first_step_after(&procedure, p, &f.to)),
            });
        } else if from == seat {
            hands_over.push(Transfer {
                item: f.handover.trim().to_owned(),
                seat: names.seat(to),
                step: number_of(&f.from),
            });
        }
    }
    RunbookProcess {
        id: p.id.to_string(),
        name: p.name.clone(),
        purpose: p.purpose.trim().to_owned(),
        owner: p.owner.as_ref().map(|o| names.seat(o)),
        trigger: p.trigger.description.trim().to_owned(),
        expected_output: p.expected_output.trim().to_owned(),
        steps,
        receives,
        hands_over,
        escalations,
        failure_signals: p
            .failure_signals
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

/// The number of the step a flow into an unnumbered node (an outcome, a gateway) leads on
/// to, if it leads to exactly one.
fn first_step_after(
    procedure: &Procedure,
    p: &handoff_core::Process,
    node: &handoff_core::NodeId,
) -> Option<usize> {
    let outs = procedure.outgoing(node);
    let mut numbers = outs
        .iter()
        .flat_map(|&f| procedure.targets(p, f))
        .filter_map(|t| match t {
            Target::Step { number, .. } => Some(number),
            _ => None,
        });
    let first = numbers.next()?;
    numbers.next().is_none().then_some(first)
}

/// Where a step leads: the SOP's sentences, and "Then go on to step N." where the SOP lets
/// the reader simply read on (an agent reads its runbook, not the whole SOP).
fn next_lines(
    names: &Names<'_>,
    node: &handoff_core::Node,
    number: usize,
    ways: &[crate::directions::Move],
) -> Vec<String> {
    let mut lines = direction_lines(names, node, number, ways);
    let reads_on = ways.len() == 1
        && ways[0].condition.is_empty()
        && matches!(ways[0].targets.as_slice(), [Target::Step { number: n, .. }] if *n == number + 1);
    if reads_on {
        lines.push(format!("Then {}.", destination(names, &ways[0].targets)));
    }
    lines
}

/// The runbook as Markdown, to paste into an agent's instructions.
#[must_use]
pub fn to_markdown(r: &Runbook) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!("# Runbook: {}", r.seat));
    line("");
    let mut intro = format!(
        "You are the AI agent in the seat \"{}\". This runbook lists everything you do in {} process{}, as of {}.",
        r.seat,
        r.processes.len(),
        if r.processes.len() == 1 { "" } else { "es" },
        r.date
    );
    if let Some(h) = &r.holder {
        intro.push_str(&format!(" The seat is held by {h}."));
    }
    intro.push_str(" Follow the steps in order; when a step says to hand the work to a person, do so and stop.");
    line(&intro);
    if r.processes.is_empty() {
        line("");
        line("No process gives this seat any work yet.");
    }
    for p in &r.processes {
        line("");
        line(&format!("## {}", p.name));
        line("");
        if !p.purpose.is_empty() {
            line(&p.purpose);
            line("");
        }
        line(&format!("- **Starts when:** {}", or_unsaid(&p.trigger)));
        line(&format!(
            "- **Must produce:** {}",
            or_unsaid(&p.expected_output)
        ));
        if let Some(o) = &p.owner {
            line(&format!("- **Process owner:** {o}"));
        }
        if !p.receives.is_empty() {
            line("");
            line("### You receive");
            line("");
            for t in &p.receives {
                line(&format!(
                    "- {} from {}{}",
                    or_work(&t.item),
                    t.seat,
                    at_step(t.step, "at")
                ));
            }
        }
        line("");
        line("### Your steps");
        for s in &p.steps {
            line("");
            line(&format!("{}. **{}**", s.number, s.title));
            let mut facts = Vec::new();
            if !s.inputs.is_empty() {
                facts.push(format!("Inputs: {}", s.inputs.join("; ")));
            }
            if !s.outputs.is_empty() {
                facts.push(format!("Outputs: {}", s.outputs.join("; ")));
            }
            if !s.tools.is_empty() {
                facts.push(format!("Tools: {}", s.tools.join("; ")));
            }
            if let Some(n) = s.max_tries {
                facts.push(format!(
                    "Try at most {n} {}; then bring in a person",
                    if n == 1 { "time" } else { "times" }
                ));
            }
            if !s.accountable.is_empty() {
                facts.push(format!("Answered for by: {}", s.accountable.join(", ")));
            }
            for para in s.instructions.lines().filter(|l| !l.trim().is_empty()) {
                line(&format!("   {}", para.trim()));
            }
            for f in facts {
                line(&format!("   - {f}"));
            }
            for n in &s.next {
                line(&format!("   - {n}"));
            }
        }
        if !p.hands_over.is_empty() {
            line("");
            line("### You hand over");
            line("");
            for t in &p.hands_over {
                line(&format!(
                    "- {} to {}{}",
                    or_work(&t.item),
                    t.seat,
                    at_step(t.step, "after")
                ));
            }
        }
        line("");
        line("### Escalate to a person");
        line("");
        if p.escalations.is_empty() {
            line("- The map names no escalation for this seat. Ask the process owner before acting on anything unusual.");
        }
        for e in &p.escalations {
            let what = if e.item.is_empty() {
                String::new()
            } else {
                format!(" {}", e.item)
            };
            line(&format!(
                "- {}{}: hand over{what} to {}",
                cap(&e.when),
                at_step(e.from_step, "at"),
                e.to
            ));
        }
        if !p.failure_signals.is_empty() {
            line("");
            line("### Signs the process is failing");
            line("");
            for s in &p.failure_signals {
                line(&format!("- {s}"));
            }
        }
    }
    out
}

fn or_unsaid(s: &str) -> &str {
    if s.is_empty() {
        "(the map does not say)"
    } else {
        s
    }
}

fn or_work(s: &str) -> String {
    if s.is_empty() {
        "The work (the map does not say what)".to_owned()
    } else {
        cap(s)
    }
}

fn at_step(step: Option<usize>, word: &str) -> String {
    step.map(|n| format!(" ({word} step {n})"))
        .unwrap_or_default()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The runbook as pretty-printed JSON in the shape of [`Runbook`].
#[must_use]
pub fn to_json(r: &Runbook) -> String {
    // A tree of strings, numbers and lists: serialising it cannot fail.
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// The JSON Schema of the runbook's JSON, as committed in `docs/runbook.schema.json`.
#[must_use]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Runbook);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
