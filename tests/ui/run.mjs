// Groundwork's UI end-to-end suite: journeys through the built front end in
// Chromium, against real core (the test server in tests/server runs the operation
// table on a fresh workspace per journey; see core/).
// Run with tests/ui/run.sh (or `node --test-reporter=spec run.mjs` once deps and ui/dist exist).
// The foundation's journeys are here; each later area has its own file in journeys/.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { journey, $, expectCount } from './journey.mjs';

// ---- seeds ----

const H1 = '2027 H1 planning';
const H2 = '2026 H2 planning';

const sessionsOfSeveralKinds = [
  { cycle: H1, title: 'Coffee with Priya (Payments)', kind: 'coffee_chat', heldOn: '2026-11-02', participants: 'Priya', notes: 'Refunds take **three days**.' },
  { cycle: H1, title: 'SLA review with the database team', kind: 'sla_conversation', heldOn: '2026-11-05' },
  { cycle: H1, title: 'Coffee with Tom (SRE)', kind: 'coffee_chat', heldOn: '2026-11-09', participants: 'Tom' },
  { cycle: H1, title: 'Developer survey, wave 1', kind: 'user_survey', heldOn: '2026-10-20' },
  { cycle: H1, title: 'SLA talk: the ingest pipeline', kind: 'sla_conversation', heldOn: '2026-11-12' },
  { cycle: H1, title: 'Coffee with Lena (Search)', kind: 'coffee_chat', heldOn: '2026-11-15' },
  // Not in scope: another cycle, and the trash.
  { cycle: H2, title: 'Old vendor scan', kind: 'cloud_vendor_scan', heldOn: '2026-05-01' },
  { cycle: H1, title: 'Deleted brainstorm', kind: 'team_brainstorm', heldOn: '2026-11-01', deleted: true },
];

const twoCycles = { cycles: [{ name: H2, mode: 'roadmap' }, { name: H1, current: true }] };

// ---- journeys ----

journey('an empty workspace shows the welcome screen, and the first cycle starts in Discovery', {}, async (app) => {
  const { page } = app;
  await $(page, 'welcome').waitFor();
  await assert.doesNotReject(page.getByRole('heading', { name: /Welcome to My workspace/ }).waitFor());
  await app.shot('welcome');

  await $(page, 'welcome-create-cycle').click();
  const dialog = $(page, 'new-cycle-dialog');
  await dialog.waitFor();
  const name = $(page, 'cycle-name-input');
  assert.match(await name.inputValue(), /^\d{4} H[12] planning$/, 'the first cycle gets a suggested name');
  await app.shot('new-cycle-dialog');
  await name.fill(H1);
  await $(page, 'cycle-create-submit').click();

  await dialog.waitFor({ state: 'detached' });
  await $(page, 'welcome').waitFor({ state: 'detached' });
  const switcher = $(page, 'cycle-switcher');
  await switcher.getByText(H1, { exact: true }).waitFor();
  assert.equal(await $(page, 'cycle-mode').textContent(), 'Discovery');
  await $(page, 'session-list-empty').getByText('Log your first session').waitFor();
  const created = await app.calls('create_cycle');
  assert.deepEqual(created.map((c) => c.args), [{ name: H1 }]);
  await app.shot('first-cycle');
});

journey('Ctrl+N logs a session, the editor opens, and typed notes are autosaved', { seed: { cycles: [{ name: H1 }] } }, async (app) => {
  const { page } = app;
  await $(page, 'session-list-empty').waitFor();
  await page.keyboard.press('Control+n');
  const dialog = $(page, 'new-session-dialog');
  await dialog.waitFor();
  await $(page, 'session-title-input').fill('Coffee chat with the payments team');
  await $(page, 'session-kind-select').selectOption('coffee_chat');
  await $(page, 'session-date-input').fill('2026-11-18');
  // Participants are people: picked from the register, or added by typing a new name.
  const who = $(page, 'session-participants-input-input');
  await who.fill('Priya Raman');
  await $(page, 'session-participants-input-create').waitFor();
  await page.keyboard.press('Enter');
  await $(page, 'session-participants-input-chip').filter({ hasText: 'Priya Raman' }).waitFor();
  await who.fill('Tom');
  await $(page, 'session-participants-input-create').waitFor();
  await page.keyboard.press('Enter');
  await $(page, 'session-participants-input-chip').filter({ hasText: 'Tom' }).waitFor();
  await app.shot('new-session-dialog');
  await $(page, 'session-create-submit').click();
  await dialog.waitFor({ state: 'detached' });

  const editor = $(page, 'session-editor');
  await editor.waitFor();
  assert.equal(await $(page, 'session-title').inputValue(), 'Coffee chat with the payments team');
  assert.equal(await $(page, 'session-kind').inputValue(), 'coffee_chat');
  assert.equal(await $(page, 'session-date').inputValue(), '2026-11-18');
  const [create] = await app.calls('create_session');
  assert.equal(create.args.session.kind, 'coffee_chat');
  assert.equal(create.args.session.heldOn, '2026-11-18');
  assert.ok(create.ok, `create_session succeeded: ${JSON.stringify(create.error)}`);
  const people = await app.op('people_by_id', { ids: create.args.session.people });
  assert.deepEqual(
    create.args.session.people.map((id) => people.find((p) => p.id === id)?.name),
    ['Priya Raman', 'Tom'],
    'the session names the people created inline, in order',
  );
  assert.equal(create.args.session.notes, undefined, 'a new session starts from its kind\'s template');

  // The new session is listed and selected.
  const row = $(page, 'session-row').filter({ hasText: 'Coffee chat with the payments team' });
  await row.waitFor();
  assert.equal(await row.getAttribute('aria-selected'), 'true');

  const text = '# Refunds\nThey wait three days for a refund.';
  // A new session puts the cursor in its notes: typing starts at once, no click needed.
  await page.waitForFunction(() => document.activeElement?.classList.contains('cm-content'));
  assert.match(await page.locator('.cm-content').innerText(), /What slows them down/, 'the coffee-chat template prompts the notes');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await assert.doesNotReject(page.waitForFunction(() => document.querySelector('[data-testid=save-state]')?.textContent?.trim() === 'Saved'));
  await page.waitForFunction(
    (t) => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'save_notes' && c.ok && c.args.notes === t),
    text,
  );
  const saves = await app.calls('save_notes');
  // Batching, not timing: fewer saves than half the keystrokes, however slow the machine.
  assert.ok(saves.length >= 1 && saves.length < text.length / 2, `autosave batches keystrokes (${saves.length} saves for ${text.length} keys)`);
  const [listed] = (await app.op('list_sessions', { query: { kinds: [], sort: 'newest_first', offset: 0 } })).sessions;
  assert.equal(saves.at(-1).args.id, listed.id, 'the notes were saved to the session just created');
  const stored = await app.op('get_session', { id: listed.id });
  assert.equal(stored.title, 'Coffee chat with the payments team');
  assert.deepEqual(stored.people.map((p) => p.name), ['Priya Raman', 'Tom'], 'the stored session names its people, in order');
  assert.equal(stored.notes, text);
  await app.shot('editor');

  // Ctrl+E shows the notes rendered by the backend's one renderer.
  await page.keyboard.press('Control+e');
  const preview = $(page, 'notes-preview');
  await preview.getByRole('heading', { name: 'Refunds' }).waitFor();
  await preview.getByText('They wait three days for a refund.').waitFor();
  assert.equal((await app.calls('render_markdown')).at(-1).args.markdown, text);
  assert.equal(await page.locator('.cm-editor').isVisible(), false, 'the editor hides behind the preview');
  await app.shot('preview');
  await page.keyboard.press('Control+e');
  await page.locator('.cm-editor').waitFor();
});

journey('the session list counts kinds, filters by kind, and reverses its order', { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } }, async (app) => {
  const { page } = app;
  const rows = $(page, 'session-row');
  await rows.first().waitFor();
  await expectCount(rows, 6, 'only live sessions of the current cycle');
  // The bar shows the spread over channels; the menu has the counts.
  assert.deepEqual(await page.locator('.mix .segment').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), [
    'SLA conversation: 2',
    'User survey: 1',
    'Coffee chat: 3',
  ]);
  await $(page, 'kind-filter-button').click();
  assert.match(await $(page, 'kind-filter-all').innerText(), /All kinds\s+6/);
  assert.match(await $(page, 'kind-filter-coffee_chat').innerText(), /Coffee chat\s+3/);
  assert.match(await $(page, 'kind-filter-sla_conversation').innerText(), /SLA conversation\s+2/);
  assert.match(await $(page, 'kind-filter-user_survey').innerText(), /User survey\s+1/);
  assert.equal(await $(page, 'kind-filter-cloud_vendor_scan').count(), 0, 'no chip for kinds the cycle lacks');
  assert.equal(await $(page, 'kind-filter-team_brainstorm').count(), 0, 'trashed sessions are not counted');
  // Newest first by default.
  assert.deepEqual(await rows.locator('.row-title').allInnerTexts(), [
    'Coffee with Lena (Search)',
    'SLA talk: the ingest pipeline',
    'Coffee with Tom (SRE)',
    'SLA review with the database team',
    'Coffee with Priya (Payments)',
    'Developer survey, wave 1',
  ]);
  await app.shot('session-list-kind-menu');

  await $(page, 'kind-filter-coffee_chat').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 3);
  assert.deepEqual(await rows.locator('.row-title').allInnerTexts(), ['Coffee with Lena (Search)', 'Coffee with Tom (SRE)', 'Coffee with Priya (Payments)']);
  assert.match(await $(page, 'kind-filter-button').innerText(), /Coffee chat/);
  await $(page, 'kind-filter-button').click();
  assert.match(await $(page, 'kind-filter-coffee_chat').getAttribute('class'), /\bon\b/);
  assert.match(await $(page, 'kind-filter-all').innerText(), /All kinds\s+6/, 'counts ignore the kind filter');
  await page.keyboard.press('Escape');
  await $(page, 'kind-filter-all').waitFor({ state: 'detached' });
  await $(page, 'kind-filter-button').click();
  await $(page, 'kind-filter-all').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 6);
  // A segment of the bar filters too.
  await page.locator('.mix .segment[aria-label="Coffee chat: 3"]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 3);
  const last = (await app.calls('list_sessions')).at(-1);
  assert.deepEqual(last.args.query.kinds, ['coffee_chat']);
  await app.shot('session-list-filtered');
  await page.mouse.move(0, 0);

  await $(page, 'sort-toggle').click();
  await $(page, 'sort-toggle').getByText('Oldest first').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=session-row] .row-title')?.textContent === 'Coffee with Priya (Payments)');
  assert.deepEqual(await rows.locator('.row-title').allInnerTexts(), ['Coffee with Priya (Payments)', 'Coffee with Tom (SRE)', 'Coffee with Lena (Search)']);
  assert.equal((await app.calls('list_sessions')).at(-1).args.query.sort, 'oldest_first');

  // Clicking the segment again clears the filter.
  await page.locator('.mix .segment[aria-label="Coffee chat: 3"]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 6);
  assert.equal(await rows.locator('.row-title').first().innerText(), 'Developer survey, wave 1');
});

journey('the scope toggle lists the sessions of every cycle', { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } }, async (app) => {
  const { page } = app;
  const rows = $(page, 'session-row');
  await rows.first().waitFor();
  await expectCount(rows, 6);
  const scope = $(page, 'scope-toggle');
  assert.equal((await scope.innerText()).trim(), 'This cycle');
  await scope.click();
  await scope.getByText('All cycles').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 7);
  await $(page, 'kind-filter-button').click();
  assert.match(await $(page, 'kind-filter-all').innerText(), /All kinds\s+7/);
  assert.match(await $(page, 'kind-filter-cloud_vendor_scan').innerText(), /Cloud-vendor scan\s+1/);
  assert.equal((await app.calls('list_sessions')).at(-1).args.query.cycleId, undefined, 'no cycle in the query');
  assert.equal(await rows.locator('.row-title').last().innerText(), 'Old vendor scan');
  assert.equal(await rows.last().locator('.cycle-tag').innerText(), H2, 'rows name their cycle when every cycle is listed');
});

async function deleteOpenSession(app, title) {
  const { page } = app;
  const row = $(page, 'session-row').filter({ hasText: title });
  await row.click();
  await $(page, 'session-editor').waitFor();
  assert.equal(await $(page, 'session-title').inputValue(), title);
  const sessionId = await row.getAttribute('data-session-id');
  await $(page, 'session-delete').click();
  await row.waitFor({ state: 'detached' });
  return { row, sessionId };
}

journey('a deleted session comes back with Undo on the toast', { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } }, async (app) => {
  const { page } = app;
  const title = 'Coffee with Tom (SRE)';
  const { row, sessionId } = await deleteOpenSession(app, title);
  const toast = $(page, 'toast').filter({ hasText: `Moved “${title}” to the trash.` });
  await toast.waitFor();
  await expectCount($(page, 'session-row'), 5);
  await page.getByTestId('nav-sessions').locator('.count').getByText('5', { exact: true }).waitFor();
  assert.deepEqual((await app.calls('delete_session')).map((c) => c.args), [{ id: sessionId }]);
  await app.shot('deleted-toast');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await toast.waitFor({ state: 'detached' });
  // Undo must restore the session that was deleted, not the one selected after it.
  await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'restore_from_trash'));
  const restores = await app.calls('restore_from_trash');
  const selectedAfterDelete = await $(page, 'session-editor').getAttribute('data-session-id').catch(() => null);
  assert.deepEqual(
    restores.map((c) => c.args),
    [{ entity: 'session', id: sessionId }],
    `Undo should restore the deleted session ${sessionId}; it asked to restore ${JSON.stringify(restores.map((c) => c.args.id))} ` +
      `(the session selected after the delete is ${selectedAfterDelete}) and got ${JSON.stringify(restores.map((c) => c.error ?? 'ok'))}`,
  );
  await row.waitFor();
  await expectCount($(page, 'session-row'), 6);
  // The restored session is open again.
  await page.locator(`[data-testid=session-editor][data-session-id="${sessionId}"]`).waitFor();
  await page.getByTestId('nav-sessions').locator('.count').getByText('6', { exact: true }).waitFor();
  assert.equal(await $(page, 'toast').filter({ hasText: /not found/i }).count(), 0, 'no error toast');
});

journey('a deleted session comes back from the Trash view', { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } }, async (app) => {
  const { page } = app;
  const title = 'Coffee with Tom (SRE)';
  const { row, sessionId } = await deleteOpenSession(app, title);
  await $(page, 'nav-trash').click();
  const trashRow = $(page, 'trash-row').filter({ hasText: title });
  await trashRow.waitFor();
  await expectCount($(page, 'trash-row'), 2, 'the seeded trashed session is there too');
  assert.equal(await $(page, 'trash-row').first().locator('.title').innerText(), title, 'most recently deleted first');
  assert.match(await trashRow.innerText(), /Coffee chat · 2027 H1 planning · deleted just now/);
  await app.shot('trash');
  await trashRow.getByTestId('trash-restore').click();
  await $(page, 'toast').filter({ hasText: `Restored “${title}”.` }).waitFor();
  await trashRow.waitFor({ state: 'detached' });
  await expectCount($(page, 'trash-row'), 1);
  await $(page, 'nav-sessions').click();
  await row.waitFor();
  await expectCount($(page, 'session-row'), 6);
  // Core has it back among the live sessions, and no longer in the trash.
  const live = await app.op('list_sessions', { query: { kinds: [], sort: 'newest_first', offset: 0 } });
  assert.ok(live.sessions.some((s) => s.id === sessionId), 'the restored session is live in core');
  assert.equal((await app.op('get_session', { id: sessionId })).title, title);
  assert.equal((await app.op('list_trash', {})).some((t) => t.id === sessionId), false, 'core no longer holds it in the trash');
});

journey('Ctrl+K, "switch", Enter opens the cycle switcher, and choosing a cycle switches to it', { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } }, async (app) => {
  const { page } = app;
  await $(page, 'cycle-switcher').getByText(H1).waitFor();
  await page.keyboard.press('Control+k');
  const palette = $(page, 'command-palette');
  await palette.waitFor();
  const input = $(page, 'palette-input');
  await input.fill('switch');
  await app.shot('palette');
  await assert.doesNotReject($(page, 'palette-item').first().getByText('Switch cycle…').waitFor());
  await input.press('Enter');

  // The cycle switcher opens with an empty search and lists both cycles.
  await page.locator('[data-testid=palette-input][placeholder="Switch to cycle…"]').waitFor();
  const items = $(page, 'palette-item');
  const listed = await page
    .waitForFunction(() => document.querySelectorAll('[data-testid=palette-item]').length === 2)
    .then(() => true, () => false);
  if (!listed) {
    await app.shot('cycle-switcher-bug');
    assert.fail(
      `the cycle switcher should list both cycles; it shows ${JSON.stringify(await palette.locator('li').allInnerTexts())} ` +
        `and its search still holds ${JSON.stringify(await input.inputValue())} from the command search`,
    );
  }
  assert.match(await items.filter({ hasText: H1 }).innerText(), /Current cycle/);
  await app.shot('cycle-switcher');
  await $(page, 'palette-input').fill('2026');
  await $(page, 'palette-input').press('Enter');
  await palette.waitFor({ state: 'detached' });

  await $(page, 'cycle-switcher').getByText(H2, { exact: true }).waitFor();
  assert.equal(await $(page, 'cycle-mode').textContent(), 'Roadmap');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 1);
  assert.equal(await $(page, 'session-row').innerText().then((s) => s.includes('Old vendor scan')), true);
  const set = await app.calls('set_current_cycle');
  assert.equal(set.length, 1);
  assert.equal((await app.op('list_cycles', {})).find((c) => c.current).name, H2, 'core has the chosen cycle as current');
});

journey('Ctrl+J opens the cycle switcher, and choosing a cycle switches to it', { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } }, async (app) => {
  const { page } = app;
  await $(page, 'cycle-switcher').getByText(H1).waitFor();
  await page.keyboard.press('Control+j');
  await page.locator('[data-testid=palette-input][placeholder="Switch to cycle…"]').waitFor();
  const items = $(page, 'palette-item');
  assert.deepEqual(await items.locator('.title').allInnerTexts(), [H1, H2], 'newest cycle first');
  assert.match(await items.filter({ hasText: H2 }).innerText(), /Roadmap/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await $(page, 'command-palette').waitFor({ state: 'detached' });
  await $(page, 'cycle-switcher').getByText(H2, { exact: true }).waitFor();
  assert.equal(await $(page, 'cycle-mode').textContent(), 'Roadmap');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 1);
});

journey('a cycle moves discovery → prioritization → roadmap → closed, and then refuses new sessions', { seed: { cycles: [{ name: H1 }], sessions: sessionsOfSeveralKinds.filter((s) => s.cycle === H1) } }, async (app) => {
  const { page } = app;
  await $(page, 'nav-cycles').click();
  const row = $(page, 'cycle-row').filter({ hasText: H1 });
  await row.waitFor();
  assert.match(await row.innerText(), /6 sessions/);
  await app.shot('cycles');
  const steps = [
    ['Move to prioritization…', 'Prioritization'],
    ['Move to roadmap…', 'Roadmap'],
    ['Close cycle…', 'Closed'],
  ];
  for (const [button, mode] of steps) {
    const advance = row.getByTestId('cycle-advance');
    assert.equal((await advance.innerText()).trim(), button);
    await advance.click();
    await $(page, 'cycle-advance-confirm').click();
    const said = mode === 'Closed' ? `“${H1}” is now closed and read-only.` : `“${H1}” is now in ${mode.toLowerCase()}.`;
    await $(page, 'toast').filter({ hasText: said }).waitFor();
    await $(page, 'cycle-mode').getByText(mode, { exact: true }).waitFor();
    await row.locator('.stepper li.now').getByText(mode, { exact: true }).waitFor();
  }
  assert.equal(await row.getByTestId('cycle-advance').count(), 0, 'a closed cycle cannot move on');
  await row.getByText('Read-only').waitFor();
  assert.equal(await row.getByRole('button', { name: 'Rename' }).count(), 0);
  assert.equal((await app.calls('advance_cycle')).filter((c) => c.ok).length, 3);
  await app.shot('cycle-closed');

  // A closed cycle takes no new sessions.
  assert.equal(await page.getByRole('button', { name: /New session/ }).isDisabled(), true);
  await page.keyboard.press('Control+n');
  await $(page, 'toast').filter({ hasText: 'is closed and read-only' }).waitFor();
  assert.equal(await $(page, 'new-session-dialog').count(), 0);
  assert.equal((await app.calls('create_session')).length, 0);
});

journey(
  'damage the background check finds in a large workspace stays on screen with advice, and the workspace keeps working',
  {
    seed: { cycles: [{ name: H1 }], sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02' }] },
    failOn: { check_workspace: { kind: 'workspace_damaged', message: '/home/ada/big.groundwork is damaged: Tree 14 page 9021 cell 3: invalid page number 2883584' } },
  },
  async (app) => {
    const { page } = app;
    const toast = page.locator('.toast', { hasText: 'is damaged' });
    await toast.waitFor();
    assert.match(await toast.innerText(), /page 9021.*Copy the file somewhere safe/s);
    assert.equal((await app.calls('check_workspace')).length, 1, 'checked once, right after opening');
    // The workspace is still usable.
    await $(page, 'session-row').first().click();
    await $(page, 'session-editor').waitFor();
    // It does not go away by itself: an ordinary error comes and goes, the damage stays.
    await app.fail('delete_session', { kind: 'database', message: 'Database error: disk I/O error', times: 1 });
    await $(page, 'session-delete').click();
    const ordinary = page.locator('.toast', { hasText: 'disk I/O error' });
    await ordinary.waitFor();
    await ordinary.waitFor({ state: 'detached', timeout: 20000 });
    assert.equal(await toast.count(), 1, 'still shown after an ordinary error has gone');
    assert.equal(await $(page, 'session-row').count(), 1, 'the refused delete left the session listed');
    await app.shot('damage-found');
    await toast.getByRole('button', { name: /dismiss|close/i }).click();
    await toast.waitFor({ state: 'detached' });
  },
);

journey(
  'a workspace that cannot be opened shows the error screen with its path and three ways out',
  {
    status: 'failed',
    failure: {
      path: '/home/ada/Documents/Quarterly notes.groundwork',
      error: { kind: 'workspace_newer_schema', message: 'This workspace was written by a newer Groundwork (schema 7; this one knows up to 1). Update Groundwork to open it.' },
    },
  },
  async (app) => {
    const { page } = app;
    const screen = $(page, 'workspace-error');
    await screen.waitFor();
    await screen.getByRole('heading', { name: 'This workspace needs a newer Groundwork' }).waitFor();
    assert.equal(await $(page, 'workspace-error-path').innerText(), '/home/ada/Documents/Quarterly notes.groundwork');
    await screen.getByText('Update Groundwork to open it.', { exact: false }).waitFor();
    for (const id of ['open-another', 'create-new', 'open-default']) {
      assert.equal(await $(page, id).isEnabled(), true, `${id} is enabled`);
    }
    assert.equal(await $(page, 'sidebar').count(), 0);
    await app.shot('workspace-error');

    // Cancelling the file dialog keeps the screen; the default workspace opens.
    await $(page, 'open-another').click();
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'choose_workspace_to_open'));
    await screen.waitFor();
    await $(page, 'open-default').click();
    await $(page, 'welcome').waitFor();
    await $(page, 'sidebar').getByText('My workspace').waitFor();
  },
);

journey(
  'the error screen offers the recent workspaces that still exist, and opens one in a click',
  {
    status: 'failed',
    failure: { path: '/media/usb/broken.groundwork', error: { kind: 'workspace_damaged', message: '/media/usb/broken.groundwork is damaged: database disk image is malformed' } },
    recent: [
      { path: '/media/usb/broken.groundwork', name: 'broken', exists: true },
      { path: '/home/ada/Sync/Platform team.groundwork', name: 'Platform team', exists: true },
      { path: '/home/ada/old/Gone.groundwork', name: 'Gone', exists: false },
    ],
  },
  async (app) => {
    const { page } = app;
    const recent = $(page, 'error-recent');
    await recent.waitFor();
    assert.deepEqual(await recent.locator('strong').allInnerTexts(), ['Platform team'], 'neither the failed file nor a missing one is offered');
    await recent.getByRole('button', { name: /Platform team/ }).click();
    await $(page, 'sidebar').getByText('Platform team').waitFor();
    const opened = (await app.calls('open_workspace')).at(-1);
    assert.equal(opened.args.path, '/home/ada/Sync/Platform team.groundwork');
  },
);

journey(
  'a closed cycle is read-only: no saves from typing, and New session is refused with a reason',
  { seed: { cycles: [{ name: H2, mode: 'closed' }], sessions: [{ cycle: H2, title: 'Coffee with Ana', kind: 'coffee_chat', heldOn: '2026-06-02', notes: 'Old notes.' }] } },
  async (app) => {
    const { page } = app;
    assert.equal(await $(page, 'cycle-mode').textContent(), 'Closed');
    const newButton = page.getByRole('button', { name: /New session/ });
    assert.equal(await newButton.isDisabled(), true, 'the sidebar button is disabled');

    await $(page, 'session-row').click();
    await $(page, 'session-editor').waitFor();
    await page.getByText('Read-only · closed cycle').waitFor();
    assert.equal(await page.locator('.cm-content').getAttribute('contenteditable'), 'false');
    assert.equal(await $(page, 'session-title').isDisabled(), true);
    assert.equal(await $(page, 'session-delete').isDisabled(), true);
    assert.equal(await $(page, 'add-link').count(), 0);

    await page.locator('.cm-content').click();
    await page.keyboard.type('sneaky edit');
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('.cm-content').innerText(), 'Old notes.');
    assert.equal(await $(page, 'save-state').innerText(), 'Saved');

    await page.keyboard.press('Control+n');
    await $(page, 'toast').filter({ hasText: `“${H2}” is closed and read-only` }).waitFor();
    assert.equal(await $(page, 'new-session-dialog').count(), 0);
    await app.shot('closed-cycle');

    const writes = (await app.calls()).filter((c) => ['save_notes', 'update_session', 'create_session', 'delete_session'].includes(c.cmd));
    assert.deepEqual(writes, [], 'nothing was written');
  },
);

/** One coffee chat in the current cycle. */
const oneCoffeeChat = { cycles: [{ name: H1 }], sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02' }] };

/** Opens the only session and puts the cursor in its notes. */
async function openOnlySessionNotes(page) {
  await $(page, 'session-row').click();
  await $(page, 'session-editor').waitFor();
  await page.locator('.cm-content').click();
}

journey(
  'a failed save says "Save failed", keeps the text and retries until it succeeds',
  {
    seed: oneCoffeeChat,
    failOn: { save_notes: { kind: 'database', message: 'Database error: disk I/O error' } },
  },
  async (app) => {
    const { page } = app;
    await openOnlySessionNotes(page);
    await page.keyboard.type('Refunds are slow.');
    const state = $(page, 'save-state');
    await state.getByText('Save failed').waitFor();
    assert.equal(await state.getAttribute('title'), 'Database error: disk I/O error');
    assert.match(await $(page, 'save-error').innerText(), /^Database error: disk I\/O error\. Your text is kept/, 'the reason is shown, not only hinted');
    assert.equal(await page.locator('.cm-content').innerText(), 'Refunds are slow.');
    await app.shot('save-failed');

    // It retries on its own (every ~2 s) with the same text.
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).filter((c) => c.cmd === 'save_notes').length >= 2, null, { timeout: 5000 });
    const failed = await app.calls('save_notes');
    assert.ok(failed.every((c) => !c.ok && c.args.notes === 'Refunds are slow.'));

    // The disk recovers: the next retry saves the text.
    await app.fail('save_notes', null);
    await state.getByText('Saved').waitFor({ timeout: 5000 });
    assert.equal(await $(page, 'save-error').count(), 0, 'the reason goes once saved');
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'save_notes' && c.ok));
  const id = app.ids.session.get('Coffee with Priya');
  assert.equal((await app.op('get_session', { id })).notes, 'Refunds are slow.', 'core holds the text once the retry succeeded');
  },
);

journey(
  'a list of 10,000 sessions renders only the visible rows and scrolls to the last',
  { seed: { cycles: [{ name: H1 }], bulk: { cycle: H1, count: 10000, lastDay: '2026-11-20' } } },
  async (app) => {
    const { page } = app;
    const rows = $(page, 'session-row');
    await rows.first().waitFor();
    assert.match(await page.locator('.total').innerText(), /10000|10,000/);
    const first = await rows.count();
    assert.ok(first > 5 && first < 60, `${first} rows in the DOM`);
    assert.equal(await rows.first().locator('.row-title').innerText(), 'Session 10000');

    const viewport = page.locator('[data-testid=session-list] [role=listbox]');
    await viewport.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = rows.filter({ has: page.locator('.row-title', { hasText: /^Session 1$/ }) });
    await last.waitFor();
    await assert.doesNotReject(last.evaluate((el) => {
      const r = el.getBoundingClientRect();
      if (r.bottom > window.innerHeight + 1 || r.top < 0) throw new Error(`last row outside the window: ${r.top}..${r.bottom}`);
    }));
    const after = await rows.count();
    assert.ok(after < 60, `${after} rows in the DOM after scrolling`);
    // Rows come a page at a time: the first page and the last, not all 10,000.
    const lists = (await app.calls('list_sessions')).map((c) => c.args.query);
    assert.ok(lists.every((q) => q.limit > 0 && q.limit <= 200), `every fetch is a page: ${JSON.stringify(lists)}`);
    assert.ok(lists.some((q) => q.offset >= 9900), 'the last page was fetched when scrolled to');
    await app.shot('large-list-bottom');
  },
);

const darkSeed = { seed: { ...twoCycles, sessions: sessionsOfSeveralKinds } };

function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

journey(
  'dark mode follows the system: the page is dark',
  darkSeed,
  async (app) => {
    const { page } = app;
    await $(page, 'session-row').first().click();
    await $(page, 'session-editor').waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const fg = await page.evaluate(() => getComputedStyle(document.body).color);
    assert.ok(luminance(bg) < 0.05, `body background ${bg} is dark`);
    assert.ok(luminance(fg) > 0.6, `body text ${fg} is light`);
    await app.shot('dark-sessions');
    await page.keyboard.press('Control+k');
    await $(page, 'command-palette').waitFor();
    await app.shot('dark-palette');
  },
  { colorScheme: 'dark' },
);

journey(
  'light mode follows the system: the page is light',
  darkSeed,
  async (app) => {
    const { page } = app;
    await $(page, 'session-row').first().waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(luminance(bg) > 0.85, `body background ${bg} is light`);
  },
  { colorScheme: 'light' },
);

/** Two sessions side by side, for journeys that switch from one to the other. */
function priyaNextToTom(priyaNotes) {
  return {
    cycles: [{ name: H1 }],
    sessions: [
      { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', notes: priyaNotes },
      { cycle: H1, title: 'SLA talk with Tom', kind: 'sla_conversation', heldOn: '2026-11-03', notes: 'Tom notes.' },
    ],
  };
}

/** Opens Priya's session (of the Priya-and-Tom seed) with the cursor in its notes. */
async function openPriyaNextToTom(page) {
  const priya = $(page, 'session-row').filter({ hasText: 'Coffee with Priya' });
  const tom = $(page, 'session-row').filter({ hasText: 'SLA talk with Tom' });
  const priyaId = await priya.getAttribute('data-session-id');
  const tomId = await tom.getAttribute('data-session-id');
  await priya.click();
  await page.locator(`[data-testid=session-editor][data-session-id="${priyaId}"]`).waitFor();
  await page.locator('.cm-content').click();
  return { tom, priyaId, tomId };
}

journey(
  'switching sessions right after typing saves the notes to the session they were typed in',
  {
    seed: priyaNextToTom('Priya notes.'),
  },
  async (app) => {
    const { page } = app;
    const { tom, priyaId, tomId } = await openPriyaNextToTom(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Refunds are slow.');
    // Straight to the other session, before the autosave timer fires: the editor flushes on the way out.
    await tom.click();
    await page.locator(`[data-testid=session-editor][data-session-id="${tomId}"]`).waitFor();
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'save_notes' && c.ok));
    const saves = await app.calls('save_notes');
    const notesOf = async (id) => (await app.op('get_session', { id })).notes;
    assert.deepEqual(
      saves.map((c) => c.args.id),
      saves.map(() => priyaId),
      `notes typed in Priya's session were saved to ${JSON.stringify(saves.map((c) => c.args.id))} (Priya ${priyaId}, Tom ${tomId})`,
    );
    assert.equal(await notesOf(priyaId), 'Priya notes. Refunds are slow.');
    assert.equal(await notesOf(tomId), 'Tom notes.', "Tom's notes are untouched");
    assert.equal(await page.locator('.cm-content').innerText(), 'Tom notes.');
  },
);

journey(
  'switching sessions while a save is in flight still saves the rest to the session it was typed in',
  {
    seed: priyaNextToTom(''),
    // A stuck disk: the first save hangs until the test lets it go, however fast the machine.
    holdOn: ['save_notes'],
  },
  async (app) => {
    const { page } = app;
    const { tom, priyaId, tomId } = await openPriyaNextToTom(page);
    await page.keyboard.type('First part.');
    // Wait until the first save is under way, then type more and leave at once.
    await $(page, 'save-state').getByText('Saving…').waitFor();
    await page.keyboard.insertText(' Second part.');
    await tom.click();
    await page.locator(`[data-testid=session-editor][data-session-id="${tomId}"]`).waitFor();
    assert.equal((await app.calls('save_notes')).length, 1, 'the second save waits behind the first');
    await page.evaluate(() => window.__GW_MOCK__.release('save_notes'));
    // The rest of the text lands somewhere once the first save is done.
    const listed = { query: { kinds: [], sort: 'newest_first', offset: 0 } };
    await app.until('list_sessions', listed, (l) => l.sessions.some((x) => x.excerpt.includes('Second part.')));
    const saves = await app.calls('save_notes');
    const notesOf = async (id) => (await app.op('get_session', { id })).notes;
    assert.deepEqual(
      saves.map((c) => c.args.id),
      saves.map(() => priyaId),
      `saves went to ${JSON.stringify(saves.map((c) => [c.args.id === priyaId ? 'Priya' : c.args.id === tomId ? 'Tom' : c.args.id, c.args.notes]))}`,
    );
    assert.equal(await notesOf(priyaId), 'First part. Second part.');
    assert.equal(await notesOf(tomId), 'Tom notes.', "Tom's notes are untouched");
  },
);

journey(
  'switching sessions while a details save is in flight keeps each title with its own session',
  {
    seed: {
      cycles: [{ name: H1 }],
      sessions: [
        { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02' },
        { cycle: H1, title: 'SLA talk with Tom', kind: 'sla_conversation', heldOn: '2026-11-03' },
      ],
    },
    // The first details save hangs until the test lets it go, however fast the machine.
    holdOn: ['update_session'],
  },
  async (app) => {
    const { page } = app;
    const priya = $(page, 'session-row').filter({ hasText: 'Coffee with Priya' });
    const tom = $(page, 'session-row').filter({ hasText: 'SLA talk with Tom' });
    const priyaId = await priya.getAttribute('data-session-id');
    const tomId = await tom.getAttribute('data-session-id');
    await priya.click();
    await page.locator(`[data-testid=session-editor][data-session-id="${priyaId}"]`).waitFor();
    await $(page, 'session-title').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (Payments)');
    await $(page, 'save-state').getByText('Saving…').waitFor();
    await page.keyboard.insertText(' and Ana');
    await tom.click();
    await page.locator(`[data-testid=session-editor][data-session-id="${tomId}"]`).waitFor();
    await page.evaluate(() => window.__GW_MOCK__.release('update_session'));
    const listed = { query: { kinds: [], sort: 'newest_first', offset: 0 } };
    const { sessions } = await app.until('list_sessions', listed, (l) => l.sessions.some((x) => x.title.endsWith('and Ana')));
    const titleOf = (id) => sessions.find((x) => x.id === id).title;
    assert.equal(titleOf(tomId), 'SLA talk with Tom', `Tom's session keeps its title (updates went to ${JSON.stringify((await app.calls('update_session')).map((c) => (c.args.id === tomId ? 'Tom' : 'Priya')))})`);
    assert.equal(titleOf(priyaId), 'Coffee with Priya (Payments) and Ana');
  },
);

journey(
  'closing the window saves typed notes before it closes',
  { seed: oneCoffeeChat },
  async (app) => {
    const { page } = app;
    await openOnlySessionNotes(page);
    await page.keyboard.type('Last words');
    // At once, before the idle timer fires.
    await app.emit('tauri://close-requested');
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'plugin:window|destroy'));
    const calls = (await app.calls()).filter((c) => c.cmd === 'save_notes' || c.cmd === 'plugin:window|destroy');
    const destroyAt = calls.findIndex((c) => c.cmd === 'plugin:window|destroy');
    const savedBefore = calls.slice(0, destroyAt).filter((c) => c.cmd === 'save_notes');
    assert.ok(savedBefore.some((c) => c.args.notes === 'Last words'), `notes saved before the window closed: ${JSON.stringify(calls.map((c) => c.cmd))}`);
  },
);

// Every area's journeys.
for (const file of readdirSync(new URL('./journeys/', import.meta.url)).filter((f) => f.endsWith('.mjs')).sort()) {
  await import(`./journeys/${file}`);
}
