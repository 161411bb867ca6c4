// The RACI grid as data: steps × seats and each seat's role in each step, and the pure
// edits a click makes. Responsible is not stored: it is the seat of the step's lane, so
// setting R on another seat moves the step into that seat's lane (the same edit as dragging
// it there on the canvas). A seat holds at most one of A, C and I for a step; A may be set
// on several seats, which the engine's raci-multiple-accountable check then flags.

import type { Document, Seat } from "../lib/model";

export type Role = "R" | "A" | "C" | "I";

export interface RaciColumn {
  seat: Pick<Seat, "id" | "name" | "kind">;
  /** The seat's first lane in this process; R can only go to seats with a lane. */
  laneId: string | null;
}

export interface RaciRow {
  id: string;
  label: string;
  /** The seat doing the work (the lane's), if the step is in a lane with a known seat. */
  responsible: string | null;
  /** One entry per column, in column order. */
  roles: Set<Role>[];
}

export interface RaciGrid {
  columns: RaciColumn[];
  rows: RaciRow[];
}

/**
 * Columns: the lanes' seats in lane order, then seats the RACI names without a lane, then the
 * document's other seats. Rows: the steps in document order. O(steps × seats).
 */
export function raciGrid(doc: Document): RaciGrid {
  const p = doc.process;
  const seats = doc.seats ?? [];
  const lanes = p.lanes ?? [];
  const seatById = new Map(seats.map((s) => [s.id, s]));
  const columns: RaciColumn[] = [];
  const index = new Map<string, number>();
  const add = (seatId: string, laneId: string | null) => {
    if (index.has(seatId)) return;
    const seat = seatById.get(seatId) ?? { id: seatId, name: seatId, kind: "person" as const };
    index.set(seatId, columns.length);
    columns.push({ seat, laneId });
  };
  const laneSeat = new Map(lanes.map((l) => [l.id, l.seat]));
  for (const l of lanes) add(l.seat, l.id);
  const steps = (p.nodes ?? []).filter((n) => n.kind === "step");
  for (const n of steps) {
    const r = (n.kind === "step" && n.details?.raci) || {};
    for (const s of [...(r.accountable ?? []), ...(r.consulted ?? []), ...(r.informed ?? [])]) add(s, null);
  }
  for (const s of seats) add(s.id, null);

  const rows = steps.map((n): RaciRow => {
    const roles = columns.map(() => new Set<Role>());
    const responsible = (n.lane && laneSeat.get(n.lane)) || null;
    if (responsible && index.has(responsible)) roles[index.get(responsible)!].add("R");
    const r = (n.kind === "step" && n.details?.raci) || {};
    const mark = (ids: string[] | undefined, role: Role) => {
      for (const s of ids ?? []) if (index.has(s)) roles[index.get(s)!].add(role);
    };
    mark(r.accountable, "A");
    mark(r.consulted, "C");
    mark(r.informed, "I");
    return { id: n.id, label: n.label ?? "", responsible, roles };
  });
  return { columns, rows };
}

/** "R/A", "A", "R", "C", "I" or "" — the letters a cell shows. */
export function cellText(roles: Set<Role>): string {
  if (roles.has("R") && roles.has("A")) return "R/A";
  for (const r of ["A", "R", "C", "I"] as Role[]) if (roles.has(r)) return r;
  return "";
}

const LIST = { A: "accountable", C: "consulted", I: "informed" } as const;

/**
 * Gives `seatId` the role `role` in step `stepId`. R moves the step into the seat's first
 * lane (unchanged when the seat has none); A, C and I replace whichever of the three the seat
 * held. Returns the input itself when nothing changes.
 */
export function setRole(doc: Document, stepId: string, seatId: string, role: Role): Document {
  if (role === "R") {
    const nodes = doc.process.nodes ?? [];
    const lane = (doc.process.lanes ?? []).find((l) => l.seat === seatId);
    const node = nodes.find((n) => n.id === stepId);
    if (!lane || !node || node.lane === lane.id) return doc;
    return {
      ...doc,
      process: { ...doc.process, nodes: nodes.map((n) => (n.id === stepId ? { ...n, lane: lane.id } : n)) },
    };
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

type Raci = { accountable?: string[]; consulted?: string[]; informed?: string[] };

function editRaci(doc: Document, stepId: string, fn: (r: Raci) => Raci): Document {
  let changed = false;
  const nodes = (doc.process.nodes ?? []).map((n) => {
    if (n.id !== stepId || n.kind !== "step") return n;
    const details = n.details ?? {};
    const raci: Raci = details.raci ?? {};
    const next = fn(raci);
    if (next === raci || (["accountable", "consulted", "informed"] as const).every((k) => next[k] === raci[k])) return n;
    changed = true;
    return { ...n, details: { ...details, raci: next } };
  });
  return changed ? { ...doc, process: { ...doc.process, nodes } } : doc;
}

/** Adds a library seat to the document so it gets a column (no lane: it can be A, C or I). */
export function addSeat(doc: Document, seat: Seat): Document {
  const seats: Seat[] = doc.seats ?? [];
  if (seats.some((s) => s.id === seat.id)) return doc;
  return { ...doc, seats: [...seats, seat] } as Document;
}
