//! Checks: what is wrong with a map, in words a business owner understands.
//!
//! [`check`] runs every rule over a document and returns [`Diagnostic`]s: a stable
//! [`Code`], a [`Severity`], the ids of the elements involved, a message and a hint on how
//! to fix it. Rules never print or panic; they return data. A library can switch a rule off
//! or change its severity through [`Rules`].
//!
//! Every rule is linear in the size of the map: the graph facts come from one BFS each way
//! and one Tarjan pass (see [`crate::graph`]), the rest are single passes over nodes and
//! flows.

mod agents;
mod handoffs;
mod header;
mod raci;
mod reachability;
mod shape;
mod structure;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::graph::ProcessGraph;
use crate::model::Document;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The map cannot be followed as drawn.
    Error,
    /// The map can be followed but something a reader needs is missing.
    Warning,
    /// Tidiness.
    Info,
}

impl Severity {
    /// The severity as a word.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $text:literal, $sev:ident, $summary:literal;)*) => {
        /// A check's stable identifier. The kebab-case text is what files, settings and
        /// the `--format json` output use; it never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum Code {
            $(#[doc = $summary] #[serde(rename = $text)] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the README's table of checks.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable text of the code.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// The severity a library starts with.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One line on what the check looks for, for settings screens and `--help`.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The code with this text, if there is one.
            pub fn parse(text: &str) -> Option<Code> {
                match text { $($text => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    OwnerlessStep = "ownerless-step", Error, "A step or decision is in no lane, or its lane's seat is missing.";
    DanglingDecision = "dangling-decision", Error, "A decision has fewer than two outgoing branches.";
    UnlabeledBranch = "unlabeled-branch", Warning, "A decision branch has no condition, or two branches share one.";
    BrokenFlow = "broken-flow", Error, "A flow starts or ends at a node that does not exist.";
    NoStart = "no-start", Error, "The process has no start.";
    NoOutcome = "no-outcome", Error, "The process has no outcome.";
    UnreachableStep = "unreachable-step", Error, "A node cannot be reached from any start.";
    DeadEnd = "dead-end", Error, "A node leads nowhere: no outcome can be reached from it.";
    EndlessLoop = "endless-loop", Error, "A loop has no way out to an outcome.";
    Disconnected = "disconnected", Error, "A node has no flows at all.";
    UnnamedHandoff = "unnamed-handoff", Warning, "A handoff between lanes does not say what is handed over.";
    RaciNoAccountable = "raci-no-accountable", Warning, "A step has no Accountable seat.";
    RaciMultipleAccountable = "raci-multiple-accountable", Error, "A step has more than one Accountable seat.";
    ProcessNoOwner = "process-no-owner", Error, "The process has no owner seat.";
    ProcessNoTrigger = "process-no-trigger", Warning, "The process does not say what starts it.";
    ProcessNoOutput = "process-no-output", Warning, "The process does not say what it produces.";
    ProcessNoFailureSignals = "process-no-failure-signals", Warning, "The process does not say how you notice it failing.";
    ReviewOverdue = "review-overdue", Warning, "The process is past its review date.";
    EmptyLane = "empty-lane", Info, "A lane holds no nodes.";
    UnlabeledStep = "unlabeled-step", Warning, "A step or decision has no name.";
    ParallelUnbalanced = "parallel-unbalanced", Warning, "Parallel splits and joins do not pair up.";
    AgentNoHumanAccountable = "agent-no-human-accountable", Warning, "A step done by an agent has no person or team Accountable.";
    AgentStepNoInputsOutputs = "agent-step-no-inputs-outputs", Warning, "A step done by an agent does not name its inputs and outputs.";
    AgentNoEscalation = "agent-no-escalation", Warning, "Nothing says how a failure of an agent reaches a person.";
    AgentLoopNoLimit = "agent-loop-no-limit", Warning, "A loop inside an agent's lane has no limit on tries before a person steps in.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Ids of the nodes, flows, lanes or seats involved; empty for process-level findings.
    pub elements: Vec<String>,
    pub message: String,
    pub hint: String,
}

/// A library's settings for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// The rule runs with this severity instead of its default.
    Severity(Severity),
}

/// Per-library overrides; rules not mentioned run with their default severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rules {
    pub overrides: BTreeMap<Code, RuleSetting>,
}

impl Rules {
    /// The severity a rule runs with, or `None` when it is switched off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.overrides.get(&code) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(*s),
            None => Some(code.default_severity()),
        }
    }
}

/// What every rule is given.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub graph: ProcessGraph<'a>,
    pub today: NaiveDate,
}

/// Collects findings, applying the library's rule settings as they are made.
pub(crate) struct Findings<'r> {
    rules: &'r Rules,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    /// Whether the rule runs at all; rules skip their work when it does not.
    pub fn wants(&self, code: Code) -> bool {
        self.rules.severity(code).is_some()
    }

    pub fn push(
        &mut self,
        code: Code,
        elements: Vec<String>,
        message: String,
        hint: impl Into<String>,
    ) {
        if let Some(severity) = self.rules.severity(code) {
            self.out.push(Diagnostic {
                code,
                severity,
                elements,
                message,
                hint: hint.into(),
            });
        }
    }
}

/// Runs every rule over the document and returns the findings, most severe first, then in
/// the order of the map.
///
/// `today` decides whether the review is overdue; nothing else depends on it.
///
/// # Complexity
/// O(nodes + flows + lanes + seats), plus O(k log k) to sort k findings.
pub fn check(doc: &Document, today: NaiveDate, rules: &Rules) -> Vec<Diagnostic> {
    let cx = Context {
        doc,
        graph: ProcessGraph::new(&doc.process),
        today,
    };
    let mut f = Findings {
        rules,
        out: Vec::new(),
    };
    header::check(&cx, &mut f);
    structure::check(&cx, &mut f);
    shape::check(&cx, &mut f);
    reachability::check(&cx, &mut f);
    handoffs::check(&cx, &mut f);
    raci::check(&cx, &mut f);
    agents::check(&cx, &mut f);
    // Stable sort: within a severity, findings keep the order the rules made them in.
    f.out.sort_by_key(|d| d.severity);
    f.out
}

/// Whether any finding is an error (the CLI's exit code 1).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

#[cfg(test)]
mod tests;
