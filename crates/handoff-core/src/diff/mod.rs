//! Comparing two maps of one process: the as-is map against its to-be map, or any two
//! revisions. The difference is the improvement backlog.
//!
//! [`diff`] pairs the elements of the two maps (see [`matching`] for how), then reports
//! what was added, removed, changed and moved to another seat, which handoffs appeared or
//! went away, which seats joined or left the process, and the [`Metrics`] of both sides.
//! [`derive`] makes the to-be copy that keeps element ids, so that every element of a
//! derived map matches by id.
//!
//! Positions and lane order are layout, not improvement, so they are never reported. The
//! process header is compared on what a procedure says (owner, trigger, cadence, purpose,
//! output, failure signals, category, function) but not on its name, state, derivation or
//! review dates, which differ between an as-is and a to-be map by design.
//!
//! Everything here is pure and deterministic: the same two documents give the same
//! [`Diff`], in document order.

mod derive;
pub mod matching;
mod render;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};

pub use derive::derive;
pub use matching::{MatchedBy, SIMILARITY_PAIR_BUDGET, SIMILARITY_THRESHOLD};
pub use render::{metric_deltas, to_csv, to_text, MetricDelta, Unit};

use crate::metrics::{format_minutes, metrics, Metrics};
use crate::model::{Document, Flow, Node, NodeTag, Process, SeatId, StepDetails};
use matching::Matching;

/// Everything that differs between two maps. Serialised with camelCase keys; this is the
/// `handoff diff --format json` output and what the compare view receives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    /// Nodes and flows only in the second map, in its document order (nodes first).
    pub added: Vec<Element>,
    /// Nodes and flows only in the first map, in its document order (nodes first).
    pub removed: Vec<Element>,
    /// Elements in both maps whose content differs, one entry per element with every
    /// changed field. A move to another seat is reported in [`Diff::moved`] instead.
    pub changed: Vec<Change>,
    /// Nodes whose owning seat differs between the maps.
    pub moved: Vec<Move>,
    /// Flows that became or stopped being handoffs (their ends in different lanes).
    pub handoffs: HandoffChanges,
    /// Seats that gained or lost their lane in the process.
    pub seats: SeatChanges,
    /// The numbers of both maps.
    pub metrics: MetricsPair,
    /// How every element of the first map was paired with one of the second, in the first
    /// map's document order (nodes first), so a viewer can select an element on both sides.
    pub matches: Vec<Match>,
}

/// Which sort of element an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ElementKind {
    /// The process header (owner, trigger, ...).
    Process,
    /// A start, step, decision, gateway or outcome.
    Node,
    /// An arrow between two nodes.
    Flow,
}

impl ElementKind {
    /// The kind as a word.
    pub fn label(self) -> &'static str {
        match self {
            ElementKind::Process => "process",
            ElementKind::Node => "node",
            ElementKind::Flow => "flow",
        }
    }
}

/// A seat by id and by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SeatRef {
    pub id: SeatId,
    pub name: String,
}

/// An element present on one side only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Element {
    pub element: ElementKind,
    /// The id in the map the element is in.
    pub id: String,
    /// The node's kind; `None` for flows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<NodeTag>,
    /// A node's label, or for a flow "From → To" with its condition in brackets.
    pub label: String,
    /// The seat of the node's lane (a flow's source node), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<SeatRef>,
}

/// One element present on both sides whose content differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub element: ElementKind,
    /// The id in the first map.
    pub id: String,
    /// The id in the second map; equal to `id` unless the maps were drawn independently.
    pub after_id: String,
    /// A node's kind in the second map; `None` for flows and the process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<NodeTag>,
    /// The element's name in the second map.
    pub label: String,
    /// The seat of the node's lane in the second map (a flow's source node), when it has
    /// one: who has to work differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<SeatRef>,
    /// Every field that differs, in a fixed order.
    pub fields: Vec<FieldChange>,
}

/// One field's value before and after, as a person reads it (durations as "2 h", seats
/// by name, lists joined with ", "); an unset value is the empty string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// The fields a change can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Field {
    // Process header.
    Purpose,
    Category,
    Function,
    Owner,
    Trigger,
    Cadence,
    ExpectedOutput,
    FailureSignals,
    // Nodes.
    Label,
    Kind,
    /// A node put into or taken out of every lane; a move between seats is a [`Move`].
    Lane,
    Duration,
    Wait,
    /// How many tries a step allows before a person is brought in.
    Tries,
    Instructions,
    Inputs,
    Outputs,
    Systems,
    Accountable,
    Consulted,
    Informed,
    // Flows.
    /// A decision branch's condition (the flow's label).
    Condition,
    /// What is handed over along the flow.
    Handover,
    /// The flow's source node.
    From,
    /// The flow's target node.
    To,
}

impl Field {
    /// The field as a business owner would name it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Purpose => "purpose",
            Field::Category => "category",
            Field::Function => "business function",
            Field::Owner => "owner",
            Field::Trigger => "trigger",
            Field::Cadence => "cadence",
            Field::ExpectedOutput => "expected output",
            Field::FailureSignals => "failure signals",
            Field::Label => "label",
            Field::Kind => "kind",
            Field::Lane => "lane",
            Field::Duration => "duration",
            Field::Wait => "waiting time",
            Field::Tries => "tries before a person steps in",
            Field::Instructions => "instructions",
            Field::Inputs => "inputs",
            Field::Outputs => "outputs",
            Field::Systems => "systems",
            Field::Accountable => "accountable",
            Field::Consulted => "consulted",
            Field::Informed => "informed",
            Field::Condition => "branch condition",
            Field::Handover => "handed-over item",
            Field::From => "from",
            Field::To => "to",
        }
    }
}

/// A node owned by a different seat in the second map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Move {
    /// The id in the first map.
    pub id: String,
    /// The id in the second map.
    pub after_id: String,
    pub kind: NodeTag,
    /// The label in the second map.
    pub label: String,
    pub from_seat: SeatRef,
    pub to_seat: SeatRef,
}

/// Handoffs that appeared and went away.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HandoffChanges {
    /// Handoffs of the second map with no counterpart handoff in the first.
    pub added: Vec<Handoff>,
    /// Handoffs of the first map with no counterpart handoff in the second.
    pub removed: Vec<Handoff>,
}

/// A flow between two lanes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// The flow's id in its map.
    pub flow_id: String,
    /// The source node's label.
    pub from: String,
    /// The target node's label.
    pub to: String,
    pub from_seat: Option<SeatRef>,
    pub to_seat: Option<SeatRef>,
    /// What is handed over; empty when nobody said.
    pub handover: String,
}

/// Seats that joined or left the process.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SeatChanges {
    pub added: Vec<SeatRef>,
    pub removed: Vec<SeatRef>,
}

/// The metrics of both maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MetricsPair {
    pub before: Metrics,
    pub after: Metrics,
}

/// An element of the first map paired with one of the second.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Match {
    pub element: ElementKind,
    /// The id in the first map.
    pub before: String,
    /// The id in the second map.
    pub after: String,
    pub by: MatchedBy,
}

impl Diff {
    /// Whether the two maps say the same thing (layout and bookkeeping aside). When it is
    /// empty, the metrics of both sides are equal too.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.moved.is_empty()
            && self.handoffs.added.is_empty()
            && self.handoffs.removed.is_empty()
            && self.seats.added.is_empty()
            && self.seats.removed.is_empty()
    }

    /// One line a person reads, e.g. "Added step 'Order laptop'; removed 2 steps; moved
    /// 'Approve' from Sales to Finance; 1 branch condition changed; handoffs 7 → 3", or
    /// "No changes".
    pub fn summary(&self) -> String {
        render::summary(self)
    }
}

/// Compares two maps: `before` (the as-is map, or the older revision) and `after`.
///
/// Elements are paired as [`matching`] describes; an element of either side pairs with at
/// most one of the other. Never fails: broken references (a flow to a missing node, a node
/// in a missing lane) are compared as they are.
///
/// # Complexity
/// O(n + f) hashing for the id-matched bulk of two maps with n nodes and f flows, plus
/// O(k² · L²) for label similarity among the k nodes left unmatched by id and by exact
/// label within one kind (L the label length; leftovers are bucketed by seat first, and a
/// bucket past [`SIMILARITY_PAIR_BUDGET`] comparisons pairs by equal labels only), plus
/// the O(n + f) metrics of both sides. Derived maps and revisions leave few leftovers.
/// Measured on two 2,000-step maps (`cargo bench -p handoff-core --bench diff`, a busy
/// 2-core machine): about 5 ms for a derived map, 16 ms for a map redrawn with fresh ids,
/// 47 ms when every label was also reworded.
pub fn diff(before: &Document, after: &Document) -> Diff {
    let m = Matching::new(before, after);
    let (bp, ap) = (&before.process, &after.process);
    let mut d = Diff {
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        moved: Vec::new(),
        handoffs: HandoffChanges::default(),
        seats: SeatChanges::default(),
        metrics: MetricsPair {
            before: metrics(before),
            after: metrics(after),
        },
        matches: Vec::new(),
    };

    if let Some(change) = header_change(&m, bp, ap) {
        d.changed.push(change);
    }

    // Nodes.
    for (i, node) in bp.nodes.iter().enumerate() {
        match m.node_after[i] {
            Some((j, by)) => {
                let other = &ap.nodes[j];
                d.matches.push(Match {
                    element: ElementKind::Node,
                    before: node.id.to_string(),
                    after: other.id.to_string(),
                    by,
                });
                compare_nodes(&m, node, other, &mut d);
            }
            None => d.removed.push(node_element(&m.before, node)),
        }
    }
    for (j, node) in ap.nodes.iter().enumerate() {
        if m.node_before[j].is_none() {
            d.added.push(node_element(&m.after, node));
        }
    }

    // Flows.
    let mut removed_flows = Vec::new();
    for (i, flow) in bp.flows.iter().enumerate() {
        let before_handoff = m.before.is_handoff(i);
        match m.flow_after[i] {
            Some((j, by)) => {
                let other = &ap.flows[j];
                d.matches.push(Match {
                    element: ElementKind::Flow,
                    before: flow.id.to_string(),
                    after: other.id.to_string(),
                    by,
                });
                compare_flows(&m, flow, other, &mut d);
                let after_handoff = m.after.is_handoff(j);
                if before_handoff && !after_handoff {
                    d.handoffs.removed.push(handoff(&m.before, flow));
                }
            }
            None => {
                removed_flows.push(flow_element(&m.before, flow));
                if before_handoff {
                    d.handoffs.removed.push(handoff(&m.before, flow));
                }
            }
        }
    }
    for (j, flow) in ap.flows.iter().enumerate() {
        if m.flow_before[j].is_none() {
            d.added.push(flow_element(&m.after, flow));
        }
        if m.after.is_handoff(j) && !m.flow_before[j].is_some_and(|i| m.before.is_handoff(i)) {
            d.handoffs.added.push(handoff(&m.after, flow));
        }
    }
    d.removed.extend(removed_flows);

    // Seats with a lane.
    let after_lane_seats: HashSet<&SeatId> = ap.lanes.iter().map(|l| &l.seat).collect();
    let mut seen = HashSet::default();
    for lane in &bp.lanes {
        if !seen.insert(&lane.seat) {
            continue;
        }
        let kept = m
            .seat_after(&lane.seat)
            .is_some_and(|s| after_lane_seats.contains(s));
        if !kept {
            d.seats.removed.push(m.before.seat_ref(&lane.seat));
        }
    }
    let before_lane_seats: HashSet<&SeatId> = bp
        .lanes
        .iter()
        .filter_map(|l| m.seat_after(&l.seat))
        .collect();
    let mut seen = HashSet::default();
    for lane in &ap.lanes {
        if seen.insert(&lane.seat) && !before_lane_seats.contains(&lane.seat) {
            d.seats.added.push(m.after.seat_ref(&lane.seat));
        }
    }
    d
}

/// What one map knows about its own elements, indexed once.
#[derive(Debug)]
pub(crate) struct Side<'d> {
    pub(crate) doc: &'d Document,
    pub(crate) node_index: HashMap<&'d str, usize>,
    lane_seat: HashMap<&'d str, &'d SeatId>,
    seat_name: HashMap<&'d str, &'d str>,
    /// Per flow, whether it is a handoff.
    handoff: Vec<bool>,
}

impl<'d> Side<'d> {
    fn new(doc: &'d Document) -> Self {
        let p = &doc.process;
        let mut node_index = HashMap::with_capacity_and_hasher(p.nodes.len(), Default::default());
        for (i, n) in p.nodes.iter().enumerate() {
            node_index.entry(n.id.as_str()).or_insert(i);
        }
        let mut lane_seat = HashMap::with_capacity_and_hasher(p.lanes.len(), Default::default());
        for l in &p.lanes {
            lane_seat.entry(l.id.as_str()).or_insert(&l.seat);
        }
        let mut seat_name = HashMap::with_capacity_and_hasher(doc.seats.len(), Default::default());
        for s in &doc.seats {
            seat_name.entry(s.id.as_str()).or_insert(s.name.as_str());
        }
        let lane = |id: &str| node_index.get(id).and_then(|&i| p.nodes[i].lane.as_ref());
        let handoff = p
            .flows
            .iter()
            .map(|f| matches!((lane(f.from.as_str()), lane(f.to.as_str())), (Some(a), Some(b)) if a != b))
            .collect();
        Side {
            doc,
            node_index,
            lane_seat,
            seat_name,
            handoff,
        }
    }

    /// The seat owning a node through its lane.
    pub(crate) fn seat_of(&self, node: &Node) -> Option<&'d SeatId> {
        node.lane
            .as_ref()
            .and_then(|l| self.lane_seat.get(l.as_str()).copied())
    }

    fn node(&self, id: &str) -> Option<&'d Node> {
        self.node_index.get(id).map(|&i| &self.doc.process.nodes[i])
    }

    pub(crate) fn seat_name(&self, id: &SeatId) -> String {
        self.seat_name
            .get(id.as_str())
            .map_or_else(|| id.to_string(), |n| (*n).to_owned())
    }

    fn seat_ref(&self, id: &SeatId) -> SeatRef {
        SeatRef {
            id: id.clone(),
            name: self.seat_name(id),
        }
    }

    fn node_name(&self, id: &str) -> String {
        self.node(id)
            .map_or_else(|| format!("missing node {id}"), Node::display_name)
    }

    /// Whether the flow at this index joins nodes in two different lanes (as
    /// [`crate::graph`] counts it).
    fn is_handoff(&self, flow: usize) -> bool {
        self.handoff[flow]
    }

    fn seat_names(&self, ids: &[SeatId]) -> String {
        ids.iter()
            .map(|s| self.seat_name(s))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn node_element(side: &Side<'_>, node: &Node) -> Element {
    Element {
        element: ElementKind::Node,
        id: node.id.to_string(),
        kind: Some(node.tag()),
        label: node.display_name(),
        seat: side.seat_of(node).map(|s| side.seat_ref(s)),
    }
}

fn flow_element(side: &Side<'_>, flow: &Flow) -> Element {
    let mut label = format!(
        "{} → {}",
        side.node_name(flow.from.as_str()),
        side.node_name(flow.to.as_str())
    );
    if !flow.label.trim().is_empty() {
        label.push_str(&format!(" [{}]", flow.label.trim()));
    }
    Element {
        element: ElementKind::Flow,
        id: flow.id.to_string(),
        kind: None,
        label,
        seat: side
            .node(flow.from.as_str())
            .and_then(|n| side.seat_of(n))
            .map(|s| side.seat_ref(s)),
    }
}

fn handoff(side: &Side<'_>, flow: &Flow) -> Handoff {
    let seat = |id: &str| {
        side.node(id)
            .and_then(|n| side.seat_of(n))
            .map(|s| side.seat_ref(s))
    };
    Handoff {
        flow_id: flow.id.to_string(),
        from: side.node_name(flow.from.as_str()),
        to: side.node_name(flow.to.as_str()),
        from_seat: seat(flow.from.as_str()),
        to_seat: seat(flow.to.as_str()),
        handover: flow.handover.trim().to_owned(),
    }
}

/// Records a text field when it differs (surrounding spaces aside); allocates only then,
/// since nearly every field of a derived map is unchanged.
fn push_text(fields: &mut Vec<FieldChange>, field: Field, before: &str, after: &str) {
    let (before, after) = (before.trim(), after.trim());
    if before != after {
        fields.push(FieldChange {
            field,
            before: before.to_owned(),
            after: after.to_owned(),
        });
    }
}

fn push_field(fields: &mut Vec<FieldChange>, field: Field, before: String, after: String) {
    if before != after {
        fields.push(FieldChange {
            field,
            before,
            after,
        });
    }
}

fn minutes(m: Option<u32>) -> String {
    m.map(|m| format_minutes(m as u64)).unwrap_or_default()
}

fn tries(n: Option<u32>) -> String {
    match n {
        None => String::new(),
        Some(1) => "1 try".to_owned(),
        Some(n) => format!("{n} tries"),
    }
}

fn compare_nodes(m: &Matching<'_>, b: &Node, a: &Node, d: &mut Diff) {
    let mut fields = Vec::new();
    push_text(&mut fields, Field::Label, &b.label, &a.label);
    if b.tag() != a.tag() {
        push_field(
            &mut fields,
            Field::Kind,
            b.tag().label().to_owned(),
            a.tag().label().to_owned(),
        );
    }
    let (bs, as_) = (m.before.seat_of(b), m.after.seat_of(a));
    match (bs, as_) {
        (Some(bs), Some(as_)) if m.seat_after(bs) != Some(as_) => d.moved.push(Move {
            id: b.id.to_string(),
            after_id: a.id.to_string(),
            kind: a.tag(),
            label: a.display_name(),
            from_seat: m.before.seat_ref(bs),
            to_seat: m.after.seat_ref(as_),
        }),
        (Some(_), Some(_)) | (None, None) => {}
        _ => push_field(
            &mut fields,
            Field::Lane,
            bs.map(|s| m.before.seat_name(s)).unwrap_or_default(),
            as_.map(|s| m.after.seat_name(s)).unwrap_or_default(),
        ),
    }
    let empty = StepDetails::default();
    let (bd, ad) = (b.details().unwrap_or(&empty), a.details().unwrap_or(&empty));
    if bd != ad {
        compare_details(m, bd, ad, &mut fields);
    }
    if !fields.is_empty() {
        d.changed.push(Change {
            element: ElementKind::Node,
            id: b.id.to_string(),
            after_id: a.id.to_string(),
            kind: Some(a.tag()),
            label: a.display_name(),
            seat: as_.map(|s| m.after.seat_ref(s)),
            fields,
        });
    }
}

fn compare_details(m: &Matching<'_>, b: &StepDetails, a: &StepDetails, f: &mut Vec<FieldChange>) {
    push_field(
        f,
        Field::Duration,
        minutes(b.duration_minutes),
        minutes(a.duration_minutes),
    );
    push_field(
        f,
        Field::Wait,
        minutes(b.wait_minutes),
        minutes(a.wait_minutes),
    );
    push_field(f, Field::Tries, tries(b.max_tries), tries(a.max_tries));
    push_text(f, Field::Instructions, &b.instructions, &a.instructions);
    push_field(f, Field::Inputs, b.inputs.join(", "), a.inputs.join(", "));
    push_field(
        f,
        Field::Outputs,
        b.outputs.join(", "),
        a.outputs.join(", "),
    );
    push_field(
        f,
        Field::Systems,
        b.systems.join(", "),
        a.systems.join(", "),
    );
    // RACI seats are compared in the second map's terms so that independently drawn maps
    // with their own seat ids still agree when they name the same seats.
    let roles = [
        (Field::Accountable, &b.raci.accountable, &a.raci.accountable),
        (Field::Consulted, &b.raci.consulted, &a.raci.consulted),
        (Field::Informed, &b.raci.informed, &a.raci.informed),
    ];
    for (field, bs, as_) in roles {
        let same = bs.len() == as_.len()
            && bs
                .iter()
                .zip(as_.iter())
                .all(|(x, y)| m.seat_after(x) == Some(y));
        if !same {
            f.push(FieldChange {
                field,
                before: m.before.seat_names(bs),
                after: m.after.seat_names(as_),
            });
        }
    }
}

fn compare_flows(m: &Matching<'_>, b: &Flow, a: &Flow, d: &mut Diff) {
    let mut fields = Vec::new();
    push_text(&mut fields, Field::Condition, &b.label, &a.label);
    push_text(&mut fields, Field::Handover, &b.handover, &a.handover);
    if !m.same_end(&b.from, &a.from) {
        fields.push(FieldChange {
            field: Field::From,
            before: m.before.node_name(b.from.as_str()),
            after: m.after.node_name(a.from.as_str()),
        });
    }
    if !m.same_end(&b.to, &a.to) {
        fields.push(FieldChange {
            field: Field::To,
            before: m.before.node_name(b.to.as_str()),
            after: m.after.node_name(a.to.as_str()),
        });
    }
    if !fields.is_empty() {
        let element = flow_element(&m.after, a);
        d.changed.push(Change {
            element: ElementKind::Flow,
            id: b.id.to_string(),
            after_id: a.id.to_string(),
            kind: None,
            label: element.label,
            seat: element.seat,
            fields,
        });
    }
}

fn header_change(m: &Matching<'_>, b: &Process, a: &Process) -> Option<Change> {
    let mut f = Vec::new();
    push_text(&mut f, Field::Purpose, &b.purpose, &a.purpose);
    if b.category != a.category {
        push_field(
            &mut f,
            Field::Category,
            format!("{:?}", b.category).to_lowercase(),
            format!("{:?}", a.category).to_lowercase(),
        );
    }
    push_field(
        &mut f,
        Field::Function,
        b.function.label().to_owned(),
        a.function.label().to_owned(),
    );
    let owner_same = match (&b.owner, &a.owner) {
        (Some(x), Some(y)) => m.seat_after(x) == Some(y),
        (None, None) => true,
        _ => false,
    };
    if !owner_same {
        f.push(FieldChange {
            field: Field::Owner,
            before: b
                .owner
                .as_ref()
                .map(|s| m.before.seat_name(s))
                .unwrap_or_default(),
            after: a
                .owner
                .as_ref()
                .map(|s| m.after.seat_name(s))
                .unwrap_or_default(),
        });
    }
    let trigger = |p: &Process| {
        let kind = p
            .trigger
            .kind
            .map(|k| format!("{k:?}").to_lowercase())
            .unwrap_or_default();
        match (kind.is_empty(), p.trigger.description.trim()) {
            (_, "") => kind,
            (true, d) => d.to_owned(),
            (false, d) => format!("{kind}: {d}"),
        }
    };
    push_field(&mut f, Field::Trigger, trigger(b), trigger(a));
    push_field(
        &mut f,
        Field::Cadence,
        b.cadence.label().to_owned(),
        a.cadence.label().to_owned(),
    );
    push_text(
        &mut f,
        Field::ExpectedOutput,
        &b.expected_output,
        &a.expected_output,
    );
    push_field(
        &mut f,
        Field::FailureSignals,
        b.failure_signals.join("; "),
        a.failure_signals.join("; "),
    );
    (!f.is_empty()).then(|| Change {
        element: ElementKind::Process,
        id: b.id.to_string(),
        after_id: a.id.to_string(),
        kind: None,
        label: a.name.trim().to_owned(),
        seat: a.owner.as_ref().map(|s| m.after.seat_ref(s)),
        fields: f,
    })
}

#[cfg(test)]
mod tests;
