// Starts Xvfb and WebKitWebDriver for one run, each stopped by its PID afterwards, and an
// isolated library folder so runs never touch the user's data.

import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session, sleep } from "./webdriver.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitUntil(check, timeout, what) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export class Harness {
  /**
   * @param sessionBus start a private D-Bus session bus for the app, as a desktop has one:
   *                   with it, a second launch on the same library hands its files to the
   *                   running app (single instance) instead of opening a window of its own
   */
  constructor({ app, width = 1440, height = 900, sessionBus = false }) {
    if (!app || !existsSync(app)) throw new Error(`HANDOFF_APP must name the built app binary (got "${app ?? ""}")`);
    this.app = app;
    this.width = width;
    this.height = height;
    this.children = [];
    // One throwaway home per run: the app's data (the library) and settings, and a folder
    // of the user's own for exports and files to import (the app refuses to export into its
    // own data folder).
    this.home = mkdtempSync(join(tmpdir(), "handoff-e2e-"));
    this.dataDir = join(this.home, "data");
    this.userDir = join(this.home, "documents");
    this.sessionBus = sessionBus;
    mkdirSync(this.dataDir);
    mkdirSync(this.userDir);
  }

  async start() {
    const display = 90 + Math.floor(Math.random() * 400);
    this.display = `:${display}`;
    this.spawn("Xvfb", [this.display, "-screen", "0", `${this.width}x${this.height}x24`, "-nolisten", "tcp"], {});
    await waitUntil(() => existsSync(`/tmp/.X11-unix/X${display}`), 10000, "Xvfb");
    if (this.sessionBus) {
      const socket = join(this.home, "bus");
      this.spawn("dbus-daemon", ["--session", "--nofork", "--nopidfile", `--address=unix:path=${socket}`], {});
      await waitUntil(() => existsSync(socket), 10000, "the session bus");
      this.busAddress = `unix:path=${socket}`;
    }
    this.port = await freePort();
    this.spawn("WebKitWebDriver", [`--port=${this.port}`], { TAURI_WEBVIEW_AUTOMATION: "true", ...this.appEnv() });
    const base = `http://127.0.0.1:${this.port}`;
    await waitUntil(
      async () => {
        try {
          const r = await fetch(`${base}/status`);
          return r.ok;
        } catch {
          return false;
        }
      },
      10000,
      "WebKitWebDriver",
    );
    this.base = base;
  }

  /** What the app sees of its surroundings: the display, the library folder, the bus. */
  appEnv() {
    return {
      DISPLAY: this.display,
      HANDOFF_DATA_DIR: this.dataDir,
      XDG_CONFIG_HOME: join(this.home, "config"),
      ...(this.busAddress ? { DBUS_SESSION_BUS_ADDRESS: this.busAddress } : {}),
    };
  }

  spawn(cmd, args, env) {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.on("data", (d) => {
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${cmd}] ${d}`);
    });
    this.children.push(child);
    return child;
  }

  /**
   * Launches the app in a new WebDriver session (a fresh process of the app). Fails within
   * seconds, naming the binary, when the app exits before its window opens or never starts:
   * the driver itself would wait for it for minutes.
   */
  async launch() {
    // Processes left over from an earlier session (still closing) are not this launch's app.
    const earlier = new Set(this.appProcesses());
    const abort = new AbortController();
    const session = Session.create(this.base, { "webkitgtk:browserOptions": { binary: this.app, args: [] } }, abort.signal);
    let watching = true;
    const watch = (async () => {
      const started = Date.now();
      let seen = false;
      while (watching) {
        await sleep(200);
        const alive = this.appProcesses().some((pid) => !earlier.has(pid));
        const problem = seen && !alive ? "exited before its window opened" : !seen && Date.now() - started > 15000 ? "did not start within 15 s" : null;
        if (!watching) break;
        if (problem) {
          abort.abort();
          throw new Error(`the app ${this.app} ${problem}; run it directly (DISPLAY=${this.display}) to see why`);
        }
        seen ||= alive;
      }
    })();
    try {
      return await Promise.race([session, watch]);
    } finally {
      watching = false;
      watch.catch(() => {});
      session.catch(() => {});
    }
  }

  /** PIDs of the driver's children that are running (not exited, not zombies). */
  appProcesses() {
    const driver = this.children.find((c) => c.spawnargs[0] === "WebKitWebDriver");
    if (!driver) return [];
    let pids = [];
    try {
      pids = execFileSync("pgrep", ["-P", String(driver.pid)], { encoding: "utf8" }).split(/\s+/).filter(Boolean);
    } catch {
      return []; // pgrep exits 1 when there are none
    }
    return pids.filter((pid) => {
      try {
        // The state follows the command name in parentheses: "123 (name) S ...".
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
      } catch {
        return false;
      }
    });
  }

  /**
   * The screen as the user sees it, as PNG bytes, read from the X server (imagemagick's
   * `import`). WebDriver's own screenshot waits for the page's next repaint, which a window
   * painting without compositing (see src-tauri/src/rendering.rs) does not make while idle.
   */
  screenshot() {
    return new Promise((resolve, reject) => {
      execFile("import", ["-display", this.display, "-window", "root", "png:-"], { encoding: "buffer", maxBuffer: 64 << 20 }, (err, out) =>
        err ? reject(new Error(`screenshot of ${this.display} failed: ${err.message}`)) : resolve(out),
      );
    });
  }

  /** Stops what `start` started, newest first, by PID. */
  async stop() {
    for (const child of this.children.reverse()) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([new Promise((r) => child.once("exit", r)), sleep(3000)]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    }
  }
}
