// Page-side helpers for the suite: geometry of lanes and nodes as the user sees them.

/** Screen rectangles of the lanes, the canvas and every node. */
export function scene() {
  const r = (el) => {
    const b = el.getBoundingClientRect();
    return { x: b.left, y: b.top, w: b.width, h: b.height };
  };
  const canvas = document.querySelector("[data-testid=canvas]");
  const vp = document.querySelector(".react-flow__viewport");
  const zoom = vp ? new DOMMatrix(getComputedStyle(vp).transform).a : 1;
  return {
    zoom,
    canvas: canvas ? r(canvas) : null,
    lanes: [...document.querySelectorAll("[data-testid=lane]")].map((el) => ({
      id: el.dataset.lane,
      name: document.querySelector(`[data-testid=lane-head][data-lane="${el.dataset.lane}"] [data-testid=lane-name]`)?.textContent ?? "",
      ...r(el),
    })),
    nodes: [...document.querySelectorAll(".react-flow__node")].map((el) => ({
      id: el.dataset.id,
      kind: el.querySelector("[data-kind]")?.dataset.kind,
      label: el.querySelector("[data-testid=node-label]")?.textContent ?? "",
      ...r(el),
    })),
    obstacles: [...document.querySelectorAll(".react-flow__minimap, .react-flow__controls, .edge-pill")].map(r),
  };
}

/** A screen point inside lane `laneIndex` of scene `s` with room for a w×h box free of nodes and pills (runs in Node). */
export function freeSpot(s, laneIndex, w, h) {
  const lane = s.lanes[laneIndex];
  const c = s.canvas;
  const head = 200;
  const hits = (x, y) =>
    [...s.nodes, ...s.obstacles].some(
      (n) => x + w / 2 + 24 > n.x && x - w / 2 - 24 < n.x + n.w && y + h / 2 + 24 > n.y && y - h / 2 - 24 < n.y + n.h,
    );
  const top = Math.max(lane.y, c.y) + h / 2 + 8;
  const bottom = Math.min(lane.y + lane.h, c.y + c.h) - h / 2 - 8;
  for (let y = top; y <= bottom; y += 10) {
    for (let x = Math.max(lane.x + head, c.x) + w / 2 + 20; x < c.x + c.w - w / 2 - 10; x += 10) {
      if (!hits(x, y)) return { x, y };
    }
  }
  return null;
}

/** Centre of the first of a node's handles (`l`, `t`, `r`, `b`) that is not covered by something else. */
export function handle(nodeId, sides) {
  for (const side of sides.split("")) {
    const el = document.querySelector(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle[data-handleid="${side}"]`);
    if (!el) continue;
    const b = el.getBoundingClientRect();
    const p = { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    if (document.elementFromPoint(p.x, p.y) === el) return p;
  }
  return null;
}

/** Problem codes in the panel and the panel's refresh counter. */
export function problems() {
  const panel = document.querySelector("[data-testid=problems]");
  return {
    seq: Number(panel?.dataset.seq ?? 0),
    codes: [...document.querySelectorAll("[data-testid=problem]")].map((el) => el.dataset.code),
  };
}

/** Replaces the text of an input in session `s` as a user would: focus, select all, type. */
export async function fill(s, css, text) {
  await s.waitFor(css);
  await s.exec((c) => {
    const el = document.querySelector(c);
    el.focus();
    el.select();
  }, css);
  await s.keys(text);
  await s.until((c, t) => document.querySelector(c)?.value === t, [css, text], 3000, `${css} to read ${text}`);
}
