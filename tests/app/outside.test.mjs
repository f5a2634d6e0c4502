// Journey f: another process writes the workspace the app has open. Groundwork
// shares a file safely (WAL, every write one IMMEDIATE transaction): a second window,
// the command line or a sync tool may write it, and the app notices within about two
// seconds. Notes typed in the app while they changed elsewhere are never silently
// overwritten, and never silently overwrite: the conflict is shown, and whichever text
// the person keeps, the other is kept too.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { Harness, byTestId, journey, waitUntil, APP_BINARY } from './lib/harness.mjs';
import { createFirstCycle, createSession, typeNotes, waitNotes, waitSaved, readNotes } from './lib/flows.mjs';

/** The command line, built beside the app. */
const CLI = process.env.GW_CLI || join(dirname(APP_BINARY), 'groundwork-cli');

let h;
before(async () => {
  h = await Harness.start('outside');
});
after(async () => {
  await h?.close();
});

/** Runs one operation through `groundwork-cli` on `workspace`; returns its JSON. */
function cli(workspace, op, input) {
  const out = execFileSync(CLI, ['--workspace', workspace, '--json', 'call', op, JSON.stringify(input)], { encoding: 'utf8' });
  return JSON.parse(out);
}

journey(() => h, 'f. a change by the command line shows in the app, and notes typed meanwhile are settled, not overwritten', { timeout: 180_000 }, async () => {
  const workspace = h.path('journey-f.groundwork');
  const app = await h.launch(workspace);
  try {
    await createFirstCycle(app, 'Shared cycle');
    const id = await createSession(app, { title: 'Coffee with Priya', kind: 'coffee_chat', date: '2026-11-02', participants: 'Priya' });
    await typeNotes(app, 'First words.');
    await waitSaved(app);

    // Another process logs a session: the list shows it without anyone asking.
    const cycle = cli(workspace, 'list_cycles', {})[0];
    cli(workspace, 'create_session', { session: { cycleId: cycle.id, kind: 'sla_conversation', title: 'Logged from a script', heldOn: '2026-11-03', notes: '' } });
    await app.waitText(byTestId('session-list'), /Logged from a script/, { timeout: 20_000 });
    await app.screenshot('outside-change-listed');

    // Notes typed in the app, not saved yet (a test-only hold on timed saves)…
    await app.exec('globalThis.__GW_HOLD_AUTOSAVE__ = true; return true;');
    await typeNotes(app, ' Typed in the app.');
    const mine = 'First words. Typed in the app.';
    await waitNotes(app, mine);
    // …while the command line saves other notes to the same session.
    cli(workspace, 'save_notes', { id, notes: 'Changed by the command line.' });
    // The app notices (the list row shows the new notes), and leaves what is being typed alone.
    await app.waitText(`${byTestId('session-row')}[data-session-id="${id}"]`, /Changed by the command line/, { timeout: 20_000 });
    assert.equal(await readNotes(app), mine, 'notes being typed are not replaced');
    // The held save goes now: it was typed over the old notes, so it is a conflict.
    await app.exec('globalThis.__GW_HOLD_AUTOSAVE__ = false; return true;');
    await app.waitFor(byTestId('notes-conflict'), { timeout: 20_000 });
    assert.equal(cli(workspace, 'get_session', { id }).notes, 'Changed by the command line.', 'nothing was overwritten');
    await app.screenshot('notes-conflict');

    await app.click(byTestId('notes-keep-mine'));
    await app.waitGone(byTestId('notes-conflict'));
    await waitNotes(app, mine);
    await waitUntil(() => cli(workspace, 'get_session', { id }).notes === mine, { message: 'the kept notes stored' });
    const kept = cli(workspace, 'notes_versions', { id });
    assert.deepEqual(kept.map((v) => v.notes), ['Changed by the command line.'], 'the text that gave way is kept');
  } finally {
    await app.quit();
  }
});
