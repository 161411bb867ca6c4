import { describe, expect, it } from "vitest";
import { fileNameFor, formatBytes, jobFor, withFileName } from "./jobs";

describe("jobFor", () => {
  it("builds the command's job for each choice", () => {
    expect(jobFor("sop", { process: "p1" })).toEqual({ kind: "sop", process: "p1" });
    expect(jobFor("raciXlsx", { process: "p1" })).toEqual({ kind: "raci", process: "p1", format: "xlsx" });
    expect(jobFor("bpmn", { process: "p1" })).toEqual({ kind: "bpmn", process: "p1" });
    expect(jobFor("map", { process: "p1" })).toEqual({ kind: "map", process: "p1" });
    expect(jobFor("handout", { seat: "s1" })).toEqual({ kind: "handout", seat: "s1" });
    expect(jobFor("handoverPack", { seat: "s1" })).toEqual({ kind: "handoverPack", seat: "s1" });
    expect(jobFor("runbookMd", { seat: "s1" })).toEqual({ kind: "runbook", seat: "s1", format: "markdown" });
    expect(jobFor("runbookJson", { seat: "s1" })).toEqual({ kind: "runbook", seat: "s1", format: "json" });
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
    expect(fileNameFor("runbookMd", "Ticket triage agent")).toBe("Ticket triage agent runbook.md");
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
