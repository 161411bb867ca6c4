// The export dialog: pick what to export (SOP, RACI, BPMN, seat handout or a comparison's
// backlog), where to save it (a suggested path in Documents, or "Choose…"), watch the
// progress of the export, then open the file or show it in its folder.

import { useEffect, useRef, useState } from "react";
import type { Exported, MapRef, Progress, ProcessSummary, Seat } from "../bindings.gen";
import { call, CommandError, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { Dialog } from "../shared/Dialog";
import { ProgressBar, progressChannel } from "../shared/ProgressBar";
import { CHOICES, choiceInfo, fileNameFor, formatBytes, jobFor, withFileName, type Choice } from "./jobs";
import "./export.css";

export interface ExportDialogProps {
  /** The process to export; when absent the dialog offers a process picker. */
  processId?: string;
  /** Set when exporting a comparison's backlog: only the backlog is offered then. */
  backlog?: { before: MapRef; after: MapRef; name: string };
  /** The choice selected first. */
  initial?: Choice;
  /** The seat selected first (for a handout, a handover pack or a runbook). */
  seatId?: string;
  onClose: () => void;
}

type Phase =
  | { kind: "idle" }
  | { kind: "running"; progress: Progress | null }
  | { kind: "done"; result: Exported }
  | { kind: "failed"; message: string }
  /** A file is already at the path: the user says whether to replace it. */
  | { kind: "confirm"; message: string };

export function ExportDialog({ processId, backlog, initial, seatId, onClose }: ExportDialogProps) {
  const offered = CHOICES.filter((c) => (backlog ? c.needs === "comparison" : c.needs !== "comparison"));
  const [choice, setChoice] = useState<Choice>(initial ?? offered[0].choice);
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [seats, setSeats] = useState<Seat[]>([]);
  const [process, setProcess] = useState<string | null>(processId ?? null);
  const [seat, setSeat] = useState<string | null>(seatId ?? null);
  const [path, setPath] = useState("");
  const [pathTouched, setPathTouched] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  useEffect(() => {
    void call(commands.listProcesses()).then((l) => {
      setProcesses(l);
      setProcess((p) => p ?? l[0]?.id ?? null);
    });
    void call(commands.listSeats()).then((s) => {
      setSeats(s);
      setSeat((x) => x ?? s[0]?.id ?? null);
    });
  }, []);

  const info = choiceInfo(choice);
  const name =
    info.needs === "comparison"
      ? (backlog?.name ?? "Comparison")
      : info.needs === "seat" || info.needs === "agent"
        ? (seats.find((s) => s.id === seat)?.name ?? "Seat")
        : (processes.find((p) => p.id === process)?.name ?? process ?? "Process");
  const fileName = fileNameFor(choice, name);
  // A runbook is written for an AI agent's seat: offer those, and move to one when needed.
  const seatChoices = info.needs === "agent" ? seats.filter((s) => s.kind === "agent") : seats;
  useEffect(() => {
    if (seatChoices.length > 0 && !seatChoices.some((s) => s.id === seat)) setSeat(seatChoices[0].id);
  }, [seatChoices, seat]);

  // Suggest a path in Documents until the user picks or types one; after that, a new choice
  // only renames the file (a different document), keeping the folder they chose.
  const lastChoice = useRef(choice);
  useEffect(() => {
    const choiceChanged = lastChoice.current !== choice;
    lastChoice.current = choice;
    if (pathTouched) {
      if (choiceChanged) setPath((p) => withFileName(p, fileName));
      return;
    }
    let stale = false;
    void commands.defaultExportPath(fileName).then((p) => !stale && setPath(p));
    return () => {
      stale = true;
    };
  }, [fileName, choice, pathTouched]);

  const onProgress = (p: Progress) => setPhase((ph) => (ph.kind === "running" ? { kind: "running", progress: p } : ph));
  const job = jobFor(choice, { process, seat, before: backlog?.before, after: backlog?.after });
  const run = async (replace: boolean) => {
    if (!job) return;
    setPhase({ kind: "running", progress: null });
    try {
      const result = await call(commands.exportFile(job, path, replace, progressChannel(onProgress)));
      setPhase({ kind: "done", result });
    } catch (e) {
      const exists = e instanceof CommandError && e.code === "exists";
      setPhase({ kind: exists ? "confirm" : "failed", message: errorText(e) });
    }
  };

  const running = phase.kind === "running";
  const footer =
    phase.kind === "done" ? (
      <>
        <button className="btn" onClick={() => void call(commands.revealExported(phase.result.path)).catch((e) => setPhase({ kind: "failed", message: errorText(e) }))} data-testid="export-reveal">
          Show in folder
        </button>
        <button className="btn" onClick={() => void call(commands.openExported(phase.result.path)).catch((e) => setPhase({ kind: "failed", message: errorText(e) }))} data-testid="export-open">
          Open
        </button>
        <button className="btn primary" onClick={onClose} data-testid="export-close">
          Done
        </button>
      </>
    ) : phase.kind === "confirm" ? (
      <>
        <button className="btn" onClick={() => setPhase({ kind: "idle" })} data-testid="export-keep">
          Keep the file
        </button>
        <button className="btn danger" onClick={() => void run(true)} data-testid="export-replace">
          Replace it
        </button>
      </>
    ) : (
      <>
        <button className="btn" onClick={onClose} disabled={running}>
          Cancel
        </button>
        <button className="btn primary" onClick={() => void run(false)} disabled={!job || !path.trim() || running} data-testid="export-run">
          {running ? "Exporting…" : "Export"}
        </button>
      </>
    );

  return (
    <Dialog title={backlog ? "Export the improvement backlog" : "Export"} onClose={running ? () => {} : onClose} footer={footer}>
      <div className="export" data-testid="export-dialog">
        <div className="export-choices" role="radiogroup">
          {offered.map((c) => (
            <label key={c.choice} className={`export-choice ${choice === c.choice ? "is-on" : ""}`} data-testid={`export-choice-${c.choice}`}>
              <input type="radio" name="export-choice" checked={choice === c.choice} onChange={() => setChoice(c.choice)} disabled={running} />
              <span className="export-choice-text">
                <span className="export-choice-title">{c.title}</span>
                <span className="export-choice-detail">{c.detail}</span>
              </span>
            </label>
          ))}
        </div>
        {info.needs === "process" && !processId && (
          <label className="field">
            <span>Process</span>
            <select value={process ?? ""} onChange={(e) => setProcess(e.target.value)} data-testid="export-process" disabled={running}>
              {processes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {info.needs === "agent" && seatChoices.length === 0 && <p className="muted">No seat in this library is held by an AI agent yet.</p>}
        {(info.needs === "seat" || info.needs === "agent") && seatChoices.length > 0 && (
          <label className="field">
            <span>{info.needs === "agent" ? "Agent seat" : "Seat"}</span>
            <select value={seat ?? ""} onChange={(e) => setSeat(e.target.value)} data-testid="export-seat" disabled={running}>
              {seatChoices.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="field">
          <span>Save as</span>
          <div className="export-path">
            <input
              value={path}
              onChange={(e) => {
                setPath(e.target.value);
                setPathTouched(true);
              }}
              spellCheck={false}
              data-testid="export-path"
              disabled={running}
            />
            <button
              className="btn"
              disabled={running}
              onClick={async () => {
                const picked = await commands.pickSavePath(path || fileName, info.extension);
                if (picked) {
                  setPath(picked);
                  setPathTouched(true);
                }
              }}
            >
              Choose…
            </button>
          </div>
        </div>
        {phase.kind === "running" && (
          <ProgressBar progress={phase.progress} testId="export-progress" />
        )}
        {phase.kind === "done" && (
          <div className="banner export-done" data-testid="export-done" data-path={phase.result.path}>
            Saved <strong>{phase.result.path}</strong> ({formatBytes(phase.result.bytes)}).
            {phase.result.warnings.length > 0 && (
              <ul className="export-warnings">
                {phase.result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {phase.kind === "failed" && (
          <div className="banner error" data-testid="export-error">
            {phase.message}
          </div>
        )}
        {phase.kind === "confirm" && (
          <div className="banner warning" data-testid="export-confirm">
            {phase.message}. Replace the file that is there with this export?
          </div>
        )}
      </div>
    </Dialog>
  );
}
