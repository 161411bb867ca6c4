// The RACI grid as data: steps × seats and each seat's role in each step. Responsible is
// not stored: it is the seat of the step's lane. The edits a click makes (setRole,
// clearRoles, addSeats) are in lib/edits, what a cell offers in lib/rules.

import type { Document, Role, Seat } from "../lib/model";

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
