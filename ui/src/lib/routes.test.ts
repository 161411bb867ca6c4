// One arrow rule for every renderer: the canvas picks the sides an arrow leaves and enters
// by with `facingHandles`; the PDF map and the BPMN export route with handoff-core's
// `layout::route`. tests/routes.rs writes the sides the core picks for every flow of every
// template to fixtures/routes.json (and fails when that file is stale); this test places
// the same templates as the canvas does (lib/geometry's lane layout and node sizes, as
// editor/store/toFlow.ts uses them) and checks `facingHandles` agrees on every flow.

import { describe, expect, it } from "vitest";
import { facingHandles, layoutLanes, NODE_SIZE } from "./geometry";
import type { Document } from "./model";

const templates = import.meta.glob<string>("../../../templates/*.handoff.json", {
  query: "?raw",
  import: "default",
  eager: true,
});
const fixtures = import.meta.glob<string>("./fixtures/routes.json", { query: "?raw", import: "default", eager: true });
const expected: Record<string, Record<string, [string, string]>> = JSON.parse(fixtures["./fixtures/routes.json"]);

/** The canvas's handle ids by the core's side names. */
const HANDLE: Record<string, string> = { left: "l", top: "t", right: "r", bottom: "b" };

/** Flow id → [source handle, target handle], with nodes boxed as the canvas boxes them. */
function canvasHandles(doc: Document): Record<string, [string, string]> {
  const p = doc.process;
  const placed = p.nodes.map((n) => ({ lane: n.lane, tag: n.kind, x: n.position?.x ?? 0, y: n.position?.y ?? 0 }));
  const { bands } = layoutLanes(
    p.lanes.map((l) => l.id),
    placed,
  );
  const top = new Map(bands.map((b) => [b.id, b.top]));
  const boxes = new Map(
    p.nodes.map((n) => {
      const size = NODE_SIZE[n.kind];
      const y = (n.lane ? (top.get(n.lane) ?? 0) : 0) + (n.position?.y ?? 0);
      return [n.id, { x: n.position?.x ?? 0, y, w: size.w, h: size.h }];
    }),
  );
  const out: Record<string, [string, string]> = {};
  for (const f of p.flows) {
    const a = boxes.get(f.from);
    const b = boxes.get(f.to);
    if (a && b) out[f.id] = facingHandles(a, b) as [string, string];
  }
  return out;
}

describe("arrow routing", () => {
  const names = Object.keys(templates).map((path) => path.slice(path.lastIndexOf("/") + 1));

  it("covers the same templates as the core's fixture", () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect([...names].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [path, text] of Object.entries(templates)) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    it(`the canvas picks the core's sides on ${name}`, () => {
      const doc = JSON.parse(text) as Document;
      const core = Object.fromEntries(
        Object.entries(expected[name] ?? {}).map(([id, [exit, entry]]) => [id, [HANDLE[exit], HANDLE[entry]]]),
      );
      expect(canvasHandles(doc)).toEqual(core);
    });
  }
});
