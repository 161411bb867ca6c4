// The inspector: the selected step's, decision's or flow's details, or the process header
// when nothing is selected. Every change is a named edit of lib/edits applied by the editor
// store (undoable, autosaved).

import { useEffect, useState } from "react";
import type { Cadence, Category, TriggerKind } from "../bindings.gen";
import { useEditor, useEditorStore } from "../editor/store/EditorContext";
import { todayIso } from "../lib/dates";
import { setLane, setOwner, setRaci } from "../lib/edits";
import type { Seat } from "../lib/model";
import { FUNCTIONS, SEAT_KIND_LABEL, STATES, TAG_LABEL } from "../lib/model";
import { isBranch, isHandoff, seatChoices } from "../lib/rules";
import { ListField, MinutesField, SelectField, TextField } from "./fields";

export function Inspector({ librarySeats }: { librarySeats: Seat[] }) {
  const selected = useEditor((s) => s.selected);
  const [tab, setTab] = useState<"selection" | "process">("process");
  useEffect(() => setTab(selected.size > 0 ? "selection" : "process"), [selected]);
  return (
    <aside className="inspector" data-testid="inspector">
      <div className="tabs">
        <button className={tab === "selection" ? "is-active" : ""} onClick={() => setTab("selection")}>
          Selection
        </button>
        <button className={tab === "process" ? "is-active" : ""} onClick={() => setTab("process")} data-testid="tab-process">
          Process
        </button>
      </div>
      <div className="inspector-body">
        {tab === "selection" ? <SelectionPanel librarySeats={librarySeats} /> : <ProcessPanel librarySeats={librarySeats} />}
      </div>
    </aside>
  );
}

function useSeatOptions(librarySeats: Seat[]) {
  const docSeats = useEditor((s) => s.doc.seats);
  return seatChoices(docSeats, librarySeats);
}

function SelectionPanel({ librarySeats }: { librarySeats: Seat[] }) {
  const store = useEditorStore();
  const selected = useEditor((s) => s.selected);
  const doc = useEditor((s) => s.doc);
  const seats = useSeatOptions(librarySeats);
  if (selected.size === 0) return <p className="muted pad">Select a step, decision or flow to see its details.</p>;
  if (selected.size > 1) return <p className="muted pad">{selected.size} elements selected.</p>;
  const id = [...selected][0];
  const node = doc.process.nodes.find((n) => n.id === id);
  const flow = doc.process.flows.find((f) => f.id === id);
  const seatName = (laneId: string | null | undefined) => {
    const lane = doc.process.lanes.find((l) => l.id === laneId);
    return lane ? (doc.seats.find((s) => s.id === lane.seat)?.name ?? lane.seat) : "";
  };
  const s = store.getState();

  if (flow) {
    const a = doc.process.nodes.find((n) => n.id === flow.from);
    const b = doc.process.nodes.find((n) => n.id === flow.to);
    const handoff = isHandoff(a, b);
    return (
      <div className="section" key={flow.id}>
        <h3>{handoff ? "Handoff" : "Flow"}</h3>
        <p className="muted">
          {a?.label || "?"} → {b?.label || "?"}
          {handoff && ` (${seatName(a?.lane)} → ${seatName(b?.lane)})`}
        </p>
        {isBranch(a) && (
          <TextField label="Branch condition" value={flow.label ?? ""} onCommit={(v) => s.updateFlow(flow.id, { label: v })} />
        )}
        <TextField
          label="Handed over"
          value={flow.handover ?? ""}
          placeholder={handoff ? "What moves to the next seat?" : "Only needed between lanes"}
          onCommit={(v) => s.updateFlow(flow.id, { handover: v })}
        />
      </div>
    );
  }
  if (!node) return null;
  const details = node.kind === "step" ? (node.details ?? {}) : null;
  const raci = details?.raci ?? {};
  const seatOptions = [{ value: "", label: "—" }, ...seats.map((x) => ({ value: x.id, label: x.name }))];
  const laneSeat = doc.process.lanes.find((l) => l.id === node.lane)?.seat;
  const laneKind = seats.find((x) => x.id === laneSeat)?.kind;
  const editRaci = (patch: Partial<typeof raci>, summary: string) => s.edit((d) => setRaci(d, node.id, patch, librarySeats), summary);

  return (
    <div className="section" key={node.id}>
      <h3>{TAG_LABEL[node.kind]}</h3>
      <TextField label="Name" value={node.label ?? ""} onCommit={(v) => s.rename(node.id, v)} testId="inspector-label" />
      <SelectField
        label="Owner (lane)"
        value={node.lane ?? ""}
        testId="inspector-owner"
        options={doc.process.lanes.map((l) => ({ value: l.id, label: seatName(l.id) }))}
        onChange={(lane) => lane && s.edit((d) => setLane(d, node.id, lane), "Moved a step to another lane")}
      />
      {details && (
        <>
          <TextField label="Instructions" multiline value={details.instructions ?? ""} onCommit={(v) => s.updateStep(node.id, { instructions: v })} />
          <ListField label="Inputs" value={details.inputs ?? []} onCommit={(v) => s.updateStep(node.id, { inputs: v })} />
          <ListField label="Outputs" value={details.outputs ?? []} onCommit={(v) => s.updateStep(node.id, { outputs: v })} />
          <ListField label="Systems and tools" value={details.systems ?? []} onCommit={(v) => s.updateStep(node.id, { systems: v })} />
          <div className="field-row">
            <MinutesField label="Duration (min)" value={details.durationMinutes} onCommit={(v) => s.updateStep(node.id, { durationMinutes: v ?? undefined })} />
            <MinutesField label="Waiting before (min)" value={details.waitMinutes} onCommit={(v) => s.updateStep(node.id, { waitMinutes: v ?? undefined })} />
          </div>
          {(laneKind === "agent" || details.maxTries != null) && (
            <MinutesField
              label="Tries before a person steps in"
              placeholder="tries"
              value={details.maxTries}
              onCommit={(v) => s.updateStep(node.id, { maxTries: v ?? undefined })}
            />
          )}
          <h4>RACI</h4>
          <div className="raci-r">
            <span className="raci-letter">R</span> {seatName(node.lane) || "no lane"} <span className="muted">(the lane)</span>
          </div>
          <SelectField
            label="Accountable"
            value={(raci.accountable ?? [])[0] ?? ""}
            options={seatOptions}
            onChange={(v) => editRaci({ accountable: v ? [v] : [] }, "Set who is accountable")}
          />
          <SeatChecklist label="Consulted" seats={seats} value={raci.consulted ?? []} onChange={(v) => editRaci({ consulted: v }, "Changed who is consulted")} />
          <SeatChecklist label="Informed" seats={seats} value={raci.informed ?? []} onChange={(v) => editRaci({ informed: v }, "Changed who is informed")} />
        </>
      )}
    </div>
  );
}

function SeatChecklist({ label, seats, value, onChange }: { label: string; seats: Seat[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset className="field checklist">
      <legend>{label}</legend>
      {seats.map((seat) => (
        <label key={seat.id} className="check">
          <input
            type="checkbox"
            checked={value.includes(seat.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, seat.id] : value.filter((x) => x !== seat.id))}
          />
          {seat.name} <span className="muted">· {SEAT_KIND_LABEL[seat.kind]}</span>
        </label>
      ))}
    </fieldset>
  );
}

const CADENCES: { value: Cadence; label: string }[] = [
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "monthly", label: "Monthly" },
  { value: "quarterly", label: "Quarterly" },
  { value: "yearly", label: "Yearly" },
  { value: "asNeeded", label: "As needed" },
];
const TRIGGERS: { value: TriggerKind | ""; label: string }[] = [
  { value: "", label: "—" },
  { value: "schedule", label: "Schedule" },
  { value: "event", label: "Event" },
  { value: "threshold", label: "Threshold" },
  { value: "request", label: "Request" },
];
const CATEGORIES: { value: Category; label: string }[] = [
  { value: "operational", label: "Operational" },
  { value: "management", label: "Management" },
  { value: "support", label: "Support" },
];

function ProcessPanel({ librarySeats }: { librarySeats: Seat[] }) {
  const store = useEditorStore();
  const p = useEditor((s) => s.doc.process);
  const seats = useSeatOptions(librarySeats);
  const s = store.getState();
  const set = (patch: Partial<typeof p>, summary: string) => s.updateProcess(patch, summary);
  return (
    <div className="section">
      <TextField label="Name" value={p.name} onCommit={(v) => set({ name: v }, "Renamed the process")} testId="process-name-input" />
      <TextField label="Purpose" multiline value={p.purpose ?? ""} onCommit={(v) => set({ purpose: v }, "Edited the purpose")} />
      <SelectField
        label="Owner"
        value={p.owner ?? ""}
        testId="process-owner"
        options={[{ value: "", label: "— no owner —" }, ...seats.map((x) => ({ value: x.id, label: x.name }))]}
        onChange={(v) => s.edit((d) => setOwner(d, v || null, librarySeats), "Changed the owner")}
      />
      <div className="field-row">
        <SelectField
          label="Trigger"
          value={p.trigger?.kind ?? ""}
          options={TRIGGERS}
          onChange={(v) => set({ trigger: { ...(p.trigger ?? {}), kind: v || undefined } }, "Changed the trigger")}
        />
        <SelectField label="Cadence" value={p.cadence ?? "asNeeded"} options={CADENCES} onChange={(v) => v && set({ cadence: v }, "Changed the cadence")} />
      </div>
      <TextField
        label="What starts it"
        value={p.trigger?.description ?? ""}
        placeholder="e.g. a signed contract arrives"
        onCommit={(v) => set({ trigger: { ...(p.trigger ?? {}), description: v } }, "Described the trigger")}
      />
      <TextField label="Expected output" value={p.expectedOutput ?? ""} onCommit={(v) => set({ expectedOutput: v }, "Edited the expected output")} />
      <ListField label="Failure signals" value={p.failureSignals ?? []} onCommit={(v) => set({ failureSignals: v }, "Edited the failure signals")} />
      <div className="field-row">
        <SelectField label="Category" value={p.category ?? "operational"} options={CATEGORIES} onChange={(v) => v && set({ category: v }, "Changed the category")} />
        <SelectField label="Function" value={p.function ?? "other"} options={FUNCTIONS} onChange={(v) => v && set({ function: v }, "Changed the function")} />
      </div>
      <SelectField label="State" value={p.state ?? "draft"} options={STATES} onChange={(v) => v && set({ state: v }, "Changed the state")} />
      <div className="field">
        <span>Last reviewed</span>
        <div className="review-row">
          <input
            type="date"
            value={p.lastReviewed ?? ""}
            onChange={(e) => set({ lastReviewed: e.target.value || undefined }, "Changed the review date")}
          />
          <button className="btn small" onClick={() => set({ lastReviewed: todayIso() }, "Marked reviewed today")} data-testid="mark-reviewed">
            Mark reviewed today
          </button>
        </div>
      </div>
    </div>
  );
}
