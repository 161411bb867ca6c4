// Pure edits of a document. Each returns a new document and leaves its input untouched, so
// the editor's undo history can keep old documents as they are.

import type { Document, Flow, MapNode, NodeTag, Process, Seat, SeatKind, StepDetails } from "./model";

type Pos = { x: number; y: number };

const withProcess = (doc: Document, patch: Partial<Process>): Document => ({
  ...doc,
  process: { ...doc.process, ...patch },
});

const DEFAULT_LABEL: Record<NodeTag, string> = {
  start: "Start",
  step: "New step",
  decision: "Decision?",
  parallelSplit: "",
  parallelJoin: "",
  outcome: "Done",
};

/** A new node of `tag` in `lane` at a lane-relative position. */
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
export function placeNodes(doc: Document, moves: Placement[]): Document {
  const byId = new Map(moves.map((m) => [m.id, m]));
  return withProcess(doc, {
    nodes: doc.process.nodes.map((n) => {
      const m = byId.get(n.id);
      return m ? { ...n, lane: m.lane, position: m.position } : n;
    }),
  });
}

export function patchNode(doc: Document, id: string, patch: Partial<Pick<MapNode, "label">>): Document {
  return withProcess(doc, {
    nodes: doc.process.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)),
  });
}

export function patchStep(doc: Document, id: string, patch: Partial<StepDetails>): Document {
  return withProcess(doc, {
    nodes: doc.process.nodes.map((n) =>
      n.id === id && n.kind === "step" ? { ...n, details: { ...(n.details ?? {}), ...patch } } : n,
    ),
  });
}

/** Adds a flow unless the same arrow already exists or it would point a node at itself. */
export function connect(doc: Document, flow: Flow): Document {
  if (flow.from === flow.to) return doc;
  if (doc.process.flows.some((f) => f.from === flow.from && f.to === flow.to)) return doc;
  return withProcess(doc, { flows: [...doc.process.flows, flow] });
}

export function patchFlow(doc: Document, id: string, patch: Partial<Pick<Flow, "label" | "handover">>): Document {
  return withProcess(doc, {
    flows: doc.process.flows.map((f) => (f.id === id ? { ...f, ...patch } : f)),
  });
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

/** Adds a lane for `seat`, adding the seat to the document when it is new to it. */
export function addLane(doc: Document, laneId: string, seat: Seat): Document {
  const seats = doc.seats.some((s) => s.id === seat.id) ? doc.seats : [...doc.seats, seat];
  return {
    ...doc,
    seats,
    process: { ...doc.process, lanes: [...doc.process.lanes, { id: laneId, seat: seat.id }] },
  };
}

export function patchSeat(doc: Document, seatId: string, patch: { name?: string; kind?: SeatKind }): Document {
  return { ...doc, seats: doc.seats.map((s) => (s.id === seatId ? { ...s, ...patch } : s)) };
}

/** Puts a lane at index `to` (0 = top). */
export function moveLane(doc: Document, laneId: string, to: number): Document {
  const lanes = doc.process.lanes.filter((l) => l.id !== laneId);
  const lane = doc.process.lanes.find((l) => l.id === laneId);
  if (!lane) return doc;
  const at = Math.max(0, Math.min(to, lanes.length));
  lanes.splice(at, 0, lane);
  return withProcess(doc, { lanes });
}

/**
 * Removes a lane. Its nodes move to `moveTo` (keeping their positions) or, when `moveTo`
 * is null, are deleted with their flows.
 */
export function removeLane(doc: Document, laneId: string, moveTo: string | null): Document {
  const inLane = doc.process.nodes.filter((n) => n.lane === laneId).map((n) => n.id);
  let next = moveTo
    ? withProcess(doc, {
        nodes: doc.process.nodes.map((n) => (n.lane === laneId ? { ...n, lane: moveTo } : n)),
      })
    : removeElements(doc, inLane, []);
  next = withProcess(next, { lanes: next.process.lanes.filter((l) => l.id !== laneId) });
  return next;
}

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

/**
 * Pastes a clip with fresh ids, shifted along the lane. Nodes whose lane no longer exists
 * go to the first lane. Returns the new document and the new node ids.
 */
export function paste(doc: Document, clip: Clip, newId: (prefix: string) => string, dx = 32): { doc: Document; ids: string[] } {
  const lanes = new Set(doc.process.lanes.map((l) => l.id));
  const fallback = doc.process.lanes[0]?.id ?? null;
  const map = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = newId("n");
    map.set(n.id, id);
    const lane = n.lane && lanes.has(n.lane) ? n.lane : fallback;
    return { ...n, id, lane, position: { x: (n.position?.x ?? 0) + dx, y: n.position?.y ?? 0 } };
  });
  const flows = clip.flows.map((f) => ({ ...f, id: newId("f"), from: map.get(f.from)!, to: map.get(f.to)! }));
  return {
    doc: withProcess(doc, {
      nodes: [...doc.process.nodes, ...nodes],
      flows: [...doc.process.flows, ...flows],
    }),
    ids: nodes.map((n) => n.id),
  };
}

export function patchProcess(doc: Document, patch: Partial<Process>): Document {
  return withProcess(doc, patch);
}
