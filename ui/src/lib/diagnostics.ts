// Indexes the engine's findings by element so the canvas can badge what they name.

import type { Diagnostic, Severity } from "../bindings.gen";

/** The worst finding on an element and how many there are; null when it has none. */
export type Badge = { severity: Severity; count: number } | null;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Worst severity and count of findings per element id. O(findings × elements named). */
export function badgesByElement(diagnostics: Diagnostic[]): Map<string, NonNullable<Badge>> {
  const out = new Map<string, NonNullable<Badge>>();
  for (const d of diagnostics) {
    for (const id of d.elements) {
      const b = out.get(id);
      if (!b) out.set(id, { severity: d.severity, count: 1 });
      else
        out.set(id, {
          severity: RANK[d.severity] < RANK[b.severity] ? d.severity : b.severity,
          count: b.count + 1,
        });
    }
  }
  return out;
}

/** Findings grouped by severity, most severe first; empty groups left out. */
export function groupBySeverity(diagnostics: Diagnostic[]): { severity: Severity; items: Diagnostic[] }[] {
  return (["error", "warning", "info"] as Severity[])
    .map((severity) => ({ severity, items: diagnostics.filter((d) => d.severity === severity) }))
    .filter((g) => g.items.length > 0);
}
