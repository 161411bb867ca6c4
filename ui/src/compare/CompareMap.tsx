// One side of the compare view: a read-only swimlane map whose elements are coloured by how
// they differ. The viewport is controlled by the compare screen, so both sides pan and zoom
// together.

import {
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ViewportPortal,
  type Edge,
  type Node,
  type NodeProps,
  type NodeTypes,
  type Viewport,
} from "@xyflow/react";
import { memo, useMemo } from "react";
import { facingHandles, LANE_HEADER_W, layoutLanes, NODE_SIZE, type LaneBand } from "../lib/geometry";
import type { Document, NodeTag } from "../lib/model";
import { statusClass, type Status } from "./model";

type CmpData = { label: string; tag: NodeTag; status: Status | undefined; picked: boolean };
type CmpNode = Node<CmpData, "cmp">;

const HANDLES: [string, Position][] = [
  ["l", Position.Left],
  ["r", Position.Right],
  ["t", Position.Top],
  ["b", Position.Bottom],
];

const CompareNode = memo(function CompareNode({ data }: NodeProps<CmpNode>) {
  const round = data.tag === "start" || data.tag === "outcome";
  const diamond = data.tag === "decision" || data.tag === "parallelSplit" || data.tag === "parallelJoin";
  return (
    <div
      className={`cmp-node cmp-${data.tag} ${round ? "is-round" : ""} ${diamond ? "is-diamond" : ""} ${statusClass(data.status)} ${data.picked ? "is-picked" : ""}`}
      data-testid="cmp-node"
      data-status={data.status ?? "same"}
      title={data.label}
    >
      {HANDLES.map(([id, pos]) => (
        <span key={id}>
          <Handle id={id} type="source" position={pos} className="cmp-handle" isConnectable={false} />
          <Handle id={id} type="target" position={pos} className="cmp-handle" isConnectable={false} />
        </span>
      ))}
      {diamond && <span className="cmp-diamond" />}
      {data.tag === "step" ? <span className="cmp-label">{data.label}</span> : <span className="cmp-under">{data.label}</span>}
    </div>
  );
});

const nodeTypes: NodeTypes = { cmp: CompareNode };
const marker = { type: MarkerType.ArrowClosed, width: 14, height: 14 };

export interface MapView {
  nodes: CmpNode[];
  edges: Edge[];
  bands: LaneBand[];
  /** Right and bottom edge of the drawing, in flow coordinates. */
  right: number;
  bottom: number;
  /** Absolute centre of each node and flow (a flow's centre is between its ends). */
  centres: Map<string, { x: number; y: number }>;
}

/** Lays a document out as the editor does (lane bands, lane-relative positions). O(n + f). */
export function mapView(doc: Document, status: Map<string, Status>, picked: Set<string>): MapView {
  const p = doc.process;
  const lanes = p.lanes ?? [];
  const pnodes = p.nodes ?? [];
  const { bands } = layoutLanes(
    lanes.map((l) => l.id),
    pnodes.map((n) => ({ lane: n.lane, tag: n.kind, x: n.position?.x ?? 0, y: n.position?.y ?? 0 })),
  );
  const top = new Map(bands.map((b) => [b.id, b.top]));
  const boxes = new Map<string, { x: number; y: number; w: number; h: number }>();
  const centres = new Map<string, { x: number; y: number }>();
  let right = 400;
  const nodes: CmpNode[] = pnodes.map((n) => {
    const size = NODE_SIZE[n.kind];
    const x = n.position?.x ?? 0;
    const y = (n.lane ? (top.get(n.lane) ?? 0) : 0) + (n.position?.y ?? 0);
    boxes.set(n.id, { x, y, w: size.w, h: size.h });
    centres.set(n.id, { x: x + size.w / 2, y: y + size.h / 2 });
    right = Math.max(right, x + size.w);
    return {
      id: n.id,
      type: "cmp",
      position: { x, y },
      width: size.w,
      height: size.h,
      draggable: false,
      selectable: false,
      connectable: false,
      data: { label: n.label ?? "", tag: n.kind, status: status.get(n.id), picked: picked.has(n.id) },
    };
  });
  const edges: Edge[] = [];
  for (const f of p.flows ?? []) {
    const a = boxes.get(f.from);
    const b = boxes.get(f.to);
    if (!a || !b) continue;
    const [sourceHandle, targetHandle] = facingHandles(a, b);
    centres.set(f.id, { x: (a.x + a.w / 2 + b.x + b.w / 2) / 2, y: (a.y + a.h / 2 + b.y + b.h / 2) / 2 });
    const st = status.get(f.id);
    edges.push({
      id: f.id,
      source: f.from,
      target: f.to,
      sourceHandle,
      targetHandle,
      type: "smoothstep",
      label: f.label || undefined,
      className: `cmp-edge ${statusClass(st)} ${picked.has(f.id) ? "is-picked" : ""}`,
      markerEnd: marker,
      selectable: false,
      focusable: false,
    });
  }
  const bottom = bands.length ? bands[bands.length - 1].top + bands[bands.length - 1].height : 200;
  return { nodes, edges, bands, right: right + 40, bottom, centres };
}

/** The viewport that shows the whole drawing (lane headers included) in a w×h pane. */
export function fitViewport(view: Pick<MapView, "right" | "bottom">, w: number, h: number): Viewport {
  const pad = 16;
  const bw = view.right + LANE_HEADER_W;
  const zoom = Math.max(0.1, Math.min(1, (w - 2 * pad) / bw, (h - 2 * pad) / view.bottom));
  return { x: pad + LANE_HEADER_W * zoom, y: pad, zoom };
}

export function CompareMap({
  side,
  title,
  doc,
  view,
  viewport,
  onViewportChange,
  onPick,
}: {
  side: "before" | "after";
  title: string;
  doc: Document;
  view: MapView;
  viewport: Viewport;
  onViewportChange: (v: Viewport) => void;
  onPick: (id: string) => void;
}) {
  const seatName = useMemo(() => {
    const names = new Map((doc.seats ?? []).map((s) => [s.id, s.name]));
    return new Map((doc.process.lanes ?? []).map((l) => [l.id, names.get(l.seat) ?? l.seat]));
  }, [doc]);
  const width = view.right;
  return (
    <section className={`cmp-pane cmp-pane-${side}`} data-testid={`compare-${side}`}>
      <header className="cmp-pane-head">
        <span className={`chip state-${doc.process.state ?? "draft"}`}>{side === "before" ? "before" : "after"}</span>
        <span className="cmp-pane-title" title={title}>
          {title}
        </span>
      </header>
      <div className="cmp-flow">
        <ReactFlow<CmpNode>
          nodes={view.nodes}
          edges={view.edges}
          nodeTypes={nodeTypes}
          viewport={viewport}
          onViewportChange={onViewportChange}
          onNodeClick={(_, n) => onPick(n.id)}
          onEdgeClick={(_, e) => onPick(e.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          minZoom={0.05}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
        >
          <ViewportPortal>
            <div className="cmp-lanes" style={{ width: width + LANE_HEADER_W }}>
              {view.bands.map((b, i) => (
                <div
                  key={b.id}
                  className={`cmp-lane ${i % 2 ? "is-odd" : ""}`}
                  style={{ top: b.top, height: b.height, left: -LANE_HEADER_W, width: width + LANE_HEADER_W }}
                >
                  <span className="cmp-lane-name">{seatName.get(b.id) ?? "Missing seat"}</span>
                </div>
              ))}
            </div>
          </ViewportPortal>
        </ReactFlow>
      </div>
    </section>
  );
}
