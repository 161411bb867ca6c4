// Presentation geometry of a swimlane map: node boxes, lane bands, which lane a point
// falls in and which sides an arrow joins. Positions in the model are lane-relative (x along
// the lane, y from the lane's top edge); the canvas works in absolute flow coordinates.

import type { NodeTag } from "./model";

/** Width of the lane header column, left of x = 0. */
export const LANE_HEADER_W = 184;
/** A lane is never shorter than this (handoff_core::layout::MIN_LANE_HEIGHT). */
export let LANE_MIN_H = 150;
/** Space kept below the lowest node of a lane (handoff_core::layout::LANE_PADDING). */
export let LANE_PAD_BOTTOM = 30;
/** Nodes never sit closer to the lane's top edge than this; leaves room for a label above nothing. */
export const LANE_PAD_TOP = 20;
/** Canvas grid, also used for snapping. */
export const GRID = 10;
/** Lanes extend this far past the right-most node. */
export const LANE_TAIL = 400;
/** Minimum lane length. */
export const LANE_MIN_W = 1400;

export interface Size {
  w: number;
  h: number;
}

/**
 * The box each kind is drawn in; a position is the box's top-left corner. The engine's
 * `handoff_core::layout` is the authority (the PDF and BPMN exports draw the same boxes):
 * these defaults equal it and [`setGeometry`] installs what the `canvas_geometry` command
 * returns at start. Labels of round and diamond shapes sit below the box.
 */
export const NODE_SIZE: Record<NodeTag, Size> = {
  start: { w: 36, h: 36 },
  step: { w: 100, h: 80 },
  decision: { w: 50, h: 50 },
  parallelSplit: { w: 50, h: 50 },
  parallelJoin: { w: 50, h: 50 },
  outcome: { w: 36, h: 36 },
};

/** Installs the engine's geometry. */
export function setGeometry(g: { nodes: { tag: NodeTag; width: number; height: number }[]; minLaneHeight: number; lanePadding: number }) {
  for (const n of g.nodes) NODE_SIZE[n.tag] = { w: n.width, h: n.height };
  LANE_MIN_H = g.minLaneHeight;
  LANE_PAD_BOTTOM = g.lanePadding;
}

export interface LaneBand {
  id: string;
  top: number;
  height: number;
}

export interface Placed {
  lane: string | null | undefined;
  tag: NodeTag;
  y: number;
  x: number;
}

export const snap = (v: number): number => Math.round(v / GRID) * GRID;

/** Stacks lanes top to bottom, each tall enough for its lowest node. O(lanes + nodes). */
export function layoutLanes(laneIds: string[], nodes: Placed[]): { bands: LaneBand[]; width: number } {
  const bottom = new Map<string, number>();
  let maxX = 0;
  for (const n of nodes) {
    const size = NODE_SIZE[n.tag];
    maxX = Math.max(maxX, n.x + size.w);
    if (!n.lane) continue;
    const b = n.y + size.h + LANE_PAD_BOTTOM;
    if (b > (bottom.get(n.lane) ?? 0)) bottom.set(n.lane, b);
  }
  let top = 0;
  const bands = laneIds.map((id) => {
    const height = Math.max(LANE_MIN_H, bottom.get(id) ?? 0);
    const band = { id, top, height };
    top += height;
    return band;
  });
  return { bands, width: Math.max(LANE_MIN_W, maxX + LANE_TAIL) };
}

/**
 * The lane whose band holds `y` (absolute); above the first lane gives the first, below the
 * last gives the last. `null` only when there are no lanes.
 */
export function laneAt(bands: LaneBand[], y: number): LaneBand | null {
  if (bands.length === 0) return null;
  for (const b of bands) if (y < b.top + b.height) return b;
  return bands[bands.length - 1];
}

/** Lane-relative y for a node whose box top is at absolute `absY`; lanes grow downwards to fit. */
export function relativeY(band: LaneBand, absY: number): number {
  return Math.max(LANE_PAD_TOP, snap(absY - band.top));
}

/** A box in absolute canvas coordinates. */
export type Box = { x: number; y: number; w: number; h: number };
/** A point in absolute canvas coordinates. */
export type Point = [number, number];

/**
 * Which sides an arrow leaves and enters by (handle ids l, t, r, b): forward flows go
 * right-to-left, others by the nearer axis. The editor's canvas and the compare view's maps
 * route with this one function.
 */
export function facingHandles(a: Box, b: Box): [string, string] {
  const acx = a.x + a.w / 2;
  const acy = a.y + a.h / 2;
  const bcx = b.x + b.w / 2;
  const bcy = b.y + b.h / 2;
  const dx = bcx - acx;
  const dy = bcy - acy;
  if (dx > (a.w + b.w) / 2) return ["r", "l"];
  if (Math.abs(dy) > (a.h + b.h) / 2 - 8) return dy > 0 ? ["b", "t"] : ["t", "b"];
  // A flow back along the same lane (rework) loops underneath instead of overdrawing.
  return dx >= 0 ? ["r", "l"] : ["b", "b"];
}

/** How far a path runs clear of a box before it turns back around it (handoff_core::layout::route::CLEARANCE). */
const CLEARANCE = 24;

function anchor(r: Box, side: string): Point {
  if (side === "l") return [r.x, r.y + r.h / 2];
  if (side === "r") return [r.x + r.w, r.y + r.h / 2];
  if (side === "t") return [r.x + r.w / 2, r.y];
  return [r.x + r.w / 2, r.y + r.h];
}

/**
 * The arrow from `a` to `b` as handoff_core::layout::route draws it for the PDF and BPMN:
 * right angles only, from the middle of the exit side to the middle of the entry side, going
 * around below where the boxes overlap or the flow runs back along a row.
 */
export function route(a: Box, b: Box): Point[] {
  const [exit, entry] = facingHandles(a, b);
  const s = anchor(a, exit);
  const t = anchor(b, entry);
  const low = Math.max(a.y + a.h, b.y + b.h) + CLEARANCE;
  if (exit === "r" && entry === "l") {
    if (t[0] >= s[0]) {
      if (s[1] === t[1]) return [s, t];
      const mx = (s[0] + t[0]) / 2;
      return [s, [mx, s[1]], [mx, t[1]], t];
    }
    const out = s[0] + CLEARANCE;
    const into = t[0] - CLEARANCE;
    return [s, [out, s[1]], [out, low], [into, low], [into, t[1]], t];
  }
  if ((exit === "b" && entry === "t") || (exit === "t" && entry === "b")) {
    if (s[0] === t[0]) return [s, t];
    const my = (s[1] + t[1]) / 2;
    return [s, [s[0], my], [t[0], my], t];
  }
  return [s, [s[0], low], [t[0], low], t];
}
