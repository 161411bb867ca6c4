// One process open for editing: toolbar, palette and canvas, inspector, problems panel.
// This screen hosts inspector/, problems/, raci/ and export/; they reach the open document
// through ./store (its context and edits) and never import this screen or ./canvas.

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Inspector } from "../inspector/Inspector";
import { call, commands } from "../lib/api";
import { onBeforeClose } from "../lib/closing";
import { errorText } from "../lib/errors";
import { newId } from "../lib/ids";
import { autoLayout } from "../lib/layout";
import { Dialog } from "../shared/Dialog";
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
  /** The revision the next save builds on: the one opened, then each one saved. */
  const base = useRef<number | null>(null);
  /** Bumped to open the process afresh (after "take theirs"). */
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let made: EditorStore | null = null;
    let cancelled = false;
    void (async () => {
      try {
        const [opened, libSeats] = await Promise.all([call(commands.openProcess(processId)), call(commands.listSeats())]);
        if (cancelled) return;
        base.current = opened.revision;
        made = createEditorStore(opened.doc, {
          analyze: (d: Document) => call(commands.analyze(d)),
          save: async (d: Document) => {
            const saved = await call(commands.saveProcess(d, base.current));
            base.current = saved.revision;
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
  }, [processId, generation]);

  /** After a conflict: build on the newest revision, so this copy becomes the next one. */
  const keepMine = async () => {
    const revisions = await call(commands.listRevisions(processId));
    base.current = Math.max(0, ...revisions.map((r) => r.number));
    await store?.getState().flush();
  };
  /** After a conflict: drop this copy's edits and open what the other person saved. */
  const takeTheirs = () => {
    store?.getState().dispose();
    setStore(null);
    setGeneration((g) => g + 1);
  };

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
        <EditorLayout librarySeats={seats} onClose={onClose} onKeepMine={keepMine} onTakeTheirs={takeTheirs} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}

interface ConflictChoices {
  onKeepMine: () => Promise<void>;
  onTakeTheirs: () => void;
}

function EditorLayout({ librarySeats, onClose, onKeepMine, onTakeTheirs }: { librarySeats: Seat[]; onClose: () => void } & ConflictChoices) {
  const [addingLane, setAddingLane] = useState(false);
  const [help, setHelp] = useState(false);
  const [history, setHistory] = useState(false);
  /** Set when leaving (the editor, or the window) would lose edits that could not be saved. */
  const [leaving, setLeaving] = useState<"editor" | "window" | null>(null);
  const openHelp = useCallback(() => setHelp(true), []);
  const store = useEditorStore();
  useEffect(
    () =>
      onBeforeClose(async () => {
        const saved = await store.getState().flush();
        if (!saved) setLeaving("window");
        return saved;
      }),
    [store],
  );
  return (
    <div className="editor" data-testid="editor">
      <Toolbar onClose={onClose} onUnsaved={() => setLeaving("editor")} onHelp={openHelp} onHistory={() => setHistory(true)} />
      <SaveBanner onKeepMine={onKeepMine} onTakeTheirs={onTakeTheirs} />
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
      {leaving && (
        <Dialog
          title="Leave without saving?"
          onClose={() => setLeaving(null)}
          footer={
            <>
              <button className="btn" onClick={() => setLeaving(null)} data-testid="leave-stay">
                Stay and keep editing
              </button>
              <button className="btn danger" onClick={leaving === "window" ? () => void commands.closeWindow(true) : onClose} data-testid="leave-anyway">
                {leaving === "window" ? "Close and lose the changes" : "Leave and lose the changes"}
              </button>
            </>
          }
        >
          <p>Your latest changes to this process could not be saved. If you leave now, they are lost.</p>
        </Dialog>
      )}
    </div>
  );
}

/** A failed save, shown where the work is: the reason, Retry, and after a conflict the two ways out. */
function SaveBanner({ onKeepMine, onTakeTheirs }: ConflictChoices) {
  const store = useEditorStore();
  const failed = useEditor((s) => s.saveState === "error");
  const message = useEditor((s) => s.saveError);
  const conflict = useEditor((s) => s.saveConflict);
  if (!failed) return null;
  return (
    <div className="banner error save-banner" data-testid="save-error" data-conflict={conflict}>
      <span>Not saved: {message}</span>
      {conflict ? (
        <>
          <button className="btn small" onClick={() => void onKeepMine()} data-testid="save-keep-mine">
            Put mine on top
          </button>
          <button className="btn small" onClick={onTakeTheirs} data-testid="save-take-theirs">
            Take theirs
          </button>
        </>
      ) : (
        <button className="btn small" onClick={() => void store.getState().flush()} data-testid="save-retry">
          Retry
        </button>
      )}
    </div>
  );
}

const SAVE_TEXT = { saved: "All changes saved", pending: "Unsaved changes", saving: "Saving…", error: "Not saved" } as const;

function Toolbar({ onClose, onUnsaved, onHelp, onHistory }: { onClose: () => void; onUnsaved: () => void; onHelp: () => void; onHistory: () => void }) {
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
          if (await store.getState().flush()) onClose();
          else onUnsaved();
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

