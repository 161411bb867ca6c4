// The window: a library screen and an editor per process. Screens are a small union so
// later views (RACI grid, compare, export) slot in as new cases.

import { useEffect, useState } from "react";
import { EditorScreen } from "../editor/EditorScreen";
import { CompareScreen } from "../compare/CompareScreen";
import { LibraryScreen } from "../library/LibraryScreen";
import { ImportDialog } from "../library/ImportDialog";
import { BpmnImportDialog } from "../export/BpmnImportDialog";
import { afterLaunch, nextLaunch, onLaunch } from "../lib/launches";
import { call, commands } from "../lib/api";
import { setGeometry } from "../lib/geometry";
import { useNavigation } from "../lib/nav";
import type { LaunchFile, LibraryInfo, MapRef } from "../bindings.gen";

export type Screen =
  | { kind: "library" }
  | { kind: "editor"; processId: string }
  | { kind: "compare"; before: MapRef; after: MapRef };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: "library" });
  const [info, setInfo] = useState<LibraryInfo | null>(null);
  const [ready, setReady] = useState(false);
  /** Files the app was asked to open, offered one import dialog at a time. */
  const [launched, setLaunched] = useState<LaunchFile[]>([]);
  /** Bumped when an import from a launch changed the library under the library screen. */
  const [generation, setGeneration] = useState(0);
  useNavigation(setScreen);
  useEffect(() => onLaunch((files) => setLaunched((q) => [...q, ...files])), []);

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

  const next = nextLaunch(launched);
  const launch = next && (
    <LaunchImport
      key={"bpmn" in next ? next.bpmn : next.maps.join("\n")}
      next={next}
      onDone={() => setLaunched((q) => afterLaunch(q, next))}
      onImported={() => setGeneration((g) => g + 1)}
      onOpen={(id) => {
        setLaunched((q) => afterLaunch(q, next));
        setScreen({ kind: "editor", processId: id });
      }}
    />
  );

  if (screen.kind === "compare")
    return (
      <>
        <CompareScreen key={`${JSON.stringify(screen)}`} before={screen.before} after={screen.after} />
        {launch}
      </>
    );

  return (
    <>
      {screen.kind === "editor" ? (
        <EditorScreen key={screen.processId} processId={screen.processId} onClose={() => setScreen({ kind: "library" })} />
      ) : (
        <LibraryScreen
          libraryPath={info.path}
          warning={info.warning}
          generation={generation}
          onOpen={(id) => setScreen({ kind: "editor", processId: id })}
          onLibraryChanged={setInfo}
        />
      )}
      {launch}
    </>
  );
}

/** The import dialog for files the app was asked to open, filled in with them. */
function LaunchImport({
  next,
  onDone,
  onImported,
  onOpen,
}: {
  next: { bpmn: string } | { maps: string[] };
  onDone: () => void;
  onImported: () => void;
  onOpen: (id: string) => void;
}) {
  return "bpmn" in next ? (
    <BpmnImportDialog initialPath={next.bpmn} onClose={onDone} onImported={onImported} onOpen={onOpen} />
  ) : (
    <ImportDialog initialPaths={next.maps} onClose={onDone} onImported={onImported} onOpen={onOpen} />
  );
}
