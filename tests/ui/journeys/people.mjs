// People and teams: the register of stakeholders and users, their three feedback
// questions, ask-load, teams, merging duplicates and the trash.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';

/** A day `n` days before today, as YYYY-MM-DD (the browser runs in UTC). */
function daysAgo(n) {
  return new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
}

const teams = [
  { name: 'Payments', orgArea: 'Commerce', segment: 'Product engineering' },
  { name: 'Search', orgArea: 'Discovery', segment: 'Data & ML' },
  { name: 'SRE', orgArea: 'Infrastructure', segment: 'Platform' },
];

const register = {
  cycles: [{ name: H1 }],
  teams,
  people: [
    { name: 'Priya Patel', team: 'Payments', role: 'Staff engineer', relation: 'internal_user' },
    { name: 'Tom Becker', team: 'SRE', role: 'SRE lead', relation: 'stakeholder', goals: 'Fewer pages at night.' },
    { name: 'Lena Ortiz', team: 'Search', role: 'Engineering manager', relation: 'stakeholder' },
    { name: 'Ada Vendorova', role: 'Account manager', relation: 'vendor' },
  ],
  sessions: [
    // Priya was asked three times in 90 days (the default threshold is 3); Tom once; Lena long ago.
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: daysAgo(5), participants: 'Priya Patel' },
    { cycle: H1, title: 'Refunds discussion group', kind: 'discussion_group', heldOn: daysAgo(20), participants: 'Priya Patel, Tom Becker' },
    { cycle: H1, title: 'Developer survey, wave 1', kind: 'user_survey', heldOn: daysAgo(40), participants: 'Priya Patel' },
    { cycle: H1, title: 'SLA talk with Search', kind: 'sla_conversation', heldOn: daysAgo(200), participants: 'Lena Ortiz' },
  ],
};

/** Opens the People view with Ctrl+3 and waits for the list (or its empty state). */
async function openPeople(page) {
  await $(page, 'nav-people').waitFor();
  await page.keyboard.press('Control+3');
  await $(page, 'people-view').waitFor();
}

/** The list row of the person with this name. */
const rowOf = (page, name) => $(page, 'person-row').filter({ has: page.locator('.row-name', { hasText: new RegExp(`^${name}$`) }) });

async function names(page) {
  return $(page, 'person-row').locator('.row-name').allInnerTexts();
}

/**
 * Waits until the `n`th save of a team has been answered: a call is recorded as it
 * starts, and once core answers, the teams it made stale are read again.
 */
async function teamSaveAnswered(page, n) {
  await page.waitForFunction((count) => {
    const calls = window.__GW_MOCK_CALLS__ ?? [];
    const saves = calls.filter((c) => c.cmd === 'update_team');
    const saved = saves[count - 1];
    return saves.length === count && saved.ok && calls.some((c) => c.cmd === 'list_teams' && c.seq > saved.seq);
  }, n);
}

async function waitSaved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=person-save-state]')?.textContent?.trim() === 'Saved');
}

journey('People: a new stakeholder is added and their three answers are autosaved', { seed: { cycles: [{ name: H1 }], teams } }, async (app) => {
  const { page } = app;
  await openPeople(page);
  await $(page, 'people-list-empty').getByText('Start your register of people').waitFor();
  await $(page, 'new-person-button').click();
  const dialog = $(page, 'new-person-dialog');
  await dialog.waitFor();
  await $(page, 'new-person-name').fill('Grace Hopper');
  await $(page, 'new-person-team').selectOption({ label: 'Payments' });
  await $(page, 'new-person-relation').selectOption('stakeholder');
  await $(page, 'new-person-role').fill('Head of Payments');
  await $(page, 'new-person-submit').click();
  await dialog.waitFor({ state: 'detached' });

  // Listed, selected, and open in the profile.
  const row = rowOf(page, 'Grace Hopper');
  await row.waitFor();
  assert.equal(await row.getAttribute('aria-selected'), 'true');
  const id = await row.getAttribute('data-person-id');
  await page.locator(`[data-testid=person-editor][data-person-id="${id}"]`).waitFor();
  assert.equal(await $(page, 'person-name').inputValue(), 'Grace Hopper');
  assert.equal(await $(page, 'person-relation').inputValue(), 'stakeholder');
  assert.equal(await $(page, 'person-team').locator('option:checked').innerText(), 'Payments');
  assert.equal(await $(page, 'person-role').inputValue(), 'Head of Payments');
  const [create] = await app.calls('create_person');
  assert.equal(create.args.person.name, 'Grace Hopper');
  assert.equal(create.args.person.relation, 'stakeholder');
  assert.ok(create.args.person.teamId, 'the team is sent by id');

  // For a stakeholder, the three questions come first.
  const questions = $(page, 'person-questions');
  await questions.getByRole('heading', { name: 'Stakeholder feedback' }).waitFor();
  await $(page, 'person-goals').click();
  await page.keyboard.type('Ship instant refunds in Q3.');
  await $(page, 'person-support').click();
  await page.keyboard.type('A sandbox that mirrors production.');
  await $(page, 'person-interaction').click();
  await page.keyboard.type('Monthly 1:1, Slack in between.');
  await waitSaved(page);
  await page.waitForFunction(
    () => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'update_person' && c.ok && c.args.person.interaction === 'Monthly 1:1, Slack in between.'),
  );
  const updates = await app.calls('update_person');
  // Batching, not timing: far fewer saves than the 87 keystrokes, however slow the machine.
  assert.ok(updates.length >= 1 && updates.length < 40, `autosave batches keystrokes (${updates.length} saves)`);
  const last = updates.at(-1).args;
  assert.equal(last.id, id);
  assert.equal(last.person.goals, 'Ship instant refunds in Q3.');
  assert.equal(last.person.support, 'A sandbox that mirrors production.');
  assert.equal(last.person.name, 'Grace Hopper', 'the other fields are kept');
  assert.equal(last.person.relation, 'stakeholder');

  // Stored in the workspace.
  const fresh = await app.op('get_person', { id });
  assert.equal(fresh.goals, 'Ship instant refunds in Q3.');
  assert.equal(fresh.support, 'A sandbox that mirrors production.');
  assert.equal(fresh.interaction, 'Monthly 1:1, Slack in between.');
  await app.shot('person-new-stakeholder');

  // Renaming in the profile renames the row.
  await $(page, 'person-name').fill('Grace B. Hopper');
  await rowOf(page, 'Grace B. Hopper').waitFor();
  await waitSaved(page);

  // Switching to another view and back keeps everything.
  await page.keyboard.press('Control+1');
  await openPeople(page);
  await rowOf(page, 'Grace B. Hopper').click();
  await page.locator(`[data-testid=person-editor][data-person-id="${id}"]`).waitFor();
  assert.equal(await $(page, 'person-goals').inputValue(), 'Ship instant refunds in Q3.');
  assert.equal(await $(page, 'person-interaction').inputValue(), 'Monthly 1:1, Slack in between.');
});

journey('People: the list filters by name, team and relation, and flags who was asked too often', { seed: register }, async (app) => {
  const { page } = app;
  await openPeople(page);
  await rowOf(page, 'Priya Patel').waitFor();
  assert.deepEqual(await names(page), ['Ada Vendorova', 'Lena Ortiz', 'Priya Patel', 'Tom Becker']);

  // Ask-load: Priya took part in 3 sessions in 90 days, at the threshold; Tom in 1; Lena's is older.
  const priyaLoad = rowOf(page, 'Priya Patel').getByTestId('ask-load');
  assert.equal(await priyaLoad.innerText(), 'asked 3× in 90 days');
  assert.match(await priyaLoad.getAttribute('class'), /\bover\b/, 'at the threshold the badge is highlighted');
  const tomLoad = rowOf(page, 'Tom Becker').getByTestId('ask-load');
  assert.equal(await tomLoad.innerText(), 'asked 1× in 90 days');
  assert.doesNotMatch(await tomLoad.getAttribute('class'), /\bover\b/);
  assert.equal(await rowOf(page, 'Lena Ortiz').getByTestId('ask-load').count(), 0, 'no badge without recent asks');
  assert.match(await $(page, 'people-summary').innerText(), /4 people · 1 asked often lately/);
  // The row shows the team, the role and the last contact.
  assert.match(await rowOf(page, 'Priya Patel').innerText(), /Payments · Staff engineer/);
  const [y, m, d] = daysAgo(5).split('-').map(Number);
  const lastContact = new Date(y, m - 1, d).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(y === new Date().getFullYear() ? {} : { year: 'numeric' }) });
  assert.equal(await rowOf(page, 'Priya Patel').locator('.date').innerText(), lastContact);

  // The profile says it too.
  await rowOf(page, 'Priya Patel').click();
  await $(page, 'person-editor').waitFor();
  await $(page, 'person-ask-load').getByText('at the limit of 3 — give them a rest').waitFor();
  await expectCount($(page, 'person-sessions').getByTestId('person-session'), 3);
  await app.shot('people');

  // Text.
  await $(page, 'person-search').fill('pri');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-row]').length === 1);
  assert.deepEqual(await names(page), ['Priya Patel']);
  assert.ok((await app.calls('list_people')).some((c) => c.args.query.text === 'pri'), 'the backend filters by name');
  await $(page, 'person-search').fill('nobody');
  await $(page, 'people-list-empty').getByText('No one matches “nobody”.').waitFor();
  await $(page, 'person-search').fill('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-row]').length === 4);

  // Relation, then team.
  await $(page, 'person-relation-filter').selectOption('stakeholder');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-row]').length === 2);
  assert.deepEqual(await names(page), ['Lena Ortiz', 'Tom Becker']);
  await $(page, 'person-team-filter').selectOption({ label: 'SRE' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-row]').length === 1);
  assert.deepEqual(await names(page), ['Tom Becker']);
  const q = (await app.calls('list_people')).at(-1).args.query;
  assert.equal(q.relation, 'stakeholder');
  assert.ok(q.teamId);
});

journey('People: the People view reads well in dark mode', { seed: register }, async (app) => {
  const { page } = app;
  await openPeople(page);
  await rowOf(page, 'Tom Becker').click();
  await $(page, 'person-editor').waitFor();
  await $(page, 'person-questions').getByRole('heading', { name: 'Stakeholder feedback' }).waitFor();
  assert.equal(await $(page, 'person-goals').inputValue(), 'Fewer pages at night.');
  await app.shot('people-dark');
  await $(page, 'teams-tab').click();
  await $(page, 'team-row').first().waitFor();
  await app.shot('teams-dark');
}, { colorScheme: 'dark' });

journey('People: teams are added, edited inline and refused a duplicate name', { seed: register }, async (app) => {
  const { page } = app;
  await openPeople(page);
  await $(page, 'teams-tab').click();
  const section = $(page, 'teams-section');
  await section.waitFor();
  await expectCount($(page, 'team-row'), 3);
  assert.deepEqual(await $(page, 'team-name').evaluateAll((els) => els.map((e) => e.value)), ['Payments', 'Search', 'SRE']);

  // Rename and re-segment a team inline.
  const teamId = await $(page, 'team-row').nth(2).getAttribute('data-team-id');
  const row = page.locator(`[data-testid=team-row][data-team-id="${teamId}"]`);
  assert.equal(await row.getByTestId('team-people').innerText(), '1 person');
  await row.getByTestId('team-name').fill('Site Reliability');
  // The name is saved on leaving the field; the segment on Enter.
  await row.getByTestId('team-segment').click();
  await row.getByTestId('team-segment').fill('Infrastructure');
  await row.getByTestId('team-segment').press('Enter');
  await teamSaveAnswered(page, 2);
  const updates = await app.calls('update_team');
  assert.deepEqual(updates.at(-1).args, { id: teamId, team: { name: 'Site Reliability', orgArea: 'Infrastructure', segment: 'Infrastructure' } });
  const stored = (await app.op('list_teams', {})).find((t) => t.id === teamId);
  assert.equal(stored.name, 'Site Reliability');
  assert.equal(stored.segment, 'Infrastructure');
  assert.equal(stored.orgArea, 'Infrastructure', 'the other fields are kept');

  // A name another team has is refused with the backend's words; Escape goes back.
  await row.getByTestId('team-name').fill('Payments');
  await row.getByTestId('team-name').press('Enter');
  const error = $(page, 'toast').filter({ hasText: /already exists/ });
  await error.waitFor();
  assert.equal(await row.getByTestId('team-name').getAttribute('aria-invalid'), 'true');
  await row.getByTestId('team-name').press('Escape');
  assert.equal(await row.getByTestId('team-name').inputValue(), 'Site Reliability');

  // A new team.
  await $(page, 'new-team-name').fill('Data Platform');
  await $(page, 'new-team-org-area').fill('Data');
  await $(page, 'new-team-button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=team-row]').length === 4);
  assert.equal(await $(page, 'new-team-name').inputValue(), '', 'the form is ready for the next team');
  assert.deepEqual((await app.calls('create_team')).map((c) => c.args.team), [{ name: 'Data Platform', orgArea: 'Data', segment: '' }]);
  await app.shot('teams');

  // The renamed team shows in the profile of its people.
  await row.getByTestId('team-people').click();
  await rowOf(page, 'Tom Becker').click();
  assert.equal(await $(page, 'person-team').locator('option:checked').innerText(), 'Site Reliability');
});

journey(
  'People: a team edited while its last save is in flight is saved after it, and keeps what was typed',
  { seed: register, holdOn: ['update_team'] },
  async (app) => {
    const { page } = app;
    await openPeople(page);
    await $(page, 'teams-tab').click();
    await $(page, 'team-row').first().waitFor();
    const teamId = app.ids.team.get('SRE');
    const row = page.locator(`[data-testid=team-row][data-team-id="${teamId}"]`);

    // The rename goes out on leaving the field, and core holds it unanswered.
    await row.getByTestId('team-name').fill('Site Reliability');
    await row.getByTestId('team-segment').click();
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).filter((c) => c.cmd === 'update_team').length === 1);
    // Meanwhile the segment is typed and committed with Enter: it waits for the rename.
    await row.getByTestId('team-segment').fill('Infrastructure');
    await row.getByTestId('team-segment').press('Enter');
    const held = await app.calls('update_team');
    assert.equal(held.length, 1, 'one save of a row at a time');
    assert.equal(held[0].done, false, 'the rename is still unanswered');
    assert.deepEqual(held[0].args.team, { name: 'Site Reliability', orgArea: 'Infrastructure', segment: 'Platform' });

    await app.release('update_team');
    // The segment is saved right after the rename, with the rename kept.
    const stored = (await app.until('list_teams', {}, (ts) => ts.find((t) => t.id === teamId)?.segment === 'Infrastructure')).find((t) => t.id === teamId);
    assert.deepEqual([stored.name, stored.orgArea, stored.segment], ['Site Reliability', 'Infrastructure', 'Infrastructure']);
    await teamSaveAnswered(page, 2);
    assert.deepEqual(
      (await app.calls('update_team')).map((c) => [c.args.team, c.ok]),
      [
        [{ name: 'Site Reliability', orgArea: 'Infrastructure', segment: 'Platform' }, true],
        [{ name: 'Site Reliability', orgArea: 'Infrastructure', segment: 'Infrastructure' }, true],
      ],
      'the later edit is sent after the first, on top of it',
    );
    // The first answer did not put the old segment back in the field.
    assert.equal(await row.getByTestId('team-name').inputValue(), 'Site Reliability');
    assert.equal(await row.getByTestId('team-segment').inputValue(), 'Infrastructure');
    assert.equal(await row.getByTestId('team-name').getAttribute('aria-invalid'), 'false');
    assert.equal(await $(page, 'toast').count(), 0, 'no error');
    const [again] = (await app.op('list_teams', {})).filter((t) => t.id === teamId);
    assert.equal(again.segment, 'Infrastructure', 'nothing later undid it');
  },
);

const duplicates = {
  cycles: [{ name: H1 }],
  teams,
  people: [
    { name: 'Priya Patel', team: 'Payments', role: 'Staff engineer', relation: 'internal_user' },
    { name: 'Priya P.', relation: 'stakeholder', goals: 'Instant refunds.' },
    { name: 'Tom Becker', team: 'SRE' },
  ],
  sessions: [
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: daysAgo(3), participants: 'Priya Patel' },
    { cycle: H1, title: 'Payments SLA review', kind: 'sla_conversation', heldOn: daysAgo(10), participants: 'Priya P., Tom Becker' },
  ],
};

journey('People: merging a duplicate keeps both sessions, and Undo brings both people back', { seed: duplicates }, async (app) => {
  const { page } = app;
  await openPeople(page);
  await rowOf(page, 'Priya P.').click();
  const mergedId = await rowOf(page, 'Priya P.').getAttribute('data-person-id');
  const keptId = await rowOf(page, 'Priya Patel').getAttribute('data-person-id');
  await page.locator(`[data-testid=person-editor][data-person-id="${mergedId}"]`).waitFor();
  await expectCount($(page, 'person-sessions').getByTestId('person-session'), 1);

  await $(page, 'person-merge').click();
  const dialog = $(page, 'merge-dialog');
  await dialog.waitFor();
  await $(page, 'merge-search').fill('patel');
  await expectCount($(page, 'merge-candidate'), 1, 'the duplicate itself is not offered');
  await $(page, 'merge-candidate').click();
  await app.shot('person-merge-dialog');
  await $(page, 'merge-confirm').click();
  await dialog.waitFor({ state: 'detached' });

  const toast = $(page, 'toast').filter({ hasText: /Merged “Priya P\.” into “Priya Patel” · \d+ links? moved/ });
  await toast.waitFor();
  assert.deepEqual((await app.calls('merge_people')).map((c) => c.args), [{ kept: keptId, merged: mergedId }]);
  // One Priya remains, open, with both sessions.
  await rowOf(page, 'Priya P.').waitFor({ state: 'detached' });
  assert.deepEqual(await names(page), ['Priya Patel', 'Tom Becker']);
  await page.locator(`[data-testid=person-editor][data-person-id="${keptId}"]`).waitFor();
  const sessions = $(page, 'person-sessions').getByTestId('person-session');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-session]').length === 2);
  assert.deepEqual((await sessions.locator('.s-title').allInnerTexts()).sort(), ['Coffee with Priya', 'Payments SLA review']);
  // Her empty answers took the duplicate's.
  assert.equal(await $(page, 'person-goals').inputValue(), 'Instant refunds.');
  await app.shot('person-merged');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await rowOf(page, 'Priya P.').waitFor();
  assert.deepEqual(await names(page), ['Priya P.', 'Priya Patel', 'Tom Becker']);
  const undo = await app.calls('undo_merge');
  assert.equal(undo.length, 1);
  assert.equal(undo[0].ok, true);
  // The duplicate is open again, with its session back.
  await page.locator(`[data-testid=person-editor][data-person-id="${mergedId}"]`).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-session]').length === 1);
  assert.equal(await $(page, 'person-sessions').getByTestId('person-session').locator('.s-title').innerText(), 'Payments SLA review');
  await rowOf(page, 'Priya Patel').click();
  await page.locator(`[data-testid=person-editor][data-person-id="${keptId}"]`).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-session]').length === 1);
  assert.equal(await $(page, 'person-sessions').getByTestId('person-session').locator('.s-title').innerText(), 'Coffee with Priya');
  assert.equal(await $(page, 'toast').filter({ hasText: /not found|failed/i }).count(), 0, 'no error toast');
});

journey('People: a deleted person comes back with Undo on the toast', { seed: duplicates }, async (app) => {
  const { page } = app;
  await openPeople(page);
  await rowOf(page, 'Tom Becker').click();
  const id = await rowOf(page, 'Tom Becker').getAttribute('data-person-id');
  await page.locator(`[data-testid=person-editor][data-person-id="${id}"]`).waitFor();
  await $(page, 'person-delete').click();
  await rowOf(page, 'Tom Becker').waitFor({ state: 'detached' });
  assert.deepEqual((await app.calls('delete_person')).map((c) => c.args), [{ id }]);
  assert.deepEqual(await names(page), ['Priya P.', 'Priya Patel']);
  // The neighbour is open instead.
  await page.locator(`[data-testid=person-editor]:not([data-person-id="${id}"])`).waitFor();

  const toast = $(page, 'toast').filter({ hasText: 'Moved “Tom Becker” to the trash.' });
  await toast.waitFor();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await rowOf(page, 'Tom Becker').waitFor();
  assert.deepEqual((await app.calls('restore_from_trash')).map((c) => c.args), [{ entity: 'person', id }]);
  await page.locator(`[data-testid=person-editor][data-person-id="${id}"]`).waitFor();
  assert.equal(await $(page, 'person-name').inputValue(), 'Tom Becker');
  // His session is still his.
  await expectCount($(page, 'person-sessions').getByTestId('person-session'), 1);
});
