import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { DecisionNode as DecisionNodeType } from "../../store/types";
import { BadgeDot, Handles, InlineLabel } from "./parts";

function DecisionNode({ id, data, selected }: NodeProps<DecisionNodeType>) {
  return (
    <div className={`node node-shape node-decision ${selected ? "is-selected" : ""}`} data-kind="decision">
      <div className="shape shape-diamond">
        <Handles />
        <svg viewBox="0 0 64 64" className="shape-svg" aria-hidden>
          <polygon points="32,2 62,32 32,62 2,32" />
          <text x="32" y="38" textAnchor="middle">?</text>
        </svg>
        <BadgeDot badge={data.badge} />
      </div>
      <InlineLabel id={id} label={data.label} editing={data.editing} placeholder="Question?" className="shape-label" caption={data.caption} />
    </div>
  );
}

export default memo(DecisionNode);
