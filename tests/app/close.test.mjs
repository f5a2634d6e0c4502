// Journey e: notes typed right before the window is closed (the close button, not a
// kill) are saved before the app exits: the page flushes on the close request.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Harness, journey, waitUntil } from './lib/harness.mjs';
import { alive, killAll } from './lib/proc.mjs';
import { createFirstCycle, createSession, expectNotesAfterRelaunch, typeNotes } from './lib/flows.mjs';

const CLOSE_WINDOW = join(dirname(fileURLToPath(import.meta.url)), 'lib', 'close_window.py');

let h;
before(async () => {
  h = await Harness.start('close');
});
after(async () => {
  await h?.close();
});

const NOTES = 'SLA talk with the data team.\nThey expect ingest within 5 minutes; today it is 40.\nTyped just before closing';

/** The app's main window (GTK also makes small hidden helper windows). */
function mainWindow(pid) {
  const ids = execFileSync('xdotool', ['search', '--pid', String(pid), '--name', 'Groundwork'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  assert.ok(ids.length > 0, `a Groundwork window of pid ${pid}`);
  // GTK and WebKit make small helper windows named after the program ("groundwork");
  // the main window's title names the workspace: "<workspace> — Groundwork".
  const titled = ids.filter((w) => execFileSync('xdotool', ['getwindowname', w], { encoding: 'utf8' }).includes('— Groundwork'));
  return (titled.length ? titled : ids).at(-1);
}

journey(() => h, 'e. notes typed right before the window is closed are saved on the way out', { timeout: 120_000 }, async () => {
  const workspace = h.path('journey-e.groundwork');
  const first = await h.launch(workspace);
  let id;
  try {
    await createFirstCycle(first, 'Close cycle');
    id = await createSession(first, { title: 'SLA talk: data team', kind: 'sla_conversation', date: '2026-10-12', participants: 'Mo (Data)' });
    // Timed saves wait (a test-only hold), so whatever the machine's load, the notes
    // are still unsaved when the close request comes: only the close can save them.
    await first.exec('globalThis.__GW_HOLD_AUTOSAVE__ = true; return true;');
    await typeNotes(first, NOTES);
    const state = await first.exec(`return document.querySelector('[data-testid="save-state"]').textContent.trim()`);
    assert.notEqual(state, 'Saved', 'the test closes before autosave has run, or it proves nothing');
    const tree = first.processTree();
    execFileSync('python3', [CLOSE_WINDOW, mainWindow(first.pid)]);
    await waitUntil(() => !alive(first.pid), { timeout: 10_000, message: 'the app to exit after the close request' });
    h.apps.delete(first);
    killAll(tree.slice(1).filter(alive), 'SIGTERM');
    await first.session.delete({ timeoutMs: 5000 }).catch(() => {});
  } catch (e) {
    await first.quit();
    throw e;
  }

  await expectNotesAfterRelaunch(h, workspace, id, NOTES);
});


journey(() => h, 'e. a page too busy to answer the close request does not keep the app open', { timeout: 120_000 }, async () => {
  const workspace = h.path('journey-e-hung.groundwork');
  const app = await h.launch(workspace);
  const tree = app.processTree();
  try {
    await app.waitForTestId('welcome');
    // Freeze the page's JavaScript for a minute, as a runaway script would.
    await app.exec('setTimeout(() => { const end = Date.now() + 60000; while (Date.now() < end) {} }, 50); return true;');
    await new Promise((r) => setTimeout(r, 300));
    execFileSync('python3', [CLOSE_WINDOW, mainWindow(app.pid)]);
    // The shell closes the window itself 8 s after the request when the page cannot.
    await waitUntil(() => !alive(app.pid), { timeout: 20_000, message: 'the app to exit although its page is frozen' });
  } finally {
    h.apps.delete(app);
    killAll([...tree].filter(alive), 'SIGKILL');
    await app.session.delete({ timeoutMs: 5000 }).catch(() => {});
  }
});
