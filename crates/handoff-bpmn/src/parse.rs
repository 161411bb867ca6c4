//! One streaming pass over BPMN XML that collects what an import needs into a flat
//! [`Model`]: processes, pools, lanes, flow nodes, sequence and message flows, the text of
//! `documentation` and condition elements, Handoff's own extension data, and the diagram's
//! shapes (edges are not needed: a map routes its own arrows).
//!
//! The pass keeps a stack of open elements (each tagged with what it means to us) and never
//! builds a tree of the whole file. Safety limits are enforced here: a `<!DOCTYPE>` is
//! refused at once (so no entity can be declared; references to anything but XML's five
//! predefined entities and character references are errors), and the stack may not grow
//! past [`MAX_DEPTH`]. Elements in other namespaces (tool extensions) are skipped, except
//! that BPMN elements a map cannot hold are recorded in [`Model::others`] so the import
//! can say what it left out.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

use crate::text::line_column;
use crate::{BpmnError, BPMNDI_NS, BPMN_NS, DC_NS, DI_NS, HANDOFF_NS, MAX_DEPTH};

/// A `<process>`.
#[derive(Debug, Clone, Default)]
pub struct ProcessDef {
    pub id: String,
    pub name: String,
    pub documentation: String,
    /// JSON from `<handoff:process>`: the process header a Handoff export carries.
    pub handoff_header: Option<String>,
}

/// A `<participant>` (a pool).
#[derive(Debug, Clone, Default)]
pub struct ParticipantDef {
    pub id: String,
    pub name: String,
    pub process_ref: Option<String>,
    pub documentation: String,
}

/// A `<lane>`, at any depth of nested lane sets.
#[derive(Debug, Clone, Default)]
pub struct LaneDef {
    pub id: String,
    /// The original Handoff id when the file came from Handoff and it differs.
    pub handoff_id: Option<String>,
    pub name: String,
    /// Index into [`Model::processes`]; `None` for a lane set outside any process.
    pub process: Option<usize>,
    /// Index of the enclosing lane when nested.
    pub parent: Option<usize>,
    /// The `flowNodeRef`s, as written.
    pub refs: Vec<String>,
    pub documentation: String,
    /// JSON from `<handoff:seat>`.
    pub handoff_seat: Option<String>,
}

/// A flow node: task, event, gateway, sub-process, call activity.
#[derive(Debug, Clone, Default)]
pub struct NodeDef {
    pub id: String,
    pub handoff_id: Option<String>,
    /// The BPMN element's local name: `userTask`, `exclusiveGateway`, `boundaryEvent`, …
    pub kind: String,
    pub name: String,
    pub process: Option<usize>,
    /// The outermost sub-process this node sits inside, as an index into [`Model::nodes`];
    /// `None` for nodes directly in a process.
    pub inside: Option<usize>,
    pub documentation: String,
    /// For boundary events: the activity they are attached to.
    pub attached_to: Option<String>,
    /// Local names of event definitions (`timerEventDefinition`, …).
    pub event_definitions: Vec<String>,
    /// The `default` attribute of gateways and activities.
    pub default_flow: Option<String>,
    /// `standardLoopCharacteristics` or `multiInstanceLoopCharacteristics`.
    pub loop_kind: Option<String>,
    /// Ids of the data objects or stores the node reads (`dataInputAssociation`).
    pub reads: Vec<String>,
    /// Ids of the data objects or stores the node writes (`dataOutputAssociation`).
    pub writes: Vec<String>,
    /// Whether this is an event sub-process.
    pub triggered_by_event: bool,
    /// How many flow elements sit inside this sub-process (at any depth).
    pub inner_elements: usize,
    /// JSON from `<handoff:details>`.
    pub handoff_details: Option<String>,
    /// `handoff:role` of gateways the Handoff exporter added (`merge` or `split`).
    pub handoff_role: Option<String>,
}

/// A `<sequenceFlow>`.
#[derive(Debug, Clone, Default)]
pub struct FlowDef {
    pub id: String,
    pub handoff_id: Option<String>,
    pub name: String,
    pub source: String,
    pub target: String,
    pub condition: Option<String>,
    pub process: Option<usize>,
    pub inside: Option<usize>,
    pub documentation: String,
    /// Text of `<handoff:handover>`.
    pub handover: Option<String>,
}

/// A `<messageFlow>` between pools.
#[derive(Debug, Clone, Default)]
pub struct MessageFlowDef {
    pub id: String,
    pub name: String,
    pub source: String,
    pub target: String,
    pub message_ref: Option<String>,
}

/// A BPMN element that a map cannot hold (data object, annotation, group, …).
#[derive(Debug, Clone, Default)]
pub struct OtherDef {
    pub id: String,
    pub kind: String,
    pub name: String,
    /// The text of a text annotation.
    pub text: String,
    /// Whether it sits inside a sub-process (then the sub-process note covers it).
    pub inside: Option<usize>,
    /// The `dataObjectRef` or `dataStoreRef` of a reference.
    pub refers: Option<String>,
}

/// A rectangle in diagram coordinates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bounds {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Bounds {
    /// The centre point.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Whether the point lies inside (edges included).
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x && x <= self.x + self.width && y >= self.y && y <= self.y + self.height
    }
}

/// Everything the import uses, in document order.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub definitions_id: String,
    pub definitions_name: String,
    pub exporter: String,
    pub processes: Vec<ProcessDef>,
    pub participants: Vec<ParticipantDef>,
    pub lanes: Vec<LaneDef>,
    pub nodes: Vec<NodeDef>,
    pub flows: Vec<FlowDef>,
    pub message_flows: Vec<MessageFlowDef>,
    pub others: Vec<OtherDef>,
    /// Data input and output id → name (from `ioSpecification`s), for naming the data a
    /// step reads or writes.
    pub data_labels: HashMap<String, String>,
    /// Message id → name, for naming handoffs after the message they carry.
    pub messages: HashMap<String, String>,
    /// `bpmnElement` → the bounds of its first shape.
    pub shapes: HashMap<String, Bounds>,
    /// `bpmnElement` → the exact map position a Handoff export recorded on its shape
    /// (`handoff:x`, `handoff:y`), used when the shape has not moved since.
    pub exact_positions: HashMap<String, (f64, f64)>,
}

/// The BPMN flow-node element names, as the import groups them.
pub const TASKS: &[&str] = &[
    "task",
    "userTask",
    "serviceTask",
    "manualTask",
    "scriptTask",
    "sendTask",
    "receiveTask",
    "businessRuleTask",
];
/// Flow nodes that contain other flow elements.
pub const CONTAINERS: &[&str] = &["subProcess", "transaction", "adHocSubProcess"];
const OTHER_NODES: &[&str] = &[
    "callActivity",
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "exclusiveGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
    "parallelGateway",
];

fn is_flow_node(local: &str) -> bool {
    TASKS.contains(&local) || CONTAINERS.contains(&local) || OTHER_NODES.contains(&local)
}

/// Flow elements and artifacts a map has no place for; recorded so the import can say so.
const NOTED: &[&str] = &[
    "dataObject",
    "dataObjectReference",
    "dataStoreReference",
    "textAnnotation",
    "group",
    "association",
    "conversation",
    "subConversation",
    "callConversation",
    "choreographyTask",
    "subChoreography",
    "callChoreography",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Bpmn,
    BpmnDi,
    Dc,
    Di,
    Handoff,
    Other,
}

/// Whose `documentation` or extension this is.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Process(usize),
    Participant(usize),
    Lane(usize),
    Node(usize),
    Flow(usize),
    None,
}

/// What an open element means to the import.
#[derive(Debug, Clone, Copy)]
enum Ctx {
    Definitions,
    Process(usize),
    Collaboration,
    Participant(usize),
    MessageFlow,
    LaneSet {
        process: Option<usize>,
        parent: Option<usize>,
    },
    Lane(usize),
    FlowNodeRef(usize),
    Node(usize),
    Flow(usize),
    Condition(usize),
    Documentation(Owner),
    Extensions(Owner),
    HandoffExt(Owner, HandoffExt),
    TextAnnotation(usize),
    IoSpecification,
    /// A data association of a node; `true` for input.
    DataAssociation(usize, bool),
    /// The `sourceRef` of an input or `targetRef` of an output association.
    DataRef(usize, bool),
    AnnotationText(usize),
    Shape,
    Label,
    /// An element whose contents do not matter.
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HandoffExt {
    Process,
    Seat,
    Details,
    Handover,
}

struct Parser<'t> {
    text: &'t str,
    model: Model,
    stack: Vec<Ctx>,
    /// Text being collected for the innermost capturing element.
    capture: Option<String>,
    /// The element id of the current DI shape or edge.
    di_element: Option<String>,
}

/// Parses decoded BPMN XML text into a [`Model`].
///
/// # Errors
/// [`BpmnError::Syntax`] for malformed XML or unknown entities, [`BpmnError::Doctype`],
/// [`BpmnError::TooDeep`], [`BpmnError::NotBpmn`] when the root is not BPMN 2.0
/// `definitions`, each with line and column.
///
/// # Complexity
/// Linear in the length of the text; memory proportional to the elements kept.
pub fn parse(text: &str) -> Result<Model, BpmnError> {
    let mut reader = Reader::from_str(text);
    let mut names = Namespaces::default();
    let mut p = Parser {
        text,
        model: Model::default(),
        stack: Vec::with_capacity(32),
        capture: None,
        di_element: None,
    };
    let mut seen_root = false;
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = reader.error_position() as usize;
                return Err(p.syntax(at, e.to_string()));
            }
        };
        let opens = matches!(event, Event::Start(_));
        // Namespace declarations on an element apply to it and its content; an empty
        // element's end at once.
        let ns = match &event {
            Event::Start(e) | Event::Empty(e) => {
                names.enter(e).map_err(|m| p.syntax(start, m))?;
                names.element(e)
            }
            _ => Ns::Other,
        };
        match event {
            Event::Start(e) | Event::Empty(e) if !seen_root => {
                let local = local_name(&e);
                if ns != Ns::Bpmn || local != "definitions" {
                    let (line, column) = p.place(start);
                    let ns_text = match names.uri(&e) {
                        Some(uri) => format!(" in namespace {uri}"),
                        None => " in no namespace".to_owned(),
                    };
                    return Err(BpmnError::NotBpmn {
                        line,
                        column,
                        found: format!("<{}>{ns_text}", e.name().0),
                    });
                }
                seen_root = true;
                p.definitions(&e, start)?;
                if opens {
                    p.stack.push(Ctx::Definitions);
                } else {
                    names.leave();
                }
            }
            Event::Start(_) | Event::Empty(_) if p.stack.is_empty() => {
                // The root closed: XML allows comments after it, never another element.
                return Err(p.syntax(
                    start,
                    "a second root element after </definitions>; an XML file has exactly one"
                        .into(),
                ));
            }
            Event::Start(e) => {
                if p.stack.len() >= MAX_DEPTH {
                    let (line, column) = p.place(start);
                    return Err(BpmnError::TooDeep {
                        line,
                        column,
                        max: MAX_DEPTH,
                    });
                }
                let ctx = p.open(ns, &e, &names, start)?;
                p.stack.push(ctx);
            }
            Event::Empty(e) => {
                let ctx = p.open(ns, &e, &names, start)?;
                p.stack.push(ctx);
                p.close();
                names.leave();
            }
            Event::End(_) => {
                p.close();
                names.leave();
            }
            Event::Text(t) => {
                if let Some(buf) = p.capture.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(buf) = p.capture.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                    Err(e) => return Err(p.syntax(start, e.to_string())),
                };
                match resolved {
                    Some(s) => {
                        if let Some(buf) = p.capture.as_mut() {
                            buf.push_str(&s);
                        }
                    }
                    None => return Err(p.syntax(start, format!("unknown entity &{};", &*r))),
                }
            }
            Event::DocType(_) => {
                let (line, column) = p.place(start);
                return Err(BpmnError::Doctype { line, column });
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !seen_root {
        return Err(p.syntax(text.len(), "no root element".into()));
    }
    if !p.stack.is_empty() {
        return Err(p.syntax(
            text.len(),
            "the file ends before its elements are closed".into(),
        ));
    }
    Ok(p.model)
}

fn classify(uri: &str) -> Ns {
    match uri {
        BPMN_NS => Ns::Bpmn,
        BPMNDI_NS => Ns::BpmnDi,
        DC_NS => Ns::Dc,
        DI_NS => Ns::Di,
        HANDOFF_NS => Ns::Handoff,
        _ => Ns::Other,
    }
}

/// The namespace prefixes in scope. BPMN files declare nearly all of them on the root, so
/// this is a short stack that only changes where an element declares `xmlns`. (Cheaper
/// than quick-xml's `NsReader`, which resolves every event.)
#[derive(Debug, Default)]
struct Namespaces {
    /// Prefix (empty for the default namespace), its namespace, and the depth of the
    /// element that declared it.
    bindings: Vec<(Box<str>, Ns, Box<str>, usize)>,
    depth: usize,
}

impl Namespaces {
    /// Enters an element: records the namespaces it declares.
    fn enter(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        self.depth += 1;
        if !e.attributes_raw().contains("xmlns") {
            return Ok(());
        }
        for a in e.attributes() {
            let a = a.map_err(|err| err.to_string())?;
            let key = a.key.into_inner();
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(p) => p,
                    None => continue,
                },
                None => continue,
            };
            let uri = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| err.to_string())?;
            self.bindings.push((
                prefix.into(),
                classify(&uri),
                uri.as_ref().into(),
                self.depth,
            ));
        }
        Ok(())
    }

    /// Leaves the innermost element: forgets what it declared.
    fn leave(&mut self) {
        while self.bindings.last().is_some_and(|b| b.3 >= self.depth) {
            self.bindings.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn binding(&self, prefix: &str) -> Option<&(Box<str>, Ns, Box<str>, usize)> {
        self.bindings.iter().rev().find(|b| &*b.0 == prefix)
    }

    /// The namespace of an element's name.
    fn element(&self, e: &BytesStart<'_>) -> Ns {
        let prefix = e.name().prefix().map_or("", |p| p.into_inner());
        self.binding(prefix).map_or(Ns::Other, |b| b.1)
    }

    /// The namespace URI of an element's name, for messages.
    fn uri(&self, e: &BytesStart<'_>) -> Option<&str> {
        let prefix = e.name().prefix().map_or("", |p| p.into_inner());
        self.binding(prefix)
            .map(|b| &*b.2)
            .filter(|u| !u.is_empty())
    }

    /// Whether a prefixed attribute name is in Handoff's namespace.
    fn is_handoff(&self, prefix: &str) -> bool {
        self.binding(prefix).is_some_and(|b| b.1 == Ns::Handoff)
    }
}

fn local_name(e: &BytesStart<'_>) -> String {
    e.local_name().into_inner().to_owned()
}

/// The attributes of an element, borrowed from it: unprefixed ones by name, plus
/// `handoff:`-namespaced ones (looked up as `handoff:<name>`).
struct Attrs<'e>(Vec<(bool, &'e str, Cow<'e, str>)>);

impl Attrs<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        let (handoff, key) = match key.strip_prefix("handoff:") {
            Some(k) => (true, k),
            None => (false, key),
        };
        self.0
            .iter()
            .find(|(h, k, _)| *h == handoff && *k == key)
            .map(|(_, _, v)| v.as_ref())
    }

    fn string(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().to_owned()
    }

    fn number(&self, key: &str) -> f64 {
        self.get(key)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .unwrap_or(0.0)
    }
}

impl Parser<'_> {
    fn place(&self, offset: usize) -> (usize, usize) {
        line_column(self.text, offset)
    }

    fn syntax(&self, offset: usize, message: String) -> BpmnError {
        let (line, column) = self.place(offset);
        BpmnError::Syntax {
            line,
            column,
            message,
        }
    }

    fn attrs<'e>(
        &self,
        e: &'e BytesStart<'_>,
        names: Option<&Namespaces>,
        start: usize,
    ) -> Result<Attrs<'e>, BpmnError> {
        let mut out = Vec::with_capacity(8);
        for a in e.attributes() {
            let a = a.map_err(|err| self.syntax(start, err.to_string()))?;
            let key = a.key;
            let handoff = match key.prefix() {
                None => false,
                Some(prefix) => {
                    let is_handoff = names.is_some_and(|n| n.is_handoff(prefix.into_inner()));
                    if !is_handoff {
                        continue;
                    }
                    true
                }
            };
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| self.syntax(start, err.to_string()))?;
            out.push((handoff, key.local_name().into_inner(), value));
        }
        Ok(Attrs(out))
    }

    fn definitions(&mut self, e: &BytesStart<'_>, start: usize) -> Result<(), BpmnError> {
        let a = self.attrs(e, None, start)?;
        self.model.definitions_id = a.string("id");
        self.model.definitions_name = a.string("name");
        self.model.exporter = a.string("exporter");
        Ok(())
    }

    /// The innermost process and outermost sub-process around the current element.
    fn scope(&self) -> (Option<usize>, Option<usize>) {
        let mut process = None;
        let mut inside = None;
        for ctx in &self.stack {
            match *ctx {
                Ctx::Process(i) => process = Some(i),
                Ctx::Node(i) if inside.is_none() && self.is_container(i) => inside = Some(i),
                _ => {}
            }
        }
        (process, inside)
    }

    fn is_container(&self, node: usize) -> bool {
        CONTAINERS.contains(&self.model.nodes[node].kind.as_str())
    }

    fn open(
        &mut self,
        ns: Ns,
        e: &BytesStart<'_>,
        names: &Namespaces,
        start: usize,
    ) -> Result<Ctx, BpmnError> {
        let parent = self.stack.last().copied().unwrap_or(Ctx::Skip);
        if matches!(parent, Ctx::Skip) {
            return Ok(Ctx::Skip);
        }
        let local = e.local_name();
        let local = local.into_inner();
        let ctx = match ns {
            Ns::Bpmn => self.open_bpmn(local, parent, e, names, start)?,
            Ns::BpmnDi => match (local, parent) {
                // Edges are not read: a map's arrows are routed from its nodes.
                ("BPMNShape", _) => {
                    let a = self.attrs(e, Some(names), start)?;
                    if let (Some(id), Some(x), Some(y)) =
                        (a.get("bpmnElement"), a.get("handoff:x"), a.get("handoff:y"))
                    {
                        if let (Ok(x), Ok(y)) = (x.parse::<f64>(), y.parse::<f64>()) {
                            self.model.exact_positions.insert(id.to_owned(), (x, y));
                        }
                    }
                    // Only the first shape drawn for an element counts (a file may hold
                    // several diagrams).
                    self.di_element = a
                        .get("bpmnElement")
                        .filter(|id| !self.model.shapes.contains_key(*id))
                        .map(str::to_owned);
                    Ctx::Shape
                }
                ("BPMNLabel", Ctx::Shape) => Ctx::Label,
                ("BPMNDiagram", Ctx::Definitions) | ("BPMNPlane", _) => Ctx::Definitions,
                _ => Ctx::Skip,
            },
            Ns::Dc if local == "Bounds" => {
                if let (Ctx::Shape, Some(id)) = (parent, self.di_element.take()) {
                    let a = self.attrs(e, None, start)?;
                    let b = Bounds {
                        x: a.number("x"),
                        y: a.number("y"),
                        width: a.number("width").max(0.0),
                        height: a.number("height").max(0.0),
                    };
                    self.model.shapes.insert(id, b);
                }
                Ctx::Skip
            }
            Ns::Handoff => match parent {
                Ctx::Extensions(owner) => {
                    let kind = match local {
                        "process" => HandoffExt::Process,
                        "seat" => HandoffExt::Seat,
                        "details" => HandoffExt::Details,
                        "handover" => HandoffExt::Handover,
                        _ => return Ok(Ctx::Skip),
                    };
                    self.capture = Some(String::new());
                    Ctx::HandoffExt(owner, kind)
                }
                _ => Ctx::Skip,
            },
            _ => Ctx::Skip,
        };
        Ok(ctx)
    }

    fn open_bpmn(
        &mut self,
        local: &str,
        parent: Ctx,
        e: &BytesStart<'_>,
        names: &Namespaces,
        start: usize,
    ) -> Result<Ctx, BpmnError> {
        let owner = match parent {
            Ctx::Process(i) => Owner::Process(i),
            Ctx::Participant(i) => Owner::Participant(i),
            Ctx::Lane(i) => Owner::Lane(i),
            Ctx::Node(i) => Owner::Node(i),
            Ctx::Flow(i) => Owner::Flow(i),
            _ => Owner::None,
        };
        match local {
            // The most common elements by far; the flows already name their ends.
            "incoming" | "outgoing" => return Ok(Ctx::Skip),
            "documentation" => {
                self.capture = Some(String::new());
                return Ok(Ctx::Documentation(owner));
            }
            "extensionElements" => return Ok(Ctx::Extensions(owner)),
            _ => {}
        }
        let in_flow_scope = matches!(parent, Ctx::Process(_))
            || matches!(parent, Ctx::Node(i) if self.is_container(i));
        let ctx = match (local, parent) {
            ("process", Ctx::Definitions) => {
                let a = self.attrs(e, None, start)?;
                self.model.processes.push(ProcessDef {
                    id: a.string("id"),
                    name: a.string("name"),
                    ..Default::default()
                });
                Ctx::Process(self.model.processes.len() - 1)
            }
            ("collaboration", Ctx::Definitions) => Ctx::Collaboration,
            ("message", Ctx::Definitions) => {
                let a = self.attrs(e, None, start)?;
                self.model.messages.insert(a.string("id"), a.string("name"));
                Ctx::Skip
            }
            ("participant", Ctx::Collaboration) => {
                let a = self.attrs(e, None, start)?;
                self.model.participants.push(ParticipantDef {
                    id: a.string("id"),
                    name: a.string("name"),
                    process_ref: a.get("processRef").map(str::to_owned),
                    documentation: String::new(),
                });
                Ctx::Participant(self.model.participants.len() - 1)
            }
            ("messageFlow", Ctx::Collaboration) => {
                let a = self.attrs(e, None, start)?;
                self.model.message_flows.push(MessageFlowDef {
                    id: a.string("id"),
                    name: a.string("name"),
                    source: a.string("sourceRef"),
                    target: a.string("targetRef"),
                    message_ref: a.get("messageRef").map(str::to_owned),
                });
                Ctx::MessageFlow
            }
            ("laneSet", Ctx::Process(i)) => Ctx::LaneSet {
                process: Some(i),
                parent: None,
            },
            ("laneSet", Ctx::Node(_)) => Ctx::LaneSet {
                process: None,
                parent: None,
            },
            ("childLaneSet", Ctx::Lane(l)) => Ctx::LaneSet {
                process: self.model.lanes[l].process,
                parent: Some(l),
            },
            ("lane", Ctx::LaneSet { process, parent }) => {
                let a = self.attrs(e, Some(names), start)?;
                self.model.lanes.push(LaneDef {
                    id: a.string("id"),
                    handoff_id: a.get("handoff:id").map(str::to_owned),
                    name: a.string("name"),
                    process,
                    parent,
                    ..Default::default()
                });
                Ctx::Lane(self.model.lanes.len() - 1)
            }
            ("flowNodeRef", Ctx::Lane(l)) => {
                self.capture = Some(String::new());
                Ctx::FlowNodeRef(l)
            }
            ("sequenceFlow", _) if in_flow_scope => {
                let a = self.attrs(e, Some(names), start)?;
                let (process, inside) = self.scope();
                self.count_inner(inside);
                self.model.flows.push(FlowDef {
                    id: a.string("id"),
                    handoff_id: a.get("handoff:id").map(str::to_owned),
                    name: a.string("name"),
                    source: a.string("sourceRef"),
                    target: a.string("targetRef"),
                    process,
                    inside,
                    ..Default::default()
                });
                Ctx::Flow(self.model.flows.len() - 1)
            }
            ("conditionExpression", Ctx::Flow(f)) => {
                self.capture = Some(String::new());
                Ctx::Condition(f)
            }
            (kind, _) if in_flow_scope && is_flow_node(kind) => {
                let a = self.attrs(e, Some(names), start)?;
                let (process, inside) = self.scope();
                self.count_inner(inside);
                self.model.nodes.push(NodeDef {
                    id: a.string("id"),
                    handoff_id: a.get("handoff:id").map(str::to_owned),
                    kind: kind.to_owned(),
                    name: a.string("name"),
                    process,
                    inside,
                    attached_to: a.get("attachedToRef").map(str::to_owned),
                    default_flow: a.get("default").map(str::to_owned),
                    triggered_by_event: a.get("triggeredByEvent") == Some("true"),
                    handoff_role: a.get("handoff:role").map(str::to_owned),
                    ..Default::default()
                });
                Ctx::Node(self.model.nodes.len() - 1)
            }
            (kind, Ctx::Node(n)) if kind.ends_with("EventDefinition") => {
                self.model.nodes[n].event_definitions.push(kind.to_owned());
                Ctx::Skip
            }
            ("standardLoopCharacteristics" | "multiInstanceLoopCharacteristics", Ctx::Node(n)) => {
                self.model.nodes[n].loop_kind = Some(local.to_owned());
                Ctx::Skip
            }
            ("ioSpecification", Ctx::Process(_) | Ctx::Node(_)) => Ctx::IoSpecification,
            ("dataInput" | "dataOutput", Ctx::IoSpecification) => {
                let a = self.attrs(e, None, start)?;
                let name = a.string("name");
                if !name.trim().is_empty() {
                    self.model.data_labels.insert(a.string("id"), name);
                }
                Ctx::Skip
            }
            ("dataInputAssociation", Ctx::Node(n)) => Ctx::DataAssociation(n, true),
            ("dataOutputAssociation", Ctx::Node(n)) => Ctx::DataAssociation(n, false),
            ("sourceRef", Ctx::DataAssociation(n, true)) => {
                self.capture = Some(String::new());
                Ctx::DataRef(n, true)
            }
            ("targetRef", Ctx::DataAssociation(n, false)) => {
                self.capture = Some(String::new());
                Ctx::DataRef(n, false)
            }
            (kind, Ctx::Process(_) | Ctx::Node(_) | Ctx::Collaboration)
                if NOTED.contains(&kind) =>
            {
                let a = self.attrs(e, None, start)?;
                let (_, inside) = self.scope();
                self.count_inner(inside);
                self.model.others.push(OtherDef {
                    id: a.string("id"),
                    kind: kind.to_owned(),
                    name: a.string("name"),
                    text: String::new(),
                    inside,
                    refers: a
                        .get("dataObjectRef")
                        .or_else(|| a.get("dataStoreRef"))
                        .map(str::to_owned),
                });
                if kind == "textAnnotation" {
                    Ctx::TextAnnotation(self.model.others.len() - 1)
                } else {
                    Ctx::Skip
                }
            }
            ("text", Ctx::TextAnnotation(o)) => {
                self.capture = Some(String::new());
                Ctx::AnnotationText(o)
            }
            _ => Ctx::Skip,
        };
        Ok(ctx)
    }

    fn count_inner(&mut self, inside: Option<usize>) {
        if let Some(i) = inside {
            self.model.nodes[i].inner_elements += 1;
        }
    }

    fn close(&mut self) {
        let Some(ctx) = self.stack.pop() else {
            return;
        };
        let take = |c: &mut Option<String>| c.take().unwrap_or_default();
        match ctx {
            Ctx::FlowNodeRef(l) => {
                let id = take(&mut self.capture).trim().to_owned();
                if !id.is_empty() {
                    self.model.lanes[l].refs.push(id);
                }
            }
            Ctx::DataRef(n, input) => {
                let id = take(&mut self.capture).trim().to_owned();
                let node = &mut self.model.nodes[n];
                let list = if input {
                    &mut node.reads
                } else {
                    &mut node.writes
                };
                if !id.is_empty() && !list.contains(&id) {
                    list.push(id);
                }
            }
            Ctx::Condition(f) => {
                let text = take(&mut self.capture).trim().to_owned();
                self.model.flows[f].condition = Some(text);
            }
            Ctx::AnnotationText(o) => {
                self.model.others[o].text = take(&mut self.capture).trim().to_owned();
            }
            Ctx::Documentation(owner) => {
                let text = take(&mut self.capture).trim().to_owned();
                if text.is_empty() {
                    return;
                }
                let slot = match owner {
                    Owner::Process(i) => &mut self.model.processes[i].documentation,
                    Owner::Participant(i) => &mut self.model.participants[i].documentation,
                    Owner::Lane(i) => &mut self.model.lanes[i].documentation,
                    Owner::Node(i) => &mut self.model.nodes[i].documentation,
                    Owner::Flow(i) => &mut self.model.flows[i].documentation,
                    Owner::None => return,
                };
                if !slot.is_empty() {
                    slot.push_str("\n\n");
                }
                slot.push_str(&text);
            }
            Ctx::HandoffExt(owner, kind) => {
                let text = take(&mut self.capture);
                match (owner, kind) {
                    (Owner::Process(i), HandoffExt::Process) => {
                        self.model.processes[i].handoff_header = Some(text)
                    }
                    (Owner::Lane(i), HandoffExt::Seat) => {
                        self.model.lanes[i].handoff_seat = Some(text)
                    }
                    (Owner::Node(i), HandoffExt::Details) => {
                        self.model.nodes[i].handoff_details = Some(text)
                    }
                    (Owner::Flow(i), HandoffExt::Handover) => {
                        self.model.flows[i].handover = Some(text)
                    }
                    _ => {}
                }
            }
            Ctx::Shape => self.di_element = None,
            _ => {}
        }
    }
}
