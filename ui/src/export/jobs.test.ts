import { describe, expect, it } from "vitest";
import { defaultPair } from "../actions/pair";
import type { ProcessSummary } from "../bindings.gen";
import { fileNameFor, formatBytes, jobFor, withFileName } from "./jobs";

describe("jobFor", () => {
  it("builds the command's job for each choice", () => {
    expect(jobFor("sop", { process: "p1" })).toEqual({ kind: "sop", process: "p1" });
    expect(jobFor("raciXlsx", { process: "p1" })).toEqual({ kind: "raci", process: "p1", format: "xlsx" });
    expect(jobFor("bpmn", { process: "p1" })).toEqual({ kind: "bpmn", process: "p1" });
    expect(jobFor("map", { process: "p1" })).toEqual({ kind: "map", process: "p1" });
    expect(jobFor("handout", { seat: "s1" })).toEqual({ kind: "handout", seat: "s1" });
    const side = { process: "p1", revision: 2 };
    expect(jobFor("backlogCsv", { before: side, after: { process: "p1", revision: null } })).toEqual({
      kind: "backlogCsv",
      before: side,
      after: { process: "p1", revision: null },
    });
  });

  it("is null until what the job needs is chosen", () => {
    expect(jobFor("sop", {})).toBeNull();
    expect(jobFor("handout", { process: "p1" })).toBeNull();
    expect(jobFor("backlogCsv", { before: { process: "p", revision: null } })).toBeNull();
  });
});

describe("file names", () => {
  it("names the file after the process and the document", () => {
    expect(fileNameFor("sop", "Employee onboarding")).toBe("Employee onboarding SOP.pdf");
    expect(fileNameFor("raciXlsx", "Invoicing")).toBe("Invoicing RACI.xlsx");
    expect(fileNameFor("bpmn", "Invoicing")).toBe("Invoicing.bpmn");
    expect(fileNameFor("map", "Invoicing")).toBe("Invoicing.handoff.json");
    expect(fileNameFor("sop", "  ")).toBe("Handoff SOP.pdf");
  });

  it("keeps the folder the user chose when the choice changes", () => {
    expect(withFileName("/home/a/Docs/x SOP.pdf", "x RACI.csv")).toBe("/home/a/Docs/x RACI.csv");
    expect(withFileName("C:\\Users\\a\\x.pdf", "y.pdf")).toBe("C:\\Users\\a\\y.pdf");
    expect(withFileName("x.pdf", "y.pdf")).toBe("y.pdf");
  });

  it("formats sizes", () => {
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(37 * 1024)).toBe("37 KB");
  });
});

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
