import { describe, expect, it } from "vitest";
import type { ProcessSummary } from "../bindings.gen";
import { defaultPair } from "./pair";

describe("defaultPair", () => {
  const p = (id: string, name: string, state: ProcessSummary["state"]) => ({ id, name, state }) as ProcessSummary;

  it("pairs an as-is process with the to-be of the same name", () => {
    const list = [p("x", "Invoicing (as-is)", "as-is"), p("a", "Onboarding (as-is)", "as-is"), p("b", "Onboarding (to-be)", "to-be")];
    expect(defaultPair(list)).toEqual({ before: "a", after: "b" });
  });

  it("falls back to the first two", () => {
    expect(defaultPair([p("x", "X", "draft"), p("y", "Y", "draft")])).toEqual({ before: "x", after: "y" });
    expect(defaultPair([])).toBeNull();
  });
});
