import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ParallelJoinNode as ParallelJoinNodeType } from "../../store/types";
import { BadgeDot, Handles, InlineLabel } from "./parts";

function ParallelJoinNode({ id, data, selected }: NodeProps<ParallelJoinNodeType>) {
  return (
    <div className={`node node-shape node-parallel ${selected ? "is-selected" : ""}`} data-kind="parallelJoin">
      <div className="shape shape-gateway">
        <Handles />
        <svg viewBox="0 0 48 48" className="shape-svg" aria-hidden>
          <polygon points="24,2 46,24 24,46 2,24" />
          <path d="M24 13 V35 M13 24 H35" className="glyph-line" />
          <circle cx="24" cy="24" r="4" className="glyph" />
        </svg>
        <BadgeDot badge={data.badge} />
      </div>
      <InlineLabel id={id} label={data.label} editing={data.editing} placeholder="Join" className="shape-label" caption={data.caption} />
    </div>
  );
}

export default memo(ParallelJoinNode);
