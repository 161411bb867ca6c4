// A small static drawing of a map, for the template gallery: lane bands, boxes and arrows.

import { layoutLanes, NODE_SIZE } from "../lib/geometry";
import type { Document } from "../lib/model";

export function MapPreview({ doc, height = 260 }: { doc: Document; height?: number }) {
  const p = doc.process;
  const { bands, width } = layoutLanes(
    p.lanes.map((l) => l.id),
    p.nodes.map((n) => ({ lane: n.lane, tag: n.kind, x: n.position?.x ?? 0, y: n.position?.y ?? 0 })),
  );
  const head = 120;
  const total = bands.length ? bands[bands.length - 1].top + bands[bands.length - 1].height : 100;
  const right = Math.max(...p.nodes.map((n) => (n.position?.x ?? 0) + NODE_SIZE[n.kind].w), 200) + 60;
  const top = new Map(bands.map((b) => [b.id, b.top]));
  const box = new Map(
    p.nodes.map((n) => {
      const s = NODE_SIZE[n.kind];
      const x = head + (n.position?.x ?? 0);
      const y = (n.lane ? (top.get(n.lane) ?? 0) : 0) + (n.position?.y ?? 0);
      return [n.id, { x, y, w: s.w, h: s.h, n }];
    }),
  );
  const seatName = (seat: string) => doc.seats.find((s) => s.id === seat)?.name ?? seat;
  const vbWidth = Math.min(width, right) + head;
  // Lane names stay legible however far the preview is scaled down.
  const fontSize = Math.max(14, vbWidth / 50);
  return (
    <svg className="map-preview" viewBox={`0 0 ${vbWidth} ${total}`} style={{ height }} preserveAspectRatio="xMinYMin meet">
      {bands.map((b, i) => (
        <g key={b.id}>
          <rect x={0} y={b.top} width={right + head} height={b.height} className={i % 2 ? "pv-lane odd" : "pv-lane"} />
          <text x={12} y={b.top + fontSize * 1.5} className="pv-lane-name" style={{ fontSize }}>
            {seatName(p.lanes[i].seat)}
          </text>
        </g>
      ))}
      {p.flows.map((f) => {
        const a = box.get(f.from);
        const b = box.get(f.to);
        if (!a || !b) return null;
        return (
          <line
            key={f.id}
            x1={a.x + a.w}
            y1={a.y + a.h / 2}
            x2={b.x}
            y2={b.y + b.h / 2}
            className={a.n.lane !== b.n.lane ? "pv-flow handoff" : "pv-flow"}
          />
        );
      })}
      {[...box.values()].map(({ x, y, w, h, n }) =>
        n.kind === "step" ? (
          <rect key={n.id} x={x} y={y} width={w} height={h} rx={8} className="pv-step" />
        ) : n.kind === "start" || n.kind === "outcome" ? (
          <circle key={n.id} cx={x + w / 2} cy={y + h / 2} r={w / 2} className={`pv-${n.kind}`} />
        ) : (
          <polygon key={n.id} points={`${x + w / 2},${y} ${x + w},${y + h / 2} ${x + w / 2},${y + h} ${x},${y + h / 2}`} className="pv-gateway" />
        ),
      )}
    </svg>
  );
}
