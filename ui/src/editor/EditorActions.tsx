// The editor toolbar's entry points to the RACI grid, the compare view, deriving a to-be
// map and the export dialog. The RACI grid is drawn over the canvas area (the canvas stays
// mounted underneath, keeping its viewport; the problems panel stays in view below).

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { ExportDialog } from "../export/ExportDialog";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { navigate } from "../lib/nav";
import { RaciGrid } from "../raci/RaciGrid";
import { useEditor, useEditorStore } from "./store/EditorContext";

export function EditorActions() {
  const store = useEditorStore();
  const id = useEditor((s) => s.doc.process.id);
  const derivedFrom = useEditor((s) => s.doc.process.derivedFrom ?? null);
  const [raci, setRaci] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [host, setHost] = useState<Element | null>(null);

  useEffect(() => {
    setHost(raci ? document.querySelector("[data-testid=editor] .canvas-wrap") : null);
  }, [raci]);

  const compare = async () => {
    await store.getState().flush();
    if (derivedFrom) {
      navigate({ kind: "compare", before: { process: derivedFrom.process, revision: null }, after: { process: id, revision: null } });
      return;
    }
    const revs = await call(commands.listRevisions(id)).catch(() => []);
    const previous = revs[1]?.number ?? revs[0]?.number ?? null;
    navigate({ kind: "compare", before: { process: id, revision: previous }, after: { process: id, revision: null } });
  };

  const derive = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.getState().flush();
      const saved = await call(commands.deriveToBe(id));
      navigate({ kind: "editor", processId: saved.id });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <span className="sep" />
      {error && (
        <span className="error-text small" title={error} onClick={() => setError(null)} data-testid="editor-actions-error">
          {error.length > 60 ? `${error.slice(0, 60)}…` : error}
        </span>
      )}
      <button className={`btn small ${raci ? "primary" : ""}`} onClick={() => setRaci(!raci)} data-testid="open-raci" aria-pressed={raci} title="Steps × seats: who is Responsible, Accountable, Consulted, Informed">
        RACI
      </button>
      <button className="btn small" onClick={compare} data-testid="open-compare" title={derivedFrom ? "Compare with the as-is map this was derived from" : "Compare with the previous revision"}>
        Compare
      </button>
      <button className="btn small" onClick={derive} disabled={busy} data-testid="derive-to-be" title="Make a to-be copy of this map to redraw, keeping element ids so the two compare cleanly">
        Derive to-be
      </button>
      <button
        className="btn small"
        onClick={async () => {
          await store.getState().flush();
          setExporting(true);
        }}
        data-testid="open-export"
      >
        Export…
      </button>
      {exporting && <ExportDialog processId={id} onClose={() => setExporting(false)} />}
      {raci &&
        host &&
        createPortal(
          <div className="raci-overlay">
            <RaciGrid onClose={() => setRaci(false)} />
          </div>,
          host,
        )}
    </>
  );
}
