// Moving between screens from places that App does not render directly (the editor's and
// the library's extra actions, the compare view). App subscribes once with
// useNavigation; everything else calls navigate, so no feature imports the screen above it.

import { useEffect } from "react";
import type { MapRef } from "../bindings.gen";

export type NavRequest =
  | { kind: "library" }
  | { kind: "editor"; processId: string }
  | { kind: "compare"; before: MapRef; after: MapRef };

const listeners = new Set<(r: NavRequest) => void>();

export function navigate(r: NavRequest): void {
  for (const l of listeners) l(r);
}

/** Calls `handler` for every navigate() while the calling component is mounted. */
export function useNavigation(handler: (r: NavRequest) => void): void {
  useEffect(() => {
    listeners.add(handler);
    return () => {
      listeners.delete(handler);
    };
  }, [handler]);
}
