// Where the words of a map go, as the engine places them (handoff_core::layout::labels and
// ::text, ::drawing): branch conditions near the start of their arrow, handoff badges on a
// free stretch of theirs, and the names of events and gateways beside their shape, each
// clear of every node, lane header and other label. The canvas draws what this returns and
// decides nothing itself: the rules, constants and order of operations are the core's, and
// labels.test.ts checks against the core's own placements for every template
// (fixtures/labels.json, written by tests/labels.rs) that both give the same boxes.

import { type Box, type Point, route } from "./geometry";

// ---- Text width (handoff_core::layout::text) ----------------------------------------------

/** Advance widths of printable ASCII in DejaVu Sans, thousandths of an em. */
const ASCII_EM = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636,
  636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787,
  695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278,
  579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const OTHER_EM = 720;
export const ELLIPSIS = "…";

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x20 && c < 0x7f) return ASCII_EM[c - 0x20];
  if (ch === ELLIPSIS || isWide(c)) return 1000;
  if (c < 0x20 || (c >= 0x300 && c < 0x370)) return 0;
  return OTHER_EM;
}

/** Width of `text` on one line at font `size`, rounded up to a whole unit. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return Math.ceil((em * size) / 1000);
}

/** Rust's `char::is_whitespace` for the characters a label can hold. */
const SPACE = /[\s\u0085]+/u;
const words = (text: string) => text.split(SPACE).filter((w) => w.length > 0);

/** Length (in UTF-16 units) of the longest prefix of `text` no wider than `width`. */
function fitPrefix(text: string, size: number, width: number): number {
  let em = 0;
  let end = 0;
  let i = 0;
  for (const ch of text) {
    em += charEm(ch);
    if (Math.ceil((em * size) / 1000) > width) break;
    i += ch.length;
    end = i;
  }
  return end;
}

export function abbreviate(text: string, size: number, width: number): string {
  const t = words(text).join(" ");
  if (textWidth(t, size) <= width) return t;
  const room = width - textWidth(ELLIPSIS, size);
  return t.slice(0, fitPrefix(t, size, room)).trimEnd() + ELLIPSIS;
}

export function wrap(text: string, size: number, width: number, maxLines: number): [string[], boolean] {
  const max = Math.max(1, maxLines);
  const lines: string[] = [];
  let line = "";
  for (const word of words(text)) {
    const joined = line === "" ? word : `${line} ${word}`;
    if (textWidth(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (line !== "") lines.push(line);
    line = "";
    let rest = word;
    while (textWidth(rest, size) > width) {
      const first = [...rest][0]?.length ?? 0;
      const cut = Math.max(fitPrefix(rest, size, width), first);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  if (lines.length <= max) return [lines, true];
  const rest = lines.slice(max - 1).join(" ");
  const kept = lines.slice(0, max - 1);
  const last = abbreviate(rest, size, width);
  kept.push(last);
  return [kept, last === rest];
}

// ---- Placement (handoff_core::layout::labels) ----------------------------------------------

export const FONT_SIZE = 11;
export const LINE_HEIGHT = 14;
export const PAD_X = 6;
export const PAD_Y = 2;
export const ICON_WIDTH = 14;
export const CAPTION_PAD = 2;
const BADGE_TEXT_WIDTH = 180;
export const CAPTION_TEXT_WIDTH = 140;
const NARROW_TEXT_WIDTH = 96;
const SHORT_TEXT_WIDTH = 64;
export const CLEAR = 4;
export const GAP = 3;
const STEP = 6;
const MAX_SAMPLES = 64;
export const HEAD_CLEAR = 14;
const CROSSING = 60;
const SHARED = 500;
const BESIDE = 8;
const RING = 24;
const RINGS = 8;
const PLACEHOLDER = "?";

export type LabelKind = "branch" | "handover" | "caption";

export type Anchor = { arrow: number } | { shape: number };

export interface Request {
  kind: LabelKind;
  text: string;
  anchor: Anchor;
  within: [number, number] | null;
  /** The widest a line of its text may be set, when narrower than the default. */
  textWidth?: number;
}

export interface Scene {
  shapes: Box[];
  headers: Box[];
  area: Box;
  arrows: Point[][];
}

export interface Label {
  kind: LabelKind;
  /** The whole text; shown on hover when `abbreviated`. */
  text: string;
  lines: string[];
  rect: Box;
  abbreviated: boolean;
  /** From the box (first point) to what the label belongs to. */
  leader: [Point, Point] | null;
  clear: boolean;
}

interface Form {
  lines: string[];
  whole: boolean;
  w: number;
  h: number;
}

function form(kind: LabelKind, text: string, width: number, maxLines: number): Form {
  const [lines, whole] = wrap(text === "" ? PLACEHOLDER : text, FONT_SIZE, width, maxLines);
  let widest = 0;
  for (const l of lines) widest = Math.max(widest, textWidth(l, FONT_SIZE));
  const [px, py, icon] = kind === "caption" ? [CAPTION_PAD, CAPTION_PAD, 0] : kind === "branch" ? [PAD_X, PAD_Y, 0] : [PAD_X, PAD_Y, ICON_WIDTH];
  return { lines, whole, h: lines.length * LINE_HEIGHT + 2 * py, w: widest + 2 * px + icon };
}

/** The size of a label's box when there is room for it as it is (its first form). */
export function naturalSize(kind: LabelKind, text: string): { w: number; h: number } {
  const f = form(kind, text.trim(), kind === "caption" ? CAPTION_TEXT_WIDTH : BADGE_TEXT_WIDTH, 3);
  return { w: f.w, h: f.h };
}

interface Candidate {
  rect: Box;
  cost: number;
  anchor: Point;
}

const right = (r: Box) => r.x + r.w;
const bottom = (r: Box) => r.y + r.h;

/** Whether two boxes share some area (touching edges do not count). */
export function overlap(a: Box, b: Box): boolean {
  return a.x < right(b) && b.x < right(a) && a.y < bottom(b) && b.y < bottom(a);
}

const inflate = (r: Box, by: number): Box => ({ x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by });
const centred = (c: Point, w: number, h: number): Box => ({ x: c[0] - w / 2, y: c[1] - h / 2, w, h });

const CELL = 64;
const MAX_CELLS = 64;

function cellRange(r: Box): [number, number, number, number] | null {
  const c = (v: number) => Math.floor(v / CELL);
  const [x0, y0, x1, y1] = [c(r.x), c(r.y), c(right(r)), c(bottom(r))];
  if (!(x1 - x0 <= MAX_CELLS && y1 - y0 <= MAX_CELLS)) return null;
  return [x0, y0, x1, y1];
}

/** A bucket grid over boxes; only speeds up "what is near", never changes an answer. */
class Grid {
  cells = new Map<string, number[]>();
  big: number[] = [];
  rects: Box[] = [];
  owner: number[] = [];

  insert(r: Box, owner: number) {
    const k = this.rects.length;
    this.rects.push(r);
    this.owner.push(owner);
    const range = cellRange(r);
    if (!range) return void this.big.push(k);
    const [x0, y0, x1, y1] = range;
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) {
        const key = `${i},${j}`;
        const list = this.cells.get(key);
        if (list) list.push(k);
        else this.cells.set(key, [k]);
      }
  }

  near(r: Box, f: (k: number) => boolean): boolean {
    for (const k of this.big) if (f(k)) return true;
    const range = cellRange(r);
    if (!range) {
      for (let k = 0; k < this.rects.length; k++) if (f(k)) return true;
      return false;
    }
    const [x0, y0, x1, y1] = range;
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) for (const k of this.cells.get(`${i},${j}`) ?? []) if (f(k)) return true;
    return false;
  }

  overlaps(r: Box): boolean {
    return this.near(r, (k) => overlap(this.rects[k], r));
  }

  count(r: Box): number {
    const hits = new Set<number>();
    this.near(r, (k) => (overlap(this.rects[k], r) && hits.add(k), false));
    return hits.size;
  }

  ownersExcept(r: Box, own: number | null): number {
    const hits = new Set<number>();
    this.near(r, (k) => (this.owner[k] !== own && overlap(this.rects[k], r) && hits.add(this.owner[k]), false));
    return hits.size;
  }
}

const DIRECTIONS: Point[] = [
  [0, 1], [0, -1], [1, 0], [-1, 0], [1, 1], [-1, 1], [1, -1], [-1, -1],
  [0.5, 1], [-0.5, 1], [0.5, -1], [-0.5, -1], [1, 0.5], [-1, 0.5], [1, -0.5], [-1, -0.5],
];

function segLength(a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return Math.sqrt(dx * dx + dy * dy);
}

function pointAt(path: Point[], distance: number): Point | null {
  let left = distance;
  for (let k = 0; k + 1 < path.length; k++) {
    const [a, b] = [path[k], path[k + 1]];
    const len = segLength(a, b);
    if (len > 0 && left <= len) {
      const t = left / len;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    left -= len;
  }
  return path.length ? path[path.length - 1] : null;
}

const nearestOn = (r: Box, p: Point): Point => [Math.min(Math.max(p[0], r.x), right(r)), Math.min(Math.max(p[1], r.y), bottom(r))];

class Placer {
  constructor(
    private scene: Scene,
    private blocked: Grid,
    private lines: Grid,
  ) {}

  free(r: Box, within: [number, number] | null): boolean {
    const a = this.scene.area;
    const [top, bot] = within ?? [a.y, bottom(a)];
    const inside = r.x >= a.x && right(r) <= right(a) && r.y >= Math.max(a.y, top) && bottom(r) <= Math.min(bottom(a), bot);
    return inside && !this.blocked.overlaps(r);
  }

  best(cands: Candidate[], within: [number, number] | null, own: number | null): Candidate | null {
    let best: [number, Candidate] | null = null;
    for (const c of cands) {
      if ((best && c.cost >= best[0]) || !this.free(c.rect, within)) continue;
      const shared = own === null ? 0 : this.lines.ownersExcept(centred(c.anchor, 2, 2), own);
      const cost = c.cost + (CROSSING * this.lines.ownersExcept(inflate(c.rect, 2), own) + SHARED * shared);
      if (!best || cost < best[0]) best = [cost, c];
    }
    return best ? best[1] : null;
  }

  leastBad(cands: Candidate[]): Candidate | null {
    let best: [number, Candidate] | null = null;
    for (const c of cands) {
      const n = this.blocked.count(c.rect);
      if (!best || n < best[0]) best = [n, c];
    }
    return best ? best[1] : null;
  }

  along(kind: LabelKind, path: Point[], w: number, h: number): Candidate[] {
    const lengths: number[] = [];
    for (let k = 0; k + 1 < path.length; k++) lengths.push(segLength(path[k], path[k + 1]));
    let total = 0;
    for (const l of lengths) total += l;
    const end = total > 2 * HEAD_CLEAR ? total - HEAD_CLEAR : total;
    const out: Candidate[] = [];
    let start = 0;
    for (let k = 0; k + 1 < path.length; k++) {
      const [a, b, len] = [path[k], path[k + 1], lengths[k]];
      if (len > 0 && Number.isFinite(len)) {
        const level = Math.abs(b[1] - a[1]) <= Math.abs(b[0] - a[0]);
        const m = Math.min(Math.max(Math.ceil(len / STEP), 1), MAX_SAMPLES);
        for (let j = 0; j <= m; j++) {
          const t = (len * j) / m;
          const s = start + t;
          if (s > end) break;
          const q: Point = [a[0] + (b[0] - a[0]) * (t / len), a[1] + (b[1] - a[1]) * (t / len)];
          const pref = kind === "handover" ? Math.abs(s - total / 2) : s;
          const beside: Point[] = level
            ? [
                [q[0], q[1] - GAP - h / 2],
                [q[0], q[1] + GAP + h / 2],
              ]
            : [
                [q[0] + GAP + w / 2, q[1]],
                [q[0] - GAP - w / 2, q[1]],
              ];
          out.push({ rect: centred(q, w, h), cost: pref, anchor: q });
          for (const c of beside) out.push({ rect: centred(c, w, h), cost: pref + BESIDE, anchor: q });
        }
      }
      start += len;
    }
    return out;
  }

  around(kind: LabelKind, shape: Box, w: number, h: number): Candidate[] {
    const cx = shape.x + shape.w / 2;
    const cy = shape.y + shape.h / 2;
    const below = bottom(shape) + CLEAR;
    const above = shape.y - CLEAR - h;
    const spots: Point[] = [
      [cx - w / 2, below],
      [cx - w / 2, above],
      [right(shape) + CLEAR, cy - h / 2],
      [shape.x - CLEAR - w, cy - h / 2],
      [cx + CLEAR, below],
      [cx - CLEAR - w, below],
      [cx + CLEAR, above],
      [cx - CLEAR - w, above],
    ];
    const order = kind === "caption" ? [0, 1, 4, 5, 6, 7, 2, 3] : [0, 1, 2, 3, 4, 5, 6, 7];
    return order.map((i, rank) => ({ rect: { x: spots[i][0], y: spots[i][1], w, h }, cost: rank * 10, anchor: [cx, cy] as Point }));
  }

  rings(at: Point, w: number, h: number): Candidate[] {
    const out: Candidate[] = [];
    for (let ring = 1; ring <= RINGS; ring++) {
      const r = RING * ring;
      DIRECTIONS.forEach((d, k) => {
        const c: Point = [at[0] + d[0] * (r + w / 2), at[1] + d[1] * (r + h / 2)];
        out.push({ rect: centred(c, w, h), cost: ring * 100 + k, anchor: at });
      });
    }
    return out;
  }

  leaderAnchor(req: Request): Point | null {
    if ("shape" in req.anchor) {
      const r = this.scene.shapes[req.anchor.shape];
      return r ? [r.x + r.w / 2, r.y + r.h / 2] : null;
    }
    const path = this.scene.arrows[req.anchor.arrow];
    if (!path) return null;
    let total = 0;
    for (let k = 0; k + 1 < path.length; k++) total += segLength(path[k], path[k + 1]);
    return pointAt(path, req.kind === "handover" ? total / 2 : Math.min(total / 4, 2 * RING));
  }

  leader(req: Request, c: Candidate): [Point, Point] {
    const from = nearestOn(c.rect, c.anchor);
    if ("shape" in req.anchor) {
      const s = this.scene.shapes[req.anchor.shape];
      return [from, s ? nearestOn(s, [c.rect.x + c.rect.w / 2, c.rect.y + c.rect.h / 2]) : c.anchor];
    }
    return [from, c.anchor];
  }

  candidates(req: Request, f: Form): Candidate[] {
    if ("shape" in req.anchor) {
      const r = this.scene.shapes[req.anchor.shape];
      return r ? this.around(req.kind, r, f.w, f.h) : [];
    }
    const p = this.scene.arrows[req.anchor.arrow];
    return p ? this.along(req.kind, p, f.w, f.h) : [];
  }

  place(req: Request): Label {
    const own = "arrow" in req.anchor ? req.anchor.arrow : null;
    const first = Math.min(req.kind === "caption" ? CAPTION_TEXT_WIDTH : BADGE_TEXT_WIDTH, req.textWidth ?? Infinity);
    const natural = form(req.kind, req.text, first, 3);
    const narrow = form(req.kind, req.text, Math.min(NARROW_TEXT_WIDTH, first), 3);
    const short = form(req.kind, req.text, SHORT_TEXT_WIDTH, 1);
    const at = this.leaderAnchor(req);
    const same = (a: Form, b: Form) => a.lines.length === b.lines.length && a.lines.every((l, i) => l === b.lines[i]);
    const tries: [Form, boolean][] = [[natural, false]];
    if (!same(narrow, natural)) tries.push([narrow, false]);
    tries.push([natural, true]);
    if (!same(short, natural)) tries.push([short, false], [short, true]);
    for (const [f, setOff] of tries) {
      const cands = !setOff ? this.candidates(req, f) : at ? this.rings(at, f.w, f.h) : [];
      const c = this.best(cands, req.within, own);
      if (c) return this.commit(req, f, c.rect, setOff ? this.leader(req, c) : null, true);
    }
    const c = this.leastBad(this.candidates(req, natural));
    const rect = c ? c.rect : centred(at ?? [this.scene.area.x, this.scene.area.y], natural.w, natural.h);
    return this.commit(req, natural, rect, null, false);
  }

  commit(req: Request, f: Form, rect: Box, leader: [Point, Point] | null, clear: boolean): Label {
    this.blocked.insert(inflate(rect, CLEAR), -1);
    return { kind: req.kind, text: req.text, lines: f.lines, rect, abbreviated: !f.whole, leader, clear };
  }
}

/** Places every request in order, one label each; the same input always gives the same boxes. */
export function place(scene: Scene, requests: Request[]): Label[] {
  const blocked = new Grid();
  for (const r of [...scene.shapes, ...scene.headers]) blocked.insert(inflate(r, CLEAR), -1);
  const lines = new Grid();
  scene.arrows.forEach((path, i) => {
    for (let k = 0; k + 1 < path.length; k++) {
      const [a, b] = [path[k], path[k + 1]];
      const x0 = Math.min(a[0], b[0]);
      const y0 = Math.min(a[1], b[1]);
      lines.insert({ x: x0, y: y0, w: Math.max(a[0], b[0]) - x0, h: Math.max(a[1], b[1]) - y0 }, i);
    }
  });
  const placer = new Placer(scene, blocked, lines);
  return requests.map((r) => placer.place(r));
}

// ---- A whole map (handoff_core::layout::drawing) -------------------------------------------

/** Core geometry the canvas lacks: the lane header width and the content area's measures. */
export const CORE_LANE_HEADER_W = 30;
const CORE_CONTENT_PADDING = 50;
const CORE_MIN_CONTENT_W = 600;

export interface MapInput {
  /** Node boxes, in the process's node order, absolute (y from the top of the first lane). */
  boxes: Box[];
  /** Lane bands: the lane's id, top and height. */
  bands: { id: string; top: number; height: number }[];
  nodes: { kind: string; label: string; lane: string | null | undefined }[];
  /** Flows with the indices of their ends in `nodes` (null when an end is missing). */
  flows: { label: string; handover: string; from: number | null; to: number | null }[];
}

export interface MapLabels {
  /** Per flow: its path, from the core's router. */
  paths: (Point[] | null)[];
  captions: (Label | null)[];
  branches: (Label | null)[];
  handovers: (Label | null)[];
}

/** The labels of a whole map, in the core's order: captions, then branches, then badges. */
export function mapLabels(m: MapInput): MapLabels {
  let rightmost = 0;
  for (const b of m.boxes) rightmost = Math.max(rightmost, b.x + b.w);
  const contentWidth = Math.max(rightmost + CORE_CONTENT_PADDING, CORE_MIN_CONTENT_W);
  const last = m.bands[m.bands.length - 1];
  const height = last ? last.top + last.height : 0;
  const paths = m.flows.map((f) => (f.from !== null && f.to !== null ? route(m.boxes[f.from], m.boxes[f.to]) : null));
  const scene: Scene = {
    shapes: m.boxes,
    headers: m.bands.map((b) => ({ x: -CORE_LANE_HEADER_W, y: b.top, w: CORE_LANE_HEADER_W, h: b.height })),
    area: { x: 0, y: 0, w: contentWidth + CAPTION_TEXT_WIDTH, h: height },
    arrows: paths.map((p) => p ?? []),
  };
  const bandOf = new Map(m.bands.map((b) => [b.id, b]));
  const owners: [LabelKind, number][] = [];
  const requests: Request[] = [];
  m.nodes.forEach((n, i) => {
    const name = n.label.trim();
    if (n.kind === "step" || name === "") return;
    const band = n.lane ? bandOf.get(n.lane) : undefined;
    owners.push(["caption", i]);
    requests.push({ kind: "caption", text: name, anchor: { shape: i }, within: band ? [band.top, band.top + band.height] : null });
  });
  m.flows.forEach((f, k) => {
    if (f.from === null || f.to === null) return;
    const label = f.label.trim();
    if (m.nodes[f.from].kind === "decision" || label !== "") {
      owners.push(["branch", k]);
      requests.push({ kind: "branch", text: label, anchor: { arrow: k }, within: null });
    }
  });
  m.flows.forEach((f, k) => {
    if (f.from === null || f.to === null) return;
    const [la, lb] = [m.nodes[f.from].lane, m.nodes[f.to].lane];
    if (la && lb && la !== lb) {
      owners.push(["handover", k]);
      requests.push({ kind: "handover", text: f.handover.trim(), anchor: { arrow: k }, within: null });
    }
  });
  const out: MapLabels = {
    paths,
    captions: m.nodes.map(() => null),
    branches: m.flows.map(() => null),
    handovers: m.flows.map(() => null),
  };
  place(scene, requests).forEach((label, i) => {
    const [kind, at] = owners[i];
    (kind === "caption" ? out.captions : kind === "branch" ? out.branches : out.handovers)[at] = label;
  });
  return out;
}
