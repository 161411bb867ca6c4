// Pieces every node kind shares: connection handles on four sides, the finding badge and
// the label that turns into a text box for renaming in place.

import { Handle, Position } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import type { Badge } from "../../../lib/diagnostics";
import { useEditorStore } from "../../store/EditorContext";
import type { PlacedLabel } from "../../store/types";

/** Four handles; with loose connection mode any side can start or end a flow. */
export function Handles() {
  return (
    <>
      <Handle id="l" type="source" position={Position.Left} />
      <Handle id="t" type="source" position={Position.Top} />
      <Handle id="r" type="source" position={Position.Right} />
      <Handle id="b" type="source" position={Position.Bottom} />
    </>
  );
}

export function BadgeDot({ badge }: { badge: Badge }) {
  if (!badge) return null;
  return (
    <span className={`badge badge-${badge.severity}`} title={`${badge.count} problem(s)`} data-testid="badge">
      {badge.count}
    </span>
  );
}

/**
 * The name of an event or gateway where the engine placed it (relative to the node), one
 * line per line the engine set; the whole name on hover when it had to be shortened. A
 * leader line joins it to its shape when it had to be set off. Nothing while unnamed.
 */
export function Caption({ caption }: { caption: PlacedLabel | null }) {
  if (!caption) return null;
  const { x, y, w, h, leader } = caption;
  return (
    <>
      {leader && (
        <svg className="caption-leader" style={{ left: Math.min(leader[0][0], leader[1][0]), top: Math.min(leader[0][1], leader[1][1]) }} aria-hidden>
          <line
            x1={leader[0][0] - Math.min(leader[0][0], leader[1][0])}
            y1={leader[0][1] - Math.min(leader[0][1], leader[1][1])}
            x2={leader[1][0] - Math.min(leader[0][0], leader[1][0])}
            y2={leader[1][1] - Math.min(leader[0][1], leader[1][1])}
          />
        </svg>
      )}
      <div className="node-label shape-label" style={{ left: x, top: y, width: w, height: h }} title={caption.abbreviated ? caption.text : undefined} data-testid="node-label">
        {caption.lines.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </div>
    </>
  );
}

/** The node's label; while `editing`, a text box that commits on Enter or blur and cancels on Escape. */
export function InlineLabel({
  id,
  label,
  editing,
  placeholder,
  className,
  caption,
}: {
  id: string;
  label: string;
  editing: boolean;
  placeholder: string;
  className?: string;
  /** For events and gateways: where the engine placed the name. */
  caption?: PlacedLabel | null;
}) {
  const store = useEditorStore();
  if (!editing && caption !== undefined) return <Caption caption={caption} />;
  if (!editing) {
    return (
      <div className={`node-label ${label ? "" : "is-empty"} ${className ?? ""}`} data-testid="node-label">
        {label || placeholder}
      </div>
    );
  }
  return <LabelInput initial={label} onDone={(v) => (v === null ? store.getState().setEditing(null) : store.getState().rename(id, v))} className={className} />;
}

export function LabelInput({
  initial,
  onDone,
  className,
  placeholder,
}: {
  initial: string;
  onDone: (value: string | null) => void;
  className?: string;
  placeholder?: string;
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (v: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(v === null ? null : v.trim());
  };
  return (
    <input
      ref={ref}
      className={`inline-input nodrag nopan ${className ?? ""}`}
      value={value}
      placeholder={placeholder}
      data-testid="inline-input"
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") finish(value);
        if (e.key === "Escape") finish(null);
      }}
      onBlur={() => finish(value)}
    />
  );
}
