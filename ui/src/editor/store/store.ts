// The editor store: one per open process, created by a factory and handed out through
// context (see EditorContext). It holds the document, the undo history, what React Flow
// draws, the engine's latest findings and the autosave state. React Flow callbacks are
// actions here; components only read with selectors and call actions. Every change of the
// document is a named edit from lib/edits, applied as one undo step.

import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Diagnostic } from "../../bindings.gen";
import * as edits from "../../lib/edits";
import { errorText } from "../../lib/errors";
import { laneAt, NODE_SIZE, relativeY, snap, type LaneBand } from "../../lib/geometry";
import type { Analysis, Document, NodeTag, Process, Seat, StepDetails } from "../../lib/model";
import { asksOnConnect, namedOnAdd } from "../../lib/rules";
import { toFlow, type FlowView } from "./toFlow";
import type { AppNode, FlowEdge } from "./types";

/** What the store needs from the outside world; the app passes the Tauri commands, tests pass fakes. */
export interface EditorPorts {
  analyze(doc: Document): Promise<Analysis>;
  save(doc: Document, summary: string): Promise<void>;
  newId(prefix: string): string;
}

export type SaveState = "saved" | "pending" | "saving" | "error";

/** How long after the last edit the document is saved as a revision. */
export const AUTOSAVE_MS = 600;
const HISTORY_LIMIT = 200;

export interface EditorState {
  doc: Document;
  past: Document[];
  future: Document[];
  nodes: AppNode[];
  edges: FlowEdge[];
  bands: LaneBand[];
  width: number;
  diagnostics: Diagnostic[];
  metrics: Analysis["metrics"] | null;
  /** Bumped each time fresh findings arrive; the e2e suite and the perf script read it. */
  analysisSeq: number;
  selected: Set<string>;
  /** The node, flow or lane whose label is being typed in place. */
  editing: string | null;
  clip: edits.Clip | null;
  saveState: SaveState;
  saveError: string | null;
  /** The last save failed because someone else saved the process in the meantime. */
  saveConflict: boolean;
  /** Elements the canvas should centre on; a new object each request. */
  focus: { ids: string[] } | null;
  /** An auto-layout is running. */
  arranging: boolean;

  // React Flow callbacks.
  onNodesChange(changes: NodeChange<AppNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  onConnect(c: Connection): void;
  /** A drag of nodes ended: each node goes to the lane under its centre. */
  dropNodes(ids: string[]): void;

  // Edits. Each is one undo step.
  addNodeAt(tag: NodeTag, flowPos: { x: number; y: number }): string | null;
  rename(id: string, label: string): void;
  updateStep(id: string, patch: Partial<StepDetails>): void;
  updateFlow(id: string, patch: { label?: string; handover?: string }): void;
  updateProcess(patch: Partial<Process>, summary: string): void;
  /** Applies any other edit of lib/edits, e.g. `edit((d) => setRole(d, …), "Set A …")`; one undo step. */
  edit(fn: (doc: Document) => Document, summary: string): void;
  addLane(seat: Seat): void;
  updateSeat(seatId: string, patch: Partial<Pick<Seat, "name" | "kind">>): void;
  moveLane(laneId: string, to: number): void;
  removeLane(laneId: string, moveTo: string | null): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  applyPositions(positions: Map<string, { lane: string; x: number; y: number }>, summary: string): void;
  /**
   * Runs `layout` on the map and applies its positions as one "Auto-layout" edit. Resolves to
   * false, changing nothing, when a layout is already running or the map was edited meanwhile.
   */
  arrange(layout: (doc: Document) => Promise<Map<string, { lane: string; x: number; y: number }>>): Promise<boolean>;
  replaceDoc(doc: Document, summary: string): void;
  undo(): void;
  redo(): void;

  // Selection and view.
  select(ids: string[]): void;
  selectAll(): void;
  setEditing(id: string | null): void;
  focusOn(ids: string[]): void;
  /** Saves now if an edit is waiting (before leaving the editor). */
  /** Saves a pending or failed save now; resolves to whether everything is saved. */
  flush(): Promise<boolean>;
  dispose(): void;
}

export type EditorStore = StoreApi<EditorState>;

export function createEditorStore(initial: Document, ports: EditorPorts): EditorStore {
  let analyzing = false;
  let analyzeAgain = false;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let summaries: string[] = [];
  let disposed = false;

  const store = createStore<EditorState>()((set, get) => {
    const view = (doc: Document, over?: Partial<Pick<EditorState, "selected" | "editing" | "diagnostics">>): FlowView => {
      const s = get();
      return toFlow(
        {
          doc,
          diagnostics: over?.diagnostics ?? s.diagnostics,
          selected: over?.selected ?? s.selected,
          editing: over?.editing !== undefined ? over.editing : s.editing,
        },
        { nodes: s.nodes, edges: s.edges, bands: s.bands, width: s.width },
      );
    };

    /** Makes `next` the document as one undo step, then re-checks and schedules a save. */
    const commit = (next: Document, summary: string, extra?: Partial<EditorState>) => {
      const s = get();
      if (next === s.doc) return;
      const past = [...s.past, s.doc].slice(-HISTORY_LIMIT);
      const selected = extra?.selected ?? s.selected;
      const editing = extra?.editing !== undefined ? extra.editing : s.editing;
      set({ ...extra, doc: next, past, future: [], ...view(next, { selected, editing }) });
      changed(summary);
    };

    return {
      doc: initial,
      past: [],
      future: [],
      ...toFlow({ doc: initial, diagnostics: [], selected: new Set(), editing: null }),
      diagnostics: [],
      metrics: null,
      analysisSeq: 0,
      selected: new Set(),
      editing: null,
      clip: null,
      saveState: "saved",
      saveError: null,
      saveConflict: false,
      focus: null,
      arranging: false,

      onNodesChange(changes) {
        const s = get();
        // Removal goes through deleteSelection so it is one undo step with its flows.
        const kept = changes.filter((c) => c.type !== "remove");
        const nodes = applyNodeChanges(kept, s.nodes);
        let selected = s.selected;
        if (kept.some((c) => c.type === "select")) {
          selected = new Set(s.selected);
          for (const c of kept) if (c.type === "select") (c.selected ? selected.add(c.id) : selected.delete(c.id));
        }
        set({ nodes, selected });
      },

      onEdgesChange(changes) {
        const s = get();
        const kept = changes.filter((c) => c.type === "select");
        if (kept.length === 0) return;
        const selected = new Set(s.selected);
        for (const c of kept) if (c.type === "select") (c.selected ? selected.add(c.id) : selected.delete(c.id));
        set({ edges: applyEdgeChanges(kept, s.edges), selected });
      },

      onConnect(c) {
        const s = get();
        if (!c.source || !c.target) return;
        const id = ports.newId("f");
        const from = s.doc.process.nodes.find((n) => n.id === c.source);
        const to = s.doc.process.nodes.find((n) => n.id === c.target);
        const next = edits.connect(s.doc, { id, from: c.source, to: c.target, label: "", handover: "" });
        const editing = asksOnConnect(from, to) && next !== s.doc ? id : s.editing;
        commit(next, "Connected two steps", { editing, selected: new Set([id]) });
      },

      dropNodes(ids) {
        const s = get();
        const moves: edits.Placement[] = [];
        const byId = new Map(s.doc.process.nodes.map((n) => [n.id, n]));
        let reowned = 0;
        for (const id of ids) {
          const rf = s.nodes.find((n) => n.id === id);
          const n = byId.get(id);
          if (!rf || !n) continue;
          const size = NODE_SIZE[n.kind];
          const band = laneAt(s.bands, rf.position.y + size.h / 2);
          if (!band) continue;
          if (band.id !== n.lane) reowned += 1;
          moves.push({
            id,
            lane: band.id,
            position: { x: snap(Math.max(0, rf.position.x)), y: relativeY(band, rf.position.y) },
          });
        }
        const unchanged = moves.every((m) => {
          const n = byId.get(m.id)!;
          return n.lane === m.lane && n.position?.x === m.position.x && n.position?.y === m.position.y;
        });
        if (moves.length === 0 || unchanged) {
          set(view(s.doc)); // snap back anything React Flow moved
          return;
        }
        commit(edits.moveNodes(s.doc, moves), reowned > 0 ? "Moved a step to another lane" : "Moved steps");
      },

      addNodeAt(tag, flowPos) {
        const s = get();
        const band = laneAt(s.bands, flowPos.y);
        if (!band) return null;
        const size = NODE_SIZE[tag];
        const id = ports.newId("n");
        const node = edits.makeNode(id, tag, band.id, {
          x: snap(Math.max(0, flowPos.x - size.w / 2)),
          y: relativeY(band, flowPos.y - size.h / 2),
        });
        const editing = namedOnAdd(tag) ? id : null;
        commit(edits.addNode(s.doc, node), `Added a ${tag === "step" ? "step" : tag}`, {
          selected: new Set([id]),
          editing,
        });
        return id;
      },

      rename(id, label) {
        const s = get();
        const node = s.doc.process.nodes.find((n) => n.id === id);
        if (!node || (node.label ?? "") === label) return set({ editing: null, ...view(s.doc, { editing: null }) });
        commit(edits.relabel(s.doc, id, label), `Renamed "${node.label}" to "${label}"`, { editing: null });
      },

      updateStep(id, patch) {
        commit(edits.updateStep(get().doc, id, patch), "Edited step details");
      },

      updateFlow(id, patch) {
        const s = get();
        const f = s.doc.process.flows.find((x) => x.id === id);
        const same = !f || Object.entries(patch).every(([k, v]) => (f as Record<string, unknown>)[k] === v || ((f as Record<string, unknown>)[k] ?? "") === v);
        if (same) return set({ editing: null, ...view(s.doc, { editing: null }) });
        commit(edits.updateFlow(s.doc, id, patch), patch.label !== undefined ? "Labelled a branch" : "Named a handover", {
          editing: null,
        });
      },

      updateProcess(patch, summary) {
        commit(edits.updateProcess(get().doc, patch), summary);
      },

      edit(fn, summary) {
        commit(fn(get().doc), summary);
      },

      addLane(seat) {
        commit(edits.addLane(get().doc, ports.newId("lane"), seat), `Added lane "${seat.name}"`);
      },

      updateSeat(seatId, patch) {
        commit(edits.updateSeat(get().doc, seatId, patch), patch.name ? `Renamed lane to "${patch.name}"` : "Changed a seat's kind", {
          editing: null,
        });
      },

      moveLane(laneId, to) {
        commit(edits.moveLane(get().doc, laneId, to), "Reordered lanes");
      },

      removeLane(laneId, moveTo) {
        commit(edits.removeLane(get().doc, laneId, moveTo), moveTo ? "Removed a lane, moving its steps" : "Removed a lane and its steps");
      },

      deleteSelection() {
        const s = get();
        const nodeIds = s.doc.process.nodes.filter((n) => s.selected.has(n.id)).map((n) => n.id);
        const flowIds = s.doc.process.flows.filter((f) => s.selected.has(f.id)).map((f) => f.id);
        if (nodeIds.length + flowIds.length === 0) return;
        commit(edits.removeElements(s.doc, nodeIds, flowIds), `Deleted ${nodeIds.length + flowIds.length} element(s)`, {
          selected: new Set(),
        });
      },

      copySelection() {
        const s = get();
        const clip = edits.copy(s.doc, s.selected);
        if (clip.nodes.length > 0) set({ clip });
      },

      paste() {
        const s = get();
        if (!s.clip) return;
        // Each paste lands further along than the one before, as editors do.
        const shifted = edits.shiftClip(s.clip, 40);
        const pasted = edits.renumberClip(shifted, ports.newId);
        const ids = pasted.nodes.map((n) => n.id);
        commit(edits.paste(s.doc, pasted), `Pasted ${ids.length} element(s)`, { selected: new Set(ids), clip: shifted });
      },

      applyPositions(positions, summary) {
        const moves = [...positions].map(([id, p]) => ({ id, lane: p.lane, position: { x: p.x, y: p.y } }));
        commit(edits.moveNodes(get().doc, moves), summary);
      },

      async arrange(layout) {
        if (get().arranging) return false;
        const doc = get().doc;
        set({ arranging: true });
        try {
          const positions = await layout(doc);
          if (disposed || get().doc !== doc) return false;
          get().applyPositions(positions, "Auto-layout");
          return true;
        } finally {
          if (!disposed) set({ arranging: false });
        }
      },

      replaceDoc(doc, summary) {
        commit(doc, summary, { selected: new Set(), editing: null });
      },

      undo() {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        set({ doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], editing: null, ...view(prev, { editing: null }) });
        changed("Undo");
      },

      redo() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        set({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), editing: null, ...view(next, { editing: null }) });
        changed("Redo");
      },

      select(ids) {
        const selected = new Set(ids);
        set({ selected, ...view(get().doc, { selected }) });
      },

      selectAll() {
        const d = get().doc.process;
        const selected = new Set([...d.nodes.map((n) => n.id), ...d.flows.map((f) => f.id)]);
        set({ selected, ...view(get().doc, { selected }) });
      },

      setEditing(id) {
        set({ editing: id, ...view(get().doc, { editing: id }) });
      },

      focusOn(ids) {
        const selected = new Set(ids);
        set({ selected, focus: { ids }, ...view(get().doc, { selected }) });
      },

      async flush(): Promise<boolean> {
        if (disposed) return store.getState().saveState !== "error";
        if (saveTimer) {
          clearTimeout(saveTimer);
          saveTimer = null;
          await save();
        } else if (store.getState().saveState === "error") {
          await save();
        }
        return store.getState().saveState !== "error";
      },

      dispose() {
        disposed = true;
        if (saveTimer) clearTimeout(saveTimer);
      },
    };
  });

  /** After any change of document: re-check now (one request in flight at a time) and save soon. */
  function changed(summary: string) {
    summaries.push(summary);
    runAnalysis();
    if (saveTimer) clearTimeout(saveTimer);
    store.setState({ saveState: "pending" });
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void save();
    }, AUTOSAVE_MS);
  }

  async function save() {
    const doc = store.getState().doc;
    const unique = [...new Set(summaries)];
    const summary = unique.length <= 3 ? unique.join("; ") : `${unique.slice(0, 3).join("; ")} and ${unique.length - 3} more`;
    store.setState({ saveState: "saving" });
    try {
      await ports.save(doc, summary || "Edited");
      // Summaries of edits made while this save ran stay for the next one.
      summaries = summaries.filter((x) => !unique.includes(x));
      if (!disposed && !saveTimer) store.setState({ saveState: "saved", saveError: null, saveConflict: false });
    } catch (e) {
      // Nothing is lost: the document stays in the editor and the next save (a retry, or the
      // next edit's autosave) sends it again with these summaries.
      const conflict = !!e && typeof e === "object" && (e as { code?: unknown }).code === "conflict";
      store.setState({ saveState: "error", saveError: errorText(e), saveConflict: conflict });
    }
  }

  function runAnalysis() {
    if (analyzing) {
      analyzeAgain = true;
      return;
    }
    analyzing = true;
    const doc = store.getState().doc;
    ports
      .analyze(doc)
      .then((a) => {
        if (disposed) return;
        const s = store.getState();
        store.setState({
          diagnostics: a.diagnostics,
          metrics: a.metrics,
          analysisSeq: s.analysisSeq + 1,
          ...toFlow({ doc: s.doc, diagnostics: a.diagnostics, selected: s.selected, editing: s.editing }, s),
        });
      })
      .catch(() => {
        // A failed check leaves the previous findings up; the next edit asks again.
      })
      .finally(() => {
        analyzing = false;
        if (analyzeAgain && !disposed) {
          analyzeAgain = false;
          runAnalysis();
        }
      });
  }

  runAnalysis();
  return store;
}
