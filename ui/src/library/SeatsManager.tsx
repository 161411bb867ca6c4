// The library's seats: add, rename, change kind, merge two, see where each is used, and run
// the seat change drill (someone leaves: what does the seat hold, what breaks while it is empty).

import { useState } from "react";
import type { Seat, SeatUse } from "../bindings.gen";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { newId } from "../lib/ids";
import { SEAT_KIND_LABEL, SEAT_KINDS, type SeatKind } from "../lib/model";
import { SeatIcon } from "../shared/SeatIcon";
import { Dialog } from "../shared/Dialog";
import { SeatChangeDialog } from "./SeatChangeDialog";

export function SeatsManager({ seats, onChanged }: { seats: Seat[]; onChanged: () => Promise<void> }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SeatKind>("person");
  const [usage, setUsage] = useState<{ seat: Seat; uses: SeatUse[] } | null>(null);
  const [merging, setMerging] = useState<Seat | null>(null);
  const [changing, setChanging] = useState<Seat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      await onChanged();
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="lib-body seats" data-testid="seats">
      <form
        className="lib-actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void run(() => call(commands.putSeat({ id: newId("seat"), name: name.trim(), kind, holder: null })));
          setName("");
        }}
      >
        <input className="search" placeholder="New seat: a role, team, agent, system or outsider" value={name} onChange={(e) => setName(e.target.value)} />
        <select value={kind} onChange={(e) => setKind(e.target.value as SeatKind)}>
          {SEAT_KINDS.map((k) => (
            <option key={k} value={k}>
              {SEAT_KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <button className="btn primary" type="submit" disabled={!name.trim()}>
          Add seat
        </button>
      </form>
      {error && <div className="banner error">{error}</div>}
      <table className="proc-table seat-table">
        <thead>
          <tr>
            <th>Seat</th>
            <th>Kind</th>
            <th>Held by</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {seats.map((s) => (
            <tr key={s.id}>
              <td>
                <span className="seat-cell">
                  <SeatIcon kind={s.kind} />
                  <InlineName value={s.name} onCommit={(v) => run(() => call(commands.putSeat({ ...s, name: v })))} />
                </span>
              </td>
              <td>
                <select value={s.kind} onChange={(e) => run(() => call(commands.putSeat({ ...s, kind: e.target.value as SeatKind })))}>
                  {SEAT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {SEAT_KIND_LABEL[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <InlineName value={s.holder ?? ""} placeholder="—" onCommit={(v) => run(() => call(commands.putSeat({ ...s, holder: v || null })))} />
              </td>
              <td className="row-actions">
                <button className="btn small ghost" onClick={async () => setUsage({ seat: s, uses: await call(commands.seatUsage(s.id)) })}>
                  Where used
                </button>
                <button className="btn small ghost" onClick={() => setChanging(s)} data-testid="seat-change" data-seat={s.id}>
                  Seat change…
                </button>
                <button className="btn small ghost" onClick={() => setMerging(s)}>
                  Merge into…
                </button>
                <button className="btn small ghost danger" onClick={() => run(() => call(commands.deleteSeat(s.id)))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {usage && (
        <Dialog title={`Where "${usage.seat.name}" is used`} onClose={() => setUsage(null)}>
          {usage.uses.length === 0 ? (
            <p className="muted">No process uses this seat.</p>
          ) : (
            <ul className="plain">
              {usage.uses.map((u) => (
                <li key={u.process}>
                  <strong>{u.processName}</strong>
                  <span className="muted">
                    {" "}
                    · {u.lanes} lane(s){u.owner ? " · owner" : ""}
                    {u.raciSteps ? ` · RACI on ${u.raciSteps} step(s)` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Dialog>
      )}
      {changing && <SeatChangeDialog seat={changing} onClose={() => setChanging(null)} />}
      {merging && (
        <Dialog title={`Merge "${merging.name}" into another seat`} onClose={() => setMerging(null)}>
          <p className="muted">Every lane, ownership and RACI entry of "{merging.name}" moves to the seat you pick; then "{merging.name}" is removed.</p>
          <div className="seat-pick">
            {seats
              .filter((s) => s.id !== merging.id)
              .map((s) => (
                <button
                  key={s.id}
                  className="seat-chip"
                  onClick={() => {
                    void run(() => call(commands.mergeSeats(s.id, merging.id)));
                    setMerging(null);
                  }}
                >
                  <SeatIcon kind={s.kind} /> {s.name}
                </button>
              ))}
          </div>
        </Dialog>
      )}
    </div>
  );
}

function InlineName({ value, onCommit, placeholder }: { value: string; onCommit: (v: string) => void; placeholder?: string }) {
  const [v, setV] = useState(value);
  return (
    <input
      className="cell-input"
      value={v}
      placeholder={placeholder}
      onChange={(e) => setV(e.target.value)}
      onBlur={() => v.trim() !== value && onCommit(v.trim())}
      onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
    />
  );
}
