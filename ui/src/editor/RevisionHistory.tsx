// Every save of this process; any revision can be restored (itself a new revision, and an
// undoable edit in the editor).

import { useEffect, useState } from "react";
import type { RevisionInfo } from "../bindings.gen";
import { call, commands } from "../lib/api";
import { errorText } from "../lib/errors";
import { Dialog } from "../shared/Dialog";
import { useEditorStore } from "./store/EditorContext";

export function RevisionHistory({ onClose }: { onClose: () => void }) {
  const store = useEditorStore();
  const [revs, setRevs] = useState<RevisionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = store.getState().doc.process.id;
  useEffect(() => {
    void (async () => {
      try {
        await store.getState().flush();
        setRevs(await call(commands.listRevisions(id)));
      } catch (e) {
        setError(errorText(e));
      }
    })();
  }, [id, store]);
  return (
    <Dialog title="Revision history" onClose={onClose} wide>
      {error && <p className="error-text">{error}</p>}
      {!revs && !error && <p className="muted">Loading…</p>}
      {revs && (
        <ol className="revisions" data-testid="revisions">
          {[...revs].sort((a, b) => b.number - a.number).map((r, i) => (
            <li key={r.number} data-testid="revision" data-number={r.number}>
              <span className="rev-no">#{r.number}</span>
              <span className="rev-summary">{r.summary}</span>
              <time className="muted">{new Date(r.createdAt).toLocaleString()}</time>
              {i === 0 ? (
                <span className="chip">current</span>
              ) : (
                <button
                  className="btn small"
                  data-testid="restore-revision"
                  onClick={async () => {
                    try {
                      // The old revision comes back as an edit (undoable, saved like any other).
                      const doc = await call(commands.loadRevision(id, r.number));
                      store.getState().replaceDoc(doc, `Restored revision ${r.number}`);
                      onClose();
                    } catch (e) {
                      setError(errorText(e));
                    }
                  }}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
