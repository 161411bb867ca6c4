// Asks where a removed lane's steps should go: another lane, or away with the lane.

import { createPortal } from "react-dom";
import { useState } from "react";
import { countInLane } from "../../lib/rules";
import { Dialog } from "../../shared/Dialog";
import { useEditor, useEditorStore } from "../store/EditorContext";

export function RemoveLaneDialog({ laneId, onClose }: { laneId: string; onClose: () => void }) {
  const store = useEditorStore();
  const lanes = useEditor((s) => s.doc.process.lanes);
  const seats = useEditor((s) => s.doc.seats);
  const count = useEditor((s) => countInLane(s.doc, laneId));
  const others = lanes.filter((l) => l.id !== laneId);
  const [target, setTarget] = useState<string>(others[0]?.id ?? "");
  const name = (seatId: string) => seats.find((s) => s.id === seatId)?.name ?? seatId;
  const lane = lanes.find((l) => l.id === laneId);
  // Rendered outside the zoomed viewport so the dialog is not scaled with the map.
  return createPortal(
    <Dialog
      title={`Remove lane "${lane ? name(lane.seat) : ""}"?`}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn danger"
            data-testid="remove-lane-delete"
            onClick={() => {
              store.getState().removeLane(laneId, null);
              onClose();
            }}
          >
            Delete lane and its {count} element(s)
          </button>
          <button
            className="btn primary"
            data-testid="remove-lane-move"
            disabled={!target}
            onClick={() => {
              store.getState().removeLane(laneId, target);
              onClose();
            }}
          >
            Move them and remove lane
          </button>
        </>
      }
    >
      <p>
        This lane holds {count} element(s). Where should they go?
      </p>
      {others.length > 0 ? (
        <label className="field">
          <span>Move them to</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="remove-lane-target">
            {others.map((l) => (
              <option key={l.id} value={l.id}>
                {name(l.seat)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="muted">There is no other lane; they can only be deleted with it.</p>
      )}
    </Dialog>,
    document.body,
  );
}
