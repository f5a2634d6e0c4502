// Journey b: notes saved by autosave alone (no close, no blur) are all there after
// the app is killed (SIGKILL, no chance to flush on close) and relaunched. The kill
// comes as soon as autosave says "Saved", however long a loaded machine took.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, journey } from './lib/harness.mjs';
import { alive } from './lib/proc.mjs';
import { createFirstCycle, createSession, expectNotesAfterRelaunch, typeNotes, waitNotes, waitSaved } from './lib/flows.mjs';

let h;
before(async () => {
  h = await Harness.start('crash');
});
after(async () => {
  await h?.close();
});

const NOTES = [
  'Stakeholder feedback from the risk team, typed right before a crash.',
  '',
  'They want audit trails for every production change; today that is a spreadsheet.',
  'Biggest ask: one place to see who approved what, and when.',
  'Last line, typed about a second before the kill.',
].join('\n');

journey(() => h, 'b. notes autosaved while typing survive a SIGKILL right after', { timeout: 120_000 }, async () => {
  const workspace = h.path('journey-b.groundwork');
  const first = await h.launch(workspace);
  let id;
  let killed = false;
  try {
    await createFirstCycle(first, 'Crash cycle');
    id = await createSession(first, {
      title: 'Risk team feedback',
      kind: 'stakeholder_feedback',
      date: '2026-09-30',
      participants: 'Olga (Risk)',
    });
    await typeNotes(first, NOTES);
    // Everything typed reached the editor; nothing but the timer saves it now.
    await waitNotes(first, NOTES);
    await waitSaved(first, { timeout: 20_000 });
    const pid = first.pid;
    await first.kill();
    killed = true;
    assert.equal(alive(pid), false, 'the app process is gone');
  } finally {
    if (!killed) await first.quit();
  }

  await expectNotesAfterRelaunch(h, workspace, id, NOTES, 'after-kill-relaunch');
});
