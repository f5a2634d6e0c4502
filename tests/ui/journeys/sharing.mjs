// Sharing through git in the app: the workspace is shared from the sidebar into a
// repository (a bare one in the journey's folder, made by real git), a teammate's copy
// on the server changes a person's role while this copy changes it too; Sync finds the
// conflict, the Sharing view shows both values side by side with who and when, one is
// taken, and the next syncs bring both copies to the same value.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';

journey(
  'a workspace is shared from the sidebar, a conflict found by Sync is settled in the Sharing view, and both copies agree',
  {
    seed: {
      cycles: [{ name: H1, current: true }],
      people: [{ name: 'Aisha Khan', role: 'Engineer' }],
    },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list-empty').waitFor();
    const aisha = app.ids.person.get('Aisha Khan');

    // Not shared yet: the sidebar offers to share.
    await $(page, 'share-button').click();
    const dialog = $(page, 'share-dialog');
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'share-repo', 'focus is in the field');
    await $(page, 'share-repo').fill('team-discovery.git');
    await app.shot('share-dialog');
    await $(page, 'share-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await $(page, 'sharing-status').waitFor();
    assert.match(await $(page, 'sharing-status').innerText(), /team-discovery\.git · main/);
    assert.match(await $(page, 'sync-state').innerText(), /Synced/);
    await $(page, 'conflicts-empty').waitFor();

    // A teammate makes Aisha a staff engineer and pushes; here she becomes a tech lead.
    await app.teammate('update_person', { id: aisha, person: { name: 'Aisha Khan', role: 'Staff engineer' } });
    await app.op('update_person', { id: aisha, person: { name: 'Aisha Khan', role: 'Tech lead' } });

    await $(page, 'sync-button').click();
    await page.getByText('1 field was changed on both sides', { exact: false }).waitFor();
    await $(page, 'sync-conflicts').waitFor();
    assert.equal(await $(page, 'sync-conflicts').innerText(), '1 conflict');
    const conflict = $(page, 'conflict');
    await expectCount(conflict, 1, 'one field in conflict');
    assert.match(await conflict.innerText(), /Aisha Khan/);
    assert.match(await $(page, 'conflict-kept').innerText(), /Tech lead/);
    assert.match(await $(page, 'conflict-other').innerText(), /Staff engineer/);
    await app.shot('sharing-conflict');

    // Take the teammate's value: the record takes it, the conflict is gone.
    await $(page, 'conflict-take').click();
    await $(page, 'conflicts-empty').waitFor();
    const person = await app.op('get_person', { id: aisha });
    assert.equal(person.role, 'Staff engineer');
    await $(page, 'sync-button').click();
    await page.getByText('Synced', { exact: false }).first().waitFor();
    await page.locator('[data-testid=sync-conflicts]').waitFor({ state: 'detached' });
    const theirs = await app.teammate('get_person', { id: aisha });
    assert.equal(theirs.role, 'Staff engineer', 'the teammate has the settled value after syncing');
    const conflicts = await app.teammate('list_conflicts', {});
    assert.deepEqual(conflicts, [], 'settled everywhere');
    await app.shot('sharing-settled');
    app.assertNoPageErrors();
  },
);

journey(
  'a teammate opens the shared workspace from the palette: a copy is made from the repository and opened, ready to sync',
  {
    seed: {
      cycles: [{ name: H1, current: true }],
      sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', notes: 'Runners queue every morning' }],
    },
    dialogs: { join: '/home/ada/Groundwork/My copy.groundwork' },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list').waitFor();
    await $(page, 'share-button').click();
    await $(page, 'share-repo').fill('team.git');
    await $(page, 'share-submit').click();
    await $(page, 'sharing-status').waitFor();

    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('open a shared');
    await page.keyboard.press('Enter');
    const dialog = $(page, 'share-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Open a shared workspace/);
    await $(page, 'share-repo').fill('team.git');
    await app.shot('join-dialog');
    await $(page, 'share-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await $(page, 'sharing-status').waitFor();
    assert.match(await $(page, 'workspace-menu').innerText(), /My copy/);
    assert.match(await $(page, 'sharing-status').innerText(), /team\.git · main/);
    const sessions = await app.op('list_sessions', { query: {} });
    assert.deepEqual(sessions.sessions.map((s) => s.title), ['Coffee with Priya'], 'the copy holds what was shared');
    app.assertNoPageErrors();
  },
);
