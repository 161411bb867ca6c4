// The seat change drill: someone leaves, a role is merged, a step goes to an agent. What the
// seat holds in each process (steps, Accountable, handoffs), what the checks find while it
// is empty, and the successor's handover pack. The engine decides all of it; this shows it.

import { useEffect, useState } from "react";
import type { HeldStep, Seat, SeatChange } from "../bindings.gen";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { Dialog } from "../shared/Dialog";
import { ExportDialog } from "../export/ExportDialog";

const steps = (list: HeldStep[]) => list.map((s) => (s.number == null ? s.name : `${s.number}. ${s.name}`)).join("; ");

export function SeatChangeDialog({ seat, onClose }: { seat: Seat; onClose: () => void }) {
  const [drill, setDrill] = useState<SeatChange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pack, setPack] = useState(false);
  useEffect(() => {
    call(commands.seatDrill(seat.id)).then(setDrill, (e) => setError(errorText(e)));
  }, [seat.id]);

  if (pack) return <ExportDialog initial="handoverPack" seatId={seat.id} onClose={() => setPack(false)} />;
  const broken = drill?.processes.reduce((n, p) => n + p.ifEmpty.length, 0) ?? 0;
  return (
    <Dialog
      title={`Seat change: ${seat.name}`}
      onClose={onClose}
      wide
      footer={
        <>
          <button className="btn" onClick={onClose} data-testid="seat-change-close">
            Close
          </button>
          <button className="btn primary" onClick={() => setPack(true)} disabled={!drill} data-testid="seat-change-pack">
            Write the handover pack…
          </button>
        </>
      }
    >
      <div data-testid="seat-change-dialog">
        {error && <div className="banner error">{error}</div>}
        {!drill && !error && <p className="muted">Looking through the library…</p>}
        {drill && (
          <>
            <p className="muted" data-testid="seat-change-summary">
              {seat.name} takes part in {drill.processes.length} process{drill.processes.length === 1 ? "" : "es"}.{" "}
              {broken === 0 ? "With the seat empty, nothing becomes ownerless." : `With the seat empty, the checks find ${broken} new problem${broken === 1 ? "" : "s"}.`}
            </p>
            {drill.processes.map((p) => (
              <section key={p.process} className="seat-change-process" data-testid="seat-change-process" data-process={p.process}>
                <h4>
                  {p.processName}
                  {p.owns && <span className="muted"> · owner</span>}
                </h4>
                <dl className="seat-change-facts">
                  {p.steps.length > 0 && (
                    <>
                      <dt>Does</dt>
                      <dd>{steps(p.steps)}</dd>
                    </>
                  )}
                  {p.accountable.length > 0 && (
                    <>
                      <dt>Accountable for</dt>
                      <dd>{steps(p.accountable)}</dd>
                    </>
                  )}
                  {p.receives.length > 0 && (
                    <>
                      <dt>Receives</dt>
                      <dd>{p.receives.map((h) => `${h.item || "work"} from ${h.other}`).join("; ")}</dd>
                    </>
                  )}
                  {p.handsOver.length > 0 && (
                    <>
                      <dt>Hands over</dt>
                      <dd>{p.handsOver.map((h) => `${h.item || "work"} to ${h.other}`).join("; ")}</dd>
                    </>
                  )}
                </dl>
                {p.ifEmpty.length > 0 && (
                  <ul className="seat-change-breaks" data-testid="seat-change-breaks">
                    {p.ifEmpty.map((f, i) => (
                      <li key={i} data-code={f.code}>
                        <span className={`sev ${f.severity}`}>{f.severity}</span> {f.message}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </>
        )}
      </div>
    </Dialog>
  );
}
