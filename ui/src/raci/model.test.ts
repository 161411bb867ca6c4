import { describe, expect, it } from "vitest";
import { addSeats, setRole } from "../lib/edits";
import { twoLanes } from "../test/fixtures";
import { cellText, raciGrid } from "./model";

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
    const doc = addSeats(twoLanes(), [{ id: "seat-ceo", name: "CEO", kind: "person" }]);
    const g = raciGrid(setRole(doc, "a", "seat-ceo", "I"));
    const col = g.columns.findIndex((c) => c.seat.id === "seat-ceo");
    expect(g.columns[col].laneId).toBeNull();
    expect(cellText(g.rows[0].roles[col])).toBe("I");
  });
});

describe("setRole", () => {
  it("moves the step into the seat's lane for R", () => {
    const doc = setRole(twoLanes(), "a", "seat-fin", "R");
    expect((doc.process.nodes ?? []).find((n) => n.id === "a")?.lane).toBe("l2");
    expect(cellText(raciGrid(doc).rows[0].roles[1])).toBe("R");
  });
});
