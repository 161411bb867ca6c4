import { describe, expect, it } from "vitest";
import { twoLanes } from "../test/fixtures";
import {
  addLane,
  addSeats,
  clearRoles,
  connect,
  copy,
  moveLane,
  paste,
  renumberClip,
  setLane,
  setOwner,
  setRaci,
  setRole,
  shiftClip,
} from "./edits";
import type { Seat } from "./model";

const raciOf = (doc: ReturnType<typeof twoLanes>, id: string) => {
  const n = (doc.process.nodes ?? []).find((x) => x.id === id);
  return n?.kind === "step" ? (n.details?.raci ?? {}) : null;
};

const ceo: Seat = { id: "seat-ceo", name: "CEO", kind: "person" };

describe("setRole", () => {
  it("adds a second A, which the engine then flags, and clearing takes it away", () => {
    let doc = setRole(twoLanes(), "a", "seat-sales", "A");
    doc = setRole(doc, "a", "seat-fin", "A");
    expect(raciOf(doc, "a")?.accountable).toEqual(["seat-sales", "seat-fin"]);
    doc = clearRoles(doc, "a", "seat-fin");
    expect(raciOf(doc, "a")?.accountable).toEqual(["seat-sales"]);
  });

  it("keeps A, C and I exclusive for one seat", () => {
    let doc = setRole(twoLanes(), "a", "seat-fin", "C");
    doc = setRole(doc, "a", "seat-fin", "I");
    expect(raciOf(doc, "a")?.consulted).toEqual([]);
    expect(raciOf(doc, "a")?.informed).toEqual(["seat-fin"]);
  });

  it("returns the same document when nothing changes, so no empty undo step is made", () => {
    const doc = twoLanes();
    expect(setRole(doc, "a", "seat-sales", "R")).toBe(doc);
    expect(clearRoles(doc, "a", "seat-fin")).toBe(doc);
    const noLane = addSeats(doc, [{ id: "x", name: "X", kind: "system" }]);
    expect(setRole(noLane, "a", "x", "R")).toBe(noLane);
  });

  it("leaves its input untouched", () => {
    const doc = twoLanes();
    const before = JSON.stringify(doc);
    setRole(doc, "a", "seat-fin", "A");
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe("adding seats", () => {
  it("adds a seat once, however many edits name it", () => {
    const doc = addSeats(twoLanes(), [ceo, ceo]);
    expect(doc.seats.map((s) => s.id)).toEqual(["seat-sales", "seat-fin", "seat-ceo"]);
    expect(addSeats(doc, [ceo])).toBe(doc);
    expect(addLane(doc, "l3", ceo).seats).toHaveLength(3);
    expect(setOwner(doc, "seat-ceo", [ceo]).seats).toHaveLength(3);
  });

  it("adds the library seats a RACI change names, and only those", () => {
    const cfo: Seat = { id: "seat-cfo", name: "CFO", kind: "person" };
    const doc = setRaci(twoLanes(), "a", { accountable: ["seat-ceo"] }, [ceo, cfo]);
    expect(doc.seats.map((s) => s.id)).toEqual(["seat-sales", "seat-fin", "seat-ceo"]);
    expect(raciOf(doc, "a")?.accountable).toEqual(["seat-ceo"]);
  });

  it("keeps the step's other RACI lists when one changes", () => {
    let doc = setRaci(twoLanes(), "a", { consulted: ["seat-fin"] }, []);
    doc = setRaci(doc, "a", { informed: ["seat-sales"] }, []);
    expect(raciOf(doc, "a")).toEqual({ consulted: ["seat-fin"], informed: ["seat-sales"] });
  });

  it("makes the owner a library seat, or nobody", () => {
    const doc = setOwner(twoLanes(), "seat-ceo", [ceo]);
    expect(doc.process.owner).toBe("seat-ceo");
    expect(setOwner(doc, null, [ceo]).process.owner).toBeUndefined();
  });
});

describe("lanes", () => {
  it("gives a node another lane and is a no-op when it is already there", () => {
    const doc = twoLanes();
    expect(setLane(doc, "a", "l2").process.nodes.find((n) => n.id === "a")?.lane).toBe("l2");
    expect(setLane(doc, "a", "l1")).toBe(doc);
  });

  it("leaves the order alone when a lane is dropped where it was", () => {
    const doc = twoLanes();
    expect(moveLane(doc, "l1", 0)).toBe(doc);
    expect(moveLane(doc, "l2", 5)).toBe(doc);
    expect(moveLane(doc, "l2", 0).process.lanes.map((l) => l.id)).toEqual(["l2", "l1"]);
  });
});

describe("connect", () => {
  it("refuses a node pointing at itself and a second identical arrow", () => {
    const doc = twoLanes();
    expect(connect(doc, { id: "x", from: "a", to: "a", label: "", handover: "" })).toBe(doc);
    expect(connect(doc, { id: "x", from: "s", to: "a", label: "", handover: "" })).toBe(doc);
    expect(connect(doc, { id: "x", from: "a", to: "s", label: "", handover: "" }).process.flows).toHaveLength(3);
  });
});

describe("paste", () => {
  it("adds renumbered copies along the lane, with the flows between them, and a gone lane's nodes in the first", () => {
    const doc = twoLanes();
    let n = 0;
    const clip = renumberClip(shiftClip(copy(doc, new Set(["s", "a"])), 40), (p) => `${p}${++n}`);
    expect(clip.nodes.map((x) => [x.id, x.position?.x])).toEqual([
      ["n1", 100],
      ["n2", 240],
    ]);
    expect(clip.flows.map((f) => [f.id, f.from, f.to])).toEqual([["f3", "n1", "n2"]]);
    const gone = { ...clip, nodes: clip.nodes.map((x) => ({ ...x, lane: "l9" })) };
    const next = paste(moveLane(doc, "l2", 0), gone);
    expect(next.process.nodes.slice(3).map((x) => x.lane)).toEqual(["l2", "l2"]);
    expect(next.process.flows).toHaveLength(3);
  });
});
