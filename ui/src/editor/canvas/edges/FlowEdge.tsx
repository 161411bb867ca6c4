// A flow between two nodes. A handoff (the ends are in different lanes) is drawn dashed in
// the handoff colour with the handed-over item on a badge; a decision's branch carries its
// condition, typed in place. The path and both labels are the engine's
// (handoff_core::layout, through lib/labels.ts): the canvas draws them where they were
// placed and never moves them itself. While a node is being dragged its arrows follow the
// pointer on React Flow's own path and their labels wait for the drop.

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { Point } from "../../../lib/geometry";
import { useEditorStore } from "../../store/EditorContext";
import type { FlowEdge as FlowEdgeType, PlacedLabel } from "../../store/types";
import { LabelInput } from "../nodes/parts";

/** How far React Flow's handle positions may sit from the engine's anchors (handle size). */
const TOLERANCE = 8;

/** An SVG path through right-angled points, corners rounded by up to `radius`. */
function roundedPath(points: Point[], radius: number): string {
  let d = `M ${points[0][0]} ${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [p, c, n] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, Math.hypot(c[0] - p[0], c[1] - p[1]) / 2, Math.hypot(n[0] - c[0], n[1] - c[1]) / 2);
    const a = [c[0] - Math.sign(c[0] - p[0]) * r, c[1] - Math.sign(c[1] - p[1]) * r];
    const b = [c[0] + Math.sign(n[0] - c[0]) * r, c[1] + Math.sign(n[1] - c[1]) * r];
    d += ` L ${a[0]} ${a[1]} Q ${c[0]} ${c[1]} ${b[0]} ${b[1]}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last[0]} ${last[1]}`;
}

function Badge({ label, kind, onEdit, onSelect, id }: { label: PlacedLabel; kind: "branch" | "handover"; onEdit: () => void; onSelect: () => void; id: string }) {
  const empty = label.text === "";
  return (
    <div
      className={`edge-label label-${kind} ${empty ? "is-empty" : ""} nodrag nopan`}
      style={{ transform: `translate(${label.x}px, ${label.y}px)`, width: label.w, height: label.h }}
      title={label.abbreviated || empty ? label.text || (kind === "branch" ? "Condition?" : "What is handed over?") : undefined}
      onDoubleClick={onEdit}
      onClick={onSelect}
      data-testid="edge-pill"
      data-edge={id}
      data-label={kind}
    >
      {kind === "handover" && (
        <svg viewBox="0 0 16 16" aria-hidden>
          <path d="M2 6h10l-3-3M14 10H4l3 3" />
        </svg>
      )}
      <div className="label-lines">
        {label.lines.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </div>
    </div>
  );
}

function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd } = props;
  const store = useEditorStore();
  const [smooth, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
    offset: 24,
  });
  if (!data) return null;
  const pts = data.points;
  const near = (p: Point | undefined, x: number, y: number) => !!p && Math.abs(p[0] - x) <= TOLERANCE && Math.abs(p[1] - y) <= TOLERANCE;
  // The engine's path while the ends are where the engine saw them; React Flow's mid-drag.
  const settled = pts.length >= 2 && near(pts[0], sourceX, sourceY) && near(pts[pts.length - 1], targetX, targetY);
  const path = settled ? roundedPath(pts, 10) : smooth;
  const cls = ["flow", data.handoff ? "is-handoff" : "", data.branch ? "is-branch" : "", selected ? "is-selected" : ""].join(" ");
  const field = data.branch ? "label" : "handover";
  const edit = () => store.getState().setEditing(id);
  const select = () => store.getState().select([id]);
  const labels = settled && !data.editing ? ([["branch", data.branchLabel], ["handover", data.handoverLabel]] as const) : [];
  const leaders = labels.flatMap(([, l]) => (l?.leader ? [l.leader] : []));
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={16} />
      {leaders.map(([a, b], i) => (
        <path key={i} className="label-leader" d={`M ${a[0]} ${a[1]} L ${b[0]} ${b[1]}`} />
      ))}
      {(labels.length > 0 || data.editing) && (
        <EdgeLabelRenderer>
          {labels.map(([kind, l]) => l && <Badge key={kind} id={id} kind={kind} label={l} onEdit={edit} onSelect={select} />)}
          {data.editing && (
            <div
              className="edge-pill nodrag nopan"
              style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
              data-testid="edge-pill"
              data-edge={id}
            >
              <LabelInput
                initial={field === "label" ? data.label : data.handover}
                placeholder={field === "label" ? "Condition, e.g. approved" : "What is handed over?"}
                onDone={(v) => (v === null ? store.getState().setEditing(null) : store.getState().updateFlow(id, { [field]: v }))}
              />
            </div>
          )}
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const edgeTypes = { flow: memo(FlowEdge) };
