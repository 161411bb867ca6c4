// One process open for editing: toolbar, palette and canvas, inspector, problems panel.
// This screen hosts inspector/, problems/, raci/ and export/; they reach the open document
// through ./store (its context and edits) and never import this screen or ./canvas.

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useState } from "react";
import { Inspector } from "../inspector/Inspector";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { newId } from "../lib/ids";
import { autoLayout } from "../lib/layout";
import type { Document, Seat } from "../lib/model";
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { AddLaneDialog } from "./AddLaneDialog";
import { Canvas, fitMap } from "./canvas/Canvas";
import { EditorActions } from "./EditorActions";
import { HelpOverlay } from "./HelpOverlay";
import { RevisionHistory } from "./RevisionHistory";
import { EditorProvider, useEditor, useEditorStore } from "./store/EditorContext";
import { createEditorStore, type EditorStore } from "./store/store";

export function EditorScreen({ processId, onClose }: { processId: string; onClose: () => void }) {
  const [store, setStore] = useState<EditorStore | null>(null);
  const [seats, setSeats] = useState<Seat[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let made: EditorStore | null = null;
    let cancelled = false;
    void (async () => {
      try {
        const [doc, libSeats] = await Promise.all([call(commands.loadProcess(processId)), call(commands.listSeats())]);
        if (cancelled) return;
        made = createEditorStore(doc, {
          analyze: (d: Document) => call(commands.analyze(d)),
          save: async (d: Document) => {
            await call(commands.saveProcess(d));
          },
          newId,
        });
        setSeats(libSeats);
        setStore(made);
      } catch (e) {
        setError(errorText(e));
      }
    })();
    return () => {
      cancelled = true;
      if (made) {
        void made.getState().flush();
        made.getState().dispose();
      }
    };
  }, [processId]);

  if (error)
    return (
      <div className="splash">
        <h1>This process could not be opened</h1>
        <p className="muted">{error}</p>
        <button className="btn" onClick={onClose}>
          Back to the library
        </button>
      </div>
    );
  if (!store) return <div className="splash">Opening…</div>;
  return (
    <EditorProvider store={store}>
      <ReactFlowProvider>
        <EditorLayout librarySeats={seats} onClose={onClose} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}

function EditorLayout({ librarySeats, onClose }: { librarySeats: Seat[]; onClose: () => void }) {
  const [addingLane, setAddingLane] = useState(false);
  const [help, setHelp] = useState(false);
  const [history, setHistory] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  return (
    <div className="editor" data-testid="editor">
      <Toolbar onClose={onClose} onHelp={openHelp} onHistory={() => setHistory(true)} />
      <div className="editor-main">
        <div className="editor-center">
          <Canvas onAddLane={() => setAddingLane(true)} onHelp={openHelp} />
          <ProblemsPanel />
        </div>
        <Inspector librarySeats={librarySeats} />
      </div>
      {addingLane && <AddLaneDialog librarySeats={librarySeats} onClose={() => setAddingLane(false)} />}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {history && <RevisionHistory onClose={() => setHistory(false)} />}
    </div>
  );
}

const SAVE_TEXT = { saved: "All changes saved", pending: "Unsaved changes", saving: "Saving…", error: "Not saved" } as const;

function Toolbar({ onClose, onHelp, onHistory }: { onClose: () => void; onHelp: () => void; onHistory: () => void }) {
  const store = useEditorStore();
  const name = useEditor((s) => s.doc.process.name);
  const state = useEditor((s) => s.doc.process.state ?? "draft");
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const saveState = useEditor((s) => s.saveState);
  const saveError = useEditor((s) => s.saveError);
  const arranging = useEditor((s) => s.arranging);
  const rf = useReactFlow();
  return (
    <header className="toolbar">
      <button
        className="btn ghost"
        data-testid="back-to-library"
        onClick={async () => {
          await store.getState().flush();
          onClose();
        }}
      >
        ‹ Library
      </button>
      <div className="toolbar-title">
        <h1 data-testid="process-name">{name}</h1>
        <span className={`chip state-${state}`}>{state}</span>
      </div>
      <span className={`save-state is-${saveState}`} title={saveError ?? ""} data-testid="save-state" data-state={saveState}>
        {SAVE_TEXT[saveState]}
      </span>
      <div className="toolbar-group">
        <button className="icon-btn" title="Undo (Ctrl Z)" aria-label="Undo" data-testid="undo" disabled={!canUndo} onClick={() => store.getState().undo()}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden><path d="M6 4L2.5 7.5 6 11M3 7.5h6.5a4 4 0 0 1 0 8H8" fill="none" stroke="currentColor" strokeWidth="1.4" /></svg>
        </button>
        <button className="icon-btn" title="Redo (Ctrl Shift Z)" aria-label="Redo" data-testid="redo" disabled={!canRedo} onClick={() => store.getState().redo()}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden><path d="M10 4l3.5 3.5L10 11M13 7.5H6.5a4 4 0 0 0 0 8H8" fill="none" stroke="currentColor" strokeWidth="1.4" /></svg>
        </button>
        <span className="sep" />
        <button
          className="btn small"
          title="Arrange the map (Ctrl L); every step stays in its lane"
          data-testid="auto-layout"
          disabled={arranging}
          onClick={async () => {
            if (await store.getState().arrange(autoLayout)) window.setTimeout(() => fitMap(rf, store, 250), 50);
          }}
        >
          {arranging ? "Laying out…" : "Auto-layout"}
        </button>
        <button className="btn small" onClick={onHistory} data-testid="open-history">
          History
        </button>
        <EditorActions />
        <button className="icon-btn" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={onHelp} data-testid="open-help">
          ?
        </button>
      </div>
    </header>
  );
}

