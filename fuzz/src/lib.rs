//! What the fuzz targets share: the engine work every map must survive ([`exercise`]), and
//! a structure-aware input ([`Graph`]) that `arbitrary` turns fuzzer bytes into, which
//! becomes a [`Document`] with the mistakes real maps have: dangling and duplicate ids,
//! cycles, empty and huge labels, odd characters, extreme numbers, positions and dates.
//!
//! The input types live here, not in the engine crates, so the engine never depends on
//! `arbitrary`. Sizes are bounded (a few dozen elements, texts up to a few thousand
//! characters) so that each run is quick enough for the fuzzer to try many shapes.

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use handoff_core::procedure::Procedure;
use handoff_core::{
    BusinessFunction, Cadence, Category, DerivedFrom, Document, Flow, FlowId, Lane, LaneId, Node,
    NodeId, NodeKind, Position, Process, ProcessId, ProcessState, Raci, Rules, Seat, SeatId,
    SeatKind, StepDetails, Trigger, TriggerKind,
};

/// Runs checks, metrics, procedure numbering (every flow's targets and path) and the
/// review dates over `doc`. Panics only where the engine does, which is what the fuzzer
/// looks for.
pub fn exercise(doc: &Document, today: NaiveDate) {
    let findings = handoff_core::check(doc, today, &Rules::default());
    for finding in &findings {
        // Messages are what a user reads; building them must not fail either.
        let _ = finding.code.as_str();
    }
    let m = handoff_core::metrics(doc);
    let _ = format!("{m:?}");
    let procedure = Procedure::new(&doc.process);
    // With a repeated id, lookups by id find the first node of that id only.
    let unique = ids_unique(doc);
    for (k, &i) in procedure.order().iter().enumerate() {
        let id = &doc.process.nodes[i].id;
        if unique {
            assert_eq!(procedure.number(id), Some(k + 1), "node {id} misnumbered");
        }
        let _ = procedure.outgoing(id);
    }
    for flow in 0..doc.process.flows.len() {
        let _ = procedure.targets(&doc.process, flow);
        let _ = procedure.path_flows(&doc.process, flow);
    }
    let _ = handoff_core::review::next_review(&doc.process);
    let _ = handoff_core::review::review_status(&doc.process, today);
}

/// Builds documents from fuzzer bytes: the graph and the date to use as "today".
#[derive(Debug, Arbitrary)]
pub struct Case {
    pub graph: Graph,
    pub today: Day,
}

/// A process map as the fuzzer draws it.
#[derive(Debug, Arbitrary)]
pub struct Graph {
    name: Text,
    purpose: Text,
    category: u8,
    function: u8,
    owner: Option<Ref>,
    trigger: Option<u8>,
    trigger_text: Text,
    cadence: u8,
    expected_output: Text,
    failure_signals: Vec<Text>,
    state: u8,
    derived_from: Option<(Text, u32)>,
    last_reviewed: Option<Day>,
    review_due: Option<Day>,
    seats: Vec<SeatIn>,
    lanes: Vec<LaneIn>,
    nodes: Vec<NodeIn>,
    flows: Vec<FlowIn>,
}

/// An id: usually one of a few short names (so that references hit, miss and collide),
/// sometimes any text at all.
#[derive(Debug, Clone, Arbitrary)]
pub enum Ref {
    Short(u8),
    Raw(Text),
}

/// A piece of text a user might type or a file might carry.
#[derive(Debug, Clone, Arbitrary)]
pub enum Text {
    Empty,
    Word(u8),
    Odd(u8),
    Raw(String),
    /// A string repeated up to a few thousand characters.
    Huge(u16, String),
}

/// A date anywhere chrono can hold one, with the edges more likely.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Day {
    Near(i16),
    Far(i32),
    Min,
    Max,
}

#[derive(Debug, Arbitrary)]
struct SeatIn {
    id: Ref,
    name: Text,
    kind: u8,
    holder: Option<Text>,
}

#[derive(Debug, Arbitrary)]
struct LaneIn {
    id: Ref,
    seat: Ref,
}

#[derive(Debug, Arbitrary)]
struct NodeIn {
    id: Ref,
    kind: u8,
    label: Text,
    lane: Option<Ref>,
    x: Coord,
    y: Coord,
    details: Option<DetailsIn>,
}

#[derive(Debug, Arbitrary)]
struct DetailsIn {
    instructions: Text,
    inputs: Vec<Text>,
    outputs: Vec<Text>,
    systems: Vec<Text>,
    duration: Option<u32>,
    wait: Option<u32>,
    accountable: Vec<Ref>,
    consulted: Vec<Ref>,
    informed: Vec<Ref>,
}

#[derive(Debug, Arbitrary)]
struct FlowIn {
    id: Ref,
    from: Ref,
    to: Ref,
    label: Text,
    handover: Text,
}

/// A canvas coordinate: ordinary, or any bit pattern (NaN, infinities, huge values), which
/// a BPMN file's `x="NaN"` can also bring in.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Coord {
    Grid(i16),
    Any(f64),
}

/// A change to a map, for comparing it with a changed copy.
#[derive(Debug, Arbitrary)]
pub enum Mutation {
    RemoveNode(u8),
    RelabelNode(u8, Text),
    MoveNode(u8, Option<Ref>),
    RetypeNode(u8, u8),
    RenameNode(u8, Ref),
    SwapNodes(u8, u8),
    RemoveFlow(u8),
    ReverseFlow(u8),
    Reconnect(u8, Ref, Ref),
    AddFlow(Ref, Ref, Text),
    RemoveLane(u8),
    RemoveSeat(u8),
    SetDuration(u8, Option<u32>),
}

const WORDS: &[&str] = &[
    "Approve",
    "Send invoice",
    "Check",
    "Done",
    "Customer",
    "Finance",
    "yes",
    "no",
    "approved",
    "Review the contract",
    "CRM",
    "signed contract",
];

const ODD: &[&str] = &[
    " ",
    "\t\n\r",
    "\0",
    "\u{7}\u{1b}[31m",
    "Łódź",
    "Ελληνικά",
    "Кириллица",
    "漢字かな",
    "🙂🚀👩‍👩‍👧",
    "\u{202e}reversed\u{202c}",
    "\u{200b}\u{feff}\u{200d}",
    "e\u{301}\u{302}\u{303}",
    "\u{fffd}\u{ffff}\u{10ffff}",
    "<bpmn:task/>&amp;&lt;]]>",
    "\"quoted\" 'single' \\backslash",
    "%PDF-1.7 (paren) \\)",
    "=SUM(A1:A9)",
    "line one\nline two\n\n",
    "Supercalifragilisticexpialidociousandthensomewithoutanyspaceatall",
    "a,b;\"c\"\r\nd",
    "\u{85}\u{2028}\u{2029}",
    "\u{d7ff}\u{e000}\u{f8ff}",
];

impl Text {
    fn build(&self) -> String {
        match self {
            Text::Empty => String::new(),
            Text::Word(i) => WORDS[usize::from(*i) % WORDS.len()].to_owned(),
            Text::Odd(i) => ODD[usize::from(*i) % ODD.len()].to_owned(),
            Text::Raw(s) => s.clone(),
            Text::Huge(n, s) => {
                let unit = if s.is_empty() { "x" } else { s.as_str() };
                let times = usize::from(*n % 4096) / unit.chars().count().max(1) + 1;
                unit.repeat(times.min(4096))
            }
        }
    }
}

impl Ref {
    fn build(&self, prefix: &str) -> String {
        match self {
            Ref::Short(i) => format!("{prefix}{}", i % 8),
            Ref::Raw(t) => t.build(),
        }
    }
}

impl Day {
    /// The date, always a valid one.
    pub fn build(self) -> NaiveDate {
        let base = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date");
        match self {
            Day::Near(d) => base
                .checked_add_signed(chrono::TimeDelta::days(i64::from(d)))
                .unwrap_or(base),
            Day::Far(d) => NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(NaiveDate::MAX),
            Day::Min => NaiveDate::MIN,
            Day::Max => NaiveDate::MAX,
        }
    }
}

impl Coord {
    fn build(self) -> f64 {
        match self {
            Coord::Grid(v) => f64::from(v) * 10.0,
            Coord::Any(v) => v,
        }
    }
}

fn pick<T: Copy>(all: &[T], i: u8) -> T {
    all[usize::from(i) % all.len()]
}

const NODE_KINDS: usize = 6;

fn node_kind(k: u8, details: Option<&DetailsIn>) -> NodeKind {
    match usize::from(k) % NODE_KINDS {
        0 => NodeKind::Start,
        1 => NodeKind::Step {
            details: Box::new(details.map(DetailsIn::build).unwrap_or_default()),
        },
        2 => NodeKind::Decision,
        3 => NodeKind::ParallelSplit,
        4 => NodeKind::ParallelJoin,
        _ => NodeKind::Outcome,
    }
}

impl DetailsIn {
    fn build(&self) -> StepDetails {
        let texts = |v: &[Text]| v.iter().map(Text::build).collect::<Vec<_>>();
        let seats = |v: &[Ref]| v.iter().map(|r| SeatId(r.build("s"))).collect();
        StepDetails {
            instructions: self.instructions.build(),
            inputs: texts(&self.inputs),
            outputs: texts(&self.outputs),
            systems: texts(&self.systems),
            duration_minutes: self.duration,
            wait_minutes: self.wait,
            raci: Raci {
                accountable: seats(&self.accountable),
                consulted: seats(&self.consulted),
                informed: seats(&self.informed),
            },
            max_tries: self.wait.map(|w| w % 8),
        }
    }
}

impl Graph {
    /// The document this graph describes. Nothing is validated: ids may dangle or repeat.
    pub fn build(&self) -> Document {
        let mut p = Process::blank(ProcessId::from("p1"), self.name.build());
        p.purpose = self.purpose.build();
        p.category = pick(
            &[
                Category::Operational,
                Category::Management,
                Category::Support,
            ],
            self.category,
        );
        p.function = pick(&BusinessFunction::ALL, self.function);
        p.owner = self.owner.as_ref().map(|r| SeatId(r.build("s")));
        p.trigger = Trigger {
            kind: self.trigger.map(|t| {
                pick(
                    &[
                        TriggerKind::Schedule,
                        TriggerKind::Event,
                        TriggerKind::Threshold,
                        TriggerKind::Request,
                    ],
                    t,
                )
            }),
            description: self.trigger_text.build(),
        };
        p.cadence = pick(
            &[
                Cadence::Daily,
                Cadence::Weekly,
                Cadence::Monthly,
                Cadence::Quarterly,
                Cadence::Yearly,
                Cadence::AsNeeded,
            ],
            self.cadence,
        );
        p.expected_output = self.expected_output.build();
        p.failure_signals = self.failure_signals.iter().map(Text::build).collect();
        p.state = pick(
            &[ProcessState::AsIs, ProcessState::ToBe, ProcessState::Draft],
            self.state,
        );
        p.derived_from = self
            .derived_from
            .as_ref()
            .map(|(id, revision)| DerivedFrom {
                process: ProcessId(id.build()),
                revision: *revision,
            });
        p.last_reviewed = self.last_reviewed.map(Day::build);
        p.review_due = self.review_due.map(Day::build);
        p.lanes = self
            .lanes
            .iter()
            .map(|l| Lane {
                id: LaneId(l.id.build("l")),
                seat: SeatId(l.seat.build("s")),
            })
            .collect();
        p.nodes = self
            .nodes
            .iter()
            .map(|n| Node {
                id: NodeId(n.id.build("n")),
                kind: node_kind(n.kind, n.details.as_ref()),
                label: n.label.build(),
                lane: n.lane.as_ref().map(|r| LaneId(r.build("l"))),
                position: Position {
                    x: n.x.build(),
                    y: n.y.build(),
                },
            })
            .collect();
        p.flows = self
            .flows
            .iter()
            .map(|f| Flow {
                id: FlowId(f.id.build("f")),
                from: NodeId(f.from.build("n")),
                to: NodeId(f.to.build("n")),
                label: f.label.build(),
                handover: f.handover.build(),
            })
            .collect();
        let seats = self
            .seats
            .iter()
            .map(|s| Seat {
                id: SeatId(s.id.build("s")),
                name: s.name.build(),
                kind: pick(&SeatKind::ALL, s.kind),
                holder: s.holder.as_ref().map(Text::build),
            })
            .collect();
        Document::new(seats, p)
    }
}

impl Mutation {
    /// Applies the change to `doc`; indices wrap, and a change to an empty list does nothing.
    pub fn apply(&self, doc: &mut Document) {
        let p = &mut doc.process;
        let at = |i: u8, len: usize| (len > 0).then(|| usize::from(i) % len);
        match self {
            Mutation::RemoveNode(i) => {
                if let Some(i) = at(*i, p.nodes.len()) {
                    p.nodes.remove(i);
                }
            }
            Mutation::RelabelNode(i, t) => {
                if let Some(i) = at(*i, p.nodes.len()) {
                    p.nodes[i].label = t.build();
                }
            }
            Mutation::MoveNode(i, lane) => {
                if let Some(i) = at(*i, p.nodes.len()) {
                    p.nodes[i].lane = lane.as_ref().map(|r| LaneId(r.build("l")));
                }
            }
            Mutation::RetypeNode(i, k) => {
                if let Some(i) = at(*i, p.nodes.len()) {
                    p.nodes[i].kind = node_kind(*k, None);
                }
            }
            Mutation::RenameNode(i, r) => {
                if let Some(i) = at(*i, p.nodes.len()) {
                    p.nodes[i].id = NodeId(r.build("n"));
                }
            }
            Mutation::SwapNodes(a, b) => {
                if let (Some(a), Some(b)) = (at(*a, p.nodes.len()), at(*b, p.nodes.len())) {
                    p.nodes.swap(a, b);
                }
            }
            Mutation::RemoveFlow(i) => {
                if let Some(i) = at(*i, p.flows.len()) {
                    p.flows.remove(i);
                }
            }
            Mutation::ReverseFlow(i) => {
                if let Some(i) = at(*i, p.flows.len()) {
                    let f = &mut p.flows[i];
                    std::mem::swap(&mut f.from, &mut f.to);
                }
            }
            Mutation::Reconnect(i, from, to) => {
                if let Some(i) = at(*i, p.flows.len()) {
                    p.flows[i].from = NodeId(from.build("n"));
                    p.flows[i].to = NodeId(to.build("n"));
                }
            }
            Mutation::AddFlow(from, to, label) => {
                let id = FlowId(format!("added{}", p.flows.len()));
                p.flows.push(Flow {
                    id,
                    from: NodeId(from.build("n")),
                    to: NodeId(to.build("n")),
                    label: label.build(),
                    handover: String::new(),
                });
            }
            Mutation::RemoveLane(i) => {
                if let Some(i) = at(*i, p.lanes.len()) {
                    p.lanes.remove(i);
                }
            }
            Mutation::RemoveSeat(i) => {
                if let Some(i) = at(*i, doc.seats.len()) {
                    doc.seats.remove(i);
                }
            }
            Mutation::SetDuration(i, minutes) => {
                if let Some(i) = at(*i, p.nodes.len()) {
                    if let NodeKind::Step { details } = &mut p.nodes[i].kind {
                        details.duration_minutes = *minutes;
                    }
                }
            }
        }
    }
}

/// A map and a changed copy of it, for the comparison and the backlog.
#[derive(Debug, Arbitrary)]
pub struct Pair {
    pub case: Case,
    pub mutations: Vec<Mutation>,
}

impl Pair {
    /// The map, and the map with every mutation applied in order.
    pub fn build(&self) -> (Document, Document) {
        let before = self.case.graph.build();
        let mut after = before.clone();
        for m in &self.mutations {
            m.apply(&mut after);
        }
        (before, after)
    }
}

/// The date the byte-input targets use as "today".
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// Whether every seat, lane, node and flow id is used once, as the loader demands.
pub fn ids_unique(doc: &Document) -> bool {
    fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> bool {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter().all(|id| seen.insert(id))
    }
    let p = &doc.process;
    unique(doc.seats.iter().map(|s| s.id.as_str()))
        && unique(p.lanes.iter().map(|l| l.id.as_str()))
        && unique(p.nodes.iter().map(|n| n.id.as_str()))
        && unique(p.flows.iter().map(|f| f.id.as_str()))
}

/// Writes `doc` as a file, reads it back and asserts that nothing was lost: the same map,
/// with positions equal to within rounding (JSON numbers are decimal).
pub fn assert_file_round_trip(doc: &Document) {
    let json = handoff_core::to_json(doc);
    let again = handoff_core::parse_document(json.as_bytes())
        .unwrap_or_else(|e| panic!("a written map does not read back: {e}"));
    let (mut a, mut b) = (doc.clone(), again);
    for (x, y) in a.process.nodes.iter_mut().zip(b.process.nodes.iter_mut()) {
        for (u, v) in [(x.position.x, y.position.x), (x.position.y, y.position.y)] {
            let close = (u - v).abs() <= 1e-9 * u.abs().max(1.0);
            assert!(close, "position {u} read back as {v}");
        }
        x.position = Position::default();
        y.position = Position::default();
    }
    assert!(a == b, "a written map reads back different:\n{a:?}\n{b:?}");
}
