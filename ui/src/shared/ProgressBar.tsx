// A long task's progress as the shell reports it over the call's own channel: a bar and a
// line saying what is happening, and the channel to hand to the command.

import { Channel } from "@tauri-apps/api/core";
import type { Progress } from "../bindings.gen";
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

/** A channel for one call of a long command: each report the command sends goes to `onProgress`. */
export function progressChannel(onProgress: (p: Progress) => void): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return channel;
}
