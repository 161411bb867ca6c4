// End-to-end tests of the compare view, the RACI grid, the export dialog and BPMN import,
// on the real Handoff window (Xvfb + WebKitWebDriver, as run.mjs):
//
//   HANDOFF_APP=target/debug/handoff-app node tests/e2e/features.mjs
//
// Uses its own fresh library folder and an export folder under it. Saves a screenshot after
// every step under artifacts/e2e/features/ and copies the compare view and the RACI grid to
// docs/screenshots/compare.png and raci.png. Prints "N passed, M failed"; exits non-zero
// when anything failed.

import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fill as fillInput, problems } from "./page.mjs";
import { check, Suite } from "./suite.mjs";
import { sleep } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = join(root, "artifacts/e2e/features");
const shots = join(root, "docs/screenshots");
const BPMN = resolve(root, "../shared/corpus/bpmn-miwg/Reference/C.1.0.bpmn");

let s; // the current WebDriver session
const fill = (css, text) => fillInput(s, css, text);
let h; // the harness: X display, driver, library folder
const suite = new Suite(artifacts, { settleMs: 400 });
const screenshot = (name) => suite.screenshot(name);
const step = (name, fn) => suite.step(name, fn);

/** Presses a button from the keyboard: focus, then Enter. */
async function press(css) {
  await s.waitFor(css);
  await s.exec((c) => document.querySelector(c).focus(), css);
  await s.keys("\uE007");
}

async function toLibrary() {
  for (const back of ["[data-testid=compare-back]", "[data-testid=back-to-library]"]) {
    if ((await s.$$(back)).length) await s.click(back);
  }
  await s.waitFor("[data-testid=process-row]", 10000);
}

async function openProcess(name) {
  const id = await s.until(
    (n) => [...document.querySelectorAll("[data-testid=open-process]")].find((b) => b.textContent === n)?.closest("tr")?.dataset.id,
    [name],
    10000,
    `the process "${name}" in the library`,
  );
  await s.click(`[data-testid=process-row][data-id="${id}"] [data-testid=open-process]`);
  await s.waitFor(".react-flow__node", 10000);
  return id;
}

suite.run(async (harness) => {
  h = harness;
  mkdirSync(shots, { recursive: true });
  const out = join(h.userDir, "exports");
  s = await h.launch();
  await s.waitFor("[data-testid=process-row]", 20000);

  await step("compare the onboarding as-is and to-be maps", async () => {
    await s.click("[data-testid=library-more]");
    await s.click("[data-testid=library-compare]");
    await s.waitFor("[data-testid=compare-dialog-go]");
    const pair = await s.until(() => {
      const b = document.querySelector("[data-testid=compare-dialog-before]");
      const a = document.querySelector("[data-testid=compare-dialog-after]");
      return b && a && b.value && a.value && { before: b.selectedOptions[0].textContent, after: a.selectedOptions[0].textContent };
    }, [], 5000, "the proposed pair");
    check(pair.before === "Employee onboarding (as-is)" && pair.after === "Employee onboarding (to-be)", `the onboarding pair proposed (got ${pair.before} / ${pair.after})`);
    await s.click("[data-testid=compare-dialog-go]");
    await s.waitFor("[data-testid=compare-before] [data-testid=cmp-node]", 10000);
    await s.waitFor("[data-testid=compare-after] [data-testid=cmp-node]");
    await sleep(500);
  });

  await step("the compare view shows a re-owned step on both sides", async () => {
    const moved = await s.exec(() => {
      const d = document.querySelector("[data-testid=compare-diff][data-kind=moved]");
      return d && { before: d.dataset.before, after: d.dataset.after, text: d.textContent };
    });
    check(moved, "a re-owned step in the differences");
    check(moved.text.includes("Arrange the building pass"), `the building pass step re-owned (got ${moved.text})`);
    const status = await s.exec(
      (b, a) => [
        document.querySelector(`[data-testid=compare-before] .react-flow__node[data-id="${b}"] [data-testid=cmp-node]`)?.dataset.status,
        document.querySelector(`[data-testid=compare-after] .react-flow__node[data-id="${a}"] [data-testid=cmp-node]`)?.dataset.status,
      ],
      moved.before,
      moved.after,
    );
    check(status[0] === "moved" && status[1] === "moved", `the step coloured as re-owned on both maps (got ${status})`);
    await s.click("[data-testid=compare-diff][data-kind=moved]");
    await s.until(
      (b, a) =>
        document.querySelector(`[data-testid=compare-before] .react-flow__node[data-id="${b}"] .is-picked`) &&
        document.querySelector(`[data-testid=compare-after] .react-flow__node[data-id="${a}"] .is-picked`),
      [moved.before, moved.after],
      3000,
      "the step selected on both sides",
    );
    const transforms = await s.exec(() => [...document.querySelectorAll(".cmp-flow .react-flow__viewport")].map((v) => v.style.transform));
    check(transforms.length === 2 && transforms[0] === transforms[1], `both maps at the same pan and zoom (got ${transforms.join(" | ")})`);
  });

  await step("the compare view shows the metric deltas", async () => {
    const rows = await s.exec(() =>
      Object.fromEntries(
        [...document.querySelectorAll("[data-testid=compare-deltas] tbody tr")].map((tr) => [tr.dataset.metric, [...tr.querySelectorAll("td")].map((td) => td.textContent)]),
      ),
    );
    check(rows.handoffs && rows.handoffs[0] !== rows.handoffs[1], `handoffs before and after differ (got ${JSON.stringify(rows.handoffs)})`);
    check(rows["cycle time"] && rows["cycle time"][2] !== "", `a cycle-time change (got ${JSON.stringify(rows["cycle time"])})`);
    const headline = await s.exec(() => document.querySelector("[data-testid=compare-headline]").textContent);
    check(headline.includes(`handoffs ${rows.handoffs[0]} → ${rows.handoffs[1]}`), `the headline "handoffs … → …" (got ${headline})`);
    await s.click("[data-testid=compare-diff][data-kind=moved]");
    await s.click("[data-testid=compare-fit]");
    await s.exec(() => {
      document.querySelector(".cmp-side").scrollTop = 0;
    });
    await sleep(600);
    copyFileSync(await screenshot("compare"), join(shots, "compare.png"));
  });

  await step("the maps switch between side by side and stacked, still panning together", async () => {
    const before = await s.exec(() => document.querySelector("[data-testid=compare-maps]").dataset.stacked);
    await s.click("[data-testid=compare-arrange]");
    await s.until((b) => document.querySelector("[data-testid=compare-maps]").dataset.stacked !== b, [before], 3000, "the other arrangement");
    await sleep(300);
    await screenshot(before === "true" ? "compare-side-by-side" : "compare-stacked");
    const transforms = await s.exec(() => [...document.querySelectorAll(".cmp-flow .react-flow__viewport")].map((v) => v.style.transform));
    check(transforms[0] === transforms[1], `the same pan and zoom (got ${transforms.join(" | ")})`);
    await s.click("[data-testid=compare-arrange]");
  });

  await step("export the backlog as CSV from the compare view", async () => {
    await s.click("[data-testid=export-backlog]");
    await s.click("[data-testid=export-choice-backlogCsv] input");
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.endsWith(".csv"), [], 5000, "a suggested .csv path");
    const file = join(out, "onboarding backlog.csv");
    await fill("[data-testid=export-path]", file);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 20000);
    check(existsSync(file), `${file} written`);
    const text = readFileSync(file, "utf8");
    check(text.includes("Arrange the building pass") && text.includes("handoffs"), "the backlog rows and the handoff delta in the CSV");
    await screenshot("backlog-exported");
    await s.click("[data-testid=export-close]");
  });

  await step("export the backlog as a PDF with both maps", async () => {
    await s.click("[data-testid=export-backlog]");
    await s.click("[data-testid=export-choice-backlogPdf] input");
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.endsWith(".pdf"), [], 5000, "a suggested .pdf path");
    const file = join(out, "onboarding backlog.pdf");
    await fill("[data-testid=export-path]", file);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 30000);
    check(readFileSync(file).subarray(0, 4).toString("latin1") === "%PDF", "a PDF");
    if (process.env.E2E_KEEP) copyFileSync(file, join(artifacts, "backlog.pdf"));
    await s.click("[data-testid=export-close]");
  });

  await step("a to-be map derived in the editor compares clean with its as-is map", async () => {
    await toLibrary();
    await openProcess("Lead intake");
    await s.click("[data-testid=derive-to-be]");
    await s.until(() => document.querySelector("[data-testid=process-name]")?.textContent === "Lead intake (to-be)", [], 10000, "the derived map in the editor");
    await s.click("[data-testid=open-compare]");
    await s.waitFor("[data-testid=compare-after] [data-testid=cmp-node]", 10000);
    const headline = await s.exec(() => document.querySelector("[data-testid=compare-headline]").textContent);
    check(headline === "The numbers are the same.", `no metric changes (got ${headline})`);
    const diffs = await s.exec(() => document.querySelectorAll("[data-testid=compare-diff]").length);
    check(diffs === 0, `no differences (got ${diffs})`);
    const sides = await s.exec(() => [...document.querySelectorAll(".cmp-pane-title")].map((e) => e.textContent));
    check(sides[0].startsWith("Lead intake") && sides[1].startsWith("Lead intake (to-be)"), `as-is on the left, to-be on the right (got ${sides})`);
  });

  await step("export a seat handout from the library", async () => {
    await toLibrary();
    await s.click("[data-testid=library-more]");
    await s.click("[data-testid=library-export]");
    await s.click("[data-testid=export-choice-handout] input");
    await s.waitFor("[data-testid=export-seat]");
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.includes("handout"), [], 5000, "a suggested handout path");
    const file = join(out, "seat handout.pdf");
    await fill("[data-testid=export-path]", file);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 30000);
    check(readFileSync(file).subarray(0, 4).toString("latin1") === "%PDF", "a PDF");
    await s.click("[data-testid=export-close]");
  });

  await step("seat change drill: what the support lead holds, what breaks while the seat is empty, the handover pack", async () => {
    await s.click("[data-testid=tab-seats]");
    await s.click("[data-testid=seat-change][data-seat=seat-support-lead]");
    await s.waitFor("[data-testid=seat-change-process]", 10000);
    const seen = await s.exec(() => ({
      summary: document.querySelector("[data-testid=seat-change-summary]").textContent,
      processes: [...document.querySelectorAll("[data-testid=seat-change-process] h4")].map((h) => h.textContent),
      codes: [...document.querySelectorAll("[data-testid=seat-change-breaks] li")].map((li) => li.dataset.code),
    }));
    check(seen.processes.some((p) => p.startsWith("Support ticket routing") && p.includes("owner")), `the process it owns listed (got ${seen.processes.join(" | ")})`);
    check(seen.codes.includes("process-no-owner") && seen.codes.includes("ownerless-step"), `what becomes ownerless (got ${seen.codes.join(", ")})`);
    check(/the checks find \d+ new problems/.test(seen.summary), `a count of new problems (got "${seen.summary}")`);
    await screenshot("seat-change-drill");
    // Buttons of the dialogs over the long seats list are pressed from the keyboard: with the
    // list scrolled down to the seat's row, WebKitWebDriver reports clicks on them as
    // intercepted (by the button itself) even when they land.
    await press("[data-testid=seat-change-pack]");
    await s.waitFor("[data-testid=export-choice-handoverPack].is-on", 5000);
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.includes("Support lead handover pack"), [], 5000, "a suggested path named after the seat");
    const file = join(out, "support lead handover pack.pdf");
    await fill("[data-testid=export-path]", file);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 30000);
    check(readFileSync(file).subarray(0, 4).toString("latin1") === "%PDF", "a PDF");
    await press("[data-testid=export-close]");
    await s.waitFor("[data-testid=seat-change-dialog]");
    await press("[data-testid=seat-change-close]");
    await s.exec(() => document.scrollingElement.scrollTo(0, 0));
    await s.click("[data-testid=tab-processes]");
  });

  await step("setting a second A in the RACI grid raises raci-multiple-accountable, clearing it lowers it", async () => {
    await toLibrary();
    await openProcess("Employee onboarding (as-is)");
    await s.click("[data-testid=open-raci]");
    await s.waitFor("[data-testid=raci-grid] [data-testid=raci-cell]", 5000);
    await s.until(() => Number(document.querySelector("[data-testid=problems]")?.dataset.seq ?? 0) > 0, [], 5000, "the first check");
    check(!(await s.exec(problems)).codes.includes("raci-multiple-accountable"), "no raci-multiple-accountable at first");
    // A row that has one A, and a seat in it without A.
    const target = await s.exec(() => {
      for (const tr of document.querySelectorAll("[data-testid=raci-grid] tbody tr")) {
        const cells = [...tr.querySelectorAll("[data-testid=raci-cell]")];
        const a = cells.filter((c) => c.dataset.roles.includes("A"));
        const free = cells.find((c) => !c.dataset.roles.includes("A"));
        if (a.length === 1 && free) return { step: tr.dataset.step, seat: free.dataset.seat };
      }
      return null;
    });
    check(target, "a step with exactly one A");
    const cell = `tr[data-step="${target.step}"] [data-testid=raci-cell][data-seat="${target.seat}"]`;
    const seq = (await s.exec(problems)).seq;
    await s.click(cell);
    await s.click("[data-testid=raci-set-A]");
    await s.until((c) => document.querySelector(c)?.dataset.roles.includes("A"), [cell], 3000, "the A in the cell");
    await s.until(`() => Number(document.querySelector("[data-testid=problems]").dataset.seq) > ${seq}`, [], 5000, "a fresh check");
    await s.until(() => !!document.querySelector("[data-testid=problem][data-code=raci-multiple-accountable]"), [], 5000, "raci-multiple-accountable in the problems panel");
    await s.until((st) => !!document.querySelector(`tr[data-step="${st}"] [data-testid=raci-finding][data-code=raci-multiple-accountable]`), [target.step], 3000, "the finding on the row");
    await sleep(300);
    copyFileSync(await screenshot("raci-two-accountable"), join(shots, "raci.png"));
    await s.click(cell);
    await s.click("[data-testid=raci-clear]");
    await s.until(() => !document.querySelector("[data-testid=problem][data-code=raci-multiple-accountable]"), [], 5000, "raci-multiple-accountable to go");
    await s.until(() => document.querySelector("[data-testid=save-state]")?.dataset.state === "saved", [], 5000, "autosave");
    await screenshot("raci-cleared");
  });

  await step("export an SOP PDF through the export dialog", async () => {
    await s.click("[data-testid=raci-close]");
    await s.click("[data-testid=open-export]");
    await s.waitFor("[data-testid=export-choice-sop]");
    await s.click("[data-testid=export-choice-sop] input");
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.includes("Employee onboarding"), [], 5000, "a suggested path named after the process");
    const file = join(out, "onboarding SOP.pdf");
    await fill("[data-testid=export-path]", file);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 30000);
    check(existsSync(file), `${file} written`);
    const head = readFileSync(file).subarray(0, 5).toString("latin1");
    check(head.startsWith("%PDF"), `the file starts with %PDF (got ${JSON.stringify(head)})`);
    check((await s.$$("[data-testid=export-open]")).length === 1 && (await s.$$("[data-testid=export-reveal]")).length === 1, "Open and Show in folder offered");
    await screenshot("sop-exported");
    await s.click("[data-testid=export-close]");
  });

  await step("exporting over an existing file asks first; keeping it leaves it byte for byte", async () => {
    const file = join(out, "onboarding SOP.pdf");
    const before = readFileSync(file);
    await s.click("[data-testid=open-export]");
    await s.waitFor("[data-testid=export-choice-sop]");
    await s.click("[data-testid=export-choice-sop] input");
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.includes("Employee onboarding"), [], 5000, "a suggested path");
    await fill("[data-testid=export-path]", file);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-confirm]", 30000);
    const asked = await s.exec(() => document.querySelector("[data-testid=export-confirm]").textContent);
    check(asked.includes("already exists"), `the dialog says the file exists (got "${asked}")`);
    await screenshot("export-asks-before-replacing");
    await s.click("[data-testid=export-keep]");
    check(readFileSync(file).equals(before), "keeping the file leaves it unchanged");
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-confirm]", 30000);
    await s.click("[data-testid=export-replace]");
    await s.waitFor("[data-testid=export-done]", 30000);
    check(readFileSync(file).subarray(0, 5).toString("latin1").startsWith("%PDF"), "the replaced file is a PDF");
    await s.click("[data-testid=export-close]");
  });

  await step("export an AI agent seat's runbook: only agent seats are offered", async () => {
    await s.click("[data-testid=open-export]");
    await s.waitFor("[data-testid=export-choice-runbookMd]");
    await s.click("[data-testid=export-choice-runbookMd] input");
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.endsWith("runbook.md"), [], 5000, "a suggested runbook path");
    const offered = await s.until(() => {
      const sel = document.querySelector("[data-testid=export-seat]");
      return sel && [...sel.options].map((o) => o.textContent);
    }, [], 5000, "the agent seats offered");
    check(offered.includes("Ticket triage agent") && !offered.includes("Support lead"), `agent seats only (got ${offered.join(", ")})`);
    await s.exec(() => {
      const sel = document.querySelector("[data-testid=export-seat]");
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(sel, "seat-triage-agent");
      sel.dispatchEvent(new Event("change", { bubbles: true }));
    });
    const file = join(out, "triage runbook.md");
    await fill("[data-testid=export-path]", file);
    await screenshot("runbook-export");
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 30000);
    const text = readFileSync(file, "utf8");
    check(text.startsWith("# Runbook: Ticket triage agent\n"), `a runbook for the triage agent (got ${JSON.stringify(text.slice(0, 60))})`);
    check(text.includes("### Escalate to a person"), "its escalations listed");
    await s.click("[data-testid=export-close]");
  });

  await step("import a BPMN file and read its notes", async () => {
    await toLibrary();
    await s.click("[data-testid=library-more]");
    await s.click("[data-testid=library-import-bpmn]");
    await fill("[data-testid=bpmn-path]", BPMN);
    await s.click("[data-testid=bpmn-run]");
    await s.waitFor("[data-testid=bpmn-done]", 20000);
    const notes = await s.exec(() => [...document.querySelectorAll("[data-testid=bpmn-note]")].map((n) => n.textContent));
    check(notes.length > 0, "import notes listed");
    check(notes.some((n) => n.includes("message start")), `a note about the message start event (got ${notes[0]})`);
    await screenshot("bpmn-imported");
    await s.click("[data-testid=bpmn-open]");
    await s.waitFor("[data-testid=editor] .react-flow__node", 10000);
    await sleep(500);
    await screenshot("bpmn-in-editor");
  });

  await step("export a map from the library and import it back: progress, the bad file named, nothing overwritten", async () => {
    await toLibrary();
    const dir = join(h.userDir, "imports");
    mkdirSync(dir, { recursive: true });
    const good = join(dir, "intake-copy.handoff.json");
    const bad = join(dir, "broken.handoff.json");
    writeFileSync(bad, '{ "format": "handoff/1", "seats": [');

    const row = await s.exec(() => [...document.querySelectorAll("[data-testid=open-process]")].find((b) => b.textContent === "Lead intake").closest("tr").dataset.id);
    await s.click(`[data-testid=process-row][data-id="${row}"] [data-testid=export-process]`);
    await s.until(() => document.querySelector("[data-testid=export-path]")?.value.endsWith(".handoff.json"), [], 5000, "a suggested .handoff.json path");
    await fill("[data-testid=export-path]", good);
    await s.click("[data-testid=export-run]");
    await s.waitFor("[data-testid=export-done]", 20000);
    await s.click("[data-testid=export-close]");
    check(existsSync(good), `the map written to ${good}`);
    const exported = JSON.parse(readFileSync(good, "utf8"));
    check(exported.format === "handoff/1" && exported.process.name === "Lead intake", "the file is the Lead intake map");

    const rows = () => s.exec(() => [...document.querySelectorAll("[data-testid=open-process]")].filter((b) => b.textContent === "Lead intake").length);
    const before = await rows();

    await s.click("[data-testid=import-maps]");
    await s.waitFor("[data-testid=import-paths]");
    await s.exec(() => document.querySelector("[data-testid=import-paths]").focus());
    await s.keys(`${good}\uE007${bad}`);
    await s.until((t) => document.querySelector("[data-testid=import-paths]").value === t, [`${good}\n${bad}`], 3000, "both paths typed");
    await s.click("[data-testid=import-run]");
    const error = await s.until(() => document.querySelector("[data-testid=import-error]")?.textContent, [], 20000, "the import to stop at the bad file");
    check(error.includes("broken.handoff.json"), `the error names the bad file (got "${error}")`);
    check(error.includes("Imported before it: intake-copy.handoff.json."), `the error says the good file went in (got "${error}")`);
    const left = await s.exec(() => document.querySelector("[data-testid=import-paths]").value);
    check(left === bad, `only the bad file is left to import (got "${left}")`);
    await screenshot("import-stopped-at-bad-file");
    await s.click("[data-testid=import-cancel]");
    await s.until((n) => [...document.querySelectorAll("[data-testid=open-process]")].filter((b) => b.textContent === "Lead intake").length === n, [before + 1], 5000, "the good file's process in the library");

    await s.click("[data-testid=import-maps]");
    await fill("[data-testid=import-paths]", good);
    await s.click("[data-testid=import-run]");
    await s.waitFor("[data-testid=import-done]", 20000);
    const done = await s.exec(() => [...document.querySelectorAll("[data-testid=imported]")].map((li) => li.textContent));
    check(done.length === 1 && done[0].includes("intake-copy.handoff.json"), `one import listed with its file (got ${JSON.stringify(done)})`);
    await s.click("[data-testid=import-close]");
    await s.until((n) => [...document.querySelectorAll("[data-testid=open-process]")].filter((b) => b.textContent === "Lead intake").length === n, [before + 2], 5000, "a second copy, nothing overwritten");
  });

  await step("lanes: add one, rename it, drag it to the top, remove a lane that holds steps by moving them", async () => {
    await toLibrary();
    await openProcess("Client onboarding");
    const lanes = () => s.exec(() => [...document.querySelectorAll("[data-testid=lane-head]")].map((h) => ({ id: h.dataset.lane, name: h.querySelector("[data-testid=lane-name]")?.textContent })));
    const nodeCount = () => s.exec(() => document.querySelectorAll(".react-flow__node").length);
    const first = await lanes();

    await s.click("[data-testid=lane-add]");
    await s.waitFor("[data-testid=new-seat-name]");
    await s.keys("Finance\uE007");
    await s.until((n) => document.querySelectorAll("[data-testid=lane-head]").length === n, [first.length + 1], 5000, "a new lane");
    let now = await lanes();
    check(now[now.length - 1].name === "Finance", `the new lane is last and named Finance (got ${JSON.stringify(now.map((l) => l.name))})`);
    const added = now[now.length - 1].id;

    const nameAt = await s.exec((id) => {
      const b = document.querySelector(`[data-testid=lane-head][data-lane="${id}"] [data-testid=lane-name]`).getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }, added);
    await s.doubleClick(nameAt);
    await s.waitFor("[data-testid=inline-input]");
    await s.exec(() => document.querySelector("[data-testid=inline-input]").select());
    await s.keys("Finance team\uE007");
    await s.until((id) => document.querySelector(`[data-testid=lane-head][data-lane="${id}"] [data-testid=lane-name]`)?.textContent === "Finance team", [added], 5000, "the lane renamed");

    const grip = await s.exec((id) => {
      const b = document.querySelector(`[data-testid=lane-head][data-lane="${id}"] [data-testid=lane-grip]`).getBoundingClientRect();
      const top = document.querySelector("[data-testid=lane-head]").getBoundingClientRect().top;
      return { from: { x: b.left + b.width / 2, y: b.top + b.height / 2 }, to: { x: b.left + b.width / 2, y: top + 4 } };
    }, added);
    await s.drag(grip.from, grip.to, { steps: 20 });
    await s.until((id) => document.querySelector("[data-testid=lane-head]")?.dataset.lane === id, [added], 5000, "the lane moved to the top");

    now = await lanes();
    const holder = now[1]; // the lane that was first: it holds the start
    const nodes = await nodeCount();
    const remove = await s.exec((id) => {
      const b = document.querySelector(`[data-testid=lane-head][data-lane="${id}"]`).getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }, holder.id);
    await s.hover(remove); // the lane's tools show on hover
    await s.click(`[data-testid=lane-head][data-lane="${holder.id}"] [data-testid=lane-remove]`);
    await s.waitFor("[data-testid=remove-lane-move]");
    await screenshot("remove-lane-asks-where-steps-go");
    await s.click("[data-testid=remove-lane-move]");
    await s.until((id) => !document.querySelector(`[data-testid=lane-head][data-lane="${id}"]`), [holder.id], 5000, "the lane gone");
    check((await nodeCount()) === nodes, "its steps moved, none deleted");
    check((await lanes()).length === first.length, "one lane added, one removed");
    await screenshot("lanes-edited");
  });

  await s.quit().catch(() => {});
});
