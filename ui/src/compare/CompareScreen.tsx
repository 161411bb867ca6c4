// The compare view: both maps side by side (stacked on a narrow window) with synchronised
// pan and zoom, differences coloured with a legend, the list of differences (a click selects
// the element on both sides) and the table of metric deltas. The backlog exports from here.

import { ReactFlowProvider, type Viewport } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Comparison_Serialize as Comparison, MapRef, ProcessSummary, RevisionInfo } from "../bindings.gen";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { navigate } from "../lib/nav";
import { ExportDialog } from "../export/ExportDialog";
import { CompareMap, fitViewport, mapView } from "./CompareMap";
import {
  counterpart,
  differences,
  headline,
  improved,
  statuses,
  tally,
  type Difference,
  type Side,
} from "./model";
import "./compare.css";

const LEGEND = [
  ["added", "Added"],
  ["removed", "Removed"],
  ["changed", "Changed"],
  ["moved", "Re-owned"],
] as const;

/** Below this window width the maps are always stacked. */
const NARROW_PX = 1200;
const PANE_HEAD = 33;

/** The size of one map pane in a maps area of `a`. */
function paneFor(a: { w: number; h: number }, stacked: boolean) {
  return stacked ? { w: a.w, h: (a.h - 1) / 2 - PANE_HEAD } : { w: (a.w - 1) / 2, h: a.h - PANE_HEAD };
}

/** Whether stacking the panes shows a map of this extent larger than putting them side by side. */
function stackedIsLarger(extent: { right: number; bottom: number }, a: { w: number; h: number }) {
  const zoom = (p: { w: number; h: number }) => fitViewport(extent, p.w, p.h).zoom;
  return zoom(paneFor(a, true)) > zoom(paneFor(a, false));
}

const KIND_LABEL: Record<Difference["kind"], string> = {
  moved: "Re-owned",
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  "handoff-added": "New handoff",
  "handoff-removed": "Handoff gone",
  "seat-added": "Seat joins",
  "seat-removed": "Seat leaves",
};

export function CompareScreen({ before, after }: { before: MapRef; after: MapRef }) {
  const [sides, setSides] = useState({ before, after });
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [picked, setPicked] = useState<{ before: string | null; after: string | null; key: string | null }>({
    before: null,
    after: null,
    key: null,
  });
  const [viewport, setViewport] = useState<Viewport>({ x: 200, y: 16, zoom: 0.6 });
  const [exporting, setExporting] = useState(false);
  const mapsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void call(commands.listProcesses()).then(setProcesses, (e) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    let stale = false;
    setError(null);
    call(commands.compareMaps(sides.before, sides.after)).then(
      // Rust sends the serialised form: every list present.
      (c) => !stale && (setCmp(c as Comparison), setPicked({ before: null, after: null, key: null })),
      (e) => !stale && setError(errorText(e)),
    );
    return () => {
      stale = true;
    };
  }, [sides]);

  const status = useMemo(() => (cmp ? statuses(cmp.diff) : null), [cmp]);
  const diffs = useMemo(() => (cmp ? differences(cmp.diff) : []), [cmp]);
  const beforeView = useMemo(
    () => (cmp && status ? mapView(cmp.before, status.before, new Set(picked.before ? [picked.before] : [])) : null),
    [cmp, status, picked.before],
  );
  const afterView = useMemo(
    () => (cmp && status ? mapView(cmp.after, status.after, new Set(picked.after ? [picked.after] : [])) : null),
    [cmp, status, picked.after],
  );

  // Side by side, or stacked: a narrow window always stacks; otherwise the arrangement that
  // shows the maps larger wins (wide swimlane maps read better one above the other), and the
  // toolbar lets the reader choose.
  const [arrange, setArrange] = useState<"auto" | "side" | "stacked">("auto");
  const [narrow, setNarrow] = useState(() => window.innerWidth < NARROW_PX);
  useEffect(() => {
    const onResize = () => setNarrow(window.innerWidth < NARROW_PX);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  const extent = useMemo(
    () => (beforeView && afterView ? { right: Math.max(beforeView.right, afterView.right), bottom: Math.max(beforeView.bottom, afterView.bottom) } : null),
    [beforeView, afterView],
  );
  const area = () => {
    const el = mapsRef.current;
    return el ? { w: el.clientWidth, h: el.clientHeight } : { w: 1000, h: 700 };
  };
  const stacked = narrow || arrange === "stacked" || (arrange === "auto" && !!extent && stackedIsLarger(extent, area()));
  const paneSize = () => paneFor(area(), stacked);

  const fit = useCallback(() => {
    if (!extent) return;
    const { w, h } = paneFor(area(), stacked);
    setViewport(fitViewport(extent, w, h));
  }, [extent, stacked]);

  // Fit once per comparison, when its maps are first drawn.
  const fittedFor = useRef<Comparison | null>(null);
  useEffect(() => {
    if (cmp && fittedFor.current !== cmp && beforeView && afterView) {
      fittedFor.current = cmp;
      fit();
    }
  }, [cmp, beforeView, afterView, fit]);
  const lastStacked = useRef(stacked);
  useEffect(() => {
    if (lastStacked.current !== stacked) {
      lastStacked.current = stacked;
      fit();
    }
  }, [stacked, fit]);

  /** Selects an element on both sides and brings it into view. */
  const pick = (p: { before: string | null; after: string | null; key: string | null }) => {
    setPicked(p);
    const centre = (p.after && afterView?.centres.get(p.after)) || (p.before && beforeView?.centres.get(p.before));
    if (centre) {
      const { w, h } = paneSize();
      // Centre it at the current zoom: the reader chose how much of the map to see.
      const zoom = viewport.zoom;
      setViewport({ zoom, x: w / 2 - centre.x * zoom, y: h / 2 - centre.y * zoom });
    }
  };

  const pickOnMap = (side: Side) => (id: string) => {
    if (!cmp) return;
    const other = counterpart(cmp.diff, side, id);
    const d = diffs.find((x) => x[side] === id);
    pick(side === "before" ? { before: id, after: other, key: d?.key ?? null } : { before: other, after: id, key: d?.key ?? null });
  };

  const nameOf = (r: MapRef, fallback: string) => {
    const p = processes.find((x) => x.id === r.process);
    return `${p?.name ?? fallback}${r.revision != null ? ` · revision ${r.revision}` : ""}`;
  };

  const counts = status ? tally(status) : null;

  return (
    <div className="compare" data-testid="compare">
      <header className="toolbar">
        <button className="btn ghost" data-testid="compare-back" onClick={() => navigate({ kind: "library" })}>
          ‹ Library
        </button>
        <div className="toolbar-title">
          <h1>Compare</h1>
        </div>
        <SidePicker label="Before" value={sides.before} processes={processes} onChange={(v) => setSides({ ...sides, before: v })} testId="compare-pick-before" />
        <button className="icon-btn" title="Swap the two sides" aria-label="Swap" onClick={() => setSides({ before: sides.after, after: sides.before })}>
          ⇄
        </button>
        <SidePicker label="After" value={sides.after} processes={processes} onChange={(v) => setSides({ ...sides, after: v })} testId="compare-pick-after" />
        <div className="toolbar-group">
          <button
            className="btn small"
            disabled={narrow}
            onClick={() => setArrange(stacked ? "side" : "stacked")}
            title={narrow ? "The window is narrow, so the maps are stacked" : "Show the maps side by side or one above the other"}
            data-testid="compare-arrange"
          >
            {stacked ? "Side by side" : "Stacked"}
          </button>
          <button className="btn small" onClick={fit} title="Show both maps whole" data-testid="compare-fit">
            Fit
          </button>
          <button className="btn small" onClick={() => navigate({ kind: "editor", processId: sides.after.process })}>
            Open in editor
          </button>
          <button className="btn small primary" disabled={!cmp} onClick={() => setExporting(true)} data-testid="export-backlog">
            Export backlog…
          </button>
        </div>
      </header>

      {error && <div className="banner error">{error}</div>}
      {!cmp && !error && <p className="muted pad">Comparing…</p>}

      {cmp && beforeView && afterView && counts && (
        <>
          <div className="cmp-summary">
            <div className="cmp-headline" data-testid="compare-headline">
              {headline(cmp.deltas)}
            </div>
            <div className="cmp-legend" data-testid="compare-legend">
              {LEGEND.map(([k, label]) => (
                <span key={k} className={`cmp-key cmp-${k}`}>
                  <span className="cmp-swatch" />
                  {label} <span className="muted">{counts[k]}</span>
                </span>
              ))}
            </div>
          </div>
          <div className="cmp-main">
            <div className={`cmp-maps ${stacked ? "is-stacked" : ""}`} ref={mapsRef} data-testid="compare-maps" data-stacked={stacked}>
                <ReactFlowProvider>
                  <CompareMap
                    side="before"
                    title={nameOf(sides.before, cmp.before.process.name)}
                    doc={cmp.before}
                    view={beforeView}
                    viewport={viewport}
                    onViewportChange={setViewport}
                    onPick={pickOnMap("before")}
                  />
                </ReactFlowProvider>
                <ReactFlowProvider>
                  <CompareMap
                    side="after"
                    title={nameOf(sides.after, cmp.after.process.name)}
                    doc={cmp.after}
                    view={afterView}
                    viewport={viewport}
                    onViewportChange={setViewport}
                    onPick={pickOnMap("after")}
                  />
                </ReactFlowProvider>
            </div>
            <aside className="cmp-side">
              <h3>The numbers</h3>
              <table className="cmp-deltas" data-testid="compare-deltas">
                <thead>
                  <tr>
                    <th />
                    <th>Before</th>
                    <th>After</th>
                    <th>Change</th>
                  </tr>
                </thead>
                <tbody>
                  {cmp.deltas.map((d) => {
                    const better = improved(d);
                    return (
                      <tr key={d.metric} data-metric={d.metric} className={better === null ? "" : better ? "is-better" : "is-worse"}>
                        <th>{d.metric}</th>
                        <td>{d.beforeText}</td>
                        <td>{d.afterText}</td>
                        <td className="cmp-change">{d.changeText}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <h3>
                Differences <span className="muted">{diffs.length}</span>
              </h3>
              <p className="muted small cmp-summary-line">{cmp.summary}</p>
              <ul className="cmp-diffs" data-testid="compare-diffs">
                {diffs.length === 0 && <li className="muted">The two maps say the same thing.</li>}
                {diffs.map((d) => (
                  <li key={d.key}>
                    <button
                      className={`cmp-diff cmp-k-${d.kind} ${picked.key === d.key ? "is-picked" : ""}`}
                      data-testid="compare-diff"
                      data-kind={d.kind}
                      data-before={d.before ?? ""}
                      data-after={d.after ?? ""}
                      onClick={() => pick({ before: d.before, after: d.after, key: d.key })}
                    >
                      <span className="cmp-diff-kind">{KIND_LABEL[d.kind]}</span>
                      <span className="cmp-diff-title">{d.title}</span>
                      <span className="cmp-diff-detail" title={d.detail}>
                        {d.detail}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </aside>
          </div>
        </>
      )}
      {exporting && (
        <ExportDialog
          backlog={{ before: sides.before, after: sides.after, name: `${cmp?.after.process.name ?? "Comparison"}` }}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}

function SidePicker({
  label,
  value,
  processes,
  onChange,
  testId,
}: {
  label: string;
  value: MapRef;
  processes: ProcessSummary[];
  onChange: (v: MapRef) => void;
  testId: string;
}) {
  const [revisions, setRevisions] = useState<RevisionInfo[]>([]);
  useEffect(() => {
    let stale = false;
    call(commands.listRevisions(value.process)).then(
      (r) => !stale && setRevisions(r),
      () => !stale && setRevisions([]),
    );
    return () => {
      stale = true;
    };
  }, [value.process]);
  return (
    <div className="cmp-picker" data-testid={testId}>
      <span className="muted small">{label}</span>
      <select
        value={value.process}
        aria-label={`${label}: process`}
        data-testid={`${testId}-process`}
        onChange={(e) => onChange({ process: e.target.value, revision: null })}
      >
        {!processes.some((p) => p.id === value.process) && <option value={value.process}>{value.process}</option>}
        {processes.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select
        value={value.revision == null ? "" : String(value.revision)}
        aria-label={`${label}: revision`}
        data-testid={`${testId}-revision`}
        onChange={(e) => onChange({ process: value.process, revision: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">Current</option>
        {revisions.map((r) => (
          <option key={r.number} value={r.number}>
            Revision {r.number} · {r.createdAt.slice(0, 10)} · {r.summary.length > 40 ? `${r.summary.slice(0, 40)}…` : r.summary}
          </option>
        ))}
      </select>
    </div>
  );
}
