// Pieces every node kind shares: connection handles on four sides, the finding badge and
// the label that turns into a text box for renaming in place.

import { Handle, Position } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import type { Badge } from "../../../lib/diagnostics";
import { useEditorStore } from "../../store/EditorContext";

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

/** The node's label; while `editing`, a text box that commits on Enter or blur and cancels on Escape. */
export function InlineLabel({
  id,
  label,
  editing,
  placeholder,
  className,
}: {
  id: string;
  label: string;
  editing: boolean;
  placeholder: string;
  className?: string;
}) {
  const store = useEditorStore();
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
