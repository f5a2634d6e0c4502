// The real-app harness: one WebKitWebDriver per test file, an isolated temp home
// per file (XDG dirs, so the app's recent list and default workspace never touch
// the real home), launching Groundwork on a given workspace, robust waits,
// screenshots, quitting and killing the app by PID.

import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { Driver } from './webdriver.mjs';
import { alive, descendants, findByExe, killAll, waitGone } from './proc.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOTS = join(REPO, 'artifacts', 'screenshots');

/** The app binary: $GW_APP, else the debug build in $CARGO_TARGET_DIR (or ./target). */
export const APP_BINARY = resolve(
  process.env.GW_APP ||
    join(process.env.CARGO_TARGET_DIR || join(REPO, 'target'), 'debug', 'groundwork'),
);

/** Default time to wait for something to appear. */
export const WAIT_MS = Number(process.env.GW_WAIT_MS || 20000);

/** Polls `fn` until it returns a truthy value (not throwing); returns that value. */
export async function waitUntil(fn, { timeout = WAIT_MS, interval = 100, message = 'condition' } = {}) {
  const until = Date.now() + timeout;
  let lastError;
  let lastValue;
  for (;;) {
    try {
      lastValue = await fn();
      if (lastValue) return lastValue;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= until) break;
    await sleep(interval);
  }
  const detail = lastError ? ` (last error: ${lastError.message})` : ` (last value: ${JSON.stringify(lastValue)})`;
  throw new Error(`timed out after ${timeout} ms waiting for ${message}${detail}`);
}

export const byTestId = (id) => `[data-testid="${id}"]`;

const liveHarnesses = new Set();
process.on('exit', () => {
  // Last resort if a run is interrupted: nothing we started outlives the runner.
  for (const h of liveHarnesses) h.killEverythingSync();
});

export class Harness {
  /** Starts a driver for one test file, with its own temp home. */
  static async start(name) {
    if (!existsSync(APP_BINARY)) {
      throw new Error(`app binary not found: ${APP_BINARY} (build it, or pass its path to tests/app/run.sh)`);
    }
    const dir = mkdtempSync(join(tmpdir(), `gw-e2e-${name}-`));
    const home = {
      XDG_DATA_HOME: join(dir, 'xdg-data'),
      XDG_CONFIG_HOME: join(dir, 'xdg-config'),
      XDG_CACHE_HOME: join(dir, 'xdg-cache'),
      XDG_STATE_HOME: join(dir, 'xdg-state'),
    };
    for (const d of Object.values(home)) mkdirSync(d, { recursive: true });
    const env = { ...process.env, ...home, TAURI_WEBVIEW_AUTOMATION: 'true', NO_AT_BRIDGE: '1' };
    delete env.GROUNDWORK_WORKSPACE;
    delete env.GROUNDWORK_STARTUP_PROBE;
    const logFile = join(dir, 'driver-and-app.log');
    const h = new Harness(name, dir, env, logFile);
    liveHarnesses.add(h);
    h.driver = await Driver.start({ env, logFile });
    return h;
  }

  constructor(name, dir, env, logFile) {
    this.name = name;
    this.dir = dir;
    this.env = env;
    this.logFile = logFile;
    this.driver = null;
    this.apps = new Set();
    this.failed = false;
  }

  /** A path inside this file's temp dir. */
  path(...parts) {
    return join(this.dir, ...parts);
  }

  /** Where the app keeps its default workspace under the temp home. */
  get dataHome() {
    return this.env.XDG_DATA_HOME;
  }

  /** Launches Groundwork on `workspace` through a new WebDriver session. */
  async launch(workspace, { args } = {}) {
    const appArgs = args ?? ['--workspace', workspace];
    let session;
    try {
      session = await this.driver.newSession({ binary: APP_BINARY, args: appArgs });
    } catch (e) {
      // A driver whose app was killed can keep a stale session: start a fresh driver once.
      await this.restartDriver();
      session = await this.driver.newSession({ binary: APP_BINARY, args: appArgs });
    }
    const app = new App(this, session, workspace);
    this.apps.add(app);
    await app.findPid();
    return app;
  }

  async restartDriver() {
    const old = this.driver;
    const leftovers = old ? descendants(old.pid) : [];
    await old?.stop();
    killAll(leftovers);
    this.driver = await Driver.start({ env: this.env, logFile: this.logFile });
  }

  /** The last lines of the driver and app output, for failure messages. */
  logTail(lines = 40) {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Ends every session, kills the driver and anything it launched, removes the temp dir. */
  async close() {
    for (const app of this.apps) await app.quit().catch(() => {});
    if (this.driver) {
      const leftovers = descendants(this.driver.pid);
      await this.driver.stop();
      killAll(leftovers);
    }
    liveHarnesses.delete(this);
    if (this.failed || process.env.GW_KEEP_TMP) {
      console.log(`# kept ${this.dir} (log: ${this.logFile})`);
    } else {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  killEverythingSync() {
    if (!this.driver) return;
    const pids = [...descendants(this.driver.pid), this.driver.pid];
    killAll(pids);
  }
}

export class App {
  constructor(harness, session, workspace) {
    this.harness = harness;
    this.session = session;
    this.workspace = workspace;
    this.pid = null;
    this.tree = [];
  }

  /** Finds the app process among the driver's descendants. */
  async findPid() {
    this.pid = await waitUntil(() => findByExe(this.harness.driver.pid, APP_BINARY)[0], {
      timeout: 5000,
      interval: 50,
      message: `the ${APP_BINARY} process under WebKitWebDriver ${this.harness.driver.pid}`,
    });
    return this.pid;
  }

  /** The app and its WebKit helper processes. */
  processTree() {
    if (!this.pid || !alive(this.pid)) return [];
    return [this.pid, ...descendants(this.pid)];
  }

  // --- DOM ------------------------------------------------------------------

  find(css) {
    return this.session.find(css);
  }

  findAll(css) {
    return this.session.findAll(css);
  }

  exec(script, args) {
    return this.session.execute(script, args);
  }

  /** Waits until an element matching `css` exists (and is displayed, unless `visible: false`). */
  async waitFor(css, { timeout = WAIT_MS, visible = true } = {}) {
    return waitUntil(
      async () => {
        const el = await this.session.find(css);
        if (visible && !(await el.displayed())) return null;
        return el;
      },
      { timeout, message: `element ${css}` },
    );
  }

  waitForTestId(id, opts) {
    return this.waitFor(byTestId(id), opts);
  }

  /** Waits until no element matches `css`. */
  async waitGone(css, { timeout = WAIT_MS } = {}) {
    return waitUntil(async () => (await this.session.findAll(css)).length === 0, {
      timeout,
      message: `${css} to disappear`,
    });
  }

  /** Waits until the element's text satisfies `expected` (string: equal; RegExp; or predicate). */
  async waitText(css, expected, { timeout = WAIT_MS } = {}) {
    const ok =
      typeof expected === 'function'
        ? expected
        : expected instanceof RegExp
          ? (t) => expected.test(t)
          : (t) => t.trim() === expected;
    let last;
    try {
      return await waitUntil(
        async () => {
          last = (await this.textOf(await this.session.find(css))).trim();
          return ok(last) ? last || true : null;
        },
        { timeout, message: `${css} text to match ${expected}` },
      );
    } catch (e) {
      e.message += ` — last text: ${JSON.stringify(last)}`;
      throw e;
    }
  }

  /**
   * The element's rendered text (innerText). WebKitWebDriver's own "Get Element Text"
   * drops some visible text (e.g. an ellipsized grid item), so the page is asked instead.
   */
  async textOf(el) {
    return this.exec('const e = arguments[0]; return e.innerText ?? e.textContent ?? "";', [el]);
  }

  async click(css) {
    const el = await this.waitFor(css);
    await waitUntil(() => el.enabled(), { message: `${css} to be enabled` });
    await el.click();
    return el;
  }

  /** Waits for two animation frames, so what the DOM holds is painted. */
  async settle() {
    await this.session.executeAsync(
      'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    );
  }

  /** Saves a PNG of the window to artifacts/screenshots/app-<name>.png. */
  async screenshot(name) {
    await this.settle().catch(() => {});
    await sleep(250);
    const png = await this.session.screenshot();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `app-${name}.png`);
    writeFileSync(file, png);
    return file;
  }

  // --- lifetime ----------------------------------------------------------------

  /** Ends the WebDriver session (which closes the app) and waits for every app process to exit. */
  async quit() {
    if (!this.harness.apps.has(this)) return;
    this.harness.apps.delete(this);
    const [main, ...helpers] = this.processTree();
    await this.session.delete();
    if (main && !(await waitGone(main, 10000))) {
      killAll([main], 'SIGKILL');
      await waitGone(main, 3000);
    }
    // WebKitNetworkProcess lingers ~5 s after its app exits; end our own helpers now.
    await Promise.all(helpers.map((pid) => waitGone(pid, 500)));
    killAll(helpers.filter(alive), 'SIGTERM');
    for (const pid of helpers) {
      if (!(await waitGone(pid, 3000))) killAll([pid], 'SIGKILL');
    }
  }

  /** SIGKILLs the app process (no chance to save), then cleans up its session and helpers. */
  async kill() {
    this.harness.apps.delete(this);
    const tree = this.processTree();
    if (!this.pid) throw new Error('no app pid to kill');
    process.kill(this.pid, 'SIGKILL');
    if (!(await waitGone(this.pid, 5000))) throw new Error(`app pid ${this.pid} survived SIGKILL`);
    // WebKit's helpers notice their parent is gone and exit; make sure.
    for (const pid of tree.slice(1)) {
      if (!(await waitGone(pid, 5000))) killAll([pid], 'SIGKILL');
    }
    await this.session.delete({ timeoutMs: 5000 });
  }
}

/**
 * A node:test test whose failure keeps the harness's temp dir and prints the tail
 * of the driver/app log. `harness` is a function returning the file's Harness.
 */
export function journey(harness, name, options, fn) {
  return test(name, options, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      const h = harness();
      if (h) {
        h.failed = true;
        const tail = h.logTail();
        if (tail) t.diagnostic(`driver/app log (tail):\n${tail}`);
      }
      throw e;
    }
  });
}
