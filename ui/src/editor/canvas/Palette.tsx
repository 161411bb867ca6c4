// The palette: drag an element into a lane. Built on pointer events (not HTML5 drag and
// drop) so a mouse, a touchpad and WebDriver pointer actions all drive it the same way.

import { useReactFlow } from "@xyflow/react";
import { memo, useEffect, useState } from "react";
import { NODE_TAGS, TAG_LABEL, type NodeTag } from "../../lib/model";
import { useEditorStore } from "../store/EditorContext";

const GLYPH: Record<NodeTag, React.ReactNode> = {
  start: <circle cx="12" cy="12" r="8" />,
  step: <rect x="3" y="6" width="18" height="12" rx="3" />,
  decision: <polygon points="12,3 21,12 12,21 3,12" />,
  parallelSplit: (
    <>
      <polygon points="12,3 21,12 12,21 3,12" />
      <path d="M12 8v8M8 12h8" />
    </>
  ),
  parallelJoin: (
    <>
      <polygon points="12,3 21,12 12,21 3,12" />
      <path d="M12 8v8M8 12h8" />
      <circle cx="12" cy="12" r="1.6" />
    </>
  ),
  outcome: (
    <>
      <circle cx="12" cy="12" r="8" />
      <circle cx="12" cy="12" r="4.5" />
    </>
  ),
};

export const Palette = memo(function Palette() {
  const rf = useReactFlow();
  const store = useEditorStore();
  const [drag, setDrag] = useState<{ tag: NodeTag; x: number; y: number } | null>(null);

  useEffect(() => {
    if (!drag) return;
    const move = (e: PointerEvent) => setDrag((d) => (d ? { ...d, x: e.clientX, y: e.clientY } : d));
    const up = (e: PointerEvent) => {
      const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
      const inside =
        pane && e.clientX >= pane.left && e.clientX <= pane.right && e.clientY >= pane.top && e.clientY <= pane.bottom;
      if (inside) store.getState().addNodeAt(drag.tag, rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
      setDrag(null);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up, { once: true });
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    // Only the start and end of a drag matter here; the position updates re-render the ghost.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drag?.tag]);

  return (
    <aside className="palette" aria-label="Palette">
      {NODE_TAGS.map((tag) => (
        <div
          key={tag}
          className="palette-item"
          data-testid={`palette-${tag}`}
          title={`Drag a ${TAG_LABEL[tag].toLowerCase()} into a lane`}
          onPointerDown={(e) => {
            e.preventDefault();
            setDrag({ tag, x: e.clientX, y: e.clientY });
          }}
        >
          <svg viewBox="0 0 24 24" className={`palette-glyph glyph-${tag}`} aria-hidden>
            {GLYPH[tag]}
          </svg>
          <span>{TAG_LABEL[tag]}</span>
        </div>
      ))}
      {drag && (
        <div className="palette-ghost" style={{ left: drag.x, top: drag.y }}>
          <svg viewBox="0 0 24 24" className={`palette-glyph glyph-${drag.tag}`} aria-hidden>
            {GLYPH[drag.tag]}
          </svg>
          {TAG_LABEL[drag.tag]}
        </div>
      )}
    </aside>
  );
});
