// The window: a library screen and an editor per process. Screens are a small union so
// later views (RACI grid, compare, export) slot in as new cases.

import { useEffect, useState } from "react";
import { EditorScreen } from "../editor/EditorScreen";
import { CompareScreen } from "../compare/CompareScreen";
import { LibraryScreen } from "../library/LibraryScreen";
import { call, commands } from "../lib/api";
import { setGeometry } from "../lib/geometry";
import { useNavigation } from "../lib/nav";
import type { LibraryInfo, MapRef } from "../bindings.gen";

export type Screen =
  | { kind: "library" }
  | { kind: "editor"; processId: string }
  | { kind: "compare"; before: MapRef; after: MapRef };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: "library" });
  const [info, setInfo] = useState<LibraryInfo | null>(null);
  const [ready, setReady] = useState(false);
  useNavigation(setScreen);

  useEffect(() => {
    void (async () => {
      const g = await commands.canvasGeometry();
      setGeometry({ minLaneHeight: g.minLaneHeight ?? 150, lanePadding: g.lanePadding ?? 30, nodes: g.nodes.map((n) => ({ tag: n.tag, width: n.width ?? 0, height: n.height ?? 0 })) });
      setInfo(await commands.libraryInfo());
      setReady(true);
    })();
  }, []);

  if (!ready) return <div className="splash">Opening your library…</div>;

  if (!info?.path) {
    return (
      <div className="splash">
        <h1>Handoff could not open its library</h1>
        <p className="muted">{info?.error ?? "No library is open."}</p>
        <button
          className="btn primary"
          onClick={async () => {
            const next = await call(commands.chooseLibrary());
            if (next) setInfo(next);
          }}
        >
          Choose or create a library…
        </button>
      </div>
    );
  }

  if (screen.kind === "compare") return <CompareScreen key={`${JSON.stringify(screen)}`} before={screen.before} after={screen.after} />;

  return screen.kind === "editor" ? (
    <EditorScreen key={screen.processId} processId={screen.processId} onClose={() => setScreen({ kind: "library" })} />
  ) : (
    <LibraryScreen
      libraryPath={info.path}
      warning={info.warning}
      onOpen={(id) => setScreen({ kind: "editor", processId: id })}
      onLibraryChanged={setInfo}
    />
  );
}
