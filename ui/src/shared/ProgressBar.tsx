// A long task's progress as the shell reports it (Progress events): a bar and a line saying
// what is happening, and a hook that follows one task's reports.

import { useEffect, useRef } from "react";
import { events, type Progress } from "../bindings.gen";
import "./ProgressBar.css";

/** The bar is `done / total` full (a sliver until the first report); `label` defaults to the report's detail. */
export function ProgressBar({ progress, label, testId }: { progress: Progress | null; label?: string; testId?: string }) {
  const share = progress && progress.total ? (100 * progress.done) / progress.total : 5;
  return (
    <div className="export-progress" data-testid={testId}>
      <div className="export-bar">
        <div style={{ width: `${share}%` }} />
      </div>
      <span className="muted small">{label ?? (progress?.detail || "Starting…")}</span>
    </div>
  );
}

/** Calls `onProgress` with each progress report the shell sends for `task` while mounted. */
export function useProgressEvents(task: string, onProgress: (p: Progress) => void) {
  const handler = useRef(onProgress);
  handler.current = onProgress;
  useEffect(() => {
    const off = events.progress.listen((e) => {
      if (e.payload.task === task) handler.current(e.payload);
    });
    return () => {
      void off.then((f) => f());
    };
  }, [task]);
}
