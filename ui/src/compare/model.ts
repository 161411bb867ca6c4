// What the compare view draws, read from the engine's diff: a status per element on each
// side (for colour), the list of differences (each naming its element on both sides) and
// the metric deltas in words. Pure; the engine decides what differs, this only arranges it.

import type { DeltaRow, Diff } from "../bindings.gen";

/** How an element of one side differs. Unchanged elements have no status. */
export type Status = "added" | "removed" | "changed" | "moved";

export type Side = "before" | "after";

/** The status of each element id, per side. */
export interface StatusMaps {
  before: Map<string, Status>;
  after: Map<string, Status>;
}

// A re-owned step that was also edited shows as re-owned: moving work to another seat is
// the bigger news for a business owner.
const RANK: Record<Status, number> = { changed: 1, moved: 2, added: 3, removed: 3 };

function put(map: Map<string, Status>, id: string, s: Status) {
  const old = map.get(id);
  if (!old || RANK[s] > RANK[old]) map.set(id, s);
}

/** Status per element on both sides. O(size of the diff). */
export function statuses(diff: Diff): StatusMaps {
  const before = new Map<string, Status>();
  const after = new Map<string, Status>();
  for (const e of diff.added) put(after, e.id, "added");
  for (const e of diff.removed) put(before, e.id, "removed");
  for (const c of diff.changed) {
    if (c.element === "process") continue;
    // A step put into a lane (or taken out of every lane) changed owner: re-owned too.
    const s: Status = c.fields.some((f) => f.field === "lane") ? "moved" : "changed";
    put(before, c.id, s);
    put(after, c.afterId, s);
  }
  for (const m of diff.moved) {
    put(before, m.id, "moved");
    put(after, m.afterId, "moved");
  }
  return { before, after };
}

/** The CSS class that colours an element with `status`. */
export function statusClass(status: Status | undefined): string {
  return status ? `cmp-${status}` : "cmp-same";
}

/** The id of an element's counterpart on the other side, through the engine's pairing. */
export function counterpart(diff: Diff, side: Side, id: string): string | null {
  for (const m of diff.matches) {
    if (side === "before" && m.before === id) return m.after;
    if (side === "after" && m.after === id) return m.before;
  }
  return null;
}

export type DifferenceKind =
  | "moved"
  | "added"
  | "removed"
  | "changed"
  | "handoff-added"
  | "handoff-removed"
  | "seat-added"
  | "seat-removed";

/** One line of the differences list; `before`/`after` are the element's ids on each side. */
export interface Difference {
  key: string;
  kind: DifferenceKind;
  title: string;
  detail: string;
  before: string | null;
  after: string | null;
}

const KIND_WORD: Record<string, string> = {
  start: "start",
  step: "step",
  decision: "decision",
  parallelSplit: "parallel split",
  parallelJoin: "parallel join",
  outcome: "outcome",
};

const FIELD_WORD: Record<string, string> = {
  purpose: "purpose",
  category: "category",
  function: "business function",
  owner: "owner",
  trigger: "trigger",
  cadence: "cadence",
  expectedOutput: "expected output",
  failureSignals: "failure signals",
  label: "label",
  kind: "kind",
  lane: "lane",
  duration: "duration",
  wait: "waiting time",
  instructions: "instructions",
  inputs: "inputs",
  outputs: "outputs",
  systems: "systems",
  accountable: "accountable",
  consulted: "consulted",
  informed: "informed",
  condition: "branch condition",
  handover: "handed-over item",
  from: "from",
  to: "to",
};

const quote = (s: string) => (s ? `“${s}”` : "nothing");

/** Every difference: re-owned first, then added, removed, changed, handoffs, seats. */
export function differences(diff: Diff): Difference[] {
  const out: Difference[] = [];
  const what = (element: string, kind?: string | null) => (kind ? (KIND_WORD[kind] ?? kind) : element);
  for (const m of diff.moved) {
    out.push({
      key: `moved:${m.id}`,
      kind: "moved",
      title: m.label,
      detail: `${m.fromSeat.name} → ${m.toSeat.name}`,
      before: m.id,
      after: m.afterId,
    });
  }
  for (const e of diff.added) {
    out.push({
      key: `added:${e.id}`,
      kind: "added",
      title: e.label,
      detail: e.element === "flow" ? "new flow" : `new ${what(e.element, e.kind)}${e.seat ? ` in ${e.seat.name}` : ""}`,
      before: null,
      after: e.id,
    });
  }
  for (const e of diff.removed) {
    out.push({
      key: `removed:${e.id}`,
      kind: "removed",
      title: e.label,
      detail: e.element === "flow" ? "flow taken out" : `${what(e.element, e.kind)} taken out${e.seat ? ` of ${e.seat.name}` : ""}`,
      before: e.id,
      after: null,
    });
  }
  for (const c of diff.changed) {
    const lane = c.fields.find((f) => f.field === "lane");
    const fields = c.fields
      .filter((f) => f !== lane)
      .map((f) => `${FIELD_WORD[f.field] ?? f.field} ${quote(f.before)} → ${quote(f.after)}`);
    if (lane) fields.unshift(`${lane.before || "no lane"} → ${lane.after || "no lane"}`);
    out.push({
      key: `changed:${c.element}:${c.id}`,
      kind: lane ? "moved" : "changed",
      title: c.element === "process" ? `Process: ${c.label}` : c.label,
      detail: fields.join("; "),
      before: c.element === "process" ? null : c.id,
      after: c.element === "process" ? null : c.afterId,
    });
  }
  for (const h of diff.handoffs.added) {
    out.push({
      key: `handoff-added:${h.flowId}`,
      kind: "handoff-added",
      title: `${h.from} → ${h.to}`,
      detail: `new handoff ${h.fromSeat?.name ?? "?"} → ${h.toSeat?.name ?? "?"}${h.handover ? ` (${h.handover})` : ""}`,
      before: null,
      after: h.flowId,
    });
  }
  for (const h of diff.handoffs.removed) {
    out.push({
      key: `handoff-removed:${h.flowId}`,
      kind: "handoff-removed",
      title: `${h.from} → ${h.to}`,
      detail: `handoff ${h.fromSeat?.name ?? "?"} → ${h.toSeat?.name ?? "?"} is gone`,
      before: h.flowId,
      after: null,
    });
  }
  for (const s of diff.seats.added)
    out.push({ key: `seat-added:${s.id}`, kind: "seat-added", title: s.name, detail: "seat joins the process", before: null, after: null });
  for (const s of diff.seats.removed)
    out.push({ key: `seat-removed:${s.id}`, kind: "seat-removed", title: s.name, detail: "seat leaves the process", before: null, after: null });
  // Stable sort: kinds in the order a reader cares about, document order within a kind.
  return out.map((d, i) => [d, i] as const).sort((a, b) => ORDER[a[0].kind] - ORDER[b[0].kind] || a[1] - b[1]).map(([d]) => d);
}

const ORDER: Record<DifferenceKind, number> = {
  moved: 0,
  added: 1,
  removed: 2,
  changed: 3,
  "handoff-added": 4,
  "handoff-removed": 5,
  "seat-added": 6,
  "seat-removed": 7,
};

/** "handoffs 7 → 3", in the engine's units. */
export function describeDelta(d: DeltaRow): string {
  return `${d.metric} ${d.beforeText} → ${d.afterText}`;
}

/** Whether the change is an improvement: every metric compared here is better smaller. */
export function improved(d: DeltaRow): boolean | null {
  if (d.before == null || d.after == null || d.before === d.after) return null;
  return d.after < d.before;
}

/** The headline: the numbers that changed, "handoffs 7 → 3, cycle time 11 d → 4 d". */
export function headline(deltas: DeltaRow[]): string {
  const changed = deltas.filter((d) => d.before !== d.after).map(describeDelta);
  return changed.length ? changed.join(", ") : "The numbers are the same.";
}

/** How many differences of each kind, for the legend. */
export function tally(maps: StatusMaps): Record<Status, number> {
  const t: Record<Status, number> = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const s of maps.after.values()) if (s !== "removed") t[s] += 1;
  for (const s of maps.before.values()) if (s === "removed") t.removed += 1;
  return t;
}
