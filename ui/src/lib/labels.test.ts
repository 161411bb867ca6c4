// One label placement for every renderer: tests/labels.rs writes the boxes handoff-core
// places for every template, as drawn and after auto-layout, to fixtures/labels.json (and
// fails when that file is stale); this test places the same maps as the canvas does
// (editor/store/toFlow.ts: lib/geometry's lanes and node sizes, then mapLabels) and checks
// every label lands in the same box with the same lines.

import { describe, expect, it } from "vitest";
import { toFlow } from "../editor/store/toFlow";
import { layoutLanes, NODE_SIZE } from "./geometry";
import { abbreviate, mapLabels, textWidth, wrap } from "./labels";
import type { Document } from "./model";

const templates = import.meta.glob<string>("../../../templates/*.handoff.json", { query: "?raw", import: "default", eager: true });
const fixtureFiles = import.meta.glob<string>("./fixtures/*.json", { query: "?raw", import: "default", eager: true });
type Placed = { kind: string; lines: string[]; rect: [number, number, number, number]; leader: [number, number, number, number] | null };
const expected: Record<string, Record<string, Placed[]>> = JSON.parse(fixtureFiles["./fixtures/labels.json"]);
const arranged: Record<string, Record<string, { lane: string; x: number; y: number }>> = JSON.parse(fixtureFiles["./fixtures/arranged.json"]);

/** Element id → its labels, placed from the map as the canvas boxes it. */
function canvasLabels(doc: Document): Record<string, Placed[]> {
  const p = doc.process;
  const { bands } = layoutLanes(
    p.lanes.map((l) => l.id),
    p.nodes.map((n) => ({ lane: n.lane, tag: n.kind, x: n.position?.x ?? 0, y: n.position?.y ?? 0 })),
  );
  const top = new Map(bands.map((b) => [b.id, b.top]));
  const boxes = p.nodes.map((n) => ({ x: n.position?.x ?? 0, y: (n.lane ? (top.get(n.lane) ?? 0) : 0) + (n.position?.y ?? 0), w: NODE_SIZE[n.kind].w, h: NODE_SIZE[n.kind].h }));
  const index = new Map(p.nodes.map((n, i) => [n.id, i] as const));
  const drawn = mapLabels({
    boxes,
    bands,
    nodes: p.nodes.map((n) => ({ kind: n.kind, label: n.label ?? "", lane: n.lane })),
    flows: p.flows.map((f) => ({ label: f.label ?? "", handover: f.handover ?? "", from: index.get(f.from) ?? null, to: index.get(f.to) ?? null })),
  });
  const out: Record<string, Placed[]> = {};
  const put = (id: string, kind: string, l: (typeof drawn.captions)[number]) => {
    if (!l) return;
    const leader = l.leader ? ([l.leader[0][0], l.leader[0][1], l.leader[1][0], l.leader[1][1]] as Placed["leader"]) : null;
    (out[id] ??= []).push({ kind, lines: l.lines, rect: [l.rect.x, l.rect.y, l.rect.w, l.rect.h], leader });
  };
  p.nodes.forEach((n, i) => put(n.id, "caption", drawn.captions[i]));
  p.flows.forEach((f, k) => {
    put(f.id, "branch", drawn.branches[k]);
    put(f.id, "handover", drawn.handovers[k]);
  });
  return out;
}

function withArranged(doc: Document, name: string): Document {
  const at = arranged[name];
  return { ...doc, process: { ...doc.process, nodes: doc.process.nodes.map((n) => (at[n.id] ? { ...n, position: { x: at[n.id].x, y: at[n.id].y } } : n)) } };
}

describe("label placement", () => {
  it("covers every template, as drawn and after auto-layout", () => {
    const names = Object.keys(templates).map((path) => path.slice(path.lastIndexOf("/") + 1));
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(expected).sort()).toEqual([...names, ...names.map((n) => `${n}@arranged`)].sort());
  });

  for (const [path, text] of Object.entries(templates)) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    it(`the canvas places every label where the core does on ${name}`, () => {
      const doc = JSON.parse(text) as Document;
      expect(canvasLabels(doc)).toEqual(expected[name]);
      expect(canvasLabels(withArranged(doc, name))).toEqual(expected[`${name}@arranged`]);
    });
  }

  it("gives the canvas's edges and nodes the placed boxes", () => {
    const [path, text] = Object.entries(templates).find(([p]) => p.endsWith("lead-intake.handoff.json"))!;
    const doc = JSON.parse(text) as Document;
    const view = toFlow({ doc, diagnostics: [], selected: new Set(), editing: null });
    const want = expected[path.slice(path.lastIndexOf("/") + 1)];
    for (const e of view.edges) {
      const badge = want[e.id]?.find((l) => l.kind === "handover");
      if (badge) expect([e.data!.handoverLabel!.x, e.data!.handoverLabel!.y]).toEqual([badge.rect[0], badge.rect[1]]);
      expect(e.data!.points.length).toBeGreaterThanOrEqual(2);
    }
    for (const n of view.nodes) {
      const cap = want[n.id]?.find((l) => l.kind === "caption");
      if (cap) expect([n.data.caption!.x + n.position.x, n.data.caption!.y + n.position.y]).toEqual([cap.rect[0], cap.rect[1]]);
    }
  });

  it("measures, wraps and shortens text as the core does", () => {
    expect(textWidth("a", 11)).toBe(7);
    expect(textWidth("日本", 10)).toBe(20);
    const [lines, whole] = wrap("one two three four five six seven", 11, 40, 2);
    expect(whole).toBe(false);
    expect(lines[1].endsWith("…")).toBe(true);
    expect(abbreviate("wide", 11, 1)).toBe("…");
  });
});
