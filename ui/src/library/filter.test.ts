import { describe, expect, it } from "vitest";
import type { ProcessSummary } from "../bindings.gen";
import { groupByFunction, NO_FILTER } from "./filter";

const p = (over: Partial<ProcessSummary>): ProcessSummary =>
  ({
    id: "x",
    name: "X",
    function: "sales",
    state: "as-is",
    owner: null,
    ownerName: null,
    problems: { errors: 0, warnings: 0, infos: 0 },
    review: { status: "neverReviewed" },
    revision: 1,
    createdAt: "",
    updatedAt: "",
    ...over,
  }) as ProcessSummary;

describe("library filter", () => {
  const list = [
    p({ id: "a", name: "Lead intake", function: "sales", problems: { errors: 1, warnings: 0, infos: 0 } }),
    p({ id: "b", name: "Invoicing", function: "finance", review: { status: "overdue", due: "2020-01-01" } }),
    p({ id: "c", name: "Quotes", function: "sales", state: "draft", ownerName: "Sales lead" }),
  ];

  it("groups by function in display order, names sorted", () => {
    const g = groupByFunction(list, NO_FILTER);
    expect(g.map((x) => x.fn)).toEqual(["sales", "finance"]);
    expect(g[0].items.map((x) => x.id)).toEqual(["a", "c"]);
  });

  it("searches names and owners and filters by problems and overdue reviews", () => {
    expect(groupByFunction(list, { ...NO_FILTER, text: "sales lead" }).flatMap((g) => g.items.map((i) => i.id))).toEqual(["c"]);
    expect(groupByFunction(list, { ...NO_FILTER, onlyProblems: true }).flatMap((g) => g.items.map((i) => i.id))).toEqual(["a"]);
    expect(groupByFunction(list, { ...NO_FILTER, onlyOverdue: true }).flatMap((g) => g.items.map((i) => i.id))).toEqual(["b"]);
    expect(groupByFunction(list, { ...NO_FILTER, state: "draft" }).flatMap((g) => g.items.map((i) => i.id))).toEqual(["c"]);
  });
});
