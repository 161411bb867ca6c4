// Crash test of the real window: kills the app with SIGKILL at random moments (while the
// user types, during an autosave, during an export, during a BPMN import), 20 times,
// restarting it each time, and checks after each kill that
//   - the library opens again (the process list is shown),
//   - SQLite's integrity check of the library file is ok (`handoff library check`),
//   - every edit saved before the kill is there: each round renames one process, waits
//     until the editor says it is saved (the autosave delay and the save), and only then
//     does the thing it kills the app in the middle of.
//
//   HANDOFF_APP=target/debug/handoff-app node tests/e2e/crash.mjs [--rounds 20] [--seed N]
//
// The CLI is found beside the app ($HANDOFF_CLI overrides). Prints the rounds and
// "N passed, M failed"; exits non-zero when anything failed.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fill as fillInput } from "./page.mjs";
import { check, Suite } from "./suite.mjs";
import { sleep } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = join(root, "artifacts/e2e/crash");
const BPMN = resolve(root, "../shared/corpus/bpmn-miwg/Reference/C.1.0.bpmn");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg("--rounds", 20);
// A seeded generator, so a failing round can be replayed with the same moments.
let seed = arg("--seed", Date.now() % 100000);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const startSeed = seed;

const suite = new Suite(artifacts, { settleMs: 0 });
let s;
const fill = (css, text) => fillInput(s, css, text);
let h;

function cli(...args) {
  const bin = process.env.HANDOFF_CLI ?? join(dirname(resolve(process.env.HANDOFF_APP ?? "")), "handoff");
  if (!existsSync(bin)) throw new Error(`the handoff command is not at ${bin} (build the workspace or set HANDOFF_CLI)`);
  return execFileSync(bin, args, { encoding: "utf8", env: { ...process.env, HANDOFF_DATA_DIR: h.dataDir } });
}

function killApp() {
  for (const pid of h.appProcesses()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** What the app is doing when it is killed, after the round's edit is saved. */
const MOMENTS = {
  async typing() {
    await s.click("[data-testid=tab-process]");
    await s.type("[data-testid=process-name-input]", " being typed");
    await sleep(random() * 200);
  },
  async autosave() {
    await s.click("[data-testid=tab-process]");
    await s.type("[data-testid=process-name-input]", " and more");
    await s.keys("\uE004");
    // Somewhere around the autosave (600 ms after the edit).
    await sleep(450 + random() * 300);
  },
  async export() {
    await s.click("[data-testid=open-export]");
    await s.waitFor("[data-testid=export-choice-sop]");
    await s.click("[data-testid=export-choice-sop] input");
    await fill("[data-testid=export-path]", join(h.userDir, `crash-${Math.floor(random() * 1e6)}.pdf`));
    await s.click("[data-testid=export-run]");
    await sleep(random() * 150);
  },
  async "BPMN import"() {
    await s.click("[data-testid=back-to-library]");
    await s.waitFor("[data-testid=process-row]", 10000);
    await s.click("[data-testid=library-more]");
    await s.click("[data-testid=library-import-bpmn]");
    await fill("[data-testid=bpmn-path]", BPMN);
    await s.click("[data-testid=bpmn-run]");
    await sleep(random() * 150);
  },
};

suite.run(async (harness) => {
  h = harness;
  mkdirSync(h.userDir, { recursive: true });
  const library = join(h.dataDir, "library.handoff-db");
  const saved = new Map(); // process id -> the name last saved before a kill
  console.log(`seed ${startSeed} (replay with --seed ${startSeed})`);
  for (let round = 1; round <= rounds; round++) {
    const moments = Object.keys(MOMENTS);
    const moment = moments[Math.floor(random() * moments.length)];
    await suite.step(`round ${round}: killed during ${moment}; the library opens, is sound and has every saved edit`, async () => {
      s = await h.launch();
      await s.waitFor("[data-testid=process-row]", 20000);
      const rows = await s.exec(() =>
        [...document.querySelectorAll("[data-testid=process-row]")].map((r) => ({ id: r.dataset.id, name: r.querySelector("[data-testid=open-process]")?.textContent ?? "" })),
      );
      // An edit begun after the save (the typing and autosave moments append to the name)
      // may or may not have been saved; what was saved must be there.
      for (const [id, name] of saved) {
        const row = rows.find((r) => r.id === id);
        check(row && row.name.startsWith(name), `process ${id} named "${name}" after the kill (got "${row?.name}")`);
      }
      // This round's edit: rename a process, and wait until the editor says it is saved.
      const { id } = rows[Math.floor(random() * rows.length)];
      await s.click(`[data-testid=process-row][data-id="${id}"] [data-testid=open-process]`);
      await s.waitFor(".react-flow__node", 10000);
      await s.click("[data-testid=tab-process]");
      const name = `Crash round ${round}`;
      await fill("[data-testid=process-name-input]", name);
      await s.keys("\uE004");
      await s.until(() => document.querySelector("[data-testid=save-state]")?.dataset.state === "saved", [], 10000, "the rename saved");
      saved.set(id, name);
      await MOMENTS[moment]();
      killApp();
      await s.quit().catch(() => {});
      const report = cli("library", "check", "--db", library);
      check(report.includes(": ok"), `integrity check ok (got ${report.trim()})`);
      const stored = JSON.parse(cli("library", "list", "--format", "json", "--db", library)).find((p) => p.id === id);
      check(stored?.name.startsWith(name), `"${name}" in the library file (got "${stored?.name}")`);
    });
  }
  await suite.step("after the last kill the app opens once more with every saved edit", async () => {
    s = await h.launch();
    await s.waitFor("[data-testid=process-row]", 20000);
    const rows = await s.exec(() => [...document.querySelectorAll("[data-testid=process-row]")].map((r) => ({ id: r.dataset.id, name: r.querySelector("[data-testid=open-process]")?.textContent ?? "" })));
    for (const [id, name] of saved) check(rows.some((r) => r.id === id && r.name.startsWith(name)), `"${name}" listed`);
    await suite.screenshot("library-after-the-crashes");
    await s.quit().catch(() => {});
  });
});
