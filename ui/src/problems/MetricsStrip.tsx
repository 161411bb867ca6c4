// Steps, handoffs, decisions and cycle time of the map, from the engine.

import { useEditor } from "../editor/store/EditorContext";
import { formatMinutes } from "../lib/dates";

export function MetricsStrip() {
  const m = useEditor((s) => s.metrics);
  if (!m) return <div className="metrics" />;
  const cycle = m.cycle;
  return (
    <div className="metrics" data-testid="metrics">
      <Metric label="Steps" value={m.steps} testId="metric-steps" />
      <Metric label="Handoffs" value={m.handoffs} testId="metric-handoffs" />
      <Metric label="Decisions" value={m.decisions} testId="metric-decisions" />
      <Metric label="Lanes" value={m.lanes} />
      <Metric
        label="Cycle time"
        value={cycle ? formatMinutes(cycle.typical.total) : "—"}
        title={cycle ? `shortest ${formatMinutes(cycle.shortest.total)}, longest ${formatMinutes(cycle.longest.total)}` : "No outcome can be reached"}
      />
      <Metric label="Waiting at handoffs" value={cycle ? `${Math.round((m.handoffWaitShare ?? 0) * 100)}%` : "—"} />
    </div>
  );
}

function Metric({ label, value, title, testId }: { label: string; value: string | number; title?: string; testId?: string }) {
  return (
    <div className="metric" title={title}>
      <span className="metric-value" data-testid={testId}>
        {value}
      </span>
      <span className="metric-label">{label}</span>
    </div>
  );
}
