// Hands the open process's editor store to the components below it: the editor screen, its
// canvas and the features it hosts (inspector, problems, RACI grid). editor/store holds only
// the open document's state (this context, the store and the React Flow view it derives) and
// imports none of them, so they can all read it without importing the screen.

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
