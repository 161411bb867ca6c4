// The library toolbar's entry points: compare two processes, import a BPMN file, export
// documents of any process.

import { useEffect, useState } from "react";
import type { ProcessSummary } from "../bindings.gen";
import { navigate } from "../compare/nav";
import { BpmnImportDialog } from "../export/BpmnImportDialog";
import { ExportDialog } from "../export/ExportDialog";
import { call, commands } from "../lib/api";
import { Dialog } from "../shared/Dialog";
import { defaultPair } from "./pair";

export function LibraryActions({ onChanged, onOpen }: { onChanged: () => void; onOpen: (id: string) => void }) {
  const [dialog, setDialog] = useState<null | "compare" | "bpmn" | "export">(null);
  return (
    <>
      <button className="btn" onClick={() => setDialog("compare")} data-testid="library-compare">
        Compare…
      </button>
      <button className="btn" onClick={() => setDialog("bpmn")} data-testid="library-import-bpmn">
        Import BPMN…
      </button>
      <button className="btn" onClick={() => setDialog("export")} data-testid="library-export">
        Export…
      </button>
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
