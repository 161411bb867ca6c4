import { describe, expect, it } from "vitest";
import { twoLanes } from "../test/fixtures";
import { naturalSize } from "./labels";
import { autoLayout, makeRoom, packLanes } from "./layout";
import type { Document } from "./model";

describe("auto-layout", () => {
  it("never moves a node out of its lane", async () => {
    const doc = twoLanes();
    doc.process.nodes[1] = { ...doc.process.nodes[1], lane: "l2" };
    const pos = await autoLayout(doc);
    for (const n of doc.process.nodes) expect(pos.get(n.id)!.lane).toBe(n.lane);
    // Flows run left to right.
    expect(pos.get("s")!.x).toBeLessThan(pos.get("a")!.x);
    expect(pos.get("a")!.x).toBeLessThan(pos.get("e")!.x);
  });

  it("stacks nodes of one lane that would overlap into rows", () => {
    const doc = twoLanes();
    const pos = packLanes(doc, new Map([["s", { x: 0, y: 0 }], ["a", { x: 10, y: 50 }], ["e", { x: 400, y: 0 }]]));
    expect(pos.get("s")!.y).not.toBe(pos.get("a")!.y);
    expect(pos.get("e")!.lane).toBe("l1");
  });
});

// The layout every template gets from the Auto-layout button, committed as
// fixtures/arranged.json: tests/labels.rs lays each one out in the engine and finds no label
// on top of a shape, a lane header or another label. UPDATE_FIXTURES=1 rewrites the file.
const templates = import.meta.glob<string>("../../../templates/*.handoff.json", { query: "?raw", import: "default", eager: true });
const arrangedFiles = import.meta.glob<string>("./fixtures/arranged.json", { query: "?raw", import: "default", eager: true });

describe("auto-layout of the templates", () => {
  it("is the one tests/labels.rs measures (fixtures/arranged.json)", async () => {
    const fresh: Record<string, Record<string, { lane: string; x: number; y: number }>> = {};
    for (const [path, text] of Object.entries(templates).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const doc = JSON.parse(text) as Document;
      const pos = await autoLayout(doc);
      const ids = [...pos.keys()].sort();
      fresh[path.slice(path.lastIndexOf("/") + 1)] = Object.fromEntries(ids.map((id) => [id, pos.get(id)!]));
    }
    const json = JSON.stringify(fresh, null, 2) + "\n";
    const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
    if (env.UPDATE_FIXTURES) {
      const fs: { writeFileSync(path: string, data: string): void } = await import(/* @vite-ignore */ "node:" + "fs");
      fs.writeFileSync(new URL("./fixtures/arranged.json", import.meta.url).pathname, json);
      return;
    }
    expect(arrangedFiles["./fixtures/arranged.json"], "run UPDATE_FIXTURES=1 npx vitest run src/lib/layout.test.ts").toBe(json);
  });

  it("moves columns apart for the labels between them, keeping lanes and order", async () => {
    const doc = twoLanes();
    doc.process.nodes[1] = { ...doc.process.nodes[1], kind: "decision", label: "Which?" } as Document["process"]["nodes"][number];
    doc.process.flows[1] = { ...doc.process.flows[1], label: "a rather long branch condition" };
    const before = packLanes(doc, new Map([["s", { x: 0, y: 0 }], ["a", { x: 100, y: 0 }], ["e", { x: 214, y: 0 }]]));
    const after = makeRoom(doc, before);
    expect(after.get("e")!.x - (after.get("a")!.x + 50)).toBeGreaterThanOrEqual(naturalSize("branch", "a rather long branch condition").w);
    for (const [id, v] of after) expect(v.lane).toBe(before.get(id)!.lane);
    expect(after.get("s")!.x).toBeLessThan(after.get("a")!.x);
  });
});
