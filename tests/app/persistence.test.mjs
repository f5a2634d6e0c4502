// Journey a: a first session survives quitting and relaunching the app.
// Also: trash and restore, and the command palette, on the real app.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, byTestId, waitUntil, journey } from './lib/harness.mjs';
import { createFirstCycle, createSession, typeNotes, waitNotes, waitSaved, openSession, readDetails, readNotes } from './lib/flows.mjs';
import { Keys } from './lib/webdriver.mjs';

let h;
before(async () => {
  h = await Harness.start('persistence');
});
after(async () => {
  await h?.close();
});

const CYCLE = '2027 H1 planning';
const SESSION = {
  title: 'Coffee chat with the payments team',
  kind: 'coffee_chat',
  date: '2026-10-14',
  participants: 'Priya (Payments), Tom (SRE)',
};
// Typed keystroke by keystroke. Markdown, but no list items: Enter after one would
// (rightly) continue the list, which would make the expected text depend on the editor.
const NOTES = [
  '# Deploys are the bottleneck',
  '',
  'Priya says a deploy takes **40 minutes** end to end; most of it is waiting on CI.',
  'Tom: "rollbacks are manual and scary" (two incidents last month).',
  '',
  '## Next steps',
  'Ask for their CI timings & share the build-cache proposal by Friday.',
].join('\n');

journey(() => h, 'a. a session with typed notes survives quitting and relaunching', { timeout: 120_000 }, async () => {
  const workspace = h.path('journey-a.groundwork');

  const first = await h.launch(workspace);
  let id;
  try {
    await createFirstCycle(first, CYCLE, { screenshots: true });
    await first.screenshot('empty-session-list');
    id = await createSession(first, SESSION, { screenshots: true });
    await typeNotes(first, NOTES);
    await waitNotes(first, NOTES);
    await waitSaved(first);
    await first.screenshot('editor-saved');
    // The new session is in the list.
    const row = await first.waitFor(`${byTestId('session-row')}[data-session-id="${id}"]`);
    assert.match(await first.textOf(row), /Coffee chat with the payments team/);
  } finally {
    await first.quit();
  }

  const second = await h.launch(workspace);
  try {
    await second.waitForTestId('session-list');
    await second.waitText(byTestId('cycle-switcher'), (t) => t.includes(CYCLE));
    await openSession(second, id);
    await waitNotes(second, NOTES);
    assert.deepEqual(await readDetails(second), SESSION);
    await second.screenshot('reopened-session');
  } finally {
    await second.quit();
  }
});

journey(() => h, 'deleting a session moves it to the trash, and restoring brings it back', { timeout: 120_000 }, async () => {
  const workspace = h.path('trash.groundwork');
  const app = await h.launch(workspace);
  try {
    await createFirstCycle(app, 'Trash cycle');
    const session = { ...SESSION, title: 'Support-ticket review: flaky deploys', kind: 'support_ticket_review' };
    const id = await createSession(app, session);
    await typeNotes(app, 'Twelve tickets mention flaky deploys.');
    await waitSaved(app);

    await app.click(byTestId('session-delete'));
    await app.waitGone(`${byTestId('session-row')}[data-session-id="${id}"]`);

    await app.click(byTestId('nav-trash'));
    const row = await app.waitFor(byTestId('trash-row'));
    assert.match(await app.textOf(row), /flaky deploys/);
    await app.screenshot('trash');
    await (await row.find(byTestId('trash-restore'))).click();
    await app.waitGone(byTestId('trash-row'));

    await app.click(byTestId('nav-sessions'));
    await openSession(app, id);
    assert.equal(await readNotes(app), 'Twelve tickets mention flaky deploys.');
  } finally {
    await app.quit();
  }
});

journey(() => h, 'Ctrl+K opens the command palette', { timeout: 60_000 }, async () => {
  const app = await h.launch(h.path('palette.groundwork'));
  try {
    await app.waitForTestId('welcome');
    await app.session.keys(Keys.CONTROL, 'k');
    const input = await app.waitForTestId('palette-input');
    await app.waitForTestId('command-palette');
    await waitUntil(async () => (await app.exec('return document.activeElement && document.activeElement.dataset.testid')) === 'palette-input', {
      message: 'the palette input to have focus',
    });
    await input.type('cycle');
    await app.screenshot('command-palette');
    await app.session.keys(Keys.ESCAPE);
    await app.waitGone(byTestId('command-palette'));
  } finally {
    await app.quit();
  }
});
