//! Building maps in code: a small builder for tests and tools, and a generator of large
//! realistic maps for benchmarks and performance scripts.

use crate::model::{
    Cadence, Document, Flow, FlowId, Lane, LaneId, Node, NodeId, NodeKind, Position, Process,
    ProcessId, ProcessState, Seat, SeatId, SeatKind, StepDetails, Trigger, TriggerKind,
};

/// Builds a [`Document`] one element at a time. Ids are the names given; lanes are
/// created with their seats.
#[derive(Debug)]
pub struct Builder {
    doc: Document,
    flow_counter: usize,
}

impl Builder {
    /// A process with owner, trigger, output and failure signals filled in, so that only
    /// what a test adds can trip a check. The owner is the first lane added.
    pub fn new(name: &str) -> Self {
        let mut p = Process::blank(ProcessId::from("p1"), name);
        p.trigger = Trigger {
            kind: Some(TriggerKind::Request),
            description: "A customer asks".into(),
        };
        p.cadence = Cadence::Weekly;
        p.expected_output = "The request is handled".into();
        p.failure_signals = vec!["The customer chases us".into()];
        p.state = ProcessState::AsIs;
        Builder {
            doc: Document::new(Vec::new(), p),
            flow_counter: 0,
        }
    }

    /// A process with nothing but a name: every header check fires.
    pub fn bare(name: &str) -> Self {
        Builder {
            doc: Document::new(Vec::new(), Process::blank(ProcessId::from("p1"), name)),
            flow_counter: 0,
        }
    }

    /// Adds a seat of `kind` and a lane for it; the lane id is `lane`, the seat id `seat-<lane>`.
    pub fn lane(mut self, lane: &str, seat_name: &str, kind: SeatKind) -> Self {
        let seat = SeatId(format!("seat-{lane}"));
        self.doc.seats.push(Seat {
            id: seat.clone(),
            name: seat_name.into(),
            kind,
            holder: None,
        });
        self.doc.process.lanes.push(Lane {
            id: LaneId::from(lane),
            seat: seat.clone(),
        });
        if self.doc.process.owner.is_none() && !self.doc.process.expected_output.is_empty() {
            self.doc.process.owner = Some(seat);
        }
        self
    }

    /// Adds a node of `kind` with id and label `id` in `lane` (or in none).
    pub fn node(mut self, id: &str, kind: NodeKind, lane: Option<&str>) -> Self {
        let x = 200.0 * self.doc.process.nodes.len() as f64;
        self.doc.process.nodes.push(Node {
            id: NodeId::from(id),
            kind,
            label: id.into(),
            lane: lane.map(LaneId::from),
            position: Position { x, y: 40.0 },
        });
        self
    }

    /// Adds a step whose Accountable seat is the lane's own seat.
    pub fn step(self, id: &str, lane: &str) -> Self {
        let details = StepDetails {
            duration_minutes: Some(30),
            raci: crate::model::Raci {
                accountable: vec![SeatId(format!("seat-{lane}"))],
                ..Default::default()
            },
            ..Default::default()
        };
        self.node(
            id,
            NodeKind::Step {
                details: Box::new(details),
            },
            Some(lane),
        )
    }

    /// Adds a flow; `label` is the branch condition, `handover` what is handed over.
    pub fn flow(mut self, from: &str, to: &str, label: &str, handover: &str) -> Self {
        self.flow_counter += 1;
        self.doc.process.flows.push(Flow {
            id: FlowId(format!("f{}", self.flow_counter)),
            from: NodeId::from(from),
            to: NodeId::from(to),
            label: label.into(),
            handover: handover.into(),
        });
        self
    }

    /// Adds an unlabelled flow with nothing handed over.
    pub fn arrow(self, from: &str, to: &str) -> Self {
        self.flow(from, to, "", "")
    }

    /// Changes the document in place, for what the builder has no method for.
    pub fn with(mut self, f: impl FnOnce(&mut Document)) -> Self {
        f(&mut self.doc);
        self
    }

    /// The finished document.
    pub fn build(self) -> Document {
        self.doc
    }
}

/// Generates a valid map with `steps` steps spread over `lanes` lanes: a main line of work
/// that changes lane every few steps (each change a named handoff), a decision every ten
/// steps whose second branch loops back for rework, and one outcome. Every check passes on
/// it, so benchmarks measure the full work of a clean map.
///
/// Deterministic: the same arguments give the same document.
pub fn generate(steps: usize, lanes: usize) -> Document {
    let lanes = lanes.max(1);
    let mut b = Builder::new(&format!("Generated {steps}-step process"));
    for l in 0..lanes {
        let kind = SeatKind::ALL[l % SeatKind::ALL.len()];
        b = b.lane(&format!("l{l}"), &format!("Seat {l}"), kind);
    }
    let lane_of = |i: usize| format!("l{}", (i / 3) % lanes);
    b = b.node("start", NodeKind::Start, Some("l0"));
    let mut prev = "start".to_owned();
    let mut prev_lane = "l0".to_owned();
    let mut x = 0.0;
    let mut nodes = Vec::with_capacity(steps + steps / 10 + 2);
    let mut flows = Vec::with_capacity(steps + steps / 5 + 2);
    let mut fid = 0usize;
    let mut push_flow = |from: &str, to: &str, label: &str, handover: &str| {
        fid += 1;
        flows.push(Flow {
            id: FlowId(format!("f{fid}")),
            from: NodeId::from(from),
            to: NodeId::from(to),
            label: label.into(),
            handover: handover.into(),
        });
    };
    for i in 0..steps {
        let id = format!("s{i}");
        let lane = lane_of(i);
        x += 200.0;
        nodes.push(Node {
            id: NodeId(id.clone()),
            kind: NodeKind::Step {
                details: Box::new(StepDetails {
                    instructions: format!("Do the work of step {i} and record it."),
                    inputs: vec![format!("input {i}")],
                    outputs: vec![format!("output {i}")],
                    systems: vec!["CRM".into()],
                    duration_minutes: Some(15 + (i as u32 % 4) * 15),
                    wait_minutes: Some(if lane != prev_lane { 240 } else { 10 }),
                    raci: crate::model::Raci {
                        // An agent's work is answered for by a person: the first seat.
                        accountable: vec![SeatId(
                            if SeatKind::ALL[(i / 3) % lanes % SeatKind::ALL.len()]
                                == SeatKind::Agent
                            {
                                "seat-l0".to_owned()
                            } else {
                                format!("seat-{lane}")
                            },
                        )],
                        ..Default::default()
                    },
                    max_tries: None,
                }),
            },
            label: format!("Step {i}"),
            lane: Some(LaneId(lane.clone())),
            position: Position { x, y: 40.0 },
        });
        let handover = if lane != prev_lane {
            format!("work item {i}")
        } else {
            String::new()
        };
        let label = if prev.starts_with('d') { "yes" } else { "" };
        push_flow(&prev, &id, label, &handover);
        prev = id;
        prev_lane = lane.clone();
        if i % 10 == 9 {
            let did = format!("d{i}");
            x += 200.0;
            nodes.push(Node {
                id: NodeId(did.clone()),
                kind: NodeKind::Decision,
                label: format!("Step {i} done right?"),
                lane: Some(LaneId(lane.clone())),
                position: Position { x, y: 40.0 },
            });
            push_flow(&prev, &did, "", "");
            // Rework loops back to the first step of this block of ten, in the same lane
            // or across lanes with a named handover.
            let back = i - 9;
            let back_handover = if lane_of(back) != lane {
                "rework notes"
            } else {
                ""
            };
            push_flow(&did, &format!("s{back}"), "no", back_handover);
            prev = did;
        }
    }
    let end_lane = prev_lane.clone();
    x += 200.0;
    nodes.push(Node {
        id: NodeId::from("end"),
        kind: NodeKind::Outcome,
        label: "Done".into(),
        lane: Some(LaneId(end_lane)),
        position: Position { x, y: 40.0 },
    });
    let label = if prev.starts_with('d') { "yes" } else { "" };
    push_flow(&prev, "end", label, "");
    b.with(|doc| {
        doc.process.nodes.extend(nodes);
        doc.process.flows = flows;
    })
    .build()
}
