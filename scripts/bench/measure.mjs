// Measures Groundwork's start-up time and memory next to a minimal Tauri window.
// Run under an X display (scripts/bench.sh wraps it in xvfb-run). Reports only:
// no limits, no assertions.
//
//   node scripts/bench/measure.mjs --app <groundwork> --minimal <minimal-window> \
//     --empty <ws> --large <ws> [--runs 5] [--mem-runs 3] [--settle-ms 5000] \
//     [--out artifacts/bench.txt] [--json artifacts/bench.json] [--note "..."]
//
// Start-up: the app is spawned directly with GROUNDWORK_STARTUP_PROBE=1 and
// --workspace; it prints `groundwork-startup-painted ms_since_main=<n> epoch_ms=<n>
// rows=<n>` once the session list is first painted. The figure is epoch_ms minus
// the wall-clock time just before spawn (so it includes exec, dynamic linking and
// WebKit's own processes starting), median of --runs runs.
//
// Memory: ~--settle-ms after spawn, RSS and PSS from /proc/<pid>/smaps_rollup are
// summed over the app process and all its descendants (WebKitWebProcess,
// WebKitNetworkProcess, …); the minimal window is measured the same way, in the
// same run, interleaved.

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { alive, descendants } from '../../tests/app/lib/proc.mjs';

// --- arguments ---------------------------------------------------------------

function parseArgs(argv) {
  const opts = { runs: 5, memRuns: 3, settleMs: 5000, note: '' };
  const names = { '--app': 'app', '--minimal': 'minimal', '--empty': 'empty', '--large': 'large', '--runs': 'runs', '--mem-runs': 'memRuns', '--settle-ms': 'settleMs', '--out': 'out', '--json': 'json', '--note': 'note' };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    const v = argv[++i];
    opts[key] = ['runs', 'memRuns', 'settleMs'].includes(key) ? Number(v) : v;
  }
  for (const k of ['app', 'minimal', 'empty', 'large']) if (!opts[k]) throw new Error(`--${k} is required`);
  return opts;
}

// --- /proc ----------------------------------------------------------------------

function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** RSS and PSS in KiB of one process, from smaps_rollup. */
function memOf(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { pid, name: comm(pid), rssKiB: field('Rss'), pssKiB: field('Pss') };
}

// --- launching -------------------------------------------------------------------

function isolatedEnv(home, extra = {}) {
  const env = { ...process.env, NO_AT_BRIDGE: '1', ...extra };
  for (const d of ['data', 'config', 'cache', 'state']) {
    const p = join(home, d);
    mkdirSync(p, { recursive: true });
    env[`XDG_${d.toUpperCase()}_HOME`] = p;
  }
  delete env.GROUNDWORK_WORKSPACE;
  delete env.TAURI_WEBVIEW_AUTOMATION;
  return env;
}

/** Spawns `binary`; resolves with { child, lines } where lines collects stdout. */
function launch(binary, args, env) {
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const waiters = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push({ line, at: Date.now() });
    for (const w of waiters) w();
  });
  child.stderr.resume();
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const waitLine = (re, timeoutMs) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => re.test(l.line));
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms`)), timeoutMs);
      waiters.push(check);
      exited.then(() =>
        setTimeout(() => {
          clearTimeout(timer);
          reject(new Error(`${binary} exited before printing ${re}`));
        }, 50),
      );
      check();
    });
  return { child, lines, exited, waitLine };
}

/** Stops an app and everything it started: SIGTERM, then SIGKILL for stragglers. */
async function stop(run) {
  const tree = [run.child.pid, ...descendants(run.child.pid)];
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const until = Date.now() + 5000;
  while (Date.now() < until && tree.some(alive)) await sleep(50);
  for (const pid of tree.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await run.exited;
}

const PROBE = /^groundwork-startup-painted ms_since_main=(\d+) epoch_ms=(\d+) rows=(\d+)/;

async function startupOnce(app, workspace, env) {
  const spawnedAt = Date.now();
  const run = launch(app, ['--workspace', workspace], { ...env, GROUNDWORK_STARTUP_PROBE: '1' });
  try {
    const hit = await run.waitLine(PROBE, 60000);
    const [, sinceMain, epoch, rows] = PROBE.exec(hit.line).map(Number);
    return { ms: epoch - spawnedAt, sinceMainMs: sinceMain, rows, readByRunnerMs: hit.at - spawnedAt };
  } finally {
    await stop(run);
  }
}

async function memoryOnce(binary, args, env, settleMs, probe) {
  const spawnedAt = Date.now();
  const run = launch(binary, args, probe ? { ...env, GROUNDWORK_STARTUP_PROBE: '1' } : env);
  try {
    let painted = null;
    if (probe) painted = await run.waitLine(PROBE, 60000).then(() => true, () => false);
    const wait = spawnedAt + settleMs - Date.now();
    if (wait > 0) await sleep(wait);
    const pids = [run.child.pid, ...descendants(run.child.pid)];
    const procs = [];
    for (const pid of pids) {
      try {
        procs.push(memOf(pid));
      } catch {
        /* exited meanwhile */
      }
    }
    const rssKiB = procs.reduce((a, p) => a + p.rssKiB, 0);
    const pssKiB = procs.reduce((a, p) => a + p.pssKiB, 0);
    return { atMs: Date.now() - spawnedAt, procs, rssKiB, pssKiB, painted };
  } finally {
    await stop(run);
  }
}

// --- statistics and formatting ------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mib = (kib) => kib / 1024;
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function cpuModel() {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'} × ${c.length}`;
}

// --- main ----------------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const home = mkdtempSync(join(tmpdir(), 'gw-bench-home-'));
  const env = isolatedEnv(home);
  const started = new Date();
  const loadStart = loadavg()[0];
  const log = (...a) => console.error('[bench]', ...a);

  try {
    // Start-up, interleaved so drift affects both workspaces alike.
    const startup = { empty: [], large: [] };
    for (let i = 0; i < o.runs; i++) {
      for (const key of ['empty', 'large']) {
        const r = await startupOnce(o.app, o[key], env);
        startup[key].push(r);
        log(`start-up ${key} run ${i + 1}/${o.runs}: ${r.ms} ms (rows=${r.rows}, since main ${r.sinceMainMs} ms)`);
      }
    }

    // Memory, interleaved the same way.
    const memory = { minimal: [], empty: [], large: [] };
    for (let i = 0; i < o.memRuns; i++) {
      memory.minimal.push(await memoryOnce(o.minimal, [], env, o.settleMs, false));
      memory.empty.push(await memoryOnce(o.app, ['--workspace', o.empty], env, o.settleMs, true));
      memory.large.push(await memoryOnce(o.app, ['--workspace', o.large], env, o.settleMs, true));
      log(`memory run ${i + 1}/${o.memRuns}: minimal ${f1(mib(memory.minimal.at(-1).pssKiB))} MiB PSS, empty ${f1(mib(memory.empty.at(-1).pssKiB))}, 10k ${f1(mib(memory.large.at(-1).pssKiB))}`);
    }

    const size = (p) => statSync(p).size / (1024 * 1024);
    const sizes = { app: size(o.app), minimal: size(o.minimal) };
    const rowsOf = (k) => [...new Set(startup[k].map((r) => r.rows))].join('/');

    const out = [];
    out.push(`Groundwork benchmark — ${started.toISOString().replace(/\.\d+Z$/, 'Z')}`);
    out.push(`Machine: ${cpuModel()}, ${f1(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}, display ${process.env.DISPLAY ?? '?'} (Xvfb)`);
    if (o.note) out.push(o.note);
    out.push(`Load average (1 min) at start ${loadStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other work on the machine skews timings.`);
    out.push('');
    out.push('Release binary size');
    out.push(`  groundwork       ${lpad(f1(sizes.app), 6)} MiB   (${o.app})`);
    out.push(`  minimal-window   ${lpad(f1(sizes.minimal), 6)} MiB   (baseline)`);
    out.push('');
    out.push(`Start-up: process spawn → session list painted (startup probe), ${o.runs} runs each`);
    out.push(`  ${pad('workspace', 20)}${lpad('rows', 7)}${lpad('median', 10)}${lpad('min', 8)}${lpad('max', 8)}${lpad('main→paint', 12)}   all runs (ms)`);
    for (const [key, label] of [['empty', 'empty (1 cycle)'], ['large', '10,000 sessions']]) {
      const ms = startup[key].map((r) => r.ms);
      const sinceMain = median(startup[key].map((r) => r.sinceMainMs));
      out.push(
        `  ${pad(label, 20)}${lpad(rowsOf(key), 7)}${lpad(median(ms) + ' ms', 10)}${lpad(Math.min(...ms), 8)}${lpad(Math.max(...ms), 8)}${lpad(sinceMain + ' ms', 12)}   ${ms.join(' ')}`,
      );
    }
    out.push('  (median/min/max: spawn → painted, wall clock; main→paint: from the app\'s main() to painted, median)');
    out.push('');
    out.push(`Memory ~${o.settleMs / 1000} s after start, summed over the app and all its descendant processes (median of ${o.memRuns})`);
    out.push(`  ${pad('', 28)}${lpad('procs', 6)}${lpad('RSS MiB', 10)}${lpad('PSS MiB', 10)}${lpad('RSS ×min', 10)}${lpad('PSS ×min', 10)}`);
    const med = (k, f) => median(memory[k].map((m) => m[f]));
    const base = { rss: med('minimal', 'rssKiB'), pss: med('minimal', 'pssKiB') };
    for (const [key, label] of [['minimal', 'minimal window (baseline)'], ['empty', 'groundwork, empty'], ['large', 'groundwork, 10,000 sessions']]) {
      const rss = med(key, 'rssKiB');
      const pss = med(key, 'pssKiB');
      const procs = median(memory[key].map((m) => m.procs.length));
      out.push(`  ${pad(label, 28)}${lpad(procs, 6)}${lpad(f1(mib(rss)), 10)}${lpad(f1(mib(pss)), 10)}${lpad((rss / base.rss).toFixed(2), 10)}${lpad((pss / base.pss).toFixed(2), 10)}`);
    }
    out.push('');
    out.push('  Per process (last memory run):');
    for (const [key, label] of [['minimal', 'minimal'], ['empty', 'empty'], ['large', '10k']]) {
      const last = memory[key].at(-1);
      const parts = last.procs.map((p) => `${p.name} ${f1(mib(p.rssKiB))}/${f1(mib(p.pssKiB))}`);
      out.push(`    ${pad(label, 8)} ${parts.join(', ')}  (RSS/PSS MiB)`);
    }
    const notPainted = ['empty', 'large'].flatMap((k) => memory[k].filter((m) => m.painted === false).map(() => k));
    if (notPainted.length) out.push(`  Note: the startup probe line was not seen in ${notPainted.length} memory run(s): ${notPainted.join(', ')}`);
    const text = out.join('\n') + '\n';
    process.stdout.write(text);

    if (o.out) {
      mkdirSync(dirname(o.out), { recursive: true });
      writeFileSync(o.out, text);
    }
    if (o.json) {
      mkdirSync(dirname(o.json), { recursive: true });
      writeFileSync(o.json, JSON.stringify({ started: started.toISOString(), machine: cpuModel(), sizesMiB: sizes, startup, memory, settleMs: o.settleMs }, null, 2));
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
