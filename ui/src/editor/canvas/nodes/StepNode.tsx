import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { StepNode as StepNodeType } from "../../store/types";
import { BadgeDot, Handles, InlineLabel } from "./parts";

function minutes(m: number): string {
  if (m < 60) return `${m} min`;
  if (m < 60 * 8) return `${+(m / 60).toFixed(1)} h`;
  return `${+(m / 480).toFixed(1)} d`;
}

function StepNode({ id, data, selected }: NodeProps<StepNodeType>) {
  return (
    <div className={`node node-step ${selected ? "is-selected" : ""}`} data-kind="step">
      <Handles />
      <BadgeDot badge={data.badge} />
      <InlineLabel id={id} label={data.label} editing={data.editing} placeholder="Unnamed step" />
      {(data.durationMinutes != null || data.systems.length > 0) && (
        <div className="node-meta">
          {data.durationMinutes != null && <span>{minutes(data.durationMinutes)}</span>}
          {data.systems.length > 0 && <span className="node-meta-sys">{data.systems.join(", ")}</span>}
        </div>
      )}
    </div>
  );
}

export default memo(StepNode);
