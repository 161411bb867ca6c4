//! The process model: seats, processes, lanes, nodes and flows.
//!
//! A [`Document`] is what a `*.handoff.json` file holds: one process plus the seats it
//! refers to. Seats are library-wide in the desktop app; a file carries copies of the ones
//! its lanes and RACI mention so it stands on its own.
//!
//! Ids are stable strings chosen when an element is created and never reused, so a
//! to-be map derived from an as-is map can be matched element by element.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
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
///
/// Read by hand only so that the values of unknown keys are checked as strictly as the rest
/// of the file; otherwise exactly as serde would derive it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// A start, step, decision, parallel gateway or outcome on the map.
///
/// On the wire the kind's tag and data sit beside the node's own fields
/// (`{"id": "s1", "kind": "step", "details": {..}, "label": ..}`). Writing uses serde's
/// `flatten`; reading is by hand, in one pass, because serde's flatten
/// buffers every such key into a generic tree and reads the kind from it again, which made
/// loading a large map several times slower.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Every kind, in the order of [`NodeKind`]'s variants (also their index on the wire).
    pub const ALL: [NodeTag; 6] = [
        NodeTag::Start,
        NodeTag::Step,
        NodeTag::Decision,
        NodeTag::ParallelSplit,
        NodeTag::ParallelJoin,
        NodeTag::Outcome,
    ];

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
    /// For a step that may be tried again (an agent retrying a draft, a payment retried):
    /// how many tries at most before a person is brought in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tries: Option<u32>,
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

// ---------------------------------------------------------------------------------------
// Reading nodes and positions by hand
//
// `Node` was `#[serde(flatten)]` over the internally tagged `NodeKind`; this reads the same
// JSON to the same values: the same keys, the same defaults, a kind also given by its index
// (`"kind": 1` is a step, as serde's tagged enums allow), `details` ignored on every kind but
// a step, unknown keys ignored. Error messages use serde's words; a mistake inside `details`
// is reported where it is rather than at the node. (`file::parse_document` words file errors
// exactly as before by reading again with serde's derived code when this fails.)

/// The kinds' names in the order of [`NodeKind`]'s variants, which is also their index.
const NODE_KINDS: &[&str] = &[
    "start",
    "step",
    "decision",
    "parallelSplit",
    "parallelJoin",
    "outcome",
];

const NODE_TAGS: [NodeTag; 6] = NodeTag::ALL;

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(NodeVisitor)
    }
}

/// The keys of a node's JSON object.
enum NodeKey {
    Id,
    Kind,
    Details,
    Label,
    Lane,
    Position,
    Other,
}

impl<'de> Deserialize<'de> for NodeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = NodeKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<NodeKey, E> {
                Ok(match key {
                    "id" => NodeKey::Id,
                    "kind" => NodeKey::Kind,
                    "details" => NodeKey::Details,
                    "label" => NodeKey::Label,
                    "lane" => NodeKey::Lane,
                    "position" => NodeKey::Position,
                    _ => NodeKey::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// The value of a node's `kind` key, kept until the whole object is read: a missing `id`
/// is reported before a bad kind, as serde's flatten did.
enum KindValue {
    Tag(NodeTag),
    UnknownName(String),
    Index(u64),
    Other(OtherValue),
}

/// A JSON value that cannot name a kind, for the error message.
#[derive(Clone, Copy)]
enum OtherValue {
    Bool(bool),
    Signed(i64),
    Float(f64),
    Null,
    Seq,
    Map,
}

impl KindValue {
    /// The kind, or why the value does not name one.
    fn tag<E: de::Error>(&self) -> Result<NodeTag, E> {
        match self {
            KindValue::Tag(tag) => Ok(*tag),
            KindValue::UnknownName(name) => Err(E::unknown_variant(name, NODE_KINDS)),
            KindValue::Index(i) => usize::try_from(*i)
                .ok()
                .and_then(|i| NODE_TAGS.get(i).copied())
                .ok_or_else(|| {
                    E::invalid_value(Unexpected::Unsigned(*i), &"variant index 0 <= i < 6")
                }),
            KindValue::Other(other) => {
                let unexpected = match *other {
                    OtherValue::Bool(b) => Unexpected::Bool(b),
                    OtherValue::Signed(i) => Unexpected::Signed(i),
                    OtherValue::Float(f) => Unexpected::Float(f),
                    OtherValue::Null => Unexpected::Unit,
                    OtherValue::Seq => Unexpected::Seq,
                    OtherValue::Map => Unexpected::Map,
                };
                Err(E::invalid_type(unexpected, &"variant identifier"))
            }
        }
    }
}

impl<'de> Deserialize<'de> for KindValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = KindValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("variant identifier")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<KindValue, E> {
                Ok(match NODE_KINDS.iter().position(|k| *k == name) {
                    Some(i) => KindValue::Tag(NODE_TAGS[i]),
                    None => KindValue::UnknownName(name.to_owned()),
                })
            }
            fn visit_u64<E: de::Error>(self, i: u64) -> Result<KindValue, E> {
                Ok(KindValue::Index(i))
            }
            fn visit_i64<E: de::Error>(self, i: i64) -> Result<KindValue, E> {
                Ok(match u64::try_from(i) {
                    Ok(i) => KindValue::Index(i),
                    Err(_) => KindValue::Other(OtherValue::Signed(i)),
                })
            }
            fn visit_f64<E: de::Error>(self, f: f64) -> Result<KindValue, E> {
                Ok(KindValue::Other(OtherValue::Float(f)))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<KindValue, E> {
                Ok(KindValue::Other(OtherValue::Bool(b)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KindValue, E> {
                Ok(KindValue::Other(OtherValue::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<KindValue, A::Error> {
                SkipVisitor.visit_seq(seq)?;
                Ok(KindValue::Other(OtherValue::Seq))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<KindValue, A::Error> {
                SkipVisitor.visit_map(map)?;
                Ok(KindValue::Other(OtherValue::Map))
            }
        }
        deserializer.deserialize_any(KindVisitor)
    }
}

/// Reads a node's JSON object in one pass.
struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Node")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut id: Option<NodeId> = None;
        let mut label: Option<String> = None;
        let mut lane: Option<Option<LaneId>> = None;
        let mut position: Option<Position> = None;
        let mut kind: Option<KindValue> = None;
        let mut second_kind = false;
        let mut details: Option<Box<StepDetails>> = None;
        let mut second_details = false;
        while let Some(key) = map.next_key::<NodeKey>()? {
            match key {
                NodeKey::Id => {
                    if id.is_some() {
                        return Err(de::Error::duplicate_field("id"));
                    }
                    id = Some(map.next_value()?);
                }
                NodeKey::Label => {
                    if label.is_some() {
                        return Err(de::Error::duplicate_field("label"));
                    }
                    label = Some(map.next_value()?);
                }
                NodeKey::Lane => {
                    if lane.is_some() {
                        return Err(de::Error::duplicate_field("lane"));
                    }
                    lane = Some(map.next_value()?);
                }
                NodeKey::Position => {
                    if position.is_some() {
                        return Err(de::Error::duplicate_field("position"));
                    }
                    position = Some(map.next_value()?);
                }
                NodeKey::Kind => {
                    let value = map.next_value::<KindValue>()?;
                    if kind.is_some() {
                        second_kind = true;
                    } else {
                        kind = Some(value);
                    }
                }
                NodeKey::Details => {
                    // Only a step reads its details; on any other kind they are ignored.
                    // When the kind comes later, read them as a step's and drop them if not.
                    let known = kind.as_ref().and_then(|k| k.tag::<A::Error>().ok());
                    let other_kind = known.is_some_and(|t| t != NodeTag::Step);
                    if details.is_some() || second_details || other_kind {
                        second_details |= !other_kind;
                        map.next_value::<Skip>()?;
                    } else {
                        details = Some(map.next_value()?);
                    }
                }
                NodeKey::Other => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        let tag = match &kind {
            Some(value) => value.tag()?,
            None => return Err(de::Error::missing_field("kind")),
        };
        if second_kind {
            return Err(de::Error::duplicate_field("kind"));
        }
        let kind = match tag {
            NodeTag::Start => NodeKind::Start,
            NodeTag::Step => {
                if second_details {
                    return Err(de::Error::duplicate_field("details"));
                }
                NodeKind::Step {
                    details: details.unwrap_or_default(),
                }
            }
            NodeTag::Decision => NodeKind::Decision,
            NodeTag::ParallelSplit => NodeKind::ParallelSplit,
            NodeTag::ParallelJoin => NodeKind::ParallelJoin,
            NodeTag::Outcome => NodeKind::Outcome,
        };
        Ok(Node {
            id,
            kind,
            label: label.unwrap_or_default(),
            lane: lane.unwrap_or_default(),
            position: position.unwrap_or_default(),
        })
    }
}

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Position", &["x", "y"], PositionVisitor)
    }
}

/// Reads a position as serde derives it (an object, or a two-element array), except that
/// the values of unknown keys are checked as strictly as known ones (`IgnoredAny` would let
/// a number out of range through).
struct PositionVisitor;

impl<'de> Visitor<'de> for PositionVisitor {
    type Value = Position;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Position")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
        const EXPECTED: &str = "struct Position with 2 elements";
        let x = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &EXPECTED))?;
        let y = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &EXPECTED))?;
        Ok(Position { x, y })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Position, A::Error> {
        let (mut x, mut y) = (None, None);
        while let Some(key) = map.next_key::<PositionKey>()? {
            match key {
                PositionKey::X => {
                    if x.is_some() {
                        return Err(de::Error::duplicate_field("x"));
                    }
                    x = Some(map.next_value()?);
                }
                PositionKey::Y => {
                    if y.is_some() {
                        return Err(de::Error::duplicate_field("y"));
                    }
                    y = Some(map.next_value()?);
                }
                PositionKey::Other => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(Position {
            x: x.ok_or_else(|| de::Error::missing_field("x"))?,
            y: y.ok_or_else(|| de::Error::missing_field("y"))?,
        })
    }
}

enum PositionKey {
    X,
    Y,
    Other,
}

impl<'de> Deserialize<'de> for PositionKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = PositionKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<PositionKey, E> {
                Ok(match key {
                    "x" => PositionKey::X,
                    "y" => PositionKey::Y,
                    _ => PositionKey::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Any JSON value, read and thrown away. Unlike `serde::de::IgnoredAny`, which skips over
/// the text, this reads every number, string and nesting level, so an ignored value fails
/// exactly where reading the file as plain JSON would.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Skip, D::Error> {
        Skip::deserialize(deserializer)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Skip, D::Error> {
        Skip::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}
