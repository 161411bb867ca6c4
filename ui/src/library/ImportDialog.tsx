// Importing Handoff maps (`*.handoff.json`) into the library: list the files (typed or
// chosen), import them off the UI thread with a progress bar fed by the shell's `import`
// progress events, then show what each file became. The first bad file stops the import and
// is named; the files before it stay imported.

import { useRef, useState } from "react";
import type { Imported, Progress } from "../bindings.gen";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { Dialog } from "../shared/Dialog";
import { ProgressBar, progressChannel } from "../shared/ProgressBar";
import "../export/export.css";

type Phase =
  | { kind: "idle" }
  | { kind: "running"; progress: Progress | null }
  | { kind: "done"; imported: Imported[] }
  | { kind: "failed"; message: string; before: string[] };

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** The paths in the text box: one a line, blank lines ignored. */
export function parsePaths(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function ImportDialog({
  onClose,
  onImported,
  onOpen,
  initialPaths = [],
}: {
  onClose: () => void;
  onImported: () => void;
  onOpen: (id: string) => void;
  /** Files to offer at once (the app was asked to open them). */
  initialPaths?: string[];
}) {
  const [text, setText] = useState(initialPaths.join("\n"));
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  /** The latest progress of the running import. */
  const latest = useRef<Progress | null>(null);
  const doneSoFar = () => latest.current?.done ?? 0;
  const paths = parsePaths(text);

  const onProgress = (p: Progress) => {
    latest.current = p;
    setPhase((ph) => (ph.kind === "running" ? { kind: "running", progress: p } : ph));
  };

  const run = async () => {
    latest.current = null;
    setPhase({ kind: "running", progress: null });
    try {
      const imported = await call(commands.importFiles(paths, progressChannel(onProgress)));
      setPhase({ kind: "done", imported });
    } catch (e) {
      // Progress says how many files went in before the one that failed; those leave the
      // list, so importing again picks up at the bad file instead of copying them twice.
      const before = doneSoFar();
      setText(paths.slice(before).join("\n"));
      setPhase({ kind: "failed", message: errorText(e), before: paths.slice(0, before).map(fileName) });
    }
    onImported();
  };

  const running = phase.kind === "running";
  const footer =
    phase.kind === "done" ? (
      <>
        <button className="btn" onClick={onClose} data-testid="import-close">
          Close
        </button>
        {phase.imported.length === 1 && (
          <button className="btn primary" onClick={() => onOpen(phase.imported[0].id)}>
            Open the process
          </button>
        )}
      </>
    ) : (
      <>
        <button className="btn" onClick={onClose} disabled={running} data-testid="import-cancel">
          {phase.kind === "failed" ? "Close" : "Cancel"}
        </button>
        <button className="btn primary" onClick={run} disabled={paths.length === 0 || running} data-testid="import-run">
          {running ? "Importing…" : paths.length > 1 ? `Import ${paths.length} files` : "Import"}
        </button>
      </>
    );

  return (
    <Dialog title="Import Handoff maps" onClose={running ? () => {} : onClose} footer={footer}>
      <div className="export" data-testid="import-dialog">
        {(phase.kind === "idle" || phase.kind === "failed") && (
          <>
            <p className="muted">
              Each <code>.handoff.json</code> file becomes a process in this library. A file whose process is already here comes in as a copy, so nothing is
              overwritten.
            </p>
            <div className="field">
              <span>Files, one a line</span>
              <div className="export-path">
                <textarea
                  rows={4}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder="/path/to/process.handoff.json"
                  spellCheck={false}
                  data-testid="import-paths"
                />
                <button
                  className="btn"
                  onClick={async () => {
                    const picked = await commands.pickImportFiles();
                    if (picked.length) setText((t) => [...parsePaths(t), ...picked].join("\n"));
                  }}
                >
                  Choose…
                </button>
              </div>
            </div>
          </>
        )}
        {phase.kind === "running" && (
          <ProgressBar
            progress={phase.progress}
            label={
              phase.progress && phase.progress.done < phase.progress.total
                ? `File ${phase.progress.done + 1} of ${phase.progress.total}: ${fileName(phase.progress.detail)}`
                : "Starting…"
            }
            testId="import-progress"
          />
        )}
        {phase.kind === "failed" && (
          <div className="banner error" data-testid="import-error">
            <div>{phase.message}</div>
            {phase.before.length > 0 && <div data-testid="import-before">Imported before it: {phase.before.join(", ")}.</div>}
          </div>
        )}
        {phase.kind === "done" && (
          <ul className="import-results" data-testid="import-done">
            {phase.imported.map((i) => (
              <li key={i.id} data-testid="imported" data-id={i.id}>
                {i.summary}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
