// The step runner both end-to-end suites share: starts and stops the harness, runs named
// steps, counts passes and failures, screenshots each failure (and, if asked, every step)
// and prints the tally.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Harness } from "./harness.mjs";
import { sleep } from "./webdriver.mjs";

/** Throws "expected <what>" unless `cond` holds. */
export function check(cond, what) {
  if (!cond) throw new Error(`expected ${what}`);
}

export class Suite {
  /**
   * @param artifacts folder for the numbered screenshots
   * @param options   settleMs: wait before each shot (the screen can trail the DOM by a
   *                  frame or two); everyStep: also screenshot steps that pass;
   *                  sessionBus: give the app a D-Bus session bus (see Harness)
   */
  constructor(artifacts, { settleMs = 0, everyStep = false, sessionBus = false } = {}) {
    this.sessionBus = sessionBus;
    this.artifacts = artifacts;
    this.harness = null;
    this.settleMs = settleMs;
    this.everyStep = everyStep;
    this.passed = 0;
    this.failed = 0;
    this.shot = 0;
  }

  async screenshot(name) {
    if (this.settleMs) await sleep(this.settleMs);
    this.shot += 1;
    // Another suite may have cleared the artifacts folder since this one started.
    mkdirSync(this.artifacts, { recursive: true });
    const file = join(this.artifacts, `${String(this.shot).padStart(2, "0")}-${name}.png`);
    writeFileSync(file, await this.harness.screenshot());
    return file;
  }

  async step(name, fn) {
    const t = Date.now();
    const slug = name.replace(/\W+/g, "-");
    try {
      await fn();
      this.passed += 1;
      console.log(`ok   ${name} (${Date.now() - t} ms)`);
      if (this.everyStep) await this.screenshot(slug.toLowerCase()).catch(() => {});
    } catch (e) {
      this.failed += 1;
      console.log(`FAIL ${name}: ${e.message}`);
      // The window may be gone; the failure is already reported.
      await this.screenshot(`FAILED-${slug}`).catch(() => {});
    }
  }

  /**
   * Runs the suite: clears the artifacts folder, starts a Harness for $HANDOFF_APP, calls
   * `body(harness)`, then stops the harness and removes its library folder, prints the
   * tally and exits. A crash of `body` counts as a failure.
   */
  async run(body) {
    rmSync(this.artifacts, { recursive: true, force: true });
    mkdirSync(this.artifacts, { recursive: true });
    let crashed = false;
    try {
      this.harness = new Harness({ app: process.env.HANDOFF_APP && resolve(process.env.HANDOFF_APP), sessionBus: this.sessionBus });
      await this.harness.start();
      await body(this.harness);
    } catch (e) {
      console.error(e);
      crashed = true;
    } finally {
      if (this.harness) {
        await this.harness.stop();
        rmSync(this.harness.home, { recursive: true, force: true });
      }
    }
    console.log(`\nscreenshots in ${this.artifacts}`);
    this.finish(crashed);
  }

  /** Prints the tally and exits: non-zero when anything failed (`crashed` counts as one). */
  finish(crashed = false) {
    const failed = this.failed + (crashed ? 1 : 0);
    console.log(`${this.passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
}
