// The swimlanes: one band per lane behind the nodes (inside the viewport, so they pan and
// zoom with the map) and a column of headers naming the seats. The header column follows the
// map's vertical pan and zoom but stays pinned to the canvas's left edge when the map is
// panned right, like a spreadsheet's frozen column, so a long lane is always labelled.
// Headers take pointer input for renaming, reordering by dragging the grip and removing;
// band bodies let clicks through to the pane so panning and box selection work anywhere.

import { useReactFlow, useStoreApi, ViewportPortal, type ReactFlowState } from "@xyflow/react";
import { memo, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { LANE_HEADER_W } from "../../lib/geometry";
import { SEAT_KIND_LABEL, SEAT_KINDS, type SeatKind } from "../../lib/model";
import { countInLane } from "../../lib/rules";
import { SeatIcon } from "../../shared/SeatIcon";
import { useEditor, useEditorStore } from "../store/EditorContext";
import { LabelInput } from "./nodes/parts";
import { RemoveLaneDialog } from "./RemoveLaneDialog";

export const LaneLayer = memo(function LaneLayer({ onAddLane }: { onAddLane: () => void }) {
  const bands = useEditor((s) => s.bands);
  const width = useEditor((s) => s.width);
  const lanes = useEditor((s) => s.doc.process.lanes);
  const seats = useEditor((s) => s.doc.seats);
  const editing = useEditor((s) => s.editing);
  const store = useEditorStore();
  const rf = useReactFlow();
  const [drag, setDrag] = useState<{ lane: string; y: number; to: number } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const total = bands.length ? bands[bands.length - 1].top + bands[bands.length - 1].height : 0;

  const targetIndex = (y: number) => {
    let i = 0;
    for (const b of bands) if (y > b.top + b.height / 2) i += 1;
    return i;
  };

  return (
    <>
      <ViewportPortal>
        <div className="lane-layer" style={{ width: width + LANE_HEADER_W }}>
          {bands.map((band, index) => (
            <div
              key={band.id}
              className={`lane ${index % 2 ? "is-odd" : ""} ${drag?.lane === band.id ? "is-dragging" : ""}`}
              style={{ top: band.top, height: band.height, left: -LANE_HEADER_W, width: width + LANE_HEADER_W }}
              data-lane={band.id}
              data-testid="lane"
            />
          ))}
          {drag && (
            <div
              className="lane-drop-line"
              style={{
                top: drag.to < bands.length ? bands[drag.to].top : total,
                left: -LANE_HEADER_W,
                width: width + LANE_HEADER_W,
              }}
            />
          )}
        </div>
      </ViewportPortal>
      <PinnedColumn>
        {bands.map((band, index) => {
          const lane = lanes.find((l) => l.id === band.id);
          const seat = seats.find((s) => s.id === lane?.seat);
          const kind: SeatKind = seat?.kind ?? "person";
          return (
            <div
              key={band.id}
              className={`lane-head nopan nodrag nowheel ${index % 2 ? "is-odd" : ""}`}
              style={{ top: band.top, height: band.height }}
              data-lane={band.id}
              data-testid="lane-head"
            >
              <div
                className="lane-grip"
                title="Drag to reorder"
                data-testid="lane-grip"
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture(e.pointerId);
                  const y = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }).y;
                  setDrag({ lane: band.id, y, to: index });
                }}
                onPointerMove={(e) => {
                  if (!drag) return;
                  const y = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }).y;
                  setDrag({ ...drag, y, to: targetIndex(y) });
                }}
                onPointerUp={() => {
                  if (!drag) return;
                  const from = index;
                  // The target index counts the dragged lane itself when moving down.
                  const to = drag.to > from ? drag.to - 1 : drag.to;
                  setDrag(null);
                  store.getState().moveLane(band.id, to);
                }}
              >
                <svg viewBox="0 0 8 14" width="8" height="14" aria-hidden>
                  {[2, 7, 12].map((y) => [2, 6].map((x) => <circle key={`${x}${y}`} cx={x} cy={y} r="1.2" />))}
                </svg>
              </div>
              <div className="lane-title">
                <span className={`lane-kind kind-${kind}`} title={SEAT_KIND_LABEL[kind]}>
                  <SeatIcon kind={kind} />
                </span>
                {editing === band.id && seat ? (
                  <LabelInput
                    initial={seat.name}
                    onDone={(v) =>
                      v ? store.getState().updateSeat(seat.id, { name: v }) : store.getState().setEditing(null)
                    }
                  />
                ) : (
                  <span
                    className="lane-name"
                    data-testid="lane-name"
                    title="Double-click to rename"
                    onDoubleClick={() => store.getState().setEditing(band.id)}
                  >
                    {seat?.name ?? "Missing seat"}
                  </span>
                )}
              </div>
              <div className="lane-tools">
                <select
                  className="lane-kind-select"
                  value={kind}
                  aria-label="Seat kind"
                  onChange={(e) => seat && store.getState().updateSeat(seat.id, { kind: e.target.value as SeatKind })}
                >
                  {SEAT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {SEAT_KIND_LABEL[k]}
                    </option>
                  ))}
                </select>
                <button
                  className="icon-btn subtle"
                  title="Remove lane"
                  aria-label="Remove lane"
                  data-testid="lane-remove"
                  onClick={() => {
                    if (countInLane(store.getState().doc, band.id) > 0) setRemoving(band.id);
                    else store.getState().removeLane(band.id, null);
                  }}
                >
                  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
                    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9" fill="none" stroke="currentColor" strokeWidth="1.3" />
                  </svg>
                </button>
              </div>
            </div>
          );
        })}
        {/* Under the last header, clear of the zoom controls in the canvas's corner. */}
        <button className="lane-add nopan nodrag" style={{ top: total + 12, left: 56 }} onClick={onAddLane} data-testid="lane-add">
          + Add lane
        </button>
      </PinnedColumn>
      {removing && <RemoveLaneDialog laneId={removing} onClose={() => setRemoving(null)} />}
    </>
  );
});

/**
 * The header column: placed in screen space over the map, moved with the viewport's vertical
 * pan and zoom, and held at the canvas's left edge once the map is panned right. It follows
 * the viewport through a store subscription that writes the transform directly, so panning
 * does not re-render the headers.
 */
function PinnedColumn({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const rfStore = useStoreApi();
  useLayoutEffect(() => {
    const place = (s: ReactFlowState) => {
      const el = ref.current;
      if (!el) return;
      const [x, y, zoom] = s.transform;
      const left = x - LANE_HEADER_W * zoom;
      el.style.transform = `translate(${Math.max(0, left)}px, ${y}px) scale(${zoom})`;
      el.classList.toggle("is-pinned", left < 0);
    };
    place(rfStore.getState());
    return rfStore.subscribe(place);
  }, [rfStore]);
  return (
    <div className="lane-heads" ref={ref} data-testid="lane-heads">
      {children}
    </div>
  );
}
