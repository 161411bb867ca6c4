import { describe, expect, it } from "vitest";
import { twoLanes } from "../test/fixtures";
import { addSeat, cellText, clearRoles, raciGrid, setRole } from "./model";

const raciOf = (doc: ReturnType<typeof twoLanes>, id: string) => {
  const n = (doc.process.nodes ?? []).find((x) => x.id === id);
  return n?.kind === "step" ? (n.details?.raci ?? {}) : null;
};

describe("raciGrid", () => {
  it("has a column per lane seat and R on the step's lane", () => {
    const g = raciGrid(twoLanes());
    expect(g.columns.map((c) => c.seat.name)).toEqual(["Sales", "Finance"]);
    expect(g.rows.map((r) => r.id)).toEqual(["a"]);
    expect(cellText(g.rows[0].roles[0])).toBe("R");
    expect(cellText(g.rows[0].roles[1])).toBe("");
  });

  it("shows R/A when the lane's seat is also accountable", () => {
    const doc = setRole(twoLanes(), "a", "seat-sales", "A");
    expect(cellText(raciGrid(doc).rows[0].roles[0])).toBe("R/A");
  });

  it("gives a seat named only in the RACI a column without a lane", () => {
    const doc = addSeat(twoLanes(), { id: "seat-ceo", name: "CEO", kind: "person" });
    const g = raciGrid(setRole(doc, "a", "seat-ceo", "I"));
    const col = g.columns.findIndex((c) => c.seat.id === "seat-ceo");
    expect(g.columns[col].laneId).toBeNull();
    expect(cellText(g.rows[0].roles[col])).toBe("I");
  });
});

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

  it("moves the step into the seat's lane for R", () => {
    const doc = setRole(twoLanes(), "a", "seat-fin", "R");
    expect((doc.process.nodes ?? []).find((n) => n.id === "a")?.lane).toBe("l2");
    expect(cellText(raciGrid(doc).rows[0].roles[1])).toBe("R");
  });

  it("returns the same document when nothing changes, so no empty undo step is made", () => {
    const doc = twoLanes();
    expect(setRole(doc, "a", "seat-sales", "R")).toBe(doc);
    expect(clearRoles(doc, "a", "seat-fin")).toBe(doc);
    const noLane = addSeat(doc, { id: "x", name: "X", kind: "system" });
    expect(setRole(noLane, "a", "x", "R")).toBe(noLane);
  });

  it("leaves its input untouched", () => {
    const doc = twoLanes();
    const before = JSON.stringify(doc);
    setRole(doc, "a", "seat-fin", "A");
    expect(JSON.stringify(doc)).toBe(before);
  });
});
