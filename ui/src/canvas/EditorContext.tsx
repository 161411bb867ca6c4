// Hands the open process's editor store to the components below it.

import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { EditorState, EditorStore } from "./store";

const Ctx = createContext<EditorStore | null>(null);

export function EditorProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

/** The store itself, for actions and imperative reads. */
export function useEditorStore(): EditorStore {
  const s = useContext(Ctx);
  if (!s) throw new Error("useEditorStore outside an EditorProvider");
  return s;
}

/** Reads a slice of the editor state; re-renders only when the slice changes. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
