// The UI's import rule, checked over the source files themselves.
//
// Scope: every .ts and .tsx module under src/ except tests (*.test.ts) and test support
// (src/test/), which sit beside what they test and may import anything. Only relative
// imports count (packages are outside the rule): static imports, `import type`, re-exports,
// side-effect imports (CSS) and import().
//
// 1. Folders form layers. A module's folder is its directory under src/; a subfolder is a
//    folder of its own (editor/canvas is not editor/), and a file directly under src/ is its
//    own node. Folder A depends on folder B when a module in A imports a file in B. This
//    graph has no cycle: no folder imports, directly or through others, a folder that
//    imports it. So a feature never imports the screen that hosts it (editor/ imports
//    inspector/, so inspector/ may not import editor/; it reads the open document through
//    editor/store, which imports no feature), and a screen's parts never import the screen
//    (editor/canvas may not import editor/).
// 2. Screens are imported only from above: a *Screen.tsx file only by app/, and app/ only by
//    main.tsx.
// 3. lib/ is the bottom layer and imports only lib/ and bindings.gen.ts; shared/ (components
//    several features use) imports only shared/, lib/ and bindings.gen.ts.
// 4. The editor's one door is editor/store: from outside editor/, the only imports into it
//    are app/ opening editor/EditorScreen.tsx and the features the editor hosts reading
//    editor/store/ (the open document's store, its context and the types of what the canvas
//    draws). The screen's other files (toolbar actions, dialogs, editor/canvas) are its own.

import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>("/src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true });

type Edge = { from: string; to: string };

const dirname = (p: string) => p.slice(0, p.lastIndexOf("/"));

/** Joins and normalises a relative specifier against a directory ("/src/a" + "../b/c" → "/src/b/c"). */
function join(dir: string, spec: string): string {
  const parts = dir.split("/");
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** The relative specifiers a module imports, in any of the forms listed above. */
function relativeImports(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.{1,2}\/[^"']*)["']/gm,
    /^\s*import\s*["'](\.{1,2}\/[^"']*)["']/gm,
    /\bimport\(\s*["'](\.{1,2}\/[^"']*)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** The file an import names: itself when it has a non-script extension (CSS), else the module it resolves to. */
function resolve(importer: string, spec: string, known: Set<string>): string | null {
  const base = join(dirname(importer), spec);
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) if (known.has(base + ext)) return base + ext;
  return /\.(css|json|svg|png)$/.test(base) ? base : null;
}

/** The layer a file belongs to: its directory under src/, or the file itself at the top. */
function folderOf(path: string): string {
  const rel = path.replace(/^\/src\//, "");
  return rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : rel;
}

const isTest = (path: string) => path.endsWith(".test.ts") || path.startsWith("/src/test/");

/** Every import between files in scope, and the specifiers that name no file. */
function fileEdges(): { edges: Edge[]; unresolved: string[] } {
  const known = new Set(Object.keys(sources));
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const [path, text] of Object.entries(sources)) {
    if (isTest(path)) continue;
    for (const spec of relativeImports(text)) {
      const to = resolve(path, spec, known);
      if (to) edges.push({ from: path, to });
      else unresolved.push(`${path} imports ${spec}`);
    }
  }
  return { edges, unresolved };
}

/**
 * The folder graph's cycles: each strongly connected group of two or more folders, with the
 * file imports that hold it together. Tarjan's algorithm, O(folders + edges).
 */
function folderCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, Map<string, Edge>>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.has(b)) graph.set(b, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, e);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!.keys()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((group) =>
    group.flatMap((a) =>
      [...graph.get(a)!]
        .filter(([b]) => group.includes(b))
        .map(([b, e]) => `${a} → ${b} (${e.from.replace("/src/", "")} imports ${e.to.replace("/src/", "")})`),
    ),
  );
}

describe("the import rule", () => {
  const { edges, unresolved } = fileEdges();

  it("reads every import it checks", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it("1: no folder imports a folder that imports it, so no feature imports the screen hosting it", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("2: screens are imported only by app/, and app/ only by main.tsx", () => {
    const wrong = edges.filter(
      (e) => (/Screen\.tsx$/.test(e.to) && folderOf(e.from) !== "app") || (folderOf(e.to) === "app" && folderOf(e.from) !== "main.tsx"),
    );
    expect(wrong.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it("3: lib/ imports only lib/ and the bindings, shared/ only shared/, lib/ and the bindings", () => {
    const allowed: Record<string, string[]> = {
      lib: ["lib", "bindings.gen.ts"],
      shared: ["shared", "lib", "bindings.gen.ts"],
    };
    const wrong = edges.filter((e) => {
      const a = folderOf(e.from);
      return a in allowed && !allowed[a].includes(folderOf(e.to));
    });
    expect(wrong.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it("4: from outside editor/, only editor/EditorScreen.tsx (for app/) and editor/store/ are imported", () => {
    const wrong = edges.filter((e) => {
      const [a, b] = [folderOf(e.from), folderOf(e.to)];
      const inside = (f: string) => f === "editor" || f.startsWith("editor/");
      if (inside(a) || !inside(b)) return false;
      return !(b === "editor/store" || (a === "app" && e.to === "/src/editor/EditorScreen.tsx"));
    });
    expect(wrong.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it("catches the layout this rule replaced: the editor screen in canvas/, imported back by the inspector it hosts", () => {
    const old: Edge[] = [
      { from: "/src/canvas/EditorScreen.tsx", to: "/src/inspector/Inspector.tsx" },
      { from: "/src/inspector/Inspector.tsx", to: "/src/canvas/EditorContext.tsx" },
      { from: "/src/library/LibraryScreen.tsx", to: "/src/inspector/Inspector.tsx" },
    ];
    expect(folderCycles(old)).toEqual([
      ["canvas → inspector (canvas/EditorScreen.tsx imports inspector/Inspector.tsx)", "inspector → canvas (inspector/Inspector.tsx imports canvas/EditorContext.tsx)"],
    ]);
    expect(relativeImports('import {\n  a,\n  b,\n} from "../canvas/EditorContext";\nimport "./x.css";\nexport { c } from "./c";\nconst m = import("../m");')).toEqual([
      "../canvas/EditorContext",
      "./c",
      "./x.css",
      "../m",
    ]);
  });
});
