import { describe, expect, it } from "vitest";
import { afterLaunch, nextLaunch } from "./launches";

describe("files the app was asked to open", () => {
  const queue = [
    { path: "/m/a.handoff.json", bpmn: false },
    { path: "/m/x.bpmn", bpmn: true },
    { path: "/m/b.handoff.json", bpmn: false },
    { path: "/m/y.bpmn", bpmn: true },
  ];

  it("offers each BPMN file on its own, then every map file in one import", () => {
    const seen = [];
    let q = queue;
    for (let next = nextLaunch(q); next; next = nextLaunch(q)) {
      seen.push(next);
      q = afterLaunch(q, next);
    }
    expect(seen).toEqual([{ bpmn: "/m/x.bpmn" }, { bpmn: "/m/y.bpmn" }, { maps: ["/m/a.handoff.json", "/m/b.handoff.json"] }]);
  });

  it("has nothing to offer for an empty queue", () => {
    expect(nextLaunch([])).toBeNull();
  });
});
