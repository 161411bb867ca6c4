// Small documents for the store tests.

import type { Document } from "../lib/model";

/** Two lanes (Sales, Finance), a start, one step and an outcome in a line. */
export function twoLanes(): Document {
  return {
    format: "handoff/1",
    seats: [
      { id: "seat-sales", name: "Sales", kind: "team" },
      { id: "seat-fin", name: "Finance", kind: "person" },
    ],
    process: {
      id: "p1",
      name: "Test",
      purpose: "",
      category: "operational",
      function: "sales",
      owner: "seat-sales",
      trigger: { description: "" },
      cadence: "asNeeded",
      expectedOutput: "",
      failureSignals: [],
      state: "draft",
      lanes: [
        { id: "l1", seat: "seat-sales" },
        { id: "l2", seat: "seat-fin" },
      ],
      nodes: [
        { id: "s", kind: "start", label: "Start", lane: "l1", position: { x: 60, y: 40 } },
        { id: "a", kind: "step", details: {}, label: "Quote", lane: "l1", position: { x: 200, y: 40 } },
        { id: "e", kind: "outcome", label: "Done", lane: "l1", position: { x: 400, y: 40 } },
      ],
      flows: [
        { id: "f1", from: "s", to: "a", label: "", handover: "" },
        { id: "f2", from: "a", to: "e", label: "", handover: "" },
      ],
    },
  };
}
