// The first hour without a stumble (issue 25): keys typed in a dialog stay in it,
// dialogs start on their first field and ask before throwing typed input away, the
// "Make observation" button goes when a dialog opens and after capture, toasts cover
// no editor, the palette ranks what it finds and moves cycles, and the new-bucket form
// says what address / eliminate / empower mean.

import assert from 'node:assert/strict';
import { journey, $, expectCount, selectPassage } from '../journey.mjs';

const H1 = '2027 H1 planning';
const NOTES = '# Coffee with Priya\nCI takes 40 minutes on a good day.\nThey retry flaky tests by hand before every release.';

const oneChat = {
  cycles: [{ name: H1 }],
  teams: [{ name: 'Payments', segment: 'Product engineering' }],
  people: [{ name: 'Priya Raman', team: 'Payments' }],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-10', participants: 'Priya Raman', notes: NOTES }],
};

const prioritizing = {
  ...oneChat,
  cycles: [{ name: H1, mode: 'prioritization', current: true }],
  observations: [{ session: 'Coffee with Priya', kind: 'pain', passage: 'CI takes 40 minutes on a good day.', people: ['Priya Raman'] }],
};

/** Opens the only session and waits for its notes. */
async function openSession(page) {
  await $(page, 'session-row').first().click();
  await $(page, 'session-editor').waitFor();
  await page.locator('.cm-content').waitFor();
}

/** What has focus: its test id, or its tag and label. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? `${el?.tagName.toLowerCase()}:${el?.getAttribute('aria-label') ?? el?.textContent?.trim()}`;
  });

/** Whether the focused element draws a ring (an outline or a box-shadow). */
const focusRing = (page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });

const rect = (locator) => locator.evaluate((el) => el.getBoundingClientRect().toJSON());
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

// ---- Item 3: a modal keeps its keys ----

journey('app shortcuts typed in a dialog or the palette do nothing behind it', { seed: oneChat, dialogs: { open: null } }, async (app) => {
  const { page } = app;
  await openSession(page);
  await page.keyboard.press('Control+n');
  await $(page, 'new-session-dialog').waitFor();
  // Open workspace, Preview, Go to Observations, Search: none of them may act.
  for (const key of ['Control+o', 'Control+e', 'Control+2', 'Control+Shift+f', 'Control+Shift+n', 'Control+k', 'Control+j']) await page.keyboard.press(key);
  await page.waitForTimeout(200);
  assert.equal((await app.calls('choose_workspace_to_open')).length, 0, 'Ctrl+O in a dialog opens no native dialog');
  assert.equal((await app.calls('choose_new_workspace')).length, 0, 'Ctrl+Shift+N in a dialog creates no workspace');
  assert.equal(await $(page, 'notes-preview').count(), 0, 'Ctrl+E in a dialog does not switch the notes to Preview');
  assert.equal(await $(page, 'command-palette').count(), 0, 'Ctrl+K in a dialog opens no palette over it');
  await $(page, 'session-editor').waitFor();
  assert.equal(await $(page, 'nav-sessions').getAttribute('class').then((c) => /\bactive\b/.test(c)), true, 'the view stays on Sessions');
  await $(page, 'new-session-dialog').waitFor();
  await page.keyboard.press('Escape');
  await $(page, 'new-session-dialog').waitFor({ state: 'detached' });

  // The palette is modal too: its keys are its own, and Ctrl+K still closes it.
  await page.keyboard.press('Control+k');
  await $(page, 'command-palette').waitFor();
  assert.equal(await $(page, 'command-palette').getAttribute('aria-modal'), 'true');
  await page.keyboard.press('Control+e');
  await page.keyboard.press('Control+o');
  await page.waitForTimeout(200);
  assert.equal(await $(page, 'notes-preview').count(), 0, 'Ctrl+E in the palette does not switch the notes to Preview');
  assert.equal((await app.calls('choose_workspace_to_open')).length, 0, 'Ctrl+O in the palette opens no native dialog');
  await page.keyboard.press('Control+k');
  await $(page, 'command-palette').waitFor({ state: 'detached' });

  // With nothing open, the shortcuts work again.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+e');
  await $(page, 'notes-preview').waitFor();
});

journey('closing a dialog that holds a typed title asks in the dialog before discarding it', { seed: oneChat }, async (app) => {
  const { page } = app;
  await $(page, 'session-row').first().waitFor();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });

  // Nothing typed: Escape closes at once.
  await page.keyboard.press('Control+n');
  await $(page, 'new-session-dialog').waitFor();
  await page.keyboard.press('Escape');
  await $(page, 'new-session-dialog').waitFor({ state: 'detached' });

  await page.keyboard.press('Control+n');
  const dialog = $(page, 'new-session-dialog');
  await dialog.waitFor();
  await page.keyboard.type('Coffee with the search team');
  // Escape asks, and "Keep editing" (focused, so Enter or Escape keeps) goes back with the title.
  await page.keyboard.press('Escape');
  const ask = $(page, 'dialog-discard');
  await ask.waitFor();
  assert.match(await ask.innerText(), /Discard this new session\?/);
  assert.equal(await focused(page), 'dialog-discard-keep', 'Keep editing has focus, so a stray key keeps the input');
  await app.shot('flow-discard-question');
  await page.keyboard.press('Escape');
  await ask.waitFor({ state: 'detached' });
  assert.equal(await $(page, 'session-title-input').inputValue(), 'Coffee with the search team');
  assert.equal(await focused(page), 'session-title-input', 'focus goes back to the field');

  // A click outside and the × ask too.
  await page.mouse.click(5, 5);
  await ask.waitFor();
  await $(page, 'dialog-discard-keep').click();
  await ask.waitFor({ state: 'detached' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await ask.waitFor();
  await $(page, 'dialog-discard-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await app.calls('create_session')).length, 0, 'nothing was created');
  assert.equal(dialogs, 0, 'no browser confirm() was used');
});

// ---- Item 5: focus on the first field, a visible ring ----

journey('dialogs put focus on their first field and select a suggested name', { seed: prioritizing }, async (app) => {
  const { page } = app;
  await $(page, 'session-row').first().waitFor();

  // New session (Ctrl+N then typing): the title.
  await page.keyboard.press('Control+n');
  await $(page, 'new-session-dialog').waitFor();
  assert.equal(await focused(page), 'session-title-input');
  assert.equal(await focusRing(page), true, 'the focused field shows a ring');
  await page.keyboard.press('Escape');
  await $(page, 'new-session-dialog').waitFor({ state: 'detached' });

  // Capture (Ctrl+Shift+O in the notes): the first field, not the ×.
  await openSession(page);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Shift+o');
  await $(page, 'capture-dialog').waitFor();
  assert.equal(await focused(page), 'capture-text');
  await page.keyboard.press('Escape');
  await $(page, 'capture-dialog').waitFor({ state: 'detached' });

  // New person.
  await page.keyboard.press('Control+3');
  await $(page, 'new-person-button').click();
  await $(page, 'new-person-dialog').waitFor();
  assert.equal(await focused(page), 'new-person-name');
  await page.keyboard.press('Escape');

  // Keep a version.
  await page.keyboard.press('Control+Shift+0');
  await $(page, 'documents-view').waitFor();
  // A charter is stored once something is written in it.
  await page.locator('.cm-line', { hasText: 'Unique value' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Red builds mean something again');
  await page.locator('[data-testid=snapshot]:not([disabled])').click();
  await $(page, 'snapshot-dialog').waitFor();
  assert.equal(await focused(page), 'snapshot-note');
  await page.keyboard.press('Escape');
  await $(page, 'snapshot-dialog').waitFor({ state: 'detached' });

  // Tab to a button: the ring shows on buttons too (an outline their shadows cannot hide).
  await page.keyboard.press('Control+1');
  await openSession(page);
  await $(page, 'session-title').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.match(await focused(page), /session-new-observation|session-delete|preview-toggle|button:Write/);
  assert.equal(await focusRing(page), true, `a ring on ${await focused(page)}`);
  await page.locator('.seg button.on').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'button:Write');
  assert.equal(await focusRing(page), true, 'the raised Write tab shows a ring too');
  await app.shot('flow-focus-ring');
});

journey('the first cycle’s suggested name is focused and selected, so typing replaces it', {}, async (app) => {
  const { page } = app;
  await $(page, 'welcome-create-cycle').click();
  await $(page, 'new-cycle-dialog').waitFor();
  assert.equal(await focused(page), 'cycle-name-input');
  const selection = await page.evaluate(() => {
    const el = document.activeElement;
    return { start: el.selectionStart, end: el.selectionEnd, length: el.value.length };
  });
  assert.ok(selection.length > 0, 'a name is suggested');
  assert.deepEqual([selection.start, selection.end], [0, selection.length], 'the suggested name is selected');
  await page.keyboard.type('Platform discovery, spring');
  assert.equal(await $(page, 'cycle-name-input').inputValue(), 'Platform discovery, spring', 'typing replaced the suggestion');
  await app.shot('flow-new-cycle-focus');
});

// ---- Item 6: the floating button ----

journey('the Make observation button hides when a dialog opens and after the observation is saved, and used passages are marked', { seed: oneChat }, async (app) => {
  const { page } = app;
  await openSession(page);
  const make = $(page, 'make-observation');
  await selectPassage(page, 'They retry flaky tests by hand before every release.');
  await make.waitFor();

  // Another dialog (Ctrl+N) takes focus: the button goes.
  await page.keyboard.press('Control+n');
  await $(page, 'new-session-dialog').waitFor();
  await make.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await $(page, 'new-session-dialog').waitFor({ state: 'detached' });

  await selectPassage(page, 'They retry flaky tests by hand before every release.');
  await make.waitFor();
  await make.click();
  await $(page, 'capture-dialog').waitFor();
  assert.equal(await make.count(), 0, 'the button is not drawn over the capture dialog');
  await app.shot('flow-capture-no-button');
  await $(page, 'capture-save').click();
  await $(page, 'capture-dialog').waitFor({ state: 'detached' });
  await $(page, 'session-observation').filter({ hasText: 'They retry flaky tests' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await make.count(), 0, 'after saving, the button does not invite a duplicate');

  // The passage made into an observation is marked in the notes.
  const marked = page.locator('.cm-content .cm-observed');
  await marked.first().waitFor();
  assert.equal((await marked.allInnerTexts()).join(''), 'They retry flaky tests by hand before every release.');
  await app.shot('flow-observed-passage');
});

// ---- Item 7: toasts ----

journey('a toast covers no editor and keeps its action reachable', { seed: oneChat }, async (app) => {
  const { page } = app;
  await openSession(page);
  await selectPassage(page, 'CI takes 40 minutes on a good day.');
  await $(page, 'make-observation').click();
  await $(page, 'capture-save').click();
  const toast = $(page, 'toast').filter({ hasText: 'Saved a pain observation' });
  await toast.waitFor();
  await app.shot('flow-toast');
  const box = await rect(toast);
  for (const id of ['session-editor', 'notes-editor']) {
    const editor = await rect($(page, id));
    assert.ok(!overlaps(box, editor), `the toast (${JSON.stringify(box)}) covers no part of ${id} (${JSON.stringify(editor)})`);
  }
  const sidebar = await rect($(page, 'sidebar'));
  assert.ok(box.left >= sidebar.right, 'it covers none of the sidebar: Trash and the rest stay clickable');
  const list = await rect($(page, 'session-list'));
  assert.ok(box.left >= list.left && box.right <= list.right, 'it sits over the foot of the list');

  // Undo on a trashed session is still there, and works.
  await $(page, 'session-delete').click();
  const undo = $(page, 'toast').filter({ hasText: /trash/i }).getByRole('button', { name: 'Undo' });
  await undo.waitFor();
  const u = await rect(undo);
  const viewport = page.viewportSize();
  assert.ok(u.top >= 0 && u.bottom <= viewport.height && u.left >= 0 && u.right <= viewport.width, 'Undo is on screen');
  // Trash in the sidebar is not covered by the toast that offers Undo.
  await $(page, 'nav-trash').click({ trial: true });
  await undo.click();
  await $(page, 'session-row').filter({ hasText: 'Coffee with Priya' }).waitFor();
});

// ---- Item 8: the palette ----

journey('the palette lists only good matches, best first, and keeps its search scopes whole', { seed: oneChat }, async (app) => {
  const { page } = app;
  await $(page, 'session-row').first().waitFor();
  await page.keyboard.press('Control+k');
  const input = $(page, 'palette-input');
  const titles = () => $(page, 'palette-item').locator('.title').allInnerTexts();

  await input.fill('score');
  await page.waitForTimeout(100);
  assert.ok(!(await titles()).includes('New session'), `"score" does not list New session: ${await titles()}`);
  await input.fill('rank');
  await page.waitForTimeout(100);
  assert.ok(!(await titles()).includes('New workspace…'), `"rank" does not list New workspace: ${await titles()}`);
  await input.fill('trash');
  await page.waitForTimeout(100);
  assert.equal((await titles())[0], 'Go to Trash');
  await input.fill('next mode');
  await page.waitForTimeout(100);
  assert.equal((await titles())[0], 'Advance the cycle to prioritization…');

  // Search mode: the scope row shows every scope and "Filters… Ctrl+Enter" whole.
  await input.fill('flaky');
  await $(page, 'palette-item').filter({ hasText: 'Search everything for' }).click();
  const scopes = $(page, 'palette-scopes');
  await scopes.waitFor();
  await $(page, 'search-hit').first().waitFor();
  await app.shot('flow-palette-scopes');
  const row = await rect(scopes);
  const palette = await rect($(page, 'command-palette'));
  for (const b of await scopes.locator('button').all()) {
    const r = await rect(b);
    const clipped = await b.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    assert.ok(r.right <= palette.right && r.right <= row.right + 0.5 && !clipped, `"${await b.innerText()}" is shown whole`);
  }
  assert.match(await $(page, 'palette-open-search').innerText(), /Filters…\s*Ctrl\+Enter/);
});

journey('every cycle action is a palette command: advance to the next mode, go back with a reason, rename, history', { seed: oneChat }, async (app) => {
  const { page } = app;
  const cycleId = app.ids.cycle.get(H1);
  const mode = async () => (await app.op('list_cycles', {})).find((c) => c.id === cycleId).mode;
  await $(page, 'session-row').first().waitFor();
  const run = async (text, title) => {
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill(text);
    const item = $(page, 'palette-item').first();
    await item.filter({ hasText: title }).waitFor();
    await page.keyboard.press('Enter');
    await $(page, 'command-palette').waitFor({ state: 'detached' });
  };

  // Discovery → prioritization: the same review as the Cycles view's button.
  await run('advance', 'Advance the cycle to prioritization…');
  await $(page, 'cycle-review').waitFor();
  await app.shot('flow-palette-advance');
  await $(page, 'cycle-advance-confirm').click();
  await app.until('list_cycles', {}, (cs) => cs.find((c) => c.id === cycleId).mode === 'prioritization');
  await page.waitForFunction(() => document.querySelector('[data-testid=cycle-mode]')?.textContent === 'Prioritization');

  // And back, with a reason.
  await run('back to discovery', 'Return the cycle to discovery…');
  await $(page, 'cycle-return-dialog').waitFor();
  assert.equal(await focused(page), 'cycle-return-reason');
  await page.keyboard.type('Ledger asked to be heard');
  await $(page, 'cycle-return-confirm').click();
  await $(page, 'cycle-return-dialog').waitFor({ state: 'detached' });
  await app.until('list_cycles', {}, (cs) => cs.find((c) => c.id === cycleId).mode === 'discovery');
  assert.equal(await mode(), 'discovery');

  // History and rename.
  await run('history', 'Show the cycle’s history');
  await $(page, 'cycle-history').getByText('Ledger asked to be heard').waitFor();
  await run('rename cycle', 'Rename the cycle…');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2027 H1 (payments)');
  await page.keyboard.press('Enter');
  await app.until('list_cycles', {}, (cs) => cs.find((c) => c.id === cycleId).name === '2027 H1 (payments)');

  // New cycle and switch cycle are commands too.
  await page.keyboard.press('Control+k');
  await $(page, 'palette-input').fill('cycle');
  const titles = await $(page, 'palette-item').locator('.title').allInnerTexts();
  for (const t of ['New cycle', 'Switch cycle…', 'Advance the cycle to prioritization…', 'Rename the cycle…', 'Show the cycle’s history', 'Go to Cycles']) assert.ok(titles.includes(t), `"${t}" is listed for "cycle": ${titles}`);
  assert.ok(!titles.includes('Return the cycle to discovery…'), 'a cycle in discovery cannot go back to it');
  await page.keyboard.press('Escape');
});

// ---- Item 12: the new-bucket form ----

journey('the new bucket form shows its whole placeholder, keeps its buttons together, and explains each kind', { seed: prioritizing }, async (app) => {
  const { page } = app;
  const cycleId = app.ids.cycle.get(H1);
  const [o] = (await app.op('list_observations', { query: { filter: { cycleId, kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, text: '', offset: 0, limit: 10 } })).observations;
  await app.op('create_pain', { cycleId, pain: { statement: 'CI is slow', evidence: [{ observationId: o.id, reason: '' }] } });
  await $(page, 'session-row').first().waitFor();
  await page.keyboard.press('Control+9');
  await $(page, 'new-bucket-button').click();
  const form = $(page, 'new-bucket-form');
  await form.waitFor();
  await app.shot('flow-new-bucket');

  // The placeholder fits its field.
  const name = $(page, 'new-bucket-name');
  const fits = await name.evaluate((el) => {
    const s = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return { text: ctx.measureText(el.placeholder).width, room };
  });
  assert.ok(fits.text <= fits.room, `the placeholder fits (${fits.text} px of text in ${fits.room} px)`);

  // Cancel sits on the line of the button it goes with.
  const cancel = await rect(form.getByRole('button', { name: 'Cancel' }));
  const add = await rect($(page, 'new-bucket-create'));
  assert.ok(Math.abs(cancel.top - add.top) < 2, 'Cancel and Add are on one line');

  // Each kind says what it means where it is chosen.
  const kinds = $(page, 'new-bucket-kind');
  assert.match(await kinds.innerText(), /Address[\s\S]*smaller/i);
  assert.match(await kinds.innerText(), /Eliminate[\s\S]*go away/i);
  assert.match(await kinds.innerText(), /Empower[\s\S]*could not/i);
  await $(page, 'new-bucket-name').fill('Slow feedback from CI');
  await $(page, 'new-bucket-kind-empower').check();
  await $(page, 'new-bucket-create').click();
  const [bucket] = await app.until('list_buckets', { cycleId }, (bs) => bs.length === 1);
  assert.deepEqual([bucket.name, bucket.kind], ['Slow feedback from CI', 'empower']);
  await expectCount($(page, 'bucket'), 1, 'the new bucket is listed');
});
