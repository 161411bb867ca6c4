// End-to-end test of the single instance: with a session bus, as on a desktop, launching the
// app again while it runs (a double-click on a map file) does not open a second window on the
// same library. The second process hands its files to the running window and exits; the
// window offers to import them.
//
//   HANDOFF_APP=target/debug/handoff-app node tests/e2e/instance.mjs
//
// Screenshots under artifacts/e2e/instance/. Prints "N passed, M failed"; exits non-zero when
// anything failed.

import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { check, Suite } from "./suite.mjs";
import { sleep } from "./webdriver.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = join(root, "artifacts/e2e/instance");
const BPMN = resolve(root, "../shared/corpus/bpmn-miwg/Reference/C.1.0.bpmn");

const suite = new Suite(artifacts, { settleMs: 400, sessionBus: true });

/** Runs the app again with `args`, as a file manager would; resolves to its exit code. */
function launchAgain(h, args, withinMs = 15000) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(h.app, args, { env: { ...process.env, ...h.appEnv() }, stdio: "ignore", cwd: h.userDir });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the second launch was still running after ${withinMs} ms: it opened a window of its own`));
    }, withinMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolvePromise(code);
    });
  });
}

suite.run(async (h) => {
  const s = await h.launch();
  await s.waitFor("[data-testid=process-row]", 20000);
  const file = join(h.userDir, "Collapsed pool.bpmn");
  copyFileSync(BPMN, file);
  const before = await s.exec(() => document.querySelectorAll("[data-testid=process-row]").length);

  await suite.step("a second launch with a BPMN file hands it to the running window and exits", async () => {
    // A relative path, as a shell passes it: the running app resolves it against the
    // second launch's folder, not its own.
    const code = await launchAgain(h, ["Collapsed pool.bpmn"]);
    check(code === 0, `the second launch to exit 0 (got ${code})`);
    await s.waitFor("[data-testid=bpmn-dialog]", 5000);
    const offered = await s.exec(() => document.querySelector("[data-testid=bpmn-path]")?.value);
    check(offered === file, `the import to offer ${file} (got ${offered})`);
    check(h.appProcesses().length === 1, "one app process");
    await suite.screenshot("second-launch-offers-the-file");
  });

  await suite.step("the handed-over file imports and opens in the same window", async () => {
    await s.click("[data-testid=bpmn-run]");
    await s.waitFor("[data-testid=bpmn-done]", 15000);
    await s.click("[data-testid=bpmn-open]");
    await s.waitFor(".react-flow__node", 10000);
    await s.click("[data-testid=back-to-library]");
    await s.waitFor("[data-testid=process-row]", 10000);
    const after = await s.exec(() => document.querySelectorAll("[data-testid=process-row]").length);
    check(after === before + 1, `one more process in the library (${before} → ${after})`);
  });

  await suite.step("a second launch without files only brings the window to the front", async () => {
    const code = await launchAgain(h, []);
    check(code === 0, `the second launch to exit 0 (got ${code})`);
    await sleep(500);
    check((await s.$$("[data-testid=bpmn-dialog]")).length === 0, "no import offered");
    check((await s.$$("[data-testid=import-dialog]")).length === 0, "no import offered");
    check(h.appProcesses().length === 1, "still one app process");
  });

  await s.quit().catch(() => {});
});
