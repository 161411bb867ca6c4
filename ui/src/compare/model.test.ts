import { describe, expect, it } from "vitest";
import type { DeltaRow, Diff } from "../bindings.gen";
import diff from "./fixtures/onboarding.diff";
import { counterpart, differences, headline, improved, statusClass, statuses, tally } from "./model";

describe("statuses", () => {
  const s = statuses(diff);

  it("colours added elements on the after side and removed ones on the before side", () => {
    expect(s.after.get("n-announce-hire")).toBe("added");
    expect(s.before.get("n-notify-manager")).toBe("removed");
    expect(s.before.has("n-announce-hire")).toBe(false);
    expect(s.after.has("n-notify-manager")).toBe(false);
  });

  it("shows a step given an owner as re-owned, on both sides", () => {
    expect(s.before.get("n-badge")).toBe("moved");
    expect(s.after.get("n-badge")).toBe("moved");
    expect(statusClass(s.after.get("n-badge"))).toBe("cmp-moved");
  });

  it("shows edited steps as changed and leaves the rest alone", () => {
    expect(s.after.get("n-plan-first-week")).toBe("changed");
    expect(s.after.get("n-start")).toBeUndefined();
    expect(statusClass(undefined)).toBe("cmp-same");
  });

  it("counts the legend from the same statuses", () => {
    const t = tally(s);
    expect(t.removed).toBe(diff.removed.length);
    expect(t.moved).toBe(1);
    expect(t.added).toBe(diff.added.length);
  });

  it("puts re-owning above a plain change of the same element", () => {
    const d: Diff = {
      ...diff,
      added: [],
      removed: [],
      changed: [{ element: "node", id: "x", afterId: "x", kind: "step", label: "X", fields: [{ field: "duration", before: "1 h", after: "2 h" }] }],
      moved: [{ id: "x", afterId: "x", kind: "step", label: "X", fromSeat: { id: "a", name: "A" }, toSeat: { id: "b", name: "B" } }],
    } as Diff;
    expect(statuses(d).after.get("x")).toBe("moved");
  });
});

describe("differences", () => {
  const list = differences(diff);

  it("lists every added, removed and changed element and every handoff", () => {
    const count = (k: string) => list.filter((d) => d.kind === k).length;
    expect(count("added")).toBe(diff.added.length);
    expect(count("removed")).toBe(diff.removed.length);
    expect(count("handoff-added")).toBe(diff.handoffs.added.length);
    expect(count("handoff-removed")).toBe(diff.handoffs.removed.length);
  });

  it("names the element on both sides so a click can select it twice", () => {
    const badge = list.find((d) => d.after === "n-badge");
    expect(badge?.kind).toBe("moved");
    expect(badge?.before).toBe("n-badge");
    expect(badge?.detail).toContain("no lane → HR coordinator");
    const removed = list.find((d) => d.before === "n-notify-manager");
    expect(removed?.after).toBeNull();
  });

  it("finds counterparts through the engine's pairing", () => {
    expect(counterpart(diff, "before", "n-setup-payroll")).toBe("n-setup-payroll");
    expect(counterpart(diff, "after", "n-announce-hire")).toBeNull();
  });
});

describe("metric deltas", () => {
  const row = (metric: string, before: number | null, after: number | null, b: string, a: string): DeltaRow => ({
    metric,
    unit: "count",
    before,
    after,
    beforeText: b,
    afterText: a,
    changeText: "",
  });

  it("reads as the issue asks: handoffs 7 → 3, cycle time 11 d → 4 d", () => {
    const rows = [row("steps", 5, 5, "5", "5"), row("handoffs", 7, 3, "7", "3"), { ...row("cycle time", 15840, 5760, "11 d", "4 d"), unit: "minutes" as const }];
    expect(headline(rows)).toBe("handoffs 7 → 3, cycle time 11 d → 4 d");
    expect(headline([rows[0]])).toBe("The numbers are the same.");
  });

  it("calls a smaller number better and an unknown one neither", () => {
    expect(improved(row("handoffs", 7, 3, "", ""))).toBe(true);
    expect(improved(row("handoffs", 3, 7, "", ""))).toBe(false);
    expect(improved(row("cycle time", null, 7, "", ""))).toBeNull();
  });
});
