// The RACI grid of the open process: steps × seats. A click on a cell offers R, A, C and I;
// every change is a named edit of lib/edits applied by the editor store (undo, autosave and
// the live checks as on the canvas), and each row shows the engine's RACI findings for its
// step. Which letters a cell offers is decided by lib/rules.

import { useEffect, useMemo, useRef, useState } from "react";
import { useEditor, useEditorStore } from "../editor/store/EditorContext";
import { call, commands } from "../lib/api";
import { addSeats, clearRoles, setRole } from "../lib/edits";
import type { Role, Seat } from "../lib/model";
import { canClearRoles, canGiveRole } from "../lib/rules";
import { SeatIcon } from "../shared/SeatIcon";
import { cellText, raciGrid } from "./model";
import "./raci.css";

const ROLE_HELP: Record<Role, string> = {
  R: "Responsible: does the work. This is the lane's seat, so R moves the step into this seat's lane.",
  A: "Accountable: answers for the result. Exactly one seat per step.",
  C: "Consulted: asked before or during the work.",
  I: "Informed: told once it is done.",
};

export function RaciGrid({ onClose }: { onClose: () => void }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const diagnostics = useEditor((s) => s.diagnostics);
  const seq = useEditor((s) => s.analysisSeq);
  const grid = useMemo(() => raciGrid(doc), [doc]);
  const [menu, setMenu] = useState<{ row: string; col: number } | null>(null);
  const [librarySeats, setLibrarySeats] = useState<Seat[]>([]);

  useEffect(() => {
    void call(commands.listSeats()).then(setLibrarySeats, () => setLibrarySeats([]));
  }, []);

  const findings = useMemo(() => {
    const m = new Map<string, { code: string; message: string; severity: string }[]>();
    for (const d of diagnostics) {
      if (!d.code.startsWith("raci-")) continue;
      for (const id of d.elements) {
        const list = m.get(id) ?? [];
        list.push({ code: d.code, message: d.message, severity: d.severity });
        m.set(id, list);
      }
    }
    return m;
  }, [diagnostics]);

  const noA = grid.rows.filter((r) => !r.roles.some((x) => x.has("A"))).length;
  const manyA = grid.rows.filter((r) => r.roles.filter((x) => x.has("A")).length > 1).length;

  const apply = (row: string, col: number, role: Role | null) => {
    setMenu(null);
    const seat = grid.columns[col].seat;
    const label = grid.rows.find((r) => r.id === row)?.label ?? "a step";
    const s = store.getState();
    if (role === null) s.edit((d) => clearRoles(d, row, seat.id), `Cleared ${seat.name}'s RACI on "${label}"`);
    else if (role === "R") s.edit((d) => setRole(d, row, seat.id, "R"), `Moved "${label}" to ${seat.name} (R)`);
    else s.edit((d) => setRole(d, row, seat.id, role), `Set ${role} for ${seat.name} on "${label}"`);
  };

  const addable = librarySeats.filter((l) => !grid.columns.some((c) => c.seat.id === l.id));

  return (
    <div className="raci" data-testid="raci-grid" data-seq={seq}>
      <header className="raci-head">
        <h2>RACI</h2>
        <span className="muted small">
          R does the work (the lane's seat) · A answers for it · C is asked · I is told
        </span>
        <span className="spacer" />
        <span className={`raci-health ${noA + manyA ? "is-bad" : "is-ok"}`} data-testid="raci-health">
          {noA + manyA === 0
            ? "Every step has exactly one Accountable seat"
            : [noA ? `${noA} step${noA > 1 ? "s" : ""} without A` : "", manyA ? `${manyA} with several A` : ""].filter(Boolean).join(" · ")}
        </span>
        {addable.length > 0 && (
          <select
            className="raci-add"
            value=""
            aria-label="Add a seat column"
            onChange={(e) => {
              const seat = librarySeats.find((l) => l.id === e.target.value);
              if (seat) store.getState().edit((d) => addSeats(d, [seat]), `Added ${seat.name} to the RACI`);
            }}
          >
            <option value="">+ Seat…</option>
            {addable.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        )}
        <button className="btn small" onClick={onClose} data-testid="raci-close">
          Back to the map
        </button>
      </header>
      <div className="raci-scroll">
        {grid.rows.length === 0 ? (
          <p className="muted pad">This process has no steps yet. Add steps on the map; each becomes a row here.</p>
        ) : (
          <table className="raci-table">
            <thead>
              <tr>
                <th className="raci-step-h">Step</th>
                {grid.columns.map((c) => (
                  <th key={c.seat.id} className="raci-seat-h" data-seat={c.seat.id} title={c.laneId ? `${c.seat.name} (has a lane)` : `${c.seat.name} (no lane: A, C or I only)`}>
                    <span className={`lane-kind kind-${c.seat.kind}`}>
                      <SeatIcon kind={c.seat.kind} />
                    </span>
                    <span className="raci-seat-name">{c.seat.name}</span>
                  </th>
                ))}
                <th className="raci-check-h">Checks</th>
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => {
                const found = findings.get(row.id) ?? [];
                return (
                  <tr key={row.id} data-step={row.id} className={found.length ? "has-finding" : ""}>
                    <th className="raci-step" title={row.label}>
                      <button className="link raci-step-link" onClick={() => store.getState().focusOn([row.id])} title="Show on the map">
                        {row.label || "Unnamed step"}
                      </button>
                    </th>
                    {row.roles.map((roles, col) => {
                      const text = cellText(roles);
                      const open = menu?.row === row.id && menu.col === col;
                      return (
                        <td key={col} className="raci-cell-td">
                          <button
                            className={`raci-cell ${text ? `has-${text.replace("/", "")}` : ""} ${open ? "is-open" : ""}`}
                            data-testid="raci-cell"
                            data-seat={grid.columns[col].seat.id}
                            data-roles={text}
                            onClick={() => setMenu(open ? null : { row: row.id, col })}
                            onKeyDown={(e) => {
                              const k = e.key.toUpperCase();
                              if (["R", "A", "C", "I"].includes(k)) apply(row.id, col, k as Role);
                              if (e.key === "Delete" || e.key === "Backspace") apply(row.id, col, null);
                              if (e.key === "Escape") setMenu(null);
                            }}
                          >
                            {text}
                          </button>
                          {open && (
                            <CellMenu
                              roles={roles}
                              canR={!!grid.columns[col].laneId}
                              seatName={grid.columns[col].seat.name}
                              onPick={(r) => apply(row.id, col, r)}
                              onClose={() => setMenu(null)}
                            />
                          )}
                        </td>
                      );
                    })}
                    <td className="raci-checks">
                      {found.map((f, i) => (
                        <span key={i} className={`raci-finding sev-${f.severity}`} data-code={f.code} data-testid="raci-finding" title={f.message}>
                          {f.code === "raci-multiple-accountable" ? "several A" : f.code === "raci-no-accountable" ? "no A" : f.code}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function CellMenu({
  roles,
  canR,
  seatName,
  onPick,
  onClose,
}: {
  roles: Set<Role>;
  canR: boolean;
  seatName: string;
  onPick: (r: Role | null) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (e: PointerEvent) => ref.current && !ref.current.contains(e.target as Node) && onClose();
    const t = setTimeout(() => window.addEventListener("pointerdown", away), 0);
    return () => {
      clearTimeout(t);
      window.removeEventListener("pointerdown", away);
    };
  }, [onClose]);
  return (
    <div className="raci-menu" ref={ref} role="menu" data-testid="raci-menu">
      {(["R", "A", "C", "I"] as Role[]).map((r) => {
        const disabled = !canGiveRole(roles, r, canR);
        const why = r === "R" && !canR ? `${seatName} has no lane in this process; add one to make it Responsible.` : r === "R" && roles.has("R") ? "Already the lane doing this step." : ROLE_HELP[r];
        return (
          <button key={r} className={`raci-opt ${roles.has(r) ? "is-on" : ""}`} disabled={disabled} title={why} onClick={() => onPick(r)} data-testid={`raci-set-${r}`}>
            <b>{r}</b>
            <span>{{ R: "Responsible", A: "Accountable", C: "Consulted", I: "Informed" }[r]}</span>
          </button>
        );
      })}
      <button className="raci-opt" onClick={() => onPick(null)} disabled={!canClearRoles(roles)} data-testid="raci-clear" title="Take A, C and I away (R follows the lane)">
        <b>–</b>
        <span>Clear</span>
      </button>
    </div>
  );
}
