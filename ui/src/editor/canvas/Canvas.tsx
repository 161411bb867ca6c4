// The map: React Flow over the lane bands, with the palette, minimap and zoom controls.

import {
  ConnectionMode,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useEffect, useMemo, useRef } from "react";
import { GRID, LANE_HEADER_W } from "../../lib/geometry";
import { autoLayout } from "../../lib/layout";
import { useEditor, useEditorStore } from "../store/EditorContext";
import type { EditorStore } from "../store/store";
import type { AppNode, FlowEdge } from "../store/types";
import { edgeTypes } from "./edges/FlowEdge";
import { LaneLayer } from "./LaneLayer";
import { nodeTypes } from "./nodes";
import { Palette } from "./Palette";
import { isTyping } from "./shortcuts";

const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const snapGrid: [number, number] = [GRID, GRID];
const MINIMAP_COLOURS: Record<string, string> = {
  start: "#3f8f6b",
  outcome: "#3b4a5e",
  decision: "#c78a1a",
  step: "#9fb3c8",
  parallelSplit: "#7a6fb0",
  parallelJoin: "#7a6fb0",
};
const minimapColour = (n: AppNode) => MINIMAP_COLOURS[n.type ?? "step"] ?? "#9fb3c8";
// Hoisted: React Flow copies every prop whose identity changed into its store (waking all
// of its subscribers), and the canvas re-renders on every drag frame.
const proOptions = { hideAttribution: true };
const multiSelectionKeyCode = ["Control", "Meta"];

/** Fits the whole map, lane headers included, into the window. */
export function fitMap(
  rf: Pick<ReactFlowInstance<AppNode>, "fitBounds" | "setViewport">,
  store: EditorStore,
  duration = 0,
  readable = false,
) {
  const { bands, nodes } = store.getState();
  const right = Math.max(200, ...nodes.map((n) => n.position.x + (n.width ?? 0)));
  const bottom = bands.length ? bands[bands.length - 1].top + bands[bands.length - 1].height : 200;
  const bounds = { x: -LANE_HEADER_W, y: 0, width: right + LANE_HEADER_W + 40, height: bottom + 50 };
  const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
  const fits = pane ? Math.min(pane.width / bounds.width, pane.height / bounds.height) : 1;
  // A map too wide to be read whole opens at a readable zoom at its start instead; F fits all.
  if (readable && fits < READABLE_ZOOM) void rf.setViewport({ x: LANE_HEADER_W * READABLE_ZOOM + 12, y: 12, zoom: READABLE_ZOOM }, { duration });
  else void rf.fitBounds(bounds, { padding: 0.04, duration });
}

const READABLE_ZOOM = 0.8;

export function Canvas({ onAddLane, onHelp }: { onAddLane: () => void; onHelp: () => void }) {
  const store = useEditorStore();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const focus = useEditor((s) => s.focus);
  const big = useEditor((s) => s.nodes.length > 300);
  const rf = useReactFlow();
  const fitted = useRef(false);
  // Stable callbacks: React Flow copies new handler identities into its own store, which
  // would otherwise happen on every drag frame.
  const handlers = useMemo(
    () => ({
      onNodesChange: (c: NodeChange<AppNode>[]) => store.getState().onNodesChange(c),
      onEdgesChange: (c: EdgeChange[]) => store.getState().onEdgesChange(c as EdgeChange<FlowEdge>[]),
      onConnect: (c: Connection) => store.getState().onConnect(c),
      onNodeDragStop: (_: unknown, __: unknown, dragged: AppNode[]) => store.getState().dropNodes(dragged.map((n) => n.id)),
      onNodeDoubleClick: (_: unknown, n: AppNode) => store.getState().setEditing(n.id),
      onEdgeDoubleClick: (_: unknown, e: { id: string }) => store.getState().setEditing(e.id),
      onPaneClick: () => store.getState().select([]),
      onInit: (inst: ReactFlowInstance<AppNode>) => {
        if (fitted.current) return;
        fitted.current = true;
        // A big map opens at its start, readable, rather than shrunk to dots; only the
        // visible part is then rendered.
        if (store.getState().nodes.length > 300) void inst.setViewport({ x: LANE_HEADER_W + 16, y: 16, zoom: 0.8 });
        else fitMap(inst, store, 0, true);
      },
    }),
    [store],
  );

  // Centre on elements the problems panel asked for; a flow is shown through its two ends.
  useEffect(() => {
    if (!focus) return;
    const doc = store.getState().doc;
    const ids = new Set<string>();
    for (const id of focus.ids) {
      const f = doc.process.flows.find((x) => x.id === id);
      if (f) {
        ids.add(f.from);
        ids.add(f.to);
      } else if (doc.process.nodes.some((n) => n.id === id)) ids.add(id);
    }
    if (ids.size > 0) void rf.fitView({ nodes: [...ids].map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.4 });
  }, [focus, rf, store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || document.querySelector(".dialog")) return;
      const s = store.getState();
      const ctrl = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      const handled = () => e.preventDefault();
      if (ctrl && k === "z" && !e.shiftKey) return handled(), s.undo();
      if ((ctrl && k === "z" && e.shiftKey) || (ctrl && k === "y")) return handled(), s.redo();
      if (ctrl && k === "c") return handled(), s.copySelection();
      if (ctrl && k === "v") return handled(), s.paste();
      if (ctrl && k === "d") return handled(), s.copySelection(), s.paste();
      if (ctrl && k === "a") return handled(), s.selectAll();
      if (ctrl && k === "l") return handled(), void s.arrange(autoLayout).then((done) => done && fitMap(rf, store, 250));
      if (ctrl) return;
      if (e.key === "Delete" || e.key === "Backspace") return handled(), s.deleteSelection();
      if (e.key === "F2" && s.selected.size === 1) return handled(), s.setEditing([...s.selected][0]);
      if (e.key === "Escape") return s.select([]);
      if (k === "f") return handled(), fitMap(rf, store, 200);
      if (e.key === "+" || e.key === "=") return handled(), void rf.zoomIn({ duration: 150 });
      if (e.key === "-") return handled(), void rf.zoomOut({ duration: 150 });
      if (e.key === "?") return handled(), onHelp();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, rf, onHelp]);

  return (
    <div className="canvas-wrap">
      <Palette />
      <div className="canvas" data-testid="canvas">
        <ReactFlow<AppNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={handlers.onNodesChange}
          onEdgesChange={handlers.onEdgesChange}
          onConnect={handlers.onConnect}
          onNodeDragStop={handlers.onNodeDragStop}
          onNodeDoubleClick={handlers.onNodeDoubleClick}
          onEdgeDoubleClick={handlers.onEdgeDoubleClick}
          onPaneClick={handlers.onPaneClick}
          onInit={handlers.onInit}
          connectionMode={ConnectionMode.Loose}
          defaultEdgeOptions={defaultEdgeOptions}
          snapToGrid
          snapGrid={snapGrid}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={multiSelectionKeyCode}
          minZoom={0.05}
          maxZoom={2}
          onlyRenderVisibleElements={big}
          proOptions={proOptions}
        >
          <LaneLayer onAddLane={onAddLane} />
          {/* The minimap redraws every node on every drag frame; on big maps that costs more than it shows. */}
          {!big && <MiniMap<AppNode> pannable zoomable nodeColor={minimapColour} maskColor="rgba(240,243,247,0.7)" />}
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}
