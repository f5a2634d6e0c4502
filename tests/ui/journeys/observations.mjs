// Observations: made from a selected passage of a session's notes, listed and
// filtered across the workspace, tagged in bulk, merged with Undo, and found again
// through search in the command palette, whatever is typed there.

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

/** Every live observation of the workspace, as core lists them. */
const ALL = { query: { filter: {}, text: '', offset: 0, limit: 100 } };
const listed = async (app) => (await app.op('list_observations', ALL)).observations;

journey('a selected passage becomes a pain attributed to its speaker, tagged, and listed with its session', { seed: oneChat }, async (app) => {
  const { page } = app;
  await $(page, 'session-row').first().click();
  await $(page, 'session-editor').waitFor();
  await selectPassage(page, 'They retry flaky tests by hand before every release.');
  const make = $(page, 'make-observation');
  await make.waitFor();
  await app.shot('observation-selection');
  await make.click();

  const dialog = $(page, 'capture-dialog');
  await dialog.waitFor();
  assert.equal(await $(page, 'capture-passage').innerText(), 'They retry flaky tests by hand before every release.');
  // The session's people are proposed as the speakers.
  await $(page, 'capture-people-chip').filter({ hasText: 'Priya Raman' }).waitFor();
  await $(page, 'capture-kind-pain').click();
  await $(page, 'capture-tags-input').fill('flaky tests');
  await $(page, 'capture-tags-create').waitFor();
  await page.keyboard.press('Enter');
  await $(page, 'capture-tags-chip').filter({ hasText: 'flaky tests' }).waitFor();
  await app.shot('observation-capture');
  await $(page, 'capture-save').click();
  await dialog.waitFor({ state: 'detached' });

  const { observations } = await app.until('list_observations', ALL, (r) => r.matching > 0);
  assert.equal(observations.length, 1);
  const [o] = observations;
  assert.equal(o.kind, 'pain');
  assert.equal(o.text, 'They retry flaky tests by hand before every release.');
  assert.equal(o.passage, 'They retry flaky tests by hand before every release.');
  assert.equal(o.passageStart, NOTES.indexOf('They retry'), 'the link points at the exact passage');
  assert.equal(o.sessionId, app.ids.session.get('Coffee with Priya'), 'it belongs to its session');
  assert.deepEqual(o.people, [{ id: app.ids.person.get('Priya Raman'), name: 'Priya Raman' }]);
  assert.deepEqual(o.tags.map((t) => t.name), ['flaky tests']);
  assert.deepEqual((await app.op('list_tags', {})).map((t) => [t.name, t.observations]), [['flaky tests', 1]], 'the new tag is stored');

  // The session lists what was pulled out of it.
  await $(page, 'session-observation').filter({ hasText: 'They retry flaky tests' }).waitFor();

  // And the workspace-wide list has it, with person and tag.
  await page.keyboard.press('Control+2');
  const row = $(page, 'observation-row').filter({ hasText: 'They retry flaky tests' });
  await row.waitFor();
  assert.match(await row.innerText(), /Priya Raman/);
  assert.match(await row.innerText(), /flaky tests/);
  await app.shot('observations');
});

journey('an observation whose passage was edited away is flagged, and keeps its words', {
  seed: { ...oneChat, observations: [{ session: 'Coffee with Priya', kind: 'fact', passage: 'CI takes 40 minutes on a good day.', people: ['Priya Raman'] }] },
}, async (app) => {
  const { page } = app;
  await $(page, 'session-row').first().click();
  await $(page, 'session-observation').waitFor();
  assert.equal(await $(page, 'passage-lost').count(), 0);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Rewritten notes.');
  await app.until('get_session', { id: app.ids.session.get('Coffee with Priya') }, (s) => s.notes === 'Rewritten notes.');
  // Reopen the session: its observation now says the passage is gone.
  await page.keyboard.press('Control+2');
  await $(page, 'observation-row').first().click();
  await $(page, 'observation-passage-lost').waitFor();
  assert.equal(await $(page, 'observation-text').inputValue(), 'CI takes 40 minutes on a good day.');
  const [stored] = await listed(app);
  assert.equal(stored.passageState, 'lost');
  assert.equal(stored.text, 'CI takes 40 minutes on a good day.', 'its words are kept');
  assert.equal(stored.passage, 'CI takes 40 minutes on a good day.');
});

const many = {
  cycles: [{ name: H1 }],
  people: [{ name: 'Priya Raman' }, { name: 'Tom Becker' }],
  tags: [{ name: 'deploys' }, { name: 'cost' }],
  sessions: [
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-10', participants: 'Priya Raman', notes: 'Deploys are slow. Deploys take ages. Builds cost too much.' },
    { cycle: H1, title: 'SLA with Tom', kind: 'sla_conversation', heldOn: '2026-11-12', participants: 'Tom Becker', notes: 'Expect 99.9% uptime.' },
  ],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', passage: 'Deploys are slow.', people: ['Priya Raman'], tags: ['deploys'] },
    { session: 'Coffee with Priya', kind: 'pain', passage: 'Deploys take ages.', people: ['Tom Becker'] },
    { session: 'Coffee with Priya', kind: 'request', passage: 'Builds cost too much.', people: ['Priya Raman'], tags: ['cost'] },
    { session: 'SLA with Tom', kind: 'fact', passage: 'Expect 99.9% uptime.', people: ['Tom Becker'] },
  ],
};

journey('the observation list filters by kind, words and tag, tags many at once, and merges two with Undo', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+2');
  const count = $(page, 'observation-count');
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '4');

  await $(page, 'observation-kind-pain').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '2');
  await $(page, 'observation-search').fill('slow');
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '1');
  await $(page, 'observation-search').fill('');
  await $(page, 'observation-kind-pain').click();
  await $(page, 'observation-more-filters').click();
  await $(page, 'filter-tags-input').fill('cost');
  await $(page, 'filter-tags-option').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '1');
  assert.match(await $(page, 'observation-row').first().innerText(), /Builds cost too much/);
  await app.shot('observations-filtered');
  await $(page, 'filter-tags-chip').getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '4');
  assert.equal(await count.innerText(), '4');

  // Tag the two deploy pains at once.
  const slow = $(page, 'observation-row').filter({ hasText: 'Deploys are slow.' });
  const ages = $(page, 'observation-row').filter({ hasText: 'Deploys take ages.' });
  await slow.getByTestId('observation-check').check();
  await ages.getByTestId('observation-check').check();
  await $(page, 'observation-bulk').waitFor();
  await $(page, 'bulk-tag-input').fill('deploys');
  await $(page, 'bulk-tag-option').first().click();
  await $(page, 'bulk-tag-add').click();
  await page.getByText('Tagged 1 observation “deploys”.').waitFor();
  const deploys = (await app.op('list_tags', {})).find((t) => t.name === 'deploys');
  assert.equal(deploys.observations, 2, 'both deploy pains carry the tag (one already did)');
  const deployTagged = (await listed(app)).filter((o) => o.tags.some((t) => t.id === deploys.id)).map((o) => o.text).sort();
  assert.deepEqual(deployTagged, ['Deploys are slow.', 'Deploys take ages.']);

  // Merge the two into one, keeping both speakers; Undo brings both back.
  await slow.getByTestId('observation-check').check();
  await ages.getByTestId('observation-check').check();
  await $(page, 'bulk-merge').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '3');
  const merged = (await listed(app)).filter((o) => o.text.startsWith('Deploys'));
  assert.equal(merged.length, 1, 'one deploy pain is left');
  assert.deepEqual(merged[0].people.map((p) => p.name).sort(), ['Priya Raman', 'Tom Becker'], 'both speakers are on the kept observation');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '4');
  const undone = (await listed(app)).filter((o) => o.text.startsWith('Deploys'));
  assert.deepEqual(
    undone.map((o) => [o.text, o.people.map((p) => p.name)]).sort(),
    [['Deploys are slow.', ['Priya Raman']], ['Deploys take ages.', ['Tom Becker']]],
    'Undo brings both back, each with its own speaker',
  );
});

journey('search in the palette finds an observation by a word prefix, highlights it, and opens it', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+k');
  const input = $(page, 'palette-input');
  await input.fill('uptim');
  await $(page, 'palette-item').filter({ hasText: 'Search everything for “uptim”' }).click();
  const hit = $(page, 'search-hit').filter({ hasText: 'Expect 99.9%' });
  await hit.first().waitFor();
  assert.equal(await hit.first().locator('mark').first().innerText(), 'uptime');
  await app.shot('search');
  // The session whose notes hold the words is found too; open the observation.
  await expectCount(hit, 2);
  await hit.filter({ hasText: 'Observation' }).click();
  await $(page, 'observation-detail').waitFor();
  assert.equal(await $(page, 'observation-text').inputValue(), 'Expect 99.9% uptime.');

  // The palette keeps the search: reopened with other words, it searches those.
  await page.keyboard.press('Control+k');
  await input.fill('deploys');
  await $(page, 'palette-item').filter({ hasText: 'Search everything for “deploys”' }).click();
  await $(page, 'search-hit').first().waitFor();
  assert.equal(await input.inputValue(), 'deploys');
});

journey('whatever is typed into search gives results or a plain message, never an error', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  const input = $(page, 'search-input');
  for (const text of ['"', 'NEAR(', '(((', '*', 'AND', 'OR', "'; DROP TABLE session; --", '🚀', 'deploys)', '"deploys', 'x'.repeat(10000)]) {
    await input.fill(text);
    // The count shows once the search for these words has answered (until then the
    // hits, or the notice, of the words before stay in sight).
    await page.waitForFunction(() => !!document.querySelector('[data-testid=search-count]')?.textContent.trim() && !!document.querySelector('[data-testid=search-hit], [data-testid=search-none]'));
    const none = $(page, 'search-none');
    if (await none.count()) {
      const message = await none.innerText();
      assert.doesNotMatch(message, /sqlite|fts5|syntax error|database/i, `${JSON.stringify(text.slice(0, 20))} shows ${message}`);
    }
  }
  assert.equal((await app.calls('search')).filter((c) => !c.ok).length, 0, 'no search call failed');
  await input.fill('🚀');
  await page.getByText('symbols and emoji alone match nothing').waitFor();
});

journey('100,000 observations scroll in a list that keeps only the visible rows in the page', {
  seed: { cycles: [{ name: H1 }], bulkObservations: { cycle: H1, count: 100000 } },
}, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+2');
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '100,000');
  await $(page, 'observation-row').first().waitFor();
  assert.ok((await $(page, 'observation-row').count()) < 60, 'only the visible rows are in the DOM');
  await page.locator('[data-testid=observation-list] [role=listbox]').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await $(page, 'observation-row').filter({ hasText: '(#1)' }).waitFor();
  const lists = await app.calls('list_observations');
  assert.ok(lists.every((c) => c.args.query.limit <= 100), 'rows are fetched a page at a time');
  assert.ok(lists.length < 20, `a long jump fetches only the pages it shows (${lists.length} calls)`);
});

journey('an observation shows the ones that say nearly the same, the shared words marked, and merges one as a duplicate with Undo', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+2');
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '4');
  await $(page, 'observation-row').filter({ hasText: 'Deploys are slow.' }).click();
  const panel = $(page, 'similar-observations');
  const item = panel.getByTestId('similar-observation');
  await item.first().waitFor();
  // "Deploys take ages." shares "deploys"; the uptime fact and the cost shares nothing.
  assert.equal(await item.count(), 1);
  assert.match(await item.first().innerText(), /Deploys take ages\./);
  assert.equal(await item.first().locator('mark').innerText(), 'Deploys');
  assert.match(await item.first().innerText(), /Shares deploys/);
  await app.shot('similar-observations');
  await item.first().getByTestId('similar-merge').click();
  await page.getByText('Merged “Deploys take ages.” into this one', { exact: false }).waitFor();
  await panel.getByText('None shares a telling word with this one.').waitFor();
  assert.equal((await listed(app)).length, 3);
  await page.getByRole('button', { name: 'Undo' }).click();
  await item.first().waitFor();
  assert.equal((await listed(app)).length, 4);
});

journey('typing an observation that nearly repeats one shows it before saving, and it opens instead', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+2');
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-count]')?.textContent === '4');
  await $(page, 'new-observation-button').click();
  await $(page, 'capture-text').fill('Deploys are slow today');
  const hint = $(page, 'capture-looks-like');
  await hint.waitFor();
  assert.match(await hint.innerText(), /“Deploys are slow\.”/);
  assert.doesNotMatch(await hint.innerText(), /Deploys take ages/, 'one shared word is no duplicate');
  await app.shot('capture-looks-like');
  // Something else entirely: the hint goes.
  await $(page, 'capture-text').fill('Expect the lunch menu on Mondays');
  await hint.waitFor({ state: 'detached' });
  await $(page, 'capture-text').fill('Deploys are slow today');
  await hint.getByTestId('capture-looks-like-open').click();
  await $(page, 'capture-dialog').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-detail] textarea')?.value === 'Deploys are slow.');
  assert.equal((await listed(app)).length, 4, 'nothing was saved');
});
