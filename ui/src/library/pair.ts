// Which two processes the compare dialog proposes: an as-is process and the to-be process
// with the same name, else the first as-is and the first to-be, else the first two.

import type { ProcessSummary } from "../bindings.gen";

const base = (name: string) => name.replace(/\s*\((as[- ]is|to[- ]be)\)\s*$/i, "").trim().toLowerCase();

export function defaultPair(list: ProcessSummary[]): { before: string; after: string } | null {
  if (list.length === 0) return null;
  const asIs = list.filter((p) => p.state === "as-is");
  const toBe = list.filter((p) => p.state === "to-be");
  for (const a of asIs) {
    const match = toBe.find((t) => base(t.name) === base(a.name));
    if (match) return { before: a.id, after: match.id };
  }
  if (asIs.length && toBe.length) return { before: asIs[0].id, after: toBe[0].id };
  return { before: list[0].id, after: (list[1] ?? list[0]).id };
}
