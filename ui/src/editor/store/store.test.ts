import { describe, expect, it, vi } from "vitest";
import type { Analysis, Document } from "../../lib/model";
import { twoLanes } from "../../test/fixtures";
import { AUTOSAVE_MS, createEditorStore, type EditorPorts } from "./store";

function ports(over: Partial<EditorPorts> = {}) {
  let n = 0;
  const analyses: Document[] = [];
  const saves: Document[] = [];
  const p: EditorPorts = {
    analyze: async (doc) => {
      analyses.push(doc);
      return { diagnostics: [], metrics: null } as unknown as Analysis;
    },
    save: async (doc) => {
      saves.push(doc);
    },
    newId: (prefix) => `${prefix}${++n}`,
    ...over,
  };
  return { p, analyses, saves };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("editor store", () => {
  it("adds a node from the palette into the lane under the drop point", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    const l2 = store.getState().bands[1];
    const id = store.getState().addNodeAt("step", { x: 500, y: l2.top + 60 })!;
    const node = store.getState().doc.process.nodes.find((n) => n.id === id)!;
    expect(node.lane).toBe("l2");
    expect(node.kind).toBe("step");
    expect(store.getState().selected.has(id)).toBe(true);
    expect(store.getState().editing).toBe(id);
  });

  it("re-owns a step dragged into another lane and keeps it inside that lane", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    const l2 = store.getState().bands[1];
    store.getState().onNodesChange([{ id: "a", type: "position", position: { x: 300, y: l2.top + 50 }, dragging: true }]);
    store.getState().dropNodes(["a"]);
    const a = store.getState().doc.process.nodes.find((n) => n.id === "a")!;
    expect(a.lane).toBe("l2");
    expect(a.position!.y).toBeGreaterThanOrEqual(20);
    expect(a.position!.x).toBe(300);
    // The flows into and out of it now cross lanes: they are handoffs on the canvas.
    expect(store.getState().edges.filter((e) => e.data!.handoff).map((e) => e.id).sort()).toEqual(["f1", "f2"]);
  });

  it("undoes and redoes every edit in order", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    const before = store.getState().doc;
    store.getState().rename("a", "Send quote");
    store.getState().select(["f2"]);
    store.getState().deleteSelection();
    expect(store.getState().doc.process.flows.map((f) => f.id)).toEqual(["f1"]);
    store.getState().undo();
    expect(store.getState().doc.process.flows.map((f) => f.id)).toEqual(["f1", "f2"]);
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
    store.getState().redo();
    expect(store.getState().doc.process.nodes.find((n) => n.id === "a")!.label).toBe("Send quote");
    store.getState().redo();
    expect(store.getState().doc.process.flows).toHaveLength(1);
    expect(store.getState().future).toHaveLength(0);
  });

  it("starts typing a branch label when a decision is connected", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    const d = store.getState().addNodeAt("decision", { x: 700, y: 60 })!;
    store.getState().onConnect({ source: d, target: "e", sourceHandle: "r", targetHandle: "l" });
    const flow = store.getState().doc.process.flows.find((f) => f.from === d)!;
    expect(store.getState().editing).toBe(flow.id);
    store.getState().updateFlow(flow.id, { label: "approved" });
    expect(store.getState().doc.process.flows.find((f) => f.id === flow.id)!.label).toBe("approved");
    expect(store.getState().editing).toBeNull();
  });

  it("deleting a node removes the flows touching it as one undo step", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    store.getState().select(["a"]);
    store.getState().deleteSelection();
    expect(store.getState().doc.process.flows).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().doc.process.flows).toHaveLength(2);
    expect(store.getState().doc.process.nodes).toHaveLength(3);
  });

  it("pastes copies with fresh ids and the flows between them", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    store.getState().select(["s", "a"]);
    store.getState().copySelection();
    store.getState().paste();
    const doc = store.getState().doc.process;
    expect(doc.nodes).toHaveLength(5);
    const copies = doc.nodes.slice(3);
    expect(copies.map((n) => n.label)).toEqual(["Start", "Quote"]);
    expect(copies.every((n) => n.id !== "s" && n.id !== "a")).toBe(true);
    const copied = doc.flows[doc.flows.length - 1];
    expect([copied.from, copied.to]).toEqual(copies.map((n) => n.id));
    expect(store.getState().selected).toEqual(new Set(copies.map((n) => n.id)));
  });

  it("asks the engine again after every edit and keeps only the latest findings", async () => {
    const { p, analyses } = ports();
    const store = createEditorStore(twoLanes(), p);
    await flush();
    store.getState().rename("a", "One");
    store.getState().rename("a", "Two");
    await flush();
    await flush();
    // The initial check, then the first edit, then one more for the edits made meanwhile.
    expect(analyses.length).toBe(3);
    expect(analyses[2].process.nodes.find((n) => n.id === "a")!.label).toBe("Two");
    expect(store.getState().analysisSeq).toBe(3);
  });

  it("badges the elements a finding names", async () => {
    const { p } = ports({
      analyze: async () =>
        ({
          diagnostics: [{ code: "dangling-decision", severity: "error", elements: ["a"], message: "m", hint: "h" }],
          metrics: null,
        }) as unknown as Analysis,
    });
    const store = createEditorStore(twoLanes(), p);
    await flush();
    const a = store.getState().nodes.find((n) => n.id === "a")!;
    expect(a.data.badge).toEqual({ severity: "error", count: 1 });
  });

  it("saves once, shortly after a burst of edits", async () => {
    vi.useFakeTimers();
    try {
      const { p, saves } = ports();
      const store = createEditorStore(twoLanes(), p);
      store.getState().rename("a", "One");
      store.getState().rename("a", "Two");
      expect(store.getState().saveState).toBe("pending");
      await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 10);
      expect(saves).toHaveLength(1);
      expect(saves[0].process.nodes.find((n) => n.id === "a")!.label).toBe("Two");
      expect(store.getState().saveState).toBe("saved");
    } finally {
      vi.useRealTimers();
    }
  });

  it("removing a lane moves its steps to the chosen lane", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    store.getState().removeLane("l1", "l2");
    const d = store.getState().doc.process;
    expect(d.lanes.map((l) => l.id)).toEqual(["l2"]);
    expect(d.nodes.every((n) => n.lane === "l2")).toBe(true);
  });

  it("removing a lane without a target deletes its steps and their flows", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    store.getState().removeLane("l1", null);
    expect(store.getState().doc.process.nodes).toHaveLength(0);
    expect(store.getState().doc.process.flows).toHaveLength(0);
  });

  it("reorders lanes and moves their bands", () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    store.getState().moveLane("l2", 0);
    expect(store.getState().doc.process.lanes.map((l) => l.id)).toEqual(["l2", "l1"]);
    expect(store.getState().bands[0].id).toBe("l2");
    const start = store.getState().nodes.find((n) => n.id === "s")!;
    expect(start.position.y).toBe(store.getState().bands[1].top + 40);
  });
  it("applies an auto-layout as one undoable edit, one at a time, and not over edits made meanwhile", async () => {
    const { p } = ports();
    const store = createEditorStore(twoLanes(), p);
    let release: () => void = () => {};
    const layout = (doc: Document) =>
      new Promise<Map<string, { lane: string; x: number; y: number }>>((resolve) => {
        release = () => resolve(new Map([[doc.process.nodes[0].id, { lane: doc.process.nodes[0].lane!, x: 900, y: 20 }]]));
      });
    const first = store.getState().arrange(layout);
    expect(store.getState().arranging).toBe(true);
    expect(await store.getState().arrange(layout)).toBe(false); // one at a time
    release();
    expect(await first).toBe(true);
    expect(store.getState().arranging).toBe(false);
    expect(store.getState().doc.process.nodes[0].position?.x).toBe(900);
    store.getState().undo();
    expect(store.getState().doc.process.nodes[0].position?.x).not.toBe(900);

    const stale = store.getState().arrange(layout);
    store.getState().rename(store.getState().doc.process.nodes[1].id, "Edited meanwhile");
    release();
    expect(await stale).toBe(false);
    expect(store.getState().doc.process.nodes[0].position?.x).not.toBe(900);
    expect(store.getState().doc.process.nodes[1].label).toBe("Edited meanwhile");
  });
});
