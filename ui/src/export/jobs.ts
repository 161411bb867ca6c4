// The export dialog's choices as data: which job each one runs, the file it suggests and
// the extension it writes. Pure, so the dialog stays presentational.

import type { ExportJob, MapRef } from "../bindings.gen";

export type Choice = "sop" | "raciXlsx" | "raciCsv" | "raciPdf" | "bpmn" | "map" | "handout" | "runbookMd" | "runbookJson" | "handoverPack" | "backlogCsv" | "backlogPdf";

export interface ChoiceInfo {
  choice: Choice;
  title: string;
  detail: string;
  extension: string;
  /** Needs a process (else a seat, an AI agent's seat, or the two sides of a comparison). */
  needs: "process" | "seat" | "agent" | "comparison";
}

export const CHOICES: ChoiceInfo[] = [
  { choice: "sop", title: "SOP (PDF)", detail: "The standard operating procedure: owner, trigger, numbered steps, handoffs, the map, RACI, review date.", extension: "pdf", needs: "process" },
  { choice: "raciXlsx", title: "RACI matrix (Excel)", detail: "Steps × seats with R, A, C, I drop-downs and colours.", extension: "xlsx", needs: "process" },
  { choice: "raciCsv", title: "RACI matrix (CSV)", detail: "The same matrix as plain comma-separated text.", extension: "csv", needs: "process" },
  { choice: "raciPdf", title: "RACI matrix (PDF)", detail: "The matrix as a printable table.", extension: "pdf", needs: "process" },
  { choice: "bpmn", title: "BPMN 2.0 XML", detail: "For Camunda, Signavio, Bizagi, ARIS, Trisotech and bpmn.io, with the layout.", extension: "bpmn", needs: "process" },
  { choice: "map", title: "Handoff map", detail: "The whole map as a .handoff.json file, to share or to import into another library.", extension: "handoff.json", needs: "process" },
  { choice: "handout", title: "Seat handout (PDF)", detail: "What one seat does across every process: the steps, what it receives and hands over.", extension: "pdf", needs: "seat" },
  { choice: "handoverPack", title: "Handover pack (PDF)", detail: "For a seat changing hands: the handout, what becomes ownerless while it is empty, open findings, the people to meet.", extension: "pdf", needs: "seat" },
  { choice: "runbookMd", title: "Agent runbook (Markdown)", detail: "An AI agent seat's steps, tools, hand-overs and escalations across every process, to paste into its instructions.", extension: "md", needs: "agent" },
  { choice: "runbookJson", title: "Agent runbook (JSON)", detail: "The same runbook as JSON (docs/runbook.schema.json), for agent platforms that read it.", extension: "json", needs: "agent" },
  { choice: "backlogPdf", title: "Backlog (PDF)", detail: "Both maps, every difference and what happened to the numbers, to hand round.", extension: "pdf", needs: "comparison" },
  { choice: "backlogCsv", title: "Backlog (CSV)", detail: "One row per difference, with the metric deltas, for a spreadsheet or tracker.", extension: "csv", needs: "comparison" },
];

export const choiceInfo = (c: Choice): ChoiceInfo => CHOICES.find((x) => x.choice === c)!;

export interface JobContext {
  process?: string | null;
  seat?: string | null;
  before?: MapRef | null;
  after?: MapRef | null;
}

/** The command's job for a choice, or null while something it needs is not chosen yet. */
export function jobFor(choice: Choice, ctx: JobContext): ExportJob | null {
  const process = ctx.process ?? null;
  switch (choice) {
    case "sop":
      return process ? { kind: "sop", process } : null;
    case "raciXlsx":
      return process ? { kind: "raci", process, format: "xlsx" } : null;
    case "raciCsv":
      return process ? { kind: "raci", process, format: "csv" } : null;
    case "raciPdf":
      return process ? { kind: "raci", process, format: "pdf" } : null;
    case "bpmn":
      return process ? { kind: "bpmn", process } : null;
    case "map":
      return process ? { kind: "map", process } : null;
    case "handout":
      return ctx.seat ? { kind: "handout", seat: ctx.seat } : null;
    case "handoverPack":
      return ctx.seat ? { kind: "handoverPack", seat: ctx.seat } : null;
    case "runbookMd":
      return ctx.seat ? { kind: "runbook", seat: ctx.seat, format: "markdown" } : null;
    case "runbookJson":
      return ctx.seat ? { kind: "runbook", seat: ctx.seat, format: "json" } : null;
    case "backlogCsv":
      return ctx.before && ctx.after ? { kind: "backlogCsv", before: ctx.before, after: ctx.after } : null;
    case "backlogPdf":
      return ctx.before && ctx.after ? { kind: "backlogPdf", before: ctx.before, after: ctx.after } : null;
  }
}

const SUFFIX: Record<Choice, string> = {
  sop: "SOP",
  raciXlsx: "RACI",
  raciCsv: "RACI",
  raciPdf: "RACI",
  bpmn: "",
  map: "",
  handout: "handout",
  handoverPack: "handover pack",
  runbookMd: "runbook",
  runbookJson: "runbook",
  backlogCsv: "backlog",
  backlogPdf: "backlog",
};

/** "Employee onboarding (to-be) SOP.pdf"; `name` is the process's, the seat's or the comparison's. */
export function fileNameFor(choice: Choice, name: string): string {
  const base = name.trim() || "Handoff";
  const suffix = SUFFIX[choice];
  return `${suffix ? `${base} ${suffix}` : base}.${choiceInfo(choice).extension}`;
}

/** The same path with its file name swapped for `fileName` (keeping the folder the user chose). */
export function withFileName(path: string, fileName: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut < 0 ? fileName : path.slice(0, cut + 1) + fileName;
}

/** "37 KB", "1.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
