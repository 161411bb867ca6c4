// End-to-end suite: drives the real Handoff window under Xvfb through WebKitWebDriver.
//
//   HANDOFF_APP=target/debug/handoff-app node tests/e2e/run.mjs
//
// Starts its own Xvfb and WebKitWebDriver (stopped by PID at the end), uses a fresh
// library folder (HANDOFF_DATA_DIR), saves a screenshot after every step under
// artifacts/e2e/ and copies the editor with a template open to docs/screenshots/editor.png.
// Prints "N passed, M failed" and exits non-zero when anything failed.

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freeSpot, handle, problems, scene } from "./page.mjs";
import { check, Suite } from "./suite.mjs";
import { sleep } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = join(root, "artifacts/e2e");
const TEMPLATE = "lead-intake.handoff.json";

let s; // the current WebDriver session
let h; // the harness: X display, driver, library folder
const suite = new Suite(artifacts, { everyStep: true });
const screenshot = (name) => suite.screenshot(name);
const step = (name, fn) => suite.step(name, fn);

/** Waits for the engine to have checked the latest edit, then returns the codes shown. */
async function freshProblems(afterSeq) {
  await s.until(`() => Number(document.querySelector("[data-testid=problems]")?.dataset.seq ?? 0) > ${afterSeq}`, [], 5000, "a fresh check");
  await sleep(50);
  return s.exec(problems);
}

const seq = async () => (await s.exec(problems)).seq;
const nodeIds = async () => (await s.exec(scene)).nodes.map((n) => n.id);
const edgeCount = () => s.exec(() => document.querySelectorAll(".react-flow__edge").length);

async function dropFromPalette(kind, laneIndex) {
  const before = new Set(await nodeIds());
  const from = await s.exec((k) => {
    const b = document.querySelector(`[data-testid=palette-${k}]`).getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, kind);
  const sc = await s.exec(scene);
  const to = freeSpot(sc, laneIndex, 110 * sc.zoom, 90 * sc.zoom);
  check(to, `room in lane ${laneIndex} for a new ${kind}`);
  await s.drag(from, to, { steps: 15 });
  const id = await s.until(
    (ids) => [...document.querySelectorAll(".react-flow__node")].map((n) => n.dataset.id).find((i) => !ids.includes(i)),
    [[...before]],
    5000,
    `the new ${kind}`,
  );
  return id;
}

async function connect(fromId, toId) {
  const before = await edgeCount();
  const a = await s.exec(handle, fromId, "rbtl");
  const b = await s.exec(handle, toId, "ltbr");
  check(a && b, "both handles on screen");
  await s.drag(a, b, { steps: 12 });
  await s.until(`() => document.querySelectorAll(".react-flow__edge").length > ${before}`, [], 5000, "the new flow");
}

async function typeInPlace(text) {
  await s.waitFor("[data-testid=inline-input]");
  await s.exec(() => {
    const el = document.querySelector("[data-testid=inline-input]");
    el.focus();
    el.select();
  });
  await s.keys(text + "\uE007"); // Enter
  await s.until(() => !document.querySelector("[data-testid=inline-input]"), [], 3000, "the text box to close");
}

suite.run(async (harness) => {
  h = harness;
  const state = {};
  s = await h.launch();

  await step("library lists the seeded templates", async () => {
    await s.waitFor("[data-testid=process-row]", 20000);
    const rows = await s.$$("[data-testid=process-row]");
    check(rows.length >= 5, `the seeded processes (got ${rows.length})`);
  });

  await step("create a process from a template", async () => {
    await s.click("[data-testid=new-from-template]");
    await s.click(`[data-testid=template][data-file="${TEMPLATE}"]`);
    await s.waitFor(".map-preview");
    await sleep(300);
    await screenshot("template-gallery");
    await s.click("[data-testid=use-template]");
    await s.waitFor("[data-testid=editor]");
    await s.waitFor(".react-flow__node", 10000);
    state.name = await s.exec(() => document.querySelector("[data-testid=process-name]").textContent);
    state.processId = null;
    await s.until(() => document.querySelectorAll("[data-testid=lane]").length >= 2, [], 5000, "lanes");
    await sleep(600);
    const file = await screenshot("editor-with-template");
    mkdirSync(join(root, "docs/screenshots"), { recursive: true });
    copyFileSync(file, join(root, "docs/screenshots/editor.png"));
  });

  await step("drag a step from the palette into a lane", async () => {
    const lanes = (await s.exec(scene)).lanes;
    state.lane0 = lanes[0].name;
    state.lane1 = lanes[1].name;
    state.step = await dropFromPalette("step", 0);
    await typeInPlace("Check credit");
    const sc = await s.exec(scene);
    const n = sc.nodes.find((x) => x.id === state.step);
    check(n.label === "Check credit", `the label "Check credit" (got "${n.label}")`);
    const lane = sc.lanes[0];
    check(n.y >= lane.y && n.y + n.h <= lane.y + lane.h + 1, "the step inside the first lane");
  });

  await step("connect it", async () => {
    const sc = await s.exec(scene);
    const c = sc.canvas;
    const visible = (n) => n.x > c.x + 10 && n.y > c.y + 10 && n.x + n.w < c.x + c.w - 10 && n.y + n.h < c.y + c.h - 10;
    const me = sc.nodes.find((n) => n.id === state.step);
    // The nearest step or outcome on screen to the right of the new step.
    state.target = sc.nodes
      .filter((n) => n.id !== me.id && visible(n) && (n.kind === "step" || n.kind === "outcome") && n.x > me.x + me.w)
      .sort((a, b) => Math.hypot(a.x - me.x, a.y - me.y) - Math.hypot(b.x - me.x, b.y - me.y))[0]?.id;
    check(state.target, "a step on screen to connect to");
    const before = await edgeCount();
    await connect(state.step, state.target);
    check((await edgeCount()) === before + 1, "one more flow");
  });

  await step("drag it to another lane and see its owner change", async () => {
    await s.click(`.react-flow__node[data-id="${state.step}"]`);
    const owner = () => s.exec(() => {
      const sel = document.querySelector("[data-testid=inspector-owner]");
      return sel ? sel.options[sel.selectedIndex].textContent : null;
    });
    check((await owner()) === state.lane0, `owner ${state.lane0} before the move`);
    const n = (await s.exec(scene)).nodes.find((x) => x.id === state.step);
    const to = freeSpot(await s.exec(scene), 1, n.w, n.h);
    check(to, "room in the second lane");
    await s.drag({ x: n.x + n.w / 2, y: n.y + n.h / 2 }, to, { steps: 15 });
    await s.until((want) => {
      const sel = document.querySelector("[data-testid=inspector-owner]");
      return sel && sel.options[sel.selectedIndex].textContent === want;
    }, [state.lane1], 5000, `owner ${state.lane1} in the inspector`);
    const sc = await s.exec(scene);
    const moved = sc.nodes.find((x) => x.id === state.step);
    const lane = sc.lanes[1];
    check(moved.y >= lane.y && moved.y + moved.h <= lane.y + lane.h + 1, "the step inside the second lane");
  });

  await step("a decision with one branch is a dangling-decision", async () => {
    state.decision = await dropFromPalette("decision", 0);
    await typeInPlace("Credit OK?");
    const before = await seq();
    await connect(state.decision, state.step);
    await typeInPlace("yes");
    const { codes } = await freshProblems(before);
    const p = await s.exec(problems);
    check(p.codes.includes("dangling-decision") || codes.includes("dangling-decision"), `dangling-decision listed (got ${codes.join(", ")})`);
    check(await s.exec((id) => !!document.querySelector(`.react-flow__node[data-id="${id}"] [data-testid=badge]`), state.decision), "a badge on the decision");
  });

  await step("the second branch clears dangling-decision", async () => {
    const before = await seq();
    await connect(state.decision, state.target);
    await typeInPlace("no");
    await freshProblems(before);
    await s.until(() => !document.querySelector("[data-code=dangling-decision]"), [], 5000, "dangling-decision to go");
  });

  await step("undo and redo", async () => {
    await s.click("[data-testid=undo]"); // the label "no"
    await s.click("[data-testid=undo]"); // the second branch
    await s.until(() => !!document.querySelector("[data-code=dangling-decision]"), [], 5000, "dangling-decision after undo");
    await s.click("[data-testid=redo]");
    await s.click("[data-testid=redo]");
    await s.until(() => !document.querySelector("[data-code=dangling-decision]"), [], 5000, "dangling-decision gone after redo");
    await s.until(() => {
      const labels = [...document.querySelectorAll(".edge-label.label-branch")].map((e) => e.textContent);
      return labels.includes("yes") && labels.includes("no");
    }, [], 3000, "branch labels yes and no back");
  });

  await step("keyboard undo and redo", async () => {
    await s.click("[data-testid=canvas] .react-flow__pane");
    const count = await edgeCount();
    await s.chord(["\uE009"], "z"); // Ctrl+Z: the label
    await s.chord(["\uE009"], "z"); // the branch
    await s.until(`() => document.querySelectorAll(".react-flow__edge").length === ${count - 1}`, [], 3000, "a flow fewer");
    await s.chord(["\uE009", "\uE008"], "z"); // Ctrl+Shift+Z
    await s.chord(["\uE009"], "y");
    await s.until(`() => document.querySelectorAll(".react-flow__edge").length === ${count}`, [], 3000, "the flow back");
  });

  await step("auto-layout keeps every step in its lane and is undone in one step", async () => {
    // Which lane each node's centre is in, and where it is, as the user sees it.
    const where = () =>
      s.exec(() => {
        const bands = [...document.querySelectorAll("[data-testid=lane]")].map((el) => ({ id: el.dataset.lane, b: el.getBoundingClientRect() }));
        return Object.fromEntries(
          [...document.querySelectorAll(".react-flow__node")].map((n) => {
            const r = n.getBoundingClientRect();
            const cy = r.top + r.height / 2;
            return [n.dataset.id, { lane: bands.find(({ b }) => cy >= b.top && cy < b.bottom)?.id, x: Math.round(r.left), y: Math.round(r.top) }];
          }),
        );
      });
    await s.click("[data-testid=canvas] .react-flow__pane");
    await s.keys("f");
    await sleep(400);
    const before = await where();
    const seq0 = await seq();
    await s.click("[data-testid=auto-layout]");
    // The layout is an edit: the engine checks the map again once it lands.
    await freshProblems(seq0);
    await s.until(() => document.querySelector("[data-testid=auto-layout]")?.textContent === "Auto-layout", [], 15000, "the button back from Laying out…");
    await s.keys("f");
    await sleep(500);
    const after = await where();
    const ids = Object.keys(before);
    check(ids.length > 0 && ids.every((id) => after[id]), "every node still on the map");
    check(ids.every((id) => after[id].lane === before[id].lane), `every node in its lane (${ids.filter((id) => after[id].lane !== before[id].lane).join(", ")} moved lanes)`);
    check(ids.some((id) => after[id].x !== before[id].x || after[id].y !== before[id].y), "the layout moved something");
    await screenshot("auto-layout");
    await s.chord(["\uE009"], "z");
    await s.keys("f");
    await sleep(500);
    const undone = await where();
    check(ids.every((id) => undone[id].lane === before[id].lane && Math.abs(undone[id].x - before[id].x) <= 1 && Math.abs(undone[id].y - before[id].y) <= 1), "one Ctrl+Z puts every node back");
  });

  await step("lane names stay in view when the map is panned right", async () => {
    const before = await s.exec(scene);
    const from = freeSpot(before, before.lanes.length - 1, 40, 40);
    check(from, "an empty spot on the pane");
    await s.drag(from, { x: Math.max(before.canvas.x + 20, from.x - 600), y: from.y }, { steps: 12 });
    const after = await s.until(
      (x0) => {
        const lane = document.querySelector("[data-testid=lane]").getBoundingClientRect();
        return lane.left < x0 - 100 && lane.left;
      },
      [before.lanes[0].x],
      3000,
      "the map panned right",
    );
    check(after, "the lanes moved left");
    const heads = await s.exec(() => {
      const canvas = document.querySelector("[data-testid=canvas]").getBoundingClientRect();
      return [...document.querySelectorAll("[data-testid=lane-head]")].map((el) => {
        const b = el.getBoundingClientRect();
        const band = document.querySelector(`[data-testid=lane][data-lane="${el.dataset.lane}"]`).getBoundingClientRect();
        const name = el.querySelector("[data-testid=lane-name]");
        const n = name.getBoundingClientRect();
        return {
          name: name.textContent,
          leftGap: b.left - canvas.left,
          topGap: Math.abs(b.top - band.top),
          heightGap: Math.abs(b.height - band.height),
          // The name is what the pointer finds there: nothing covers it.
          onTop: el.contains(document.elementFromPoint(n.left + 4, n.top + n.height / 2)),
        };
      });
    });
    check(heads.length === before.lanes.length, `a header per lane (${heads.length})`);
    for (const h of heads) {
      check(h.name && Math.abs(h.leftGap) <= 1, `lane "${h.name}" labelled at the canvas's left edge (gap ${h.leftGap})`);
      check(h.topGap <= 1 && h.heightGap <= 1, `lane "${h.name}"'s header lined up with its band`);
      check(h.onTop, `lane "${h.name}"'s name not covered`);
    }
    await screenshot("lanes-pinned-while-panned");
    await s.click("[data-testid=canvas] .react-flow__pane");
    await s.keys("f"); // fit the map again
  });

  await step("autosave", async () => {
    await s.until(() => document.querySelector("[data-testid=save-state]")?.dataset.state === "saved", [], 5000, "saved");
  });

  await step("closing the window 100 ms after an edit saves it first", async () => {
    // Rename the process, then close the window (a window manager's close, not a kill)
    // before the autosave delay has passed: the window saves, then closes.
    await s.click("[data-testid=canvas] .react-flow__pane");
    await s.click("[data-testid=tab-process]");
    state.name = `${state.name} (closed)`;
    await s.type("[data-testid=process-name-input]", " (closed)"); // appended at the caret, the end
    await s.keys("\uE004"); // Tab commits the field
    await s.until(() => document.querySelector("[data-testid=save-state]")?.dataset.state === "pending", [], 2000, "an unsaved edit");
    await sleep(100);
    execFileSync("/usr/bin/python3", [new URL("./close.py", import.meta.url).pathname], { env: { ...process.env, DISPLAY: h.display } });
    const until = Date.now() + 10000;
    while (h.appProcesses().length && Date.now() < until) await sleep(100);
    check(!h.appProcesses().length, "the window saved and closed");
  });

  await s.quit().catch(() => {});
  s = await h.launch();

  await step("quit and relaunch and find every edit", async () => {
    await s.waitFor("[data-testid=process-row]", 20000);
    const opened = await s.exec((name) => {
      const rows = [...document.querySelectorAll("[data-testid=open-process]")].filter((b) => b.textContent === name);
      // The template's seeded copy has the same name; try each.
      return rows.map((b) => b.closest("tr").dataset.id);
    }, state.name);
    check(opened.length >= 1, `the process "${state.name}" in the library`);
    let found = false;
    for (const id of opened) {
      await s.click(`[data-testid=process-row][data-id="${id}"] [data-testid=open-process]`);
      await s.waitFor(".react-flow__node", 10000);
      await sleep(300);
      const sc = await s.exec(scene);
      const step = sc.nodes.find((n) => n.label === "Check credit");
      if (step) {
        found = true;
        const lane = sc.lanes[1];
        check(step.y >= lane.y && step.y + step.h <= lane.y + lane.h + 1, "the step still in the second lane");
        const labels = await s.exec(() => [...document.querySelectorAll(".edge-label.label-branch")].map((e) => e.textContent));
        check(labels.includes("yes") && labels.includes("no"), "both branch labels");
        await s.until(() => Number(document.querySelector("[data-testid=problems]").dataset.seq) > 0, [], 5000, "the check");
        check(!(await s.exec(problems)).codes.includes("dangling-decision"), "no dangling-decision");
        break;
      }
      await s.click("[data-testid=back-to-library]");
      await s.waitFor("[data-testid=process-row]");
    }
    check(found, "the edited copy with the step \"Check credit\"");
  });

  await step("the revision history restores the map as it was created, as one undoable edit", async () => {
    const labels = () => s.exec(() => [...document.querySelectorAll("[data-testid=node-label]")].map((e) => e.textContent));
    check((await labels()).includes("Check credit"), "the edited map open");
    await s.click("[data-testid=open-history]");
    await s.until(() => document.querySelectorAll("[data-testid=revision]").length >= 2, [], 5000, "the revisions listed");
    const first = await s.exec(() => Math.min(...[...document.querySelectorAll("[data-testid=revision]")].map((li) => Number(li.dataset.number))));
    await screenshot("revision-history");
    await s.click(`[data-testid=revision][data-number="${first}"] [data-testid=restore-revision]`);
    await s.until(() => !document.querySelector("[data-testid=revisions]"), [], 5000, "the history to close");
    await s.until(() => ![...document.querySelectorAll("[data-testid=node-label]")].some((e) => e.textContent === "Check credit"), [], 5000, "the map as the template made it");
    await s.click("[data-testid=canvas] .react-flow__pane");
    await s.chord(["\uE009"], "z");
    await s.until(() => [...document.querySelectorAll("[data-testid=node-label]")].some((e) => e.textContent === "Check credit"), [], 5000, "Ctrl+Z to bring the edits back");
  });

  await s.quit().catch(() => {});
});
