import { describe, expect, it } from "vitest";
import { twoLanes } from "../test/fixtures";
import { setLane } from "./edits";
import type { Role } from "./model";
import { asksOnConnect, canClearRoles, canConnect, canGiveRole, countInLane, seatChoices, seatsForNewLane } from "./rules";

const node = (doc: ReturnType<typeof twoLanes>, id: string) => doc.process.nodes.find((n) => n.id === id);

describe("connecting", () => {
  it("allows a new arrow between two nodes, not a loop on one node or the same arrow twice", () => {
    const doc = twoLanes();
    expect(canConnect(doc, "a", "s")).toBe(true);
    expect(canConnect(doc, "a", "a")).toBe(false);
    expect(canConnect(doc, "s", "a")).toBe(false);
  });

  it("asks for the handed-over item on a handoff and for nothing along a lane", () => {
    const doc = twoLanes();
    expect(asksOnConnect(node(doc, "s"), node(doc, "e"))).toBe(false);
    const moved = setLane(doc, "e", "l2");
    expect(asksOnConnect(node(moved, "s"), node(moved, "e"))).toBe(true);
  });
});

describe("lanes and seats", () => {
  it("offers a new lane only to seats without one, the library's after the document's", () => {
    const doc = twoLanes();
    const lib = [
      { id: "seat-fin", name: "Finance", kind: "person" as const },
      { id: "seat-ceo", name: "CEO", kind: "person" as const },
    ];
    expect(seatChoices(doc.seats, lib).map((s) => s.id)).toEqual(["seat-sales", "seat-fin", "seat-ceo"]);
    expect(seatsForNewLane(doc, lib).map((s) => s.id)).toEqual(["seat-ceo"]);
    expect(countInLane(doc, "l1")).toBe(3);
    expect(countInLane(doc, "l2")).toBe(0);
  });
});

describe("RACI choices", () => {
  const roles = (...r: Role[]) => new Set<Role>(r);

  it("offers R only to a seat with a lane that is not already R, and A, C and I always", () => {
    expect(canGiveRole(roles(), "R", true)).toBe(true);
    expect(canGiveRole(roles(), "R", false)).toBe(false);
    expect(canGiveRole(roles("R"), "R", true)).toBe(false);
    expect(canGiveRole(roles("R"), "A", false)).toBe(true);
  });

  it("offers Clear only when there is an A, C or I to take away", () => {
    expect(canClearRoles(roles("R"))).toBe(false);
    expect(canClearRoles(roles("R", "C"))).toBe(true);
  });
});
