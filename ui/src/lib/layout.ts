// Auto-layout that keeps every node in its lane. ELK's layered algorithm orders the whole
// graph left to right (so flows run forward across lanes too); each lane then stacks its
// nodes into rows wherever two of them would overlap, and columns move apart wherever the
// labels between them need room (`makeRoom`). Lanes never change, so ownership is untouched
// and the result can be undone as one edit.

import type { ELK as ElkEngine } from "elkjs/lib/elk-api";
import { GRID, LANE_PAD_TOP, NODE_SIZE, snap } from "./geometry";
import { CLEAR, HEAD_CLEAR, naturalSize } from "./labels";
import type { Document } from "./model";

const rowHeight = () => Math.max(...Object.values(NODE_SIZE).map((s) => s.h)) + 40;
const GAP_X = 24;

export type Positions = Map<string, { lane: string; x: number; y: number }>;

let elk: ElkEngine | null = null;

/**
 * ELK in a Web Worker where there is one (the app), so laying out a big map never freezes
 * the window (1,000 steps take about two seconds); in the same thread elsewhere (tests).
 */
async function engine(): Promise<ElkEngine> {
  if (elk) return elk;
  if (typeof Worker !== "undefined") {
    const [{ default: ELK }, { default: workerUrl }] = await Promise.all([import("elkjs/lib/elk-api.js"), import("elkjs/lib/elk-worker.min.js?url")]);
    elk = new ELK({ workerUrl });
  } else {
    const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
    elk = new ELK();
  }
  return elk;
}

/** New lane-relative positions for every node that has a lane. */
export async function autoLayout(doc: Document): Promise<Positions> {
  const elk = await engine();
  const p = doc.process;
  const ids = new Set(p.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "64",
      "elk.spacing.nodeNode": "32",
      "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",
    },
    children: p.nodes.map((n) => ({ id: n.id, width: NODE_SIZE[n.kind].w, height: NODE_SIZE[n.kind].h })),
    edges: p.flows
      .filter((f) => ids.has(f.from) && ids.has(f.to))
      .map((f) => ({ id: f.id, sources: [f.from], targets: [f.to] })),
  });
  const placed = new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return makeRoom(doc, packLanes(doc, placed));
}

/**
 * Moves columns apart until the labels the engine will place between them fit: an arrow
 * running forward keeps room on its length for its branch condition and its handoff badge
 * (each with the engine's clearance, plus room for the arrow head), and two neighbours in
 * one row keep room for the part of their names wider than their shapes. Everything at or
 * right of a node that needs room moves right by what is missing, rounded up to the grid, so
 * lanes, rows and the order along the lanes stay as they were. O(constraints × nodes).
 */
export function makeRoom(doc: Document, pos: Positions): Positions {
  const p = doc.process;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out: Positions = new Map([...pos].map(([id, v]) => [id, { ...v }]));
  const width = (id: string) => NODE_SIZE[byId.get(id)!.kind].w;
  // Pairs (left node, right node, room wanted between them).
  const needs: [string, string, number][] = [];
  for (const f of p.flows) {
    const a = byId.get(f.from);
    const b = byId.get(f.to);
    if (!a || !b || !out.has(a.id) || !out.has(b.id)) continue;
    let room = 0;
    if (a.kind === "decision" || (f.label ?? "").trim() !== "") room += naturalSize("branch", f.label ?? "").w + 2 * CLEAR;
    if (a.lane && b.lane && a.lane !== b.lane) room += naturalSize("handover", f.handover ?? "").w + 2 * CLEAR;
    if (room > 0) needs.push([a.id, b.id, room + HEAD_CLEAR]);
  }
  const overhang = (id: string) => {
    const n = byId.get(id)!;
    if (n.kind === "step" || n.label.trim() === "") return 0;
    return Math.max(0, (naturalSize("caption", n.label).w - NODE_SIZE[n.kind].w) / 2) + CLEAR;
  };
  const rows = new Map<string, string[]>();
  for (const [id, v] of out) {
    const key = `${v.lane}|${v.y + NODE_SIZE[byId.get(id)!.kind].h / 2}`;
    rows.set(key, [...(rows.get(key) ?? []), id]);
  }
  for (const ids of rows.values()) {
    ids.sort((a, b) => out.get(a)!.x - out.get(b)!.x || (a < b ? -1 : 1));
    for (let i = 0; i + 1 < ids.length; i++) {
      const room = overhang(ids[i]) + overhang(ids[i + 1]) + 2 * CLEAR;
      if (room > 2 * CLEAR) needs.push([ids[i], ids[i + 1], room]);
    }
  }
  // A name wider than its shape must not stick out left of the lanes.
  let shiftAll = 0;
  for (const [id, v] of out) shiftAll = Math.max(shiftAll, overhang(id) + CLEAR - v.x);
  if (shiftAll > 0) {
    const by = Math.ceil(shiftAll / GRID) * GRID;
    for (const v of out.values()) v.x += by;
  }
  needs.sort((m, n) => out.get(m[1])!.x - out.get(n[1])!.x || out.get(m[0])!.x - out.get(n[0])!.x);
  for (const [a, b, room] of needs) {
    const left = out.get(a)!;
    const right = out.get(b)!;
    const gap = right.x - (left.x + width(a));
    if (gap < 0 || gap >= room) continue;
    const shift = Math.ceil((room - gap) / GRID) * GRID;
    const from = right.x;
    for (const v of out.values()) if (v.x >= from) v.x += shift;
  }
  return out;
}

/**
 * Keeps the x of `placed`, and within each lane puts nodes into the first row where they do
 * not overlap a neighbour, rows taken in the order of `placed`'s y. O(n log n + n × rows).
 */
export function packLanes(doc: Document, placed: Map<string, { x: number; y: number }>): Positions {
  const out: Positions = new Map();
  const byLane = new Map<string, { id: string; x: number; y: number; w: number; h: number }[]>();
  for (const n of doc.process.nodes) {
    const at = placed.get(n.id);
    if (!n.lane || !at) continue;
    const list = byLane.get(n.lane) ?? [];
    list.push({ id: n.id, x: snap(at.x), y: at.y, w: NODE_SIZE[n.kind].w, h: NODE_SIZE[n.kind].h });
    byLane.set(n.lane, list);
  }
  for (const [lane, list] of byLane) {
    list.sort((a, b) => a.y - b.y || a.x - b.x);
    const rowEnds: number[] = [];
    const rowOf = new Map<string, number>();
    for (const n of [...list].sort((a, b) => a.x - b.x || a.y - b.y)) {
      let row = rowEnds.findIndex((end) => end + GAP_X <= n.x);
      if (row < 0) {
        row = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[row] = n.x + n.w;
      rowOf.set(n.id, row);
    }
    const ROW_H = rowHeight();
    for (const n of list) {
      const row = rowOf.get(n.id) ?? 0;
      // Centre each node on its row's midline so straight flows stay straight.
      const y = 2 * LANE_PAD_TOP + row * ROW_H + (ROW_H - 40 - n.h) / 2;
      out.set(n.id, { lane, x: n.x, y });
    }
  }
  return out;
}
