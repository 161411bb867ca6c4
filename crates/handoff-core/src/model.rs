//! The process model: seats, processes, lanes, nodes and flows.
//!
//! A [`Document`] is what a `*.handoff.json` file holds: one process plus the seats it
//! refers to. Seats are library-wide in the desktop app; a file carries copies of the ones
//! its lanes and RACI mention so it stands on its own.
//!
//! Ids are stable strings chosen when an element is created and never reused, so a
//! to-be map derived from an as-is map can be matched element by element.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The value of the `format` field this build reads and writes.
pub const FORMAT: &str = "handoff/1";

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    )*};
}

id_type! {
    /// Identifies a seat across the whole library.
    SeatId,
    /// Identifies a process in a library.
    ProcessId,
    /// Identifies a lane within a process.
    LaneId,
    /// Identifies a node within a process.
    NodeId,
    /// Identifies a flow within a process.
    FlowId,
}

/// The contents of a `*.handoff.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    /// Always [`FORMAT`]; checked before anything else is read.
    pub format: String,
    /// The seats the process mentions (lanes, owner, RACI).
    #[serde(default)]
    pub seats: Vec<Seat>,
    /// The process itself.
    pub process: Process,
}

/// Who does work: a role, a team, an AI agent, a software system or someone outside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seat {
    pub id: SeatId,
    pub name: String,
    pub kind: SeatKind,
    /// The person currently in the seat, when the owner wants it written down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

/// What sort of seat this is; decides its icon and how handouts address it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SeatKind {
    Person,
    Team,
    Agent,
    System,
    External,
}

impl SeatKind {
    /// Every kind, in display order.
    pub const ALL: [SeatKind; 5] = [
        SeatKind::Person,
        SeatKind::Team,
        SeatKind::Agent,
        SeatKind::System,
        SeatKind::External,
    ];

    /// A word for the kind, as a business owner would say it.
    pub fn label(self) -> &'static str {
        match self {
            SeatKind::Person => "person",
            SeatKind::Team => "team",
            SeatKind::Agent => "AI agent",
            SeatKind::System => "system",
            SeatKind::External => "external",
        }
    }
}

/// One recurring piece of work, drawn as a swimlane map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Process {
    pub id: ProcessId,
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub category: Category,
    #[serde(default)]
    pub function: BusinessFunction,
    /// The seat answerable for the process as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<SeatId>,
    #[serde(default)]
    pub trigger: Trigger,
    #[serde(default)]
    pub cadence: Cadence,
    #[serde(default)]
    pub expected_output: String,
    #[serde(default)]
    pub failure_signals: Vec<String>,
    #[serde(default)]
    pub state: ProcessState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<DerivedFrom>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_reviewed: Option<NaiveDate>,
    /// An explicit next review date; when absent it follows from the cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub review_due: Option<NaiveDate>,
    /// Lanes top to bottom.
    #[serde(default)]
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub flows: Vec<Flow>,
}

/// The kind of process, as in process-architecture maps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Category {
    #[default]
    Operational,
    Management,
    Support,
}

/// The part of the business a process belongs to; the library groups by it.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum BusinessFunction {
    Sales,
    Finance,
    Delivery,
    Marketing,
    People,
    Systems,
    #[default]
    Other,
}

impl BusinessFunction {
    /// Every function, in display order.
    pub const ALL: [BusinessFunction; 7] = [
        BusinessFunction::Sales,
        BusinessFunction::Finance,
        BusinessFunction::Delivery,
        BusinessFunction::Marketing,
        BusinessFunction::People,
        BusinessFunction::Systems,
        BusinessFunction::Other,
    ];

    /// The function's name for headings.
    pub fn label(self) -> &'static str {
        match self {
            BusinessFunction::Sales => "Sales",
            BusinessFunction::Finance => "Finance",
            BusinessFunction::Delivery => "Delivery",
            BusinessFunction::Marketing => "Marketing",
            BusinessFunction::People => "People",
            BusinessFunction::Systems => "Systems",
            BusinessFunction::Other => "Other",
        }
    }
}

/// What sets the process off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Trigger {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TriggerKind>,
    #[serde(default)]
    pub description: String,
}

/// The four ways work starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TriggerKind {
    /// A calendar: every month-end, every Monday.
    Schedule,
    /// Something happens: an order arrives, a hire signs.
    Event,
    /// A number crosses a line: stock below 20, invoice 30 days overdue.
    Threshold,
    /// Someone asks.
    Request,
}

/// How often the process runs; decides how often it is reviewed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Cadence {
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
    /// Runs whenever its trigger fires, with no fixed rhythm.
    #[default]
    AsNeeded,
}

impl Cadence {
    /// The cadence as words.
    pub fn label(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::Yearly => "yearly",
            Cadence::AsNeeded => "as needed",
        }
    }
}

/// Whether the map shows today's reality, the planned improvement, or neither yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum ProcessState {
    AsIs,
    ToBe,
    #[default]
    Draft,
}

impl ProcessState {
    /// The state as users write it.
    pub fn label(self) -> &'static str {
        match self {
            ProcessState::AsIs => "as-is",
            ProcessState::ToBe => "to-be",
            ProcessState::Draft => "draft",
        }
    }
}

/// The process and revision a to-be map was copied from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DerivedFrom {
    pub process: ProcessId,
    /// Revision number in the library; 0 when derived from a file outside any library.
    pub revision: u32,
}

/// A seat placed in a process. Lane order is the order of [`Process::lanes`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lane {
    pub id: LaneId,
    pub seat: SeatId,
}

/// A point on the canvas. `x` runs along the lane; `y` is measured from the lane's top
/// edge, so moving a lane moves its steps with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// A start, step, decision, parallel gateway or outcome on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub id: NodeId,
    #[serde(flatten)]
    pub kind: NodeKind,
    #[serde(default)]
    pub label: String,
    /// The lane that owns the node; `None` for a node not yet placed in any lane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<LaneId>,
    #[serde(default)]
    pub position: Position,
}

/// What a node is, with the data only that kind carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NodeKind {
    Start,
    Step {
        #[serde(default, skip_serializing_if = "StepDetails::is_empty")]
        details: Box<StepDetails>,
    },
    Decision,
    ParallelSplit,
    ParallelJoin,
    Outcome,
}

/// The kind of a node without its data, for matching and counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum NodeTag {
    Start,
    Step,
    Decision,
    ParallelSplit,
    ParallelJoin,
    Outcome,
}

impl NodeTag {
    /// The kind as a business owner would name it.
    pub fn label(self) -> &'static str {
        match self {
            NodeTag::Start => "start",
            NodeTag::Step => "step",
            NodeTag::Decision => "decision",
            NodeTag::ParallelSplit => "parallel split",
            NodeTag::ParallelJoin => "parallel join",
            NodeTag::Outcome => "outcome",
        }
    }
}

impl NodeKind {
    /// A step with no details filled in yet.
    pub fn step() -> Self {
        NodeKind::Step {
            details: Box::default(),
        }
    }

    /// The kind without its data.
    pub fn tag(&self) -> NodeTag {
        match self {
            NodeKind::Start => NodeTag::Start,
            NodeKind::Step { .. } => NodeTag::Step,
            NodeKind::Decision => NodeTag::Decision,
            NodeKind::ParallelSplit => NodeTag::ParallelSplit,
            NodeKind::ParallelJoin => NodeTag::ParallelJoin,
            NodeKind::Outcome => NodeTag::Outcome,
        }
    }
}

impl Node {
    /// The kind without its data.
    pub fn tag(&self) -> NodeTag {
        self.kind.tag()
    }

    /// The step's details, or `None` for every other kind.
    pub fn details(&self) -> Option<&StepDetails> {
        match &self.kind {
            NodeKind::Step { details } => Some(details),
            _ => None,
        }
    }

    /// The label, or a stand-in naming the kind when the label is blank, for messages.
    pub fn display_name(&self) -> String {
        if self.label.trim().is_empty() {
            format!("unnamed {}", self.tag().label())
        } else {
            self.label.trim().to_owned()
        }
    }
}

/// What someone new needs to perform a step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepDetails {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub instructions: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Tools and software the step is done in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<String>,
    /// Typical hands-on time, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// Typical waiting time before the step starts, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Raci::is_empty")]
    pub raci: Raci,
}

impl StepDetails {
    /// Whether nothing is filled in (the file then leaves `details` out).
    pub fn is_empty(&self) -> bool {
        *self == StepDetails::default()
    }
}

/// Who is Accountable, Consulted and Informed for a step. Responsible is the seat of the
/// step's lane, so it is not stored. `accountable` is a list so that a map with two
/// Accountable seats can be loaded and flagged rather than refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Raci {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountable: Vec<SeatId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<SeatId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<SeatId>,
}

impl Raci {
    /// Whether no seat is named.
    pub fn is_empty(&self) -> bool {
        self.accountable.is_empty() && self.consulted.is_empty() && self.informed.is_empty()
    }
}

/// An arrow from one node to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flow {
    pub id: FlowId,
    pub from: NodeId,
    pub to: NodeId,
    /// A decision branch's condition ("approved", "over $5,000").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// What moves when the flow crosses lanes ("signed contract").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub handover: String,
}

impl Document {
    /// A new, empty document around `process`.
    pub fn new(seats: Vec<Seat>, process: Process) -> Self {
        Document {
            format: FORMAT.to_owned(),
            seats,
            process,
        }
    }

    /// The seat with this id, if the document carries it.
    pub fn seat(&self, id: &SeatId) -> Option<&Seat> {
        self.seats.iter().find(|s| &s.id == id)
    }
}

impl Process {
    /// A blank process with just an id and a name.
    pub fn blank(id: ProcessId, name: impl Into<String>) -> Self {
        Process {
            id,
            name: name.into(),
            purpose: String::new(),
            category: Category::default(),
            function: BusinessFunction::default(),
            owner: None,
            trigger: Trigger::default(),
            cadence: Cadence::default(),
            expected_output: String::new(),
            failure_signals: Vec::new(),
            state: ProcessState::default(),
            derived_from: None,
            last_reviewed: None,
            review_due: None,
            lanes: Vec::new(),
            nodes: Vec::new(),
            flows: Vec::new(),
        }
    }

    /// The node with this id. Linear; build an [`crate::graph::ProcessGraph`] for many lookups.
    pub fn node(&self, id: &NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| &n.id == id)
    }

    /// The lane with this id.
    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }
}
