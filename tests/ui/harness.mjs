// The harness of the UI end-to-end suite: starts the test server (real core over
// the operation table), bundles the page's IPC (core/install.ts), serves the built
// front end with `vite preview` on a free 127.0.0.1 port, launches Debian's Chromium
// through playwright-core, and opens the app in a fresh browser context per journey,
// on a workspace of its own seeded through real operations.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { plantSeed } from './core/seed.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
// GW_UI_DIR serves another copy of the front end (e.g. a patched one) instead of ui/.
export const UI = process.env.GW_UI_DIR ? resolve(process.env.GW_UI_DIR) : join(ROOT, 'ui');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots');

const CHROMIUM = process.env.GW_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Actions and assertions give up after this long: a journey fails fast, never hangs. */
export const STEP_TIMEOUT_MS = 10000;

/** The page's IPC as one IIFE, ready for `addInitScript`. */
export async function bundleMock() {
  const out = await build({
    entryPoints: [join(here, 'core', 'install.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url, child, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${ms} ms`);
}

/** Serves ui/dist; resolves to { url, stop }. */
export async function startPreview() {
  if (!existsSync(join(UI, 'dist', 'index.html'))) {
    throw new Error('ui/dist is missing: build the front end first (cd ui && npm run build), or use tests/ui/run.sh');
  }
  const port = await freePort();
  const bin = join(UI, 'node_modules', '.bin', 'vite');
  // Started directly (no shell), so the child's PID is the server's and stopping it is exact.
  const child = spawn(bin, ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: UI,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none' },
  });
  // Never leave the server behind, even when the run is interrupted or crashes.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      child.kill('SIGKILL');
      process.exit(130);
    });
  }
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url, child);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`${e.message}\n${log}`);
  }
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        process.removeListener('exit', killOnExit);
        done();
      });
      child.kill('SIGTERM');
    });
  return { url, stop, pid: child.pid };
}

/** Launches Chromium headless with a fresh profile directory of its own. */
export async function launchBrowser() {
  // Playwright's launch() always creates a new profile directory under os.tmpdir()
  // (and removes it on close); pointing TMPDIR at a directory of ours for the launch
  // keeps that profile fresh, private to this run, and removed with the directory.
  const profileRoot = await mkdtemp(join(tmpdir(), 'gw-ui-e2e-'));
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = profileRoot;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  const close = async () => {
    await browser.close().catch(() => {});
    await rm(profileRoot, { recursive: true, force: true });
  };
  return { browser, close };
}

/** Where the journey's workspace seems to be, as the shell would show it. */
const DEFAULT_PATH = '/home/ada/Groundwork/My workspace.groundwork';

function stem(path) {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * Opens the app in a new browser context on a workspace of its own, seeded through
 * real operations from `config.seed`; `config` also sets injected failures
 * (`failOn`, `delayMs`, `holdOn`), dialogs, the recent list and the open status.
 * Returns the page and helpers; the context and the workspace go when the test ends.
 */
export async function openApp(t, env, config = {}, { colorScheme = 'light', viewport = { width: 1280, height: 800 } } = {}) {
  const server = await env.server.newWorkspace();
  t.after(() => server.close());
  const ids = await plantSeed(server, config.seed ?? {});
  const path = config.workspace?.path ?? DEFAULT_PATH;
  const { seed: _seed, ...rest } = config;
  const testConfig = {
    ...rest,
    server: env.server.url,
    workspaceId: server.id,
    workspace: { ...server.workspace, path, name: stem(path), ...(config.workspace ?? {}) },
  };
  const context = await env.browser.newContext({ viewport, colorScheme, locale: 'en-GB', timezoneId: 'UTC' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = [];
  const consoleLines = [];
  page.on('pageerror', (e) => errors.push(e.stack || String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${m.type()}] ${m.text()}`);
  });
  await page.addInitScript({ content: `window.__GW_TEST_CONFIG__ = ${JSON.stringify(testConfig)};\n${env.mockScript}` });
  t.after(async () => {
    await context.close().catch(() => {});
  });
  await page.goto(env.url);
  // The app has booted once it shows a screen: keys pressed before then go nowhere.
  await page
    .locator('[data-testid=session-list], [data-testid=session-list-empty], [data-testid=welcome], [data-testid=workspace-error]')
    .first()
    .waitFor({ timeout: 20000 });

  const app = {
    page,
    errors,
    consoleLines,
    /** The seed's ids (and names) mapped to the ids core gave them, per kind of thing. */
    ids,
    /** Every IPC call so far, optionally of one command (operations by their name). */
    calls: (cmd) => page.evaluate((c) => (window.__GW_MOCK_CALLS__ ?? []).filter((x) => !c || x.cmd === c), cmd ?? null),
    /** Runs an operation on the journey's workspace in real core, to read (or change) what is stored. */
    op: (name, input) => server.op(name, input),
    /** A teammate's copy of the shared workspace: syncs, runs an operation, syncs again. */
    teammate: (name, input) => server.teammate(name, input),
    /** Polls an operation until `check(result)` holds (what the page saved reaches core a moment later). */
    async until(name, input, check, { timeout = STEP_TIMEOUT_MS } = {}) {
      const end = Date.now() + timeout;
      let last;
      for (;;) {
        last = await server.op(name, input);
        if (check(last)) return last;
        if (Date.now() > end) throw new Error(`timed out waiting on ${name}: last ${JSON.stringify(last).slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Makes a command fail (or succeed again with null) from now on. */
    fail: (cmd, failure) => page.evaluate(([c, f]) => window.__GW_MOCK__.fail(c, f), [cmd, failure]),
    /** Lets the held calls of a command (see `holdOn`) go on. */
    release: (cmd) => page.evaluate((c) => window.__GW_MOCK__.release(c), cmd),
    emit: (event, payload) => page.evaluate(([e, p]) => window.__GW_MOCK__.emit(e, p), [event, payload ?? null]),
    async shot(name) {
      mkdirSync(SHOTS, { recursive: true });
      // Let transitions (dialogs rise over 0.14 s) settle before the picture.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
      await page.screenshot({ path: join(SHOTS, `ui-${name}.png`) });
    },
    /** Fails the test if the page threw anything uncaught. */
    assertNoPageErrors() {
      if (errors.length) throw new Error(`The page threw:\n${errors.join('\n')}\nConsole:\n${consoleLines.join('\n')}`);
    },
  };
  return app;
}
