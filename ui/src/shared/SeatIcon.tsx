// An icon per seat kind, drawn inline so it inherits the text colour.

import type { SeatKind } from "../lib/model";

const PATHS: Record<SeatKind, string> = {
  person: "M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-5 6c0-2.8 2.2-4.5 5-4.5s5 1.7 5 4.5",
  team: "M6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1.5 13.5c0-2.4 2-3.8 4.5-3.8s4.5 1.4 4.5 3.8M11 7a2 2 0 1 0 0-4M12 9.8c1.6.3 2.8 1.5 2.8 3.7",
  agent: "M8 1.5l1.4 3.6 3.6 1.4-3.6 1.4L8 11.5 6.6 7.9 3 6.5l3.6-1.4zM12.5 10.5l.7 1.8 1.8.7-1.8.7-.7 1.8-.7-1.8-1.8-.7 1.8-.7z",
  system: "M2 3h12v7H2zM6 13h4M8 10v3",
  external: "M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM1.5 8h13M8 1.5c2 2 2.6 4.2 2.6 6.5S10 12.5 8 14.5C6 12.5 5.4 10.3 5.4 8S6 3.5 8 1.5",
};

export function SeatIcon({ kind, size = 16 }: { kind: SeatKind; size?: number }) {
  return (
    <svg className={`seat-icon seat-${kind}`} width={size} height={size} viewBox="0 0 16 16" aria-label={kind} role="img">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
