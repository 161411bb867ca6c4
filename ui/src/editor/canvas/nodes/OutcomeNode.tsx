import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { OutcomeNode as OutcomeNodeType } from "../../store/types";
import { BadgeDot, Handles, InlineLabel } from "./parts";

function OutcomeNode({ id, data, selected }: NodeProps<OutcomeNodeType>) {
  return (
    <div className={`node node-shape node-outcome ${selected ? "is-selected" : ""}`} data-kind="outcome">
      <div className="shape shape-circle">
        <Handles />
        <svg viewBox="0 0 44 44" className="shape-svg" aria-hidden>
          <circle cx="22" cy="22" r="20" />
          <circle cx="22" cy="22" r="13" className="inner" />
        </svg>
        <BadgeDot badge={data.badge} />
      </div>
      <InlineLabel id={id} label={data.label} editing={data.editing} placeholder="Outcome" className="shape-label" caption={data.caption} />
    </div>
  );
}

export default memo(OutcomeNode);
