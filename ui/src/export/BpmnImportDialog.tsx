// Importing a BPMN 2.0 file into the library: pick the file, import it off the UI thread,
// then read the importer's notes (what the map could not hold as the file had it) before
// opening the new process.

import { useState } from "react";
import type { BpmnImported, Progress } from "../bindings.gen";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { Dialog } from "../shared/Dialog";
import { ProgressBar, progressChannel } from "../shared/ProgressBar";
import "./export.css";

type Phase = { kind: "idle" } | { kind: "running"; progress: Progress | null } | { kind: "done"; result: BpmnImported } | { kind: "failed"; message: string };

export function BpmnImportDialog({
  onClose,
  onImported,
  onOpen,
  initialPath = "",
}: {
  onClose: () => void;
  onImported: () => void;
  onOpen: (id: string) => void;
  /** A file to offer at once (the app was asked to open it). */
  initialPath?: string;
}) {
  const [path, setPath] = useState(initialPath);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const onProgress = (p: Progress) => setPhase((ph) => (ph.kind === "running" ? { kind: "running", progress: p } : ph));

  const run = async () => {
    setPhase({ kind: "running", progress: null });
    try {
      const result = await call(commands.importBpmn(path.trim(), progressChannel(onProgress)));
      setPhase({ kind: "done", result });
      onImported();
    } catch (e) {
      setPhase({ kind: "failed", message: errorText(e) });
    }
  };

  const running = phase.kind === "running";
  const footer =
    phase.kind === "done" ? (
      <>
        <button className="btn" onClick={onClose} data-testid="bpmn-close">
          Close
        </button>
        <button className="btn primary" onClick={() => onOpen(phase.result.id)} data-testid="bpmn-open">
          Open the process
        </button>
      </>
    ) : (
      <>
        <button className="btn" onClick={onClose} disabled={running}>
          Cancel
        </button>
        <button className="btn primary" onClick={run} disabled={!path.trim() || running} data-testid="bpmn-run">
          {running ? "Importing…" : "Import"}
        </button>
      </>
    );

  return (
    <Dialog title="Import BPMN" onClose={running ? () => {} : onClose} footer={footer} wide={phase.kind === "done"}>
      <div className="export" data-testid="bpmn-dialog">
        {phase.kind !== "done" && (
          <>
            <p className="muted">
              A BPMN 2.0 XML file from Camunda, Signavio, Bizagi, ARIS, Trisotech or bpmn.io becomes a new process: pools and lanes become seats,
              tasks steps, gateways decisions, message flows handoffs, and the diagram keeps its layout.
            </p>
            <div className="field">
              <span>File</span>
              <div className="export-path">
                <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/process.bpmn" spellCheck={false} data-testid="bpmn-path" disabled={running} />
                <button
                  className="btn"
                  disabled={running}
                  onClick={async () => {
                    const picked = await commands.pickBpmnFile();
                    if (picked) setPath(picked);
                  }}
                >
                  Choose…
                </button>
              </div>
            </div>
          </>
        )}
        {phase.kind === "running" && (
          <ProgressBar progress={phase.progress} />
        )}
        {phase.kind === "failed" && (
          <div className="banner error" data-testid="bpmn-error">
            {phase.message}
          </div>
        )}
        {phase.kind === "done" && (
          <div data-testid="bpmn-done" data-id={phase.result.id}>
            <div className="bpmn-result">
              <h3 data-testid="bpmn-name">{phase.result.name}</h3>
              <span className="muted">
                {phase.result.steps} steps · {phase.result.lanes} lanes
              </span>
            </div>
            <h4 style={{ marginTop: 14 }}>
              Import notes <span className="muted">{phase.result.notes.length}</span>
            </h4>
            {phase.result.notes.length === 0 ? (
              <p className="muted">Everything in the file was carried over.</p>
            ) : (
              <>
                <p className="muted small">What the map does not hold as the file had it. Nothing was dropped without a note.</p>
                <ul className="bpmn-notes" data-testid="bpmn-notes">
                  {phase.result.notes.map((n, i) => (
                    <li key={i} data-testid="bpmn-note">
                      {n.element && <code>{n.element}</code>}
                      {n.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
