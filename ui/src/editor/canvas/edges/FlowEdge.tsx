// A flow between two nodes. A handoff (the ends are in different lanes) is drawn dashed in
// the handoff colour with the handed-over item on it; a decision's branch carries its
// condition, typed in place.

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore } from "../../store/EditorContext";
import { LabelInput } from "../nodes/parts";
import type { FlowEdge as FlowEdgeType } from "../../store/types";

function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd } = props;
  const store = useEditorStore();
  const [path, labelX, labelY] = getSmoothStepPath({
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
  const cls = ["flow", data.handoff ? "is-handoff" : "", data.branch ? "is-branch" : "", selected ? "is-selected" : ""].join(" ");
  const field = data.branch ? "label" : "handover";
  const edit = () => store.getState().setEditing(id);
  const showPill = data.branch || data.handoff || data.editing;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={16} />
      {showPill && (
        <EdgeLabelRenderer>
          <div
            className={`edge-pill nodrag nopan ${cls}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onDoubleClick={edit}
            onClick={() => store.getState().select([id])}
            data-testid="edge-pill"
            data-edge={id}
          >
            {data.editing ? (
              <LabelInput
                initial={field === "label" ? data.label : data.handover}
                placeholder={field === "label" ? "Condition, e.g. approved" : "What is handed over?"}
                onDone={(v) =>
                  v === null ? store.getState().setEditing(null) : store.getState().updateFlow(id, { [field]: v })
                }
              />
            ) : (
              <>
                {data.branch && <span className={`pill-branch ${data.label ? "" : "is-empty"}`}>{data.label || "condition?"}</span>}
                {data.handoff && (
                  <span className={`pill-handover ${data.handover ? "" : "is-empty"}`} title="Handed over">
                    <svg viewBox="0 0 16 16" aria-hidden>
                      <path d="M2 6h10l-3-3M14 10H4l3 3" />
                    </svg>
                    {data.handover || "what is handed over?"}
                  </span>
                )}
              </>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const edgeTypes = { flow: memo(FlowEdge) };
