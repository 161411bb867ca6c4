import { describe, expect, it } from "vitest";
import { twoLanes } from "../test/fixtures";
import { autoLayout, packLanes } from "./layout";

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
