// The library: processes grouped by business function with owner, state, problems and
// review status (with "Mark reviewed"); search and filters; new, from template, duplicate,
// rename, delete with undo, import and export; and the seats manager.

import { useCallback, useEffect, useState } from "react";
import type { LibraryInfo, ProcessSummary, Seat } from "../bindings.gen";
import { ExportDialog } from "../export/ExportDialog";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { FUNCTIONS, STATES } from "../lib/model";
import { Dialog } from "../shared/Dialog";
import { ImportDialog } from "./ImportDialog";
import { LibraryActions } from "./LibraryActions";
import { groupByFunction, NO_FILTER, type ProcessFilter } from "./filter";
import { SeatsManager } from "./SeatsManager";
import { TemplateGallery } from "./TemplateGallery";

const FN_LABEL = Object.fromEntries(FUNCTIONS.map((f) => [f.value, f.label])) as Record<string, string>;

export function LibraryScreen({
  libraryPath,
  warning,
  onOpen,
  onLibraryChanged,
  generation = 0,
}: {
  libraryPath: string;
  /** Changes when the library changed outside this screen (an import started from a launch). */
  generation?: number;
  /** What the user should know about this library (on a network share, unreadable settings). */
  warning?: string | null;
  onOpen: (id: string) => void;
  onLibraryChanged: (info: LibraryInfo) => void;
}) {
  const [tab, setTab] = useState<"processes" | "seats">("processes");
  const [list, setList] = useState<ProcessSummary[] | null>(null);
  const [seats, setSeats] = useState<Seat[]>([]);
  const [filter, setFilter] = useState<ProcessFilter>(NO_FILTER);
  const [dialog, setDialog] = useState<null | "new" | "gallery" | "import" | { rename: ProcessSummary } | { export: ProcessSummary }>(null);
  const [toast, setToast] = useState<null | { text: string; undo?: () => void }>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [l, s] = await Promise.all([call(commands.listProcesses()), call(commands.listSeats())]);
      setList(l);
      setSeats(s);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => void reload(), [reload, generation]);

  const act = async (f: () => Promise<unknown>, after?: string) => {
    try {
      await f();
      await reload();
      if (after) setToast({ text: after });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const groups = list ? groupByFunction(list, filter) : [];
  const owners = seats.filter((s) => list?.some((p) => p.owner === s.id));

  return (
    <div className="library" data-testid="library">
      <header className="lib-head">
        <div className="brand">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden>
            <rect x="1" y="1" width="22" height="22" rx="6" fill="#2f5d8a" />
            <rect x="5" y="6" width="8" height="4" rx="1.5" fill="#fff" />
            <rect x="11" y="14" width="8" height="4" rx="1.5" fill="#fff" />
            <path d="M13 8h2.5v6" stroke="#fff" strokeWidth="1.4" fill="none" />
          </svg>
          <span>Handoff</span>
        </div>
        <nav className="tabs big">
          <button className={tab === "processes" ? "is-active" : ""} onClick={() => setTab("processes")} data-testid="tab-processes">
            Processes
          </button>
          <button className={tab === "seats" ? "is-active" : ""} onClick={() => setTab("seats")} data-testid="tab-seats">
            Seats
          </button>
        </nav>
        <div className="lib-path muted small" title={libraryPath}>
          {libraryPath}
          <button
            className="link"
            onClick={async () => {
              const info = await call(commands.chooseLibrary());
              if (info) {
                onLibraryChanged(info);
                await reload();
              }
            }}
          >
            Change…
          </button>
        </div>
      </header>
      {warning && (
        <div className="banner warning" data-testid="library-warning">
          {warning}
        </div>
      )}

      {tab === "seats" ? (
        <SeatsManager seats={seats} onChanged={reload} />
      ) : (
        <div className="lib-body">
          <div className="lib-actions">
            <input
              className="search"
              type="search"
              placeholder="Search processes or owners"
              value={filter.text}
              onChange={(e) => setFilter({ ...filter, text: e.target.value })}
              data-testid="search"
            />
            <select value={filter.function} onChange={(e) => setFilter({ ...filter, function: e.target.value as ProcessFilter["function"] })} aria-label="Function">
              <option value="all">All functions</option>
              {FUNCTIONS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
            <select value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as ProcessFilter["state"] })} aria-label="State">
              <option value="all">All states</option>
              {STATES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <select value={filter.owner} onChange={(e) => setFilter({ ...filter, owner: e.target.value })} aria-label="Owner">
              <option value="all">All owners</option>
              {owners.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <label className="check">
              <input type="checkbox" checked={filter.onlyProblems} onChange={(e) => setFilter({ ...filter, onlyProblems: e.target.checked })} />
              With problems
            </label>
            <label className="check">
              <input type="checkbox" checked={filter.onlyOverdue} onChange={(e) => setFilter({ ...filter, onlyOverdue: e.target.checked })} />
              Review overdue
            </label>
            <span className="spacer" />
            <LibraryActions onChanged={reload} onOpen={onOpen} />
            <button className="btn" onClick={() => setDialog("import")} data-testid="import-maps">
              Import…
            </button>
            <button className="btn" onClick={() => setDialog("new")} data-testid="new-blank">
              New blank
            </button>
            <button className="btn primary" onClick={() => setDialog("gallery")} data-testid="new-from-template">
              New from template
            </button>
          </div>
          {error && (
            <div className="banner error" onClick={() => setError(null)}>
              {error}
            </div>
          )}
          {!list && <p className="muted pad">Loading…</p>}
          {list && groups.length === 0 && <p className="muted pad">No process matches. Clear the filters or start a new process.</p>}
          <div className="lib-groups">
            {groups.map((g) => (
              <section key={g.fn} className="lib-group">
                <h2>
                  {FN_LABEL[g.fn]} <span className="muted">{g.items.length}</span>
                </h2>
                <table className="proc-table">
                  <thead>
                    <tr>
                      <th>Process</th>
                      <th>Owner</th>
                      <th>State</th>
                      <th>Problems</th>
                      <th>Review</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {g.items.map((p) => (
                      <tr key={p.id} data-testid="process-row" data-id={p.id}>
                        <td>
                          <button className="proc-name" onClick={() => onOpen(p.id)} data-testid="open-process">
                            {p.name}
                          </button>
                        </td>
                        <td>{p.ownerName ?? <span className="warn-text">no owner</span>}</td>
                        <td>
                          <span className={`chip state-${p.state}`}>{p.state}</span>
                        </td>
                        <td>
                          <Problems p={p} />
                        </td>
                        <td>
                          <Review p={p} onReviewed={reload} />
                        </td>
                        <td className="row-actions">
                          <button className="btn small ghost" onClick={() => act(() => call(commands.duplicateProcess(p.id)), `Duplicated "${p.name}"`)}>
                            Duplicate
                          </button>
                          <button className="btn small ghost" onClick={() => setDialog({ rename: p })}>
                            Rename
                          </button>
                          <button className="btn small ghost" onClick={() => setDialog({ export: p })} data-testid="export-process">
                            Export
                          </button>
                          <button
                            className="btn small ghost danger"
                            data-testid="delete-process"
                            onClick={async () => {
                              await act(() => call(commands.deleteProcess(p.id)));
                              setToast({
                                text: `Deleted "${p.name}"`,
                                undo: () => void act(() => call(commands.undeleteProcess(p.id)), `Restored "${p.name}"`),
                              });
                            }}
                          >
                            Delete
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
          </div>
        </div>
      )}

      {dialog === "gallery" && <TemplateGallery onClose={() => setDialog(null)} onCreated={(id) => onOpen(id)} />}
      {dialog === "import" && <ImportDialog onClose={() => setDialog(null)} onImported={() => void reload()} onOpen={onOpen} />}
      {dialog && typeof dialog === "object" && "export" in dialog && (
        <ExportDialog processId={dialog.export.id} initial="map" onClose={() => setDialog(null)} />
      )}
      {dialog === "new" && (
        <NameDialog
          title="New blank process"
          initial=""
          action="Create"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            const saved = await call(commands.createProcess(name));
            onOpen(saved.id);
          }}
        />
      )}
      {dialog && typeof dialog === "object" && "rename" in dialog && (
        <NameDialog
          title="Rename process"
          initial={dialog.rename.name}
          action="Rename"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await act(() => call(commands.renameProcess(dialog.rename.id, name)));
            setDialog(null);
          }}
        />
      )}
      {toast && <Toast text={toast.text} undo={toast.undo} onDone={() => setToast(null)} />}
    </div>
  );
}

function Problems({ p }: { p: ProcessSummary }) {
  const { errors, warnings } = p.problems;
  if (errors + warnings === 0) return <span className="ok-text">None</span>;
  return (
    <span className="problem-counts">
      {errors > 0 && <span className="pc-error">{errors} error{errors > 1 ? "s" : ""}</span>}
      {warnings > 0 && <span className="pc-warning">{warnings} warning{warnings > 1 ? "s" : ""}</span>}
    </span>
  );
}

/**
 * The row's review status and "Mark reviewed", which records a review today as a new
 * revision (the mark_reviewed command) and reloads the list so the status follows; a failure
 * is shown here, under the status, until clicked away.
 */
function Review({ p, onReviewed }: { p: ProcessSummary; onReviewed: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mark = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(commands.markReviewed(p.id));
      await onReviewed();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="review-cell">
      <ReviewStatus p={p} />
      <button className="link small review-mark" onClick={mark} disabled={busy} data-testid="mark-reviewed-row" title="Record a review today (a new revision)">
        Mark reviewed
      </button>
      {error && (
        <span className="error-text small review-error" onClick={() => setError(null)} data-testid="review-error">
          {error}
        </span>
      )}
    </span>
  );
}

function ReviewStatus({ p }: { p: ProcessSummary }) {
  const r = p.review;
  switch (r.status) {
    case "overdue":
      return <span className="review overdue" data-testid="review-overdue">Overdue since {r.due}</span>;
    case "upcoming":
      return <span className="review upcoming">Due {r.due}</span>;
    case "current":
      return <span className="review current">Next {r.due}</span>;
    default:
      return <span className="review never muted">Never reviewed</span>;
  }
}

function NameDialog({
  title,
  initial,
  action,
  onClose,
  onSubmit,
}: {
  title: string;
  initial: string;
  action: string;
  onClose: () => void;
  onSubmit: (name: string) => Promise<void>;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await onSubmit(name.trim());
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="Process name" data-testid="name-input" />
        <button className="btn primary" type="submit" disabled={!name.trim()}>
          {action}
        </button>
      </form>
      {error && <p className="error-text">{error}</p>}
    </Dialog>
  );
}

function Toast({ text, undo, onDone }: { text: string; undo?: () => void; onDone: () => void }) {
  useEffect(() => {
    const t = setTimeout(onDone, 8000);
    return () => clearTimeout(t);
  }, [text, onDone]);
  return (
    <div className="toast" role="status">
      {text}
      {undo && (
        <button
          className="link"
          onClick={() => {
            undo();
            onDone();
          }}
          data-testid="toast-undo"
        >
          Undo
        </button>
      )}
    </div>
  );
}
