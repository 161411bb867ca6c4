// Pure filtering and grouping of the library's process list.

import type { BusinessFunction, ProcessState, ProcessSummary } from "../bindings.gen";
import { FUNCTIONS } from "../lib/model";

export interface ProcessFilter {
  text: string;
  state: ProcessState | "all";
  function: BusinessFunction | "all";
  owner: string | "all";
  onlyProblems: boolean;
  onlyOverdue: boolean;
}

export const NO_FILTER: ProcessFilter = {
  text: "",
  state: "all",
  function: "all",
  owner: "all",
  onlyProblems: false,
  onlyOverdue: false,
};

export const FUNCTION_ORDER: BusinessFunction[] = FUNCTIONS.map((f) => f.value);

export function matches(p: ProcessSummary, f: ProcessFilter): boolean {
  const text = f.text.trim().toLowerCase();
  if (text && !p.name.toLowerCase().includes(text) && !(p.ownerName ?? "").toLowerCase().includes(text)) return false;
  if (f.state !== "all" && p.state !== f.state) return false;
  if (f.function !== "all" && p.function !== f.function) return false;
  if (f.owner !== "all" && p.owner !== f.owner) return false;
  if (f.onlyProblems && p.problems.errors + p.problems.warnings === 0) return false;
  if (f.onlyOverdue && p.review.status !== "overdue") return false;
  return true;
}

/** Processes that pass the filter, grouped by business function in display order. */
export function groupByFunction(list: ProcessSummary[], f: ProcessFilter): { fn: BusinessFunction; items: ProcessSummary[] }[] {
  const kept = list.filter((p) => matches(p, f));
  return FUNCTION_ORDER.map((fn) => ({
    fn,
    items: kept.filter((p) => p.function === fn).sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((g) => g.items.length > 0);
}
