// Adds a lane: for a seat the library already has, or for a new seat.

import { useState } from "react";
import { Dialog } from "../shared/Dialog";
import { SeatIcon } from "../shared/SeatIcon";
import { newId } from "../lib/ids";
import { SEAT_KIND_LABEL, SEAT_KINDS, type Seat, type SeatKind } from "../lib/model";
import { seatsForNewLane } from "../lib/rules";
import { useEditor, useEditorStore } from "./store/EditorContext";

export function AddLaneDialog({ librarySeats, onClose }: { librarySeats: Seat[]; onClose: () => void }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const candidates = seatsForNewLane(doc, librarySeats);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SeatKind>("person");
  const add = (seat: Seat) => {
    store.getState().addLane(seat);
    onClose();
  };
  return (
    <Dialog title="Add a lane" onClose={onClose}>
      {candidates.length > 0 && (
        <>
          <h4>A seat you already have</h4>
          <div className="seat-pick">
            {candidates.map((s) => (
              <button key={s.id} className="seat-chip" onClick={() => add(s)}>
                <SeatIcon kind={s.kind} /> {s.name}
              </button>
            ))}
          </div>
        </>
      )}
      <h4>A new seat</h4>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) add({ id: newId("seat"), name: name.trim(), kind });
        }}
      >
        <input autoFocus placeholder="Role, team, system…" value={name} onChange={(e) => setName(e.target.value)} data-testid="new-seat-name" />
        <select value={kind} onChange={(e) => setKind(e.target.value as SeatKind)}>
          {SEAT_KINDS.map((k) => (
            <option key={k} value={k}>
              {SEAT_KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <button className="btn primary" type="submit" disabled={!name.trim()}>
          Add lane
        </button>
      </form>
    </Dialog>
  );
}
