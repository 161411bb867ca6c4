// A small W3C WebDriver client over fetch: just what the suite and the benchmark use.
// WebKitWebDriver speaks the standard protocol; keeping this in-house avoids a large
// dependency tree for a dozen endpoints.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /** Starts a session; `signal` aborts the request (the harness does when the app dies). */
  static async create(base, capabilities, signal) {
    const r = await request(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } }, signal);
    return new Session(base, r.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    await this.cmd("DELETE", "");
  }

  /** Runs `fn` (a function's source) in the page with `args`; returns its value. */
  exec(fn, ...args) {
    return this.cmd("POST", "/execute/sync", { script: `return (${fn}).apply(null, arguments)`, args });
  }

  async $(css) {
    const r = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return r[ELEMENT];
  }

  async $$(css) {
    const r = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return r.map((e) => e[ELEMENT]);
  }

  async click(css) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/value`, { text });
  }

  /** Types into whatever has focus. */
  async keys(text) {
    const actions = [];
    for (const ch of text) actions.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kbd", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Presses a chord such as Ctrl+Z: `mods` held while `key` is pressed. */
  async chord(mods, key) {
    const actions = [
      ...mods.map((m) => ({ type: "keyDown", value: m })),
      { type: "keyDown", value: key },
      { type: "keyUp", value: key },
      ...mods.reverse().map((m) => ({ type: "keyUp", value: m })),
    ];
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kbd", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Runs W3C pointer actions with the mouse, then releases whatever is held. */
  async mouse(actions) {
    await this.cmd("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Moves the mouse to a viewport point (hover). */
  hover(p) {
    return this.mouse([{ type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(p.x), y: Math.round(p.y) }]);
  }

  /** A double click at a viewport point. */
  doubleClick(p) {
    const click = [
      { type: "pointerDown", button: 0 },
      { type: "pointerUp", button: 0 },
    ];
    return this.mouse([{ type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(p.x), y: Math.round(p.y) }, ...click, { type: "pause", duration: 60 }, ...click]);
  }

  /** A mouse drag through viewport points with pointer events, in `steps` moves. */
  async drag(from, to, { steps = 12, pause = 16 } = {}) {
    const moves = [];
    for (let i = 1; i <= steps; i++) {
      moves.push({
        type: "pointerMove",
        duration: pause,
        origin: "viewport",
        x: Math.round(from.x + ((to.x - from.x) * i) / steps),
        y: Math.round(from.y + ((to.y - from.y) * i) / steps),
      });
    }
    await this.cmd("POST", "/actions", {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(from.x), y: Math.round(from.y) },
            { type: "pointerDown", button: 0 },
            { type: "pause", duration: 50 },
            ...moves,
            { type: "pause", duration: 50 },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    await this.cmd("DELETE", "/actions");
  }

  /** Waits until `css` matches an element; returns it. */
  async waitFor(css, timeout = 10000) {
    const end = Date.now() + timeout;
    for (;;) {
      const found = await this.$$(css);
      if (found.length) return found[0];
      if (Date.now() > end) throw new WebDriverError(`timed out waiting for ${css}`);
      await sleep(50);
    }
  }

  /** Waits until `fn` (run in the page) returns a truthy value; returns it. */
  async until(fn, args = [], timeout = 10000, what = "condition") {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.exec(fn, ...args);
      if (v) return v;
      if (Date.now() > end) throw new WebDriverError(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request(base, method, path, body, signal) {
  const res = await fetch(base + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? res.status}: ${v.message ?? ""}`);
  }
  return json.value;
}
