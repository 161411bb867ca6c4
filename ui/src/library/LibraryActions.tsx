// The library toolbar's entry points: compare two processes, import a BPMN file, export
// documents of any process.

import { useEffect, useRef, useState } from "react";
import type { ProcessSummary } from "../bindings.gen";
import { BpmnImportDialog } from "../export/BpmnImportDialog";
import { ExportDialog } from "../export/ExportDialog";
import "../export/export.css";
import { call, commands } from "../lib/api";
import { navigate } from "../lib/nav";
import { Dialog } from "../shared/Dialog";
import { defaultPair } from "./pair";

export function LibraryActions({ onChanged, onOpen }: { onChanged: () => void; onOpen: (id: string) => void }) {
  const [dialog, setDialog] = useState<null | "compare" | "bpmn" | "export">(null);
  const [menu, setMenu] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const away = (e: PointerEvent) => ref.current && !ref.current.contains(e.target as Node) && setMenu(false);
    window.addEventListener("pointerdown", away);
    return () => window.removeEventListener("pointerdown", away);
  }, [menu]);
  const open = (d: "compare" | "bpmn" | "export") => {
    setMenu(false);
    setDialog(d);
  };
  // One button with a menu, so the library's toolbar stays on one row.
  return (
    <>
      <div className="lib-more" ref={ref}>
        <button className="btn" onClick={() => setMenu(!menu)} aria-expanded={menu} data-testid="library-more" title="Compare processes, import BPMN, export documents">
          More ▾
        </button>
        {menu && (
          <div className="lib-more-menu" role="menu">
            <button className="lib-more-item" role="menuitem" onClick={() => open("compare")} data-testid="library-compare">
              Compare two processes…
            </button>
            <button className="lib-more-item" role="menuitem" onClick={() => open("bpmn")} data-testid="library-import-bpmn">
              Import BPMN…
            </button>
            <button className="lib-more-item" role="menuitem" onClick={() => open("export")} data-testid="library-export">
              Export SOP, RACI, BPMN or a handout…
            </button>
          </div>
        )}
      </div>
      {dialog === "compare" && <CompareDialog onClose={() => setDialog(null)} />}
      {dialog === "bpmn" && <BpmnImportDialog onClose={() => setDialog(null)} onImported={onChanged} onOpen={onOpen} />}
      {dialog === "export" && <ExportDialog onClose={() => setDialog(null)} />}
    </>
  );
}

function CompareDialog({ onClose }: { onClose: () => void }) {
  const [list, setList] = useState<ProcessSummary[] | null>(null);
  const [pair, setPair] = useState<{ before: string; after: string } | null>(null);
  useEffect(() => {
    void call(commands.listProcesses()).then((l) => {
      setList(l);
      setPair(defaultPair(l));
    });
  }, []);
  const select = (which: "before" | "after") => (
    <label className="field">
      <span>{which === "before" ? "Before (as-is)" : "After (to-be)"}</span>
      <select
        value={pair?.[which] ?? ""}
        onChange={(e) => pair && setPair({ ...pair, [which]: e.target.value })}
        data-testid={`compare-dialog-${which}`}
      >
        {(list ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Dialog
      title="Compare two processes"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn primary"
            disabled={!pair}
            data-testid="compare-dialog-go"
            onClick={() => pair && navigate({ kind: "compare", before: { process: pair.before, revision: null }, after: { process: pair.after, revision: null } })}
          >
            Compare
          </button>
        </>
      }
    >
      <p className="muted">Both maps side by side with what was added, removed, changed and re-owned, and what happened to the numbers. Two revisions of one process can be picked in the compare view.</p>
      {select("before")}
      {select("after")}
    </Dialog>
  );
}
