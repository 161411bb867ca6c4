// Files the app is asked to open: on its own command line, or handed over by a second launch
// (a double-click on a map file while Handoff is open). The shell brings the window to the
// front and sends them over a channel registered once at start; App offers to import them.

import { Channel } from "@tauri-apps/api/core";
import type { LaunchFile } from "../bindings.gen";
import { commands } from "./api";

const listeners = new Set<(files: LaunchFile[]) => void>();
let waiting: LaunchFile[] = [];

/** Asks the shell for every file the app is asked to open. Call once. */
export function watchLaunches(): void {
  const channel = new Channel<LaunchFile[]>();
  channel.onmessage = (files) => {
    if (listeners.size === 0) waiting = [...waiting, ...files];
    for (const l of listeners) l(files);
  };
  void commands.watchLaunches(channel);
}

/** Calls `handler` with files to open, starting with any that came before it subscribed. */
export function onLaunch(handler: (files: LaunchFile[]) => void): () => void {
  listeners.add(handler);
  if (waiting.length > 0) {
    const files = waiting;
    waiting = [];
    handler(files);
  }
  return () => {
    listeners.delete(handler);
  };
}

/** The next dialog to show for a queue of launched files: one BPMN file, or all map files. */
export function nextLaunch(queue: LaunchFile[]): { bpmn: string } | { maps: string[] } | null {
  const bpmn = queue.find((f) => f.bpmn);
  if (bpmn) return { bpmn: bpmn.path };
  const maps = queue.filter((f) => !f.bpmn).map((f) => f.path);
  return maps.length > 0 ? { maps } : null;
}

/** The queue after the dialog for `next` closed. */
export function afterLaunch(queue: LaunchFile[], next: { bpmn: string } | { maps: string[] }): LaunchFile[] {
  return "bpmn" in next ? queue.filter((f) => f.path !== next.bpmn) : queue.filter((f) => f.bpmn);
}
