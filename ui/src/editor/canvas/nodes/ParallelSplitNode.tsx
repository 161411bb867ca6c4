import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ParallelSplitNode as ParallelSplitNodeType } from "../../store/types";
import { BadgeDot, Handles, InlineLabel } from "./parts";

function ParallelSplitNode({ id, data, selected }: NodeProps<ParallelSplitNodeType>) {
  return (
    <div className={`node node-shape node-parallel ${selected ? "is-selected" : ""}`} data-kind="parallelSplit">
      <div className="shape shape-gateway">
        <Handles />
        <svg viewBox="0 0 48 48" className="shape-svg" aria-hidden>
          <polygon points="24,2 46,24 24,46 2,24" />
          <path d="M24 13 V35 M13 24 H35" className="glyph-line" />
        </svg>
        <BadgeDot badge={data.badge} />
      </div>
      <InlineLabel id={id} label={data.label} editing={data.editing} placeholder="Split" className="shape-label" caption={data.caption} />
    </div>
  );
}

export default memo(ParallelSplitNode);
