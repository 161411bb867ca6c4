//! The parts of a Handoff map that BPMN has no element for, as they travel inside
//! `extensionElements` in the [`crate::HANDOFF_NS`] namespace: the process header (on the
//! `<process>`), a lane's seat (on the `<lane>`), step details other than instructions (on
//! the task) and a flow's handed-over item (on the sequence flow). Header and seat and
//! details are JSON in the element's text, so new model fields travel without changing
//! the XML.

use chrono::NaiveDate;
use handoff_core::{
    BusinessFunction, Cadence, Category, DerivedFrom, Document, Process, ProcessId, ProcessState,
    Seat, SeatId, StepDetails, Trigger,
};
use serde::{Deserialize, Serialize};

/// Every field of [`Process`] that is not drawn (name, purpose, lanes, nodes and flows are).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Header {
    pub id: Option<ProcessId>,
    pub category: Category,
    pub function: BusinessFunction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<SeatId>,
    pub trigger: Trigger,
    pub cadence: Cadence,
    pub expected_output: String,
    pub failure_signals: Vec<String>,
    pub state: ProcessState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<DerivedFrom>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_due: Option<NaiveDate>,
    /// Every seat of the document in order, including those only named as owner or in
    /// RACI, which have no lane to travel on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<Seat>,
}

impl Header {
    /// The header of the document's process, with the document's seats.
    pub fn of(doc: &Document) -> Self {
        let p = &doc.process;
        Header {
            seats: doc.seats.clone(),
            id: Some(p.id.clone()),
            category: p.category,
            function: p.function,
            owner: p.owner.clone(),
            trigger: p.trigger.clone(),
            cadence: p.cadence,
            expected_output: p.expected_output.clone(),
            failure_signals: p.failure_signals.clone(),
            state: p.state,
            derived_from: p.derived_from.clone(),
            last_reviewed: p.last_reviewed,
            review_due: p.review_due,
        }
    }

    /// Copies the header into `p` (the id only when present); the seats are left to the
    /// caller.
    pub fn apply(self, p: &mut Process) {
        if let Some(id) = self.id {
            p.id = id;
        }
        p.category = self.category;
        p.function = self.function;
        p.owner = self.owner;
        p.trigger = self.trigger;
        p.cadence = self.cadence;
        p.expected_output = self.expected_output;
        p.failure_signals = self.failure_signals;
        p.state = self.state;
        p.derived_from = self.derived_from;
        p.last_reviewed = self.last_reviewed;
        p.review_due = self.review_due;
    }
}

/// Step details without the instructions, which travel as BPMN `documentation`.
pub fn details_without_instructions(d: &StepDetails) -> StepDetails {
    StepDetails {
        instructions: String::new(),
        ..d.clone()
    }
}
