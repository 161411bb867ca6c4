// The engine's findings, refreshed after every edit, grouped by severity. Clicking one
// selects and centres the elements it names.

import { useState } from "react";
import { useEditor, useEditorStore } from "../editor/store/EditorContext";
import { groupBySeverity } from "../lib/diagnostics";
import { MetricsStrip } from "./MetricsStrip";

/** Findings listed per severity; a broken chain in a big map can produce thousands. */
const SHOWN = 100;

const TITLE = { error: "Errors", warning: "Warnings", info: "Tidiness" } as const;

export function ProblemsPanel() {
  const store = useEditorStore();
  const diagnostics = useEditor((s) => s.diagnostics);
  const seq = useEditor((s) => s.analysisSeq);
  const [open, setOpen] = useState(true);
  const groups = groupBySeverity(diagnostics);
  return (
    <section className={`problems ${open ? "is-open" : ""} ${diagnostics.length === 0 ? "is-clean" : ""}`} data-testid="problems" data-seq={seq}>
      <header className="problems-head">
        <button className="problems-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          <span className="chev">{open ? "▾" : "▸"}</span>
          Problems
          <span className={`count ${diagnostics.some((d) => d.severity === "error") ? "has-errors" : diagnostics.length ? "has-warnings" : ""}`} data-testid="problem-count">
            {diagnostics.length}
          </span>
        </button>
        <MetricsStrip />
      </header>
      {open && (
        <div className="problems-body">
          {groups.length === 0 && <p className="muted pad">No problems found. The map can be followed as drawn.</p>}
          {groups.map((g) => (
            <div key={g.severity} className="problem-group">
              <h4 className={`sev-${g.severity}`}>
                {TITLE[g.severity]} <span className="muted">{g.items.length}</span>
              </h4>
              <ul>
                {g.items.slice(0, SHOWN).map((d, i) => (
                  <li key={`${d.code}-${i}`}>
                    <button
                      className={`problem sev-${d.severity}`}
                      data-code={d.code}
                      data-testid="problem"
                      onClick={() => d.elements.length && store.getState().focusOn(d.elements)}
                    >
                      <span className={`sev-dot sev-${d.severity}`} />
                      <span className="problem-text">
                        <span className="problem-msg">{d.message}</span>
                        <span className="problem-hint">{d.hint}</span>
                      </span>
                      <code className="problem-code">{d.code}</code>
                    </button>
                  </li>
                ))}
              </ul>
              {g.items.length > SHOWN && <p className="muted small pad-s">…and {g.items.length - SHOWN} more like these.</p>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
