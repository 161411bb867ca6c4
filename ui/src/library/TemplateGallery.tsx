// Start a process from a template: a list on the left, a preview of the map on the right.

import { useEffect, useState } from "react";
import type { TemplateInfo } from "../lib/model";
import { call, commands } from "../lib/api";
import { Dialog } from "../shared/Dialog";
import { MapPreview } from "./MapPreview";

export function TemplateGallery({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [pick, setPick] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void commands.listTemplates().then((t) => {
      setTemplates(t);
      setPick(t[0]?.fileName ?? null);
    });
  }, []);
  const chosen = templates.find((t) => t.fileName === pick);
  return (
    <Dialog
      title="New process from a template"
      onClose={onClose}
      wide
      footer={
        <>
          {error && <span className="error-text">{error}</span>}
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn primary"
            disabled={!chosen}
            data-testid="use-template"
            onClick={async () => {
              if (!chosen) return;
              try {
                const saved = await call(commands.createFromTemplate(chosen.fileName));
                onCreated(saved.id);
              } catch (e) {
                setError(String((e as Error).message ?? e));
              }
            }}
          >
            Use this template
          </button>
        </>
      }
    >
      <div className="gallery">
        <ul className="gallery-list">
          {templates.map((t) => (
            <li key={t.fileName}>
              <button
                className={t.fileName === pick ? "is-active" : ""}
                onClick={() => setPick(t.fileName)}
                data-testid="template"
                data-file={t.fileName}
              >
                <span className="gallery-name">{t.doc.process.name}</span>
                <span className="muted small">
                  {t.doc.process.function} · {t.doc.process.lanes.length} lanes · {t.doc.process.nodes.filter((n) => n.kind === "step").length} steps
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="gallery-preview">
          {chosen && (
            <>
              <h3>{chosen.doc.process.name}</h3>
              <p className="muted">{chosen.doc.process.purpose}</p>
              <MapPreview doc={chosen.doc} />
              <dl className="facts">
                <dt>Trigger</dt>
                <dd>{chosen.doc.process.trigger?.description || "—"}</dd>
                <dt>Expected output</dt>
                <dd>{chosen.doc.process.expectedOutput || "—"}</dd>
              </dl>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
