// A small W3C WebDriver client for WebKitWebDriver, with no dependencies
// (Node >= 20: global fetch, AbortSignal.timeout).
//
// Only what the app suite needs: start/stop a driver process, sessions,
// finding elements, clicking, typing, reading, scripts, screenshots, actions.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver key codes used by the suite. */
export const Keys = Object.freeze({
  ENTER: '\uE007',
  ESCAPE: '\uE00C',
  BACKSPACE: '\uE003',
  TAB: '\uE004',
  CONTROL: '\uE009',
  SHIFT: '\uE008',
  END: '\uE010',
  NULL: '\uE000',
});

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    const error = value?.error ?? `http ${status}`;
    super(`${method} ${path}: ${error}: ${value?.message ?? JSON.stringify(value)}`);
    this.error = error;
    this.status = status;
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A running WebKitWebDriver process.
 * `env` is passed to the driver, and through it to the app it launches.
 */
export class Driver {
  static async start({ env = process.env, logFile, binary = 'WebKitWebDriver' } = {}) {
    const port = await freePort();
    const child = spawn(binary, [`--port=${port}`, '--host=127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const driver = new Driver(child, port);
    if (logFile) {
      const log = createWriteStream(logFile, { flags: 'a' });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    } else {
      child.stdout.resume();
      child.stderr.resume();
    }
    child.on('exit', (code, signal) => {
      driver.exited = { code, signal };
    });
    await driver.#waitReady();
    return driver;
  }

  constructor(child, port) {
    this.child = child;
    this.pid = child.pid;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.exited = null;
  }

  async #waitReady(timeoutMs = 15000) {
    const until = Date.now() + timeoutMs;
    let last;
    while (Date.now() < until) {
      if (this.exited) throw new Error(`WebKitWebDriver exited early: ${JSON.stringify(this.exited)}`);
      try {
        const res = await fetch(`${this.base}/status`, { signal: AbortSignal.timeout(2000) });
        const body = await res.json();
        if (body?.value?.ready !== false) return;
      } catch (e) {
        last = e;
      }
      await sleep(50);
    }
    throw new Error(`WebKitWebDriver on port ${this.port} not ready after ${timeoutMs} ms: ${last}`);
  }

  async request(method, path, body, { timeoutMs = 60000 } = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new WebDriverError(method, path, res.status, { error: 'bad json', message: text.slice(0, 500) });
    }
    if (!res.ok || json?.value?.error) throw new WebDriverError(method, path, res.status, json.value);
    return json.value;
  }

  /** Starts a session: WebKitWebDriver launches `binary` with `args`. */
  async newSession({ binary, args = [] }) {
    const value = await this.request('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args } } },
    });
    return new Session(this, value.sessionId, value.capabilities);
  }

  /** Kills the driver by its PID (SIGTERM, then SIGKILL) and waits for it to go. */
  async stop() {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3000);
    await gone;
    clearTimeout(t);
  }
}

export class Session {
  constructor(driver, id, capabilities) {
    this.driver = driver;
    this.id = id;
    this.capabilities = capabilities;
    this.deleted = false;
  }

  cmd(method, path, body, opts) {
    return this.driver.request(method, `/session/${this.id}${path}`, body, opts);
  }

  /** Ends the session (WebKitWebDriver closes the app). Never throws. */
  async delete({ timeoutMs = 15000 } = {}) {
    if (this.deleted) return;
    this.deleted = true;
    try {
      await this.driver.request('DELETE', `/session/${this.id}`, undefined, { timeoutMs });
    } catch {
      /* the app may already be gone */
    }
  }

  // --- elements -----------------------------------------------------------

  async find(css, from) {
    const path = from ? `/element/${from.id}/element` : '/element';
    const v = await this.cmd('POST', path, { using: 'css selector', value: css });
    return new Element(this, v[ELEMENT_KEY]);
  }

  async findAll(css, from) {
    const path = from ? `/element/${from.id}/elements` : '/elements';
    const v = await this.cmd('POST', path, { using: 'css selector', value: css });
    return v.map((e) => new Element(this, e[ELEMENT_KEY]));
  }

  // --- page -----------------------------------------------------------------

  title() {
    return this.cmd('GET', '/title');
  }

  source() {
    return this.cmd('GET', '/source');
  }

  /** Runs `script` (a function body) in the page; element arguments are passed as references. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args: args.map(toWire) }).then(fromWire(this));
  }

  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args: args.map(toWire) }).then(fromWire(this));
  }

  /** A PNG of the window, as a Buffer. */
  async screenshot() {
    const b64 = await this.cmd('GET', '/screenshot', undefined, { timeoutMs: 30000 });
    return Buffer.from(b64, 'base64');
  }

  /** Presses keys with the keyboard (not tied to an element): e.g. Ctrl+K. */
  async keys(...sequence) {
    const actions = [];
    for (const k of sequence) actions.push({ type: 'keyDown', value: k });
    for (const k of [...sequence].reverse()) actions.push({ type: 'keyUp', value: k });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  setTimeouts(t) {
    return this.cmd('POST', '/timeouts', t);
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd('POST', '/click', {});
  }

  clear() {
    return this.cmd('POST', '/clear', {});
  }

  /** Types `text` into the element (keystroke by keystroke). */
  type(text) {
    return this.cmd('POST', '/value', { text });
  }

  text() {
    return this.cmd('GET', '/text');
  }

  attribute(name) {
    return this.cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  property(name) {
    return this.cmd('GET', `/property/${encodeURIComponent(name)}`);
  }

  displayed() {
    return this.cmd('GET', '/displayed');
  }

  enabled() {
    return this.cmd('GET', '/enabled');
  }

  find(css) {
    return this.session.find(css, this);
  }

  findAll(css) {
    return this.session.findAll(css, this);
  }
}

function toWire(arg) {
  return arg instanceof Element ? { [ELEMENT_KEY]: arg.id } : arg;
}

function fromWire(session) {
  const convert = (v) => {
    if (Array.isArray(v)) return v.map(convert);
    if (v && typeof v === 'object') {
      if (ELEMENT_KEY in v) return new Element(session, v[ELEMENT_KEY]);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    }
    return v;
  };
  return convert;
}
