import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { StartNode as StartNodeType } from "../../store/types";
import { BadgeDot, Handles, InlineLabel } from "./parts";

function StartNode({ id, data, selected }: NodeProps<StartNodeType>) {
  return (
    <div className={`node node-shape node-start ${selected ? "is-selected" : ""}`} data-kind="start">
      <div className="shape shape-circle">
        <Handles />
        <svg viewBox="0 0 44 44" className="shape-svg" aria-hidden>
          <circle cx="22" cy="22" r="20" />
          <polygon points="18,14 30,22 18,30" className="glyph" />
        </svg>
        <BadgeDot badge={data.badge} />
      </div>
      <InlineLabel id={id} label={data.label} editing={data.editing} placeholder="Start" className="shape-label" caption={data.caption} />
    </div>
  );
}

export default memo(StartNode);
