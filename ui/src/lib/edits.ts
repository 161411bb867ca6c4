// Every change the UI makes to a document, as a named pure function `(doc, args) => doc`
// (as bpmn-js's command handlers). The canvas, the RACI grid and the inspector all edit
// through these, and the editor store applies each as one undo step. An edit returns a new
// document and leaves its input untouched, so the undo history can keep old documents as
// they are; the edits that can find nothing to do return their input itself, so the store
// makes no empty undo step. What a gesture may do is asked of ./rules.

import type { Document, Flow, MapNode, NodeTag, Process, Role, Seat, SeatKind, StepDetails } from "./model";
import { canConnect } from "./rules";

type Pos = { x: number; y: number };
type Raci = NonNullable<StepDetails["raci"]>;

const withProcess = (doc: Document, patch: Partial<Process>): Document => ({
  ...doc,
  process: { ...doc.process, ...patch },
});

const mapNodes = (doc: Document, fn: (n: MapNode) => MapNode): Document => withProcess(doc, { nodes: doc.process.nodes.map(fn) });

// ---------------------------------------------------------------------------------------
// Nodes

const DEFAULT_LABEL: Record<NodeTag, string> = {
  start: "Start",
  step: "New step",
  decision: "Decision?",
  parallelSplit: "",
  parallelJoin: "",
  outcome: "Done",
};

/** A new node of `tag` in `lane` at a lane-relative position, with its kind's default label. */
export function makeNode(id: string, tag: NodeTag, lane: string, position: Pos): MapNode {
  const base = { id, label: DEFAULT_LABEL[tag], lane, position };
  return tag === "step" ? { ...base, kind: "step", details: {} } : { ...base, kind: tag };
}

export function addNode(doc: Document, node: MapNode): Document {
  return withProcess(doc, { nodes: [...doc.process.nodes, node] });
}

export interface Placement {
  id: string;
  lane: string;
  position: Pos;
}

/** Moves nodes to new lanes and positions; a node's lane is its owner. */
export function moveNodes(doc: Document, moves: Placement[]): Document {
  const byId = new Map(moves.map((m) => [m.id, m]));
  return mapNodes(doc, (n) => {
    const m = byId.get(n.id);
    return m ? { ...n, lane: m.lane, position: m.position } : n;
  });
}

/** Gives a node to another lane, keeping its position; unchanged when it is already there. */
export function setLane(doc: Document, nodeId: string, laneId: string): Document {
  const node = doc.process.nodes.find((n) => n.id === nodeId);
  if (!node || node.lane === laneId) return doc;
  return mapNodes(doc, (n) => (n.id === nodeId ? { ...n, lane: laneId } : n));
}

export function relabel(doc: Document, id: string, label: string): Document {
  return mapNodes(doc, (n) => (n.id === id ? { ...n, label } : n));
}

/** Merges `patch` into a step's details (other kinds have none). */
export function updateStep(doc: Document, id: string, patch: Partial<StepDetails>): Document {
  return mapNodes(doc, (n) => (n.id === id && n.kind === "step" ? { ...n, details: { ...(n.details ?? {}), ...patch } } : n));
}

/** Removes nodes (with every flow touching them) and flows. */
export function removeElements(doc: Document, nodeIds: Iterable<string>, flowIds: Iterable<string>): Document {
  const nodes = new Set(nodeIds);
  const flows = new Set(flowIds);
  return withProcess(doc, {
    nodes: doc.process.nodes.filter((n) => !nodes.has(n.id)),
    flows: doc.process.flows.filter((f) => !flows.has(f.id) && !nodes.has(f.from) && !nodes.has(f.to)),
  });
}

// ---------------------------------------------------------------------------------------
// Flows

/** Adds a flow unless the rules refuse it (a node pointing at itself, or the same arrow again). */
export function connect(doc: Document, flow: Flow): Document {
  if (!canConnect(doc, flow.from, flow.to)) return doc;
  return withProcess(doc, { flows: [...doc.process.flows, flow] });
}

export function updateFlow(doc: Document, id: string, patch: Partial<Pick<Flow, "label" | "handover">>): Document {
  return withProcess(doc, {
    flows: doc.process.flows.map((f) => (f.id === id ? { ...f, ...patch } : f)),
  });
}

// ---------------------------------------------------------------------------------------
// Copy and paste

export interface Clip {
  nodes: MapNode[];
  flows: Flow[];
}

/** The selected nodes and the flows between them. */
export function copy(doc: Document, nodeIds: Set<string>): Clip {
  return {
    nodes: doc.process.nodes.filter((n) => nodeIds.has(n.id)),
    flows: doc.process.flows.filter((f) => nodeIds.has(f.from) && nodeIds.has(f.to)),
  };
}

/** The clip moved `dx` along its lanes. */
export function shiftClip(clip: Clip, dx: number): Clip {
  return { ...clip, nodes: clip.nodes.map((n) => ({ ...n, position: { x: (n.position?.x ?? 0) + dx, y: n.position?.y ?? 0 } })) };
}

/** The clip with a fresh id for every node, then every flow; the flows join the new nodes. */
export function renumberClip(clip: Clip, newId: (prefix: string) => string): Clip {
  const ids = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = newId("n");
    ids.set(n.id, id);
    return { ...n, id };
  });
  const flows = clip.flows.map((f) => ({ ...f, id: newId("f"), from: ids.get(f.from)!, to: ids.get(f.to)! }));
  return { nodes, flows };
}

/**
 * Adds a clip's nodes and flows (give it fresh ids first, see renumberClip). Nodes whose lane
 * no longer exists go to the first lane.
 */
export function paste(doc: Document, clip: Clip): Document {
  const lanes = new Set(doc.process.lanes.map((l) => l.id));
  const fallback = doc.process.lanes[0]?.id ?? null;
  const nodes = clip.nodes.map((n) => ({ ...n, lane: n.lane && lanes.has(n.lane) ? n.lane : fallback }));
  return withProcess(doc, {
    nodes: [...doc.process.nodes, ...nodes],
    flows: [...doc.process.flows, ...clip.flows],
  });
}

// ---------------------------------------------------------------------------------------
// Seats and lanes

/**
 * Adds the seats the document does not carry yet (a library seat named by a lane, an owner or
 * a RACI entry must be in the document for the reference to resolve). Returns the input itself
 * when it carries them all.
 */
export function addSeats(doc: Document, seats: Seat[]): Document {
  const missing: Seat[] = [];
  for (const s of seats) if (!doc.seats.some((d) => d.id === s.id) && !missing.some((m) => m.id === s.id)) missing.push(s);
  return missing.length ? { ...doc, seats: [...doc.seats, ...missing] } : doc;
}

export function updateSeat(doc: Document, seatId: string, patch: { name?: string; kind?: SeatKind }): Document {
  return { ...doc, seats: doc.seats.map((s) => (s.id === seatId ? { ...s, ...patch } : s)) };
}

/** Adds a lane for `seat` at the bottom, adding the seat to the document when it is new to it. */
export function addLane(doc: Document, laneId: string, seat: Seat): Document {
  const next = addSeats(doc, [seat]);
  return withProcess(next, { lanes: [...next.process.lanes, { id: laneId, seat: seat.id }] });
}

/** Puts a lane at index `to` (0 = top); unchanged when the lane is missing or already there. */
export function moveLane(doc: Document, laneId: string, to: number): Document {
  const from = doc.process.lanes.findIndex((l) => l.id === laneId);
  if (from < 0) return doc;
  const lanes = doc.process.lanes.filter((l) => l.id !== laneId);
  const at = Math.max(0, Math.min(to, lanes.length));
  if (at === from) return doc;
  lanes.splice(at, 0, doc.process.lanes[from]);
  return withProcess(doc, { lanes });
}

/**
 * Removes a lane. Its nodes move to `moveTo` (keeping their positions) or, when `moveTo`
 * is null, are deleted with their flows.
 */
export function removeLane(doc: Document, laneId: string, moveTo: string | null): Document {
  const inLane = doc.process.nodes.filter((n) => n.lane === laneId).map((n) => n.id);
  const next = moveTo ? mapNodes(doc, (n) => (n.lane === laneId ? { ...n, lane: moveTo } : n)) : removeElements(doc, inLane, []);
  return withProcess(next, { lanes: next.process.lanes.filter((l) => l.id !== laneId) });
}

// ---------------------------------------------------------------------------------------
// The process

/** Merges `patch` into the process's header fields (name, purpose, trigger, review date, …). */
export function updateProcess(doc: Document, patch: Partial<Process>): Document {
  return withProcess(doc, patch);
}

/**
 * Makes `seatId` the process's owner, or leaves it without one for null. `known` are seats
 * the document may not carry yet (the library's); the owner among them is added.
 */
export function setOwner(doc: Document, seatId: string | null, known: Seat[]): Document {
  const next = addSeats(doc, known.filter((s) => s.id === seatId));
  return withProcess(next, { owner: seatId ?? undefined });
}

// ---------------------------------------------------------------------------------------
// RACI. Responsible is not stored: it is the seat of the step's lane, so R moves the step
// into that seat's lane (the same edit as dragging it there). A seat holds at most one of A,
// C and I for a step; A may go to several seats, which the engine's
// raci-multiple-accountable check then flags.

const LIST = { A: "accountable", C: "consulted", I: "informed" } as const;

/**
 * Gives `seatId` the role `role` in step `stepId`. R moves the step into the seat's first
 * lane (unchanged when the seat has none); A, C and I replace whichever of the three the seat
 * held. Returns the input itself when nothing changes.
 */
export function setRole(doc: Document, stepId: string, seatId: string, role: Role): Document {
  if (role === "R") {
    const lane = doc.process.lanes.find((l) => l.seat === seatId);
    return lane ? setLane(doc, stepId, lane.id) : doc;
  }
  return editRaci(doc, stepId, (raci) => {
    const next = { ...raci };
    for (const r of ["A", "C", "I"] as const) {
      const key = LIST[r];
      const has = (raci[key] ?? []).includes(seatId);
      if (r === role && !has) next[key] = [...(raci[key] ?? []), seatId];
      if (r !== role && has) next[key] = (raci[key] ?? []).filter((s) => s !== seatId);
    }
    return next;
  });
}

/** Takes A, C and I for the step away from the seat (R stays: it follows the lane). */
export function clearRoles(doc: Document, stepId: string, seatId: string): Document {
  return editRaci(doc, stepId, (raci) => {
    const next = { ...raci };
    for (const key of Object.values(LIST)) if ((raci[key] ?? []).includes(seatId)) next[key] = (raci[key] ?? []).filter((s) => s !== seatId);
    return next;
  });
}

/**
 * Replaces the step's accountable, consulted or informed lists with those in `patch`. `known`
 * are seats the document may not carry yet (the library's); those the patch names are added.
 */
export function setRaci(doc: Document, stepId: string, patch: Partial<Raci>, known: Seat[]): Document {
  const named = [...(patch.accountable ?? []), ...(patch.consulted ?? []), ...(patch.informed ?? [])];
  const next = addSeats(doc, known.filter((s) => named.includes(s.id)));
  const step = next.process.nodes.find((n) => n.id === stepId);
  const raci = (step?.kind === "step" && step.details?.raci) || {};
  return updateStep(next, stepId, { raci: { ...raci, ...patch } });
}

function editRaci(doc: Document, stepId: string, fn: (r: Raci) => Raci): Document {
  let changed = false;
  const nodes = doc.process.nodes.map((n) => {
    if (n.id !== stepId || n.kind !== "step") return n;
    const details = n.details ?? {};
    const raci: Raci = details.raci ?? {};
    const next = fn(raci);
    if (next === raci || (["accountable", "consulted", "informed"] as const).every((k) => next[k] === raci[k])) return n;
    changed = true;
    return { ...n, details: { ...details, raci: next } };
  });
  return changed ? withProcess(doc, { nodes }) : doc;
}
