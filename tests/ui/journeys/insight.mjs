// Journeys through the insight screens: tags, ideas (and the discovery rule that
// nothing is judged), coverage with ask-load, and session templates.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';

// ---- seeds ----

const tagSeed = {
  cycles: [{ name: H1 }],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02' }],
  tags: [{ name: 'flaky tests', group: 'theme' }, { name: 'Flaky CI', group: 'area' }, { name: 'docs' }, { name: 'Data & ML', group: 'segment' }],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', text: 'Tests fail at random on main', tags: ['flaky tests'] },
    { session: 'Coffee with Priya', kind: 'request', text: 'Rerun only the failed job', tags: ['Flaky CI'] },
    { session: 'Coffee with Priya', kind: 'quote', text: 'I rerun CI three times a day', tags: ['flaky tests', 'Flaky CI'] },
    { session: 'Coffee with Priya', kind: 'fact', text: 'The runbook is two years old', tags: ['docs', 'Data & ML'] },
  ],
};

const ideaSeed = (mode) => ({
  cycles: [{ name: H1, ...(mode ? { mode } : {}) }],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02' }],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', text: 'Tests fail at random on main' },
    { session: 'Coffee with Priya', kind: 'request', text: 'Rerun only the failed job' },
    { session: 'Coffee with Priya', kind: 'quote', text: 'I rerun CI three times a day' },
  ],
  ideas: [
    {
      cycle: H1,
      title: 'Quarantine flaky tests automatically',
      description: 'Detect tests that flip and move them out of the blocking path.',
      evidence: ['Tests fail at random on main'],
    },
  ],
});

const coverageSeed = {
  cycles: [{ name: H1 }],
  teams: [
    { name: 'Payments', segment: 'Fintech' },
    { name: 'Search', segment: 'Consumer' },
    { name: 'Ledger', segment: 'Fintech' },
    { name: 'Mobile', segment: 'Mobile apps' },
  ],
  people: [
    { name: 'Priya Raman', team: 'Payments' },
    { name: 'Tom Berg', team: 'Search' },
  ],
  sessions: [
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: daysAgo(3), participants: 'Priya Raman' },
    { cycle: H1, title: 'SLA talk with Priya', kind: 'sla_conversation', heldOn: daysAgo(10), participants: 'Priya Raman' },
    { cycle: H1, title: 'Payments advisory group', kind: 'customer_advisory_group', heldOn: daysAgo(20), participants: 'Priya Raman, Tom Berg' },
  ],
  askLoadThreshold: 3,
};

function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return d.toISOString().slice(0, 10);
}

// ---- helpers ----

const row = (page, testid, text) => $(page, testid).filter({ hasText: text });

async function tagRowByName(page, name) {
  const id = await page.evaluate(
    (n) => [...document.querySelectorAll('[data-testid=tag-row]')].find((r) => r.querySelector('[data-testid=tag-name-input]')?.value === n)?.getAttribute('data-tag-id'),
    name,
  );
  assert.ok(id, `a row for the tag “${name}”`);
  return page.locator(`[data-testid=tag-row][data-tag-id="${id}"]`);
}

async function countOf(page, name) {
  const r = await tagRowByName(page, name);
  return Number((await r.getByTestId('tag-count').innerText()).match(/\d+/)[0]);
}

/** What core stores: each observation's text → the ids of its tags. */
async function tagsByText(app) {
  const { observations } = await app.op('list_observations', { query: { filter: {}, text: '', offset: 0, limit: 100 } });
  return Object.fromEntries(observations.map((o) => [o.text, o.tags.map((t) => t.id)]));
}

async function waitForCall(page, cmd, pred = () => true) {
  await page.waitForFunction(
    ([c, src]) => (window.__GW_MOCK_CALLS__ ?? []).some((x) => x.cmd === c && x.ok && new Function('x', `return (${src})(x)`)(x)),
    [cmd, pred.toString()],
  );
}

/**
 * Waits until a call of `cmd` matching `pred` has been answered: a call is recorded
 * as it starts, and once core answers, the list it made stale (`reload`) is read again.
 */
async function waitForAnswer(page, cmd, pred, reload) {
  await page.waitForFunction(
    ([c, src, r]) => {
      const calls = window.__GW_MOCK_CALLS__ ?? [];
      const made = calls.find((x) => x.cmd === c && x.ok && new Function('x', `return (${src})(x)`)(x));
      return !!made && calls.some((x) => x.cmd === r && x.seq > made.seq);
    },
    [cmd, pred.toString(), reload],
  );
}

// ---- tags ----

journey('tags: rename, recolour, regroup and merge keep every observation tagged', { seed: tagSeed }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+5');
  await $(page, 'tags-view').waitFor();
  await $(page, 'tag-row').first().waitFor();
  await expectCount($(page, 'tag-row'), 4);
  assert.equal(await countOf(page, 'flaky tests'), 2);
  assert.equal(await countOf(page, 'Flaky CI'), 2);
  assert.equal(await countOf(page, 'docs'), 1);
  // Grouped: one section per group in use, area first.
  assert.deepEqual(await $(page, 'tag-group-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-group'))), ['area', 'segment', 'theme', 'none']);
  await app.shot('tags');

  // Rename inline.
  const docs = await tagRowByName(page, 'docs');
  const docsId = await docs.getAttribute('data-tag-id');
  await docs.getByTestId('tag-name-input').fill('runbooks');
  await docs.getByTestId('tag-name-input').press('Enter');
  await waitForAnswer(page, 'update_tag', (x) => x.args.tag.name === 'runbooks', 'list_tags');
  const renamed = page.locator(`[data-testid=tag-row][data-tag-id="${docsId}"]`);
  assert.equal(await renamed.getByTestId('tag-name-input').inputValue(), 'runbooks');
  assert.equal(await countOf(page, 'runbooks'), 1, 'renaming keeps its observations');
  const storedDocs = (await app.op('list_tags', {})).find((t) => t.id === docsId);
  assert.equal(storedDocs.name, 'runbooks');
  assert.equal(storedDocs.observations, 1);

  // Recolour from the palette.
  await renamed.getByTestId('tag-colour').click();
  await app.shot('tags-colour-menu');
  await renamed.locator('[data-testid=tag-colour-option][data-colour="#15803d"]').click();
  await waitForAnswer(page, 'update_tag', (x) => x.args.tag.colour === '#15803d', 'list_tags');
  assert.equal(await renamed.getByTestId('tag-colour').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(21, 128, 61)');

  // Regroup: the row moves to its section.
  await renamed.getByTestId('tag-group').selectOption('theme');
  await waitForAnswer(page, 'update_tag', (x) => x.args.tag.group === 'theme', 'list_tags');
  await page.locator(`[data-testid=tag-group-section][data-group=theme] [data-testid=tag-row][data-tag-id="${docsId}"]`).waitFor();
  const lastUpdate = (await app.calls('update_tag')).at(-1).args;
  assert.deepEqual(lastUpdate.tag, { name: 'runbooks', colour: '#15803d', group: 'theme' }, 'an update sends the whole tag');
  const regrouped = (await app.op('list_tags', {})).find((t) => t.id === docsId);
  assert.deepEqual([regrouped.name, regrouped.colour, regrouped.group, regrouped.observations], ['runbooks', '#15803d', 'theme', 1], 'stored with every change');
  assert.equal(await countOf(page, 'runbooks'), 1);

  // Merge “Flaky CI” into “flaky tests”: the observation tagged with both is counted once.
  const ci = await tagRowByName(page, 'Flaky CI');
  const ciId = await ci.getAttribute('data-tag-id');
  const keptId = await (await tagRowByName(page, 'flaky tests')).getAttribute('data-tag-id');
  await ci.getByTestId('tag-merge').click();
  const dialog = $(page, 'tag-merge-dialog');
  await dialog.waitFor();
  assert.equal(await $(page, 'tag-merge-confirm').isDisabled(), true, 'nothing merges before a target is chosen');
  await $(page, 'tag-merge-target').selectOption(keptId);
  await dialog.getByText('will be tagged').waitFor();
  await app.shot('tags-merge');
  await $(page, 'tag-merge-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator(`[data-testid=tag-row][data-tag-id="${ciId}"]`).waitFor({ state: 'detached' });
  assert.deepEqual((await app.calls('merge_tags')).map((c) => c.args), [{ kept: keptId, merged: ciId }]);
  assert.equal(await countOf(page, 'flaky tests'), 3, 'every observation of both tags carries the kept one');
  await expectCount($(page, 'tag-row'), 3);
  const tags = await app.op('list_tags', {});
  assert.equal(tags.find((t) => t.id === ciId), undefined, 'the merged tag is out of sight');
  assert.equal(tags.find((t) => t.id === keptId).observations, 3);
  const afterMerge = await tagsByText(app);
  assert.deepEqual(
    tagSeed.observations.map((o) => afterMerge[o.text].includes(keptId)),
    [true, true, true, false],
    'each observation of either tag carries the kept one',
  );
  assert.ok(Object.values(afterMerge).every((ids) => !ids.includes(ciId)), 'no observation carries the merged tag');

  // Undo puts both tags back on exactly the observations each had.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator(`[data-testid=tag-row][data-tag-id="${ciId}"]`).waitFor();
  assert.equal(await countOf(page, 'flaky tests'), 2);
  assert.equal(await countOf(page, 'Flaky CI'), 2);
  const afterUndo = await tagsByText(app);
  assert.deepEqual(
    tagSeed.observations.map((o) => [afterUndo[o.text].includes(keptId), afterUndo[o.text].includes(ciId)]),
    [[true, false], [false, true], [true, true], [false, false]],
    'each observation has the tags it had before the merge',
  );
});

journey('tags: a new tag is created in its group, and a deleted tag comes back with Undo', { seed: tagSeed }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+5');
  await $(page, 'tag-row').first().waitFor();

  await $(page, 'new-tag-name').fill('onboarding');
  await $(page, 'new-tag-group').selectOption('area');
  await $(page, 'new-tag-button').click();
  await waitForCall(page, 'create_tag', (x) => x.args.tag.name === 'onboarding');
  assert.deepEqual((await app.calls('create_tag')).at(-1).args.tag, { name: 'onboarding', group: 'area' });
  await page.locator('[data-testid=tag-group-section][data-group=area] [data-testid=tag-name-input]').nth(1).waitFor();
  assert.equal(await $(page, 'new-tag-name').inputValue(), '', 'the field empties for the next tag');
  assert.equal(await countOf(page, 'onboarding'), 0);

  // Filter by group.
  await $(page, 'tag-filter-theme').click();
  await expectCount($(page, 'tag-row'), 1);
  await $(page, 'tag-filter-all').click();
  await expectCount($(page, 'tag-row'), 5);

  const docs = await tagRowByName(page, 'docs');
  const docsId = await docs.getAttribute('data-tag-id');
  await docs.getByTestId('tag-delete').click();
  await page.locator(`[data-testid=tag-row][data-tag-id="${docsId}"]`).waitFor({ state: 'detached' });
  assert.deepEqual((await app.calls('delete_tag')).map((c) => c.args), [{ id: docsId }]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator(`[data-testid=tag-row][data-tag-id="${docsId}"]`).waitFor();
  assert.deepEqual((await app.calls('restore_from_trash')).at(-1).args, { entity: 'tag', id: docsId });
  assert.equal(await countOf(page, 'docs'), 1, 'its observation carries it again');
});

journey('tags: a recolour and a regroup made while a rename is in flight keep the new name', { seed: tagSeed, delayMs: { update_tag: 600 } }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+5');
  await $(page, 'tag-row').first().waitFor();
  const docsId = app.ids.tag.get('docs');
  const before = (await app.op('list_tags', {})).find((t) => t.id === docsId);
  const docs = page.locator(`[data-testid=tag-row][data-tag-id="${docsId}"]`);

  // Rename, then at once recolour and regroup, each before core answered the one before.
  await docs.getByTestId('tag-name-input').fill('runbooks');
  await docs.getByTestId('tag-name-input').press('Enter');
  await docs.getByTestId('tag-colour').click();
  // A colour other than the one it has, so picking it is a change.
  const colour = before.colour === '#9333ea' ? '#b91c1c' : '#9333ea';
  await docs.locator(`[data-testid=tag-colour-option][data-colour="${colour}"]`).click();
  await docs.getByTestId('tag-group').selectOption('theme');
  // The row shows what was asked for while it is on its way.
  assert.equal(await docs.getByTestId('tag-name-input').inputValue(), 'runbooks');
  assert.equal(await docs.getByTestId('tag-group').inputValue(), 'theme');

  // Core ends up with all three changes.
  await app.until('list_tags', {}, (ts) => {
    const t = ts.find((x) => x.id === docsId);
    return t.name === 'runbooks' && t.colour === colour && t.group === 'theme';
  });
  await page.waitForFunction(() => {
    const saves = (window.__GW_MOCK_CALLS__ ?? []).filter((c) => c.cmd === 'update_tag');
    return saves.length === 3 && saves.every((c) => c.done);
  });
  assert.deepEqual(
    (await app.calls('update_tag')).map((c) => [c.args.id, c.args.tag, c.ok]),
    [
      [docsId, { name: 'runbooks', colour: before.colour }, true],
      [docsId, { name: 'runbooks', colour }, true],
      [docsId, { name: 'runbooks', colour, group: 'theme' }, true],
    ],
    'each change is sent after the one before, on top of it',
  );
  const stored = (await app.op('list_tags', {})).find((t) => t.id === docsId);
  assert.deepEqual([stored.name, stored.colour, stored.group, stored.observations], ['runbooks', colour, 'theme', 1]);
  const moved = page.locator(`[data-testid=tag-group-section][data-group=theme] [data-testid=tag-row][data-tag-id="${docsId}"]`);
  await moved.waitFor();
  assert.equal(await moved.getByTestId('tag-name-input').inputValue(), 'runbooks');
  const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  assert.equal(await moved.getByTestId('tag-colour').evaluate((e) => getComputedStyle(e).backgroundColor), rgb(colour));
  assert.equal(await $(page, 'toast').count(), 0, 'no error');
});

// ---- ideas ----

journey('ideas: in discovery nothing is scored; once the cycle moves to prioritization the score saves', { seed: ideaSeed() }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+4');
  await $(page, 'ideas-view').waitFor();
  await $(page, 'idea-discovery-note').getByText('captured, not judged').waitFor();
  const idea = row(page, 'idea-row', 'Quarantine flaky tests automatically');
  await idea.click();
  await $(page, 'idea-editor').waitFor();
  assert.equal(await $(page, 'idea-title').inputValue(), 'Quarantine flaky tests automatically');
  assert.deepEqual(await $(page, 'idea-evidence-item').allInnerTexts().then((t) => t.map((x) => x.includes('Tests fail at random on main'))), [true]);

  // No score, effort or rank anywhere while the cycle is in discovery.
  assert.equal(await $(page, 'idea-assessment').count(), 0);
  assert.equal(await $(page, 'idea-score').count(), 0);
  assert.equal(await $(page, 'idea-sort').count(), 0);
  const text = await $(page, 'ideas-view').innerText();
  assert.doesNotMatch(text, /\bscore\b|\beffort\b|\brank/i, 'the words are not even shown');

  // Edit, and cite another observation.
  await $(page, 'idea-description').fill('Detect flipping tests and take them off the blocking path, with an owner told.');
  await $(page, 'idea-add-evidence').click();
  await $(page, 'idea-evidence-search').fill('rerun');
  const result = row(page, 'idea-evidence-result', 'Rerun only the failed job');
  await result.waitFor();
  await app.shot('ideas-discovery-picker');
  await result.click();
  await page.getByRole('button', { name: 'Done' }).click();
  await $(page, 'idea-evidence-item').nth(1).waitFor();
  await waitForCall(page, 'update_idea', (x) => x.args.idea.evidence.length === 2 && x.args.idea.description.includes('owner told'));
  const update = (await app.calls('update_idea')).at(-1).args.idea;
  assert.equal(Object.keys(update).sort().join(), 'description,evidence,tags,title', 'an idea update carries no score');
  await $(page, 'idea-save-state').getByText('Saved').waitFor();
  await app.shot('ideas-discovery');

  // Stored: no assessment, and the UI never asked for one.
  const cycleId = app.ids.cycle.get(H1);
  const [stored] = await app.op('list_ideas', { cycleId });
  assert.equal(stored.assessment?.score, undefined, 'no score is stored');
  assert.equal(stored.assessment?.effort, undefined, 'no effort is stored');
  assert.equal(stored.description, 'Detect flipping tests and take them off the blocking path, with an owner told.');
  assert.deepEqual(stored.evidence.map((e) => e.text).sort(), ['Rerun only the failed job', 'Tests fail at random on main']);
  assert.equal((await app.calls('assess_idea')).length, 0);

  // Move the cycle to prioritization.
  await page.keyboard.press('Control+7');
  await $(page, 'cycle-advance').click();
  await $(page, 'cycle-advance-confirm').click();
  await $(page, 'cycle-mode').getByText('Prioritization').waitFor();
  await page.keyboard.press('Control+4');
  await idea.click();
  const assessment = $(page, 'idea-assessment');
  await assessment.waitFor();
  assert.equal(await $(page, 'idea-discovery-note').count(), 0);
  await page.locator('[data-testid=idea-score][data-score="7"]').click();
  await waitForCall(page, 'assess_idea', (x) => x.args.assessment.score === 7);
  await page.locator('[data-testid=idea-effort][data-effort="M"]').click();
  await waitForCall(page, 'assess_idea', (x) => x.args.assessment.effort === 'M' && x.args.assessment.score === 7);
  assert.equal(await page.locator('[data-testid=idea-score][data-score="7"]').getAttribute('aria-checked'), 'true');
  await idea.locator('.score').getByText('7').waitFor();
  const [scored] = await app.until('list_ideas', { cycleId }, ([i]) => i.assessment?.effort === 'M');
  assert.deepEqual(scored.assessment, { score: 7, effort: 'M' });
  await app.shot('ideas-prioritization');
});

journey('ideas: a new idea is created from its title, and deleting it offers Undo', { seed: ideaSeed('prioritization') }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+4');
  await $(page, 'idea-row').first().waitFor();
  await $(page, 'new-idea-button').click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'idea-title');
  await page.keyboard.type('Self-serve test quarantine');
  await page.keyboard.press('Enter');
  await page.keyboard.type('A button on the failed job.');
  await waitForCall(page, 'update_idea', (x) => x.args.idea.title === 'Self-serve test quarantine' && x.args.idea.description === 'A button on the failed job.');
  // Created once, as soon as it had a title (on a slow machine mid-word), then updated.
  const creates = await app.calls('create_idea');
  assert.equal(creates.length, 1, 'created once, then updated');
  const firstTitle = creates[0].args.idea.title;
  assert.ok(firstTitle.trim() && 'Self-serve test quarantine'.startsWith(firstTitle), `created with the title typed so far (${JSON.stringify(firstTitle)})`);
  const cycleId = app.ids.cycle.get(H1);
  const ideas = await app.until('list_ideas', { cycleId }, (is) => is.some((i) => i.description === 'A button on the failed job.'));
  assert.equal(ideas.length, 2, 'one new idea is stored');
  const stored = ideas.find((i) => i.title === 'Self-serve test quarantine');
  assert.equal(stored?.description, 'A button on the failed job.');
  assert.ok((await app.calls('update_idea')).every((c) => c.args.id === stored.id), 'every update went to the new idea');
  const created = row(page, 'idea-row', 'Self-serve test quarantine');
  await created.waitFor();
  await expectCount($(page, 'idea-row'), 2);
  // Outside discovery the assessment is offered once the idea exists.
  await $(page, 'idea-assessment').locator('[data-testid=idea-score]').first().waitFor();
  await app.shot('ideas-new');

  const id = await created.getAttribute('data-idea-id');
  await $(page, 'idea-delete').click();
  await created.waitFor({ state: 'detached' });
  assert.deepEqual((await app.calls('delete_idea')).map((c) => c.args), [{ id }]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await created.waitFor();
  assert.deepEqual((await app.calls('restore_from_trash')).at(-1).args, { entity: 'idea', id });
});

journey('ideas: a closed cycle shows its ideas read-only', { seed: ideaSeed('closed') }, async (app) => {
  const { page } = app;
  await $(page, 'app-shell').waitFor();
  await page.keyboard.press('Control+4');
  await row(page, 'idea-row', 'Quarantine flaky tests automatically').click();
  await $(page, 'idea-editor').waitFor();
  assert.equal(await $(page, 'idea-title').isDisabled(), true);
  assert.equal(await $(page, 'idea-description').isDisabled(), true);
  assert.equal(await $(page, 'new-idea-button').count(), 0);
  assert.equal(await $(page, 'idea-delete').count(), 0);
  assert.equal(await $(page, 'idea-add-evidence').count(), 0);
});

journey('ideas and sessions are tagged in their editors and in bulk, counted per kind, and found by tag:', {
  seed: {
    ...ideaSeed(),
    tags: [{ name: 'flaky tests', group: 'theme' }, { name: 'docs' }],
    ideas: [
      ...ideaSeed().ideas,
      { cycle: H1, title: 'Weekly flaky-test digest per team' },
      { cycle: H1, title: 'Runbooks that stay current' },
    ],
  },
}, async (app) => {
  const { page } = app;
  const cycleId = () => app.ids.cycle.get(H1);
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+4');
  const quarantine = row(page, 'idea-row', 'Quarantine flaky tests automatically');
  await quarantine.click();
  await $(page, 'idea-editor').waitFor();

  // In the editor: pick a tag, and create one while tagging.
  await $(page, 'idea-tags-input').fill('flaky');
  await $(page, 'idea-tags-option').first().click();
  await $(page, 'idea-tags-input').fill('release speed');
  await $(page, 'idea-tags-create').click();
  await waitForCall(page, 'update_idea', (x) => x.args.idea.tags?.length === 2);
  await expectCount($(page, 'idea-tags-chip'), 2);
  await quarantine.locator('.tag').getByText('release speed').waitFor();
  const [stored] = (await app.op('list_ideas', { cycleId: cycleId() })).filter((i) => i.title.startsWith('Quarantine'));
  assert.deepEqual(stored.tags.map((t) => t.name), ['flaky tests', 'release speed']);

  // In bulk: tick two ideas and tag them at once.
  await row(page, 'idea-row', 'Weekly flaky-test digest').locator('..').getByTestId('idea-check').check();
  await quarantine.locator('..').getByTestId('idea-check').check();
  await $(page, 'idea-bulk').getByText('2 selected').waitFor();
  await $(page, 'bulk-tag-input').fill('docs');
  await $(page, 'bulk-tag-option').first().click();
  await $(page, 'bulk-tag-add').click();
  await waitForCall(page, 'tag_ideas', (x) => x.args.ideaIds.length === 2 && x.args.add === true);
  await page.getByText('Tagged 2 ideas “docs”.').waitFor();
  const tagged = await app.until('list_ideas', { cycleId: cycleId() }, (list) => list.filter((i) => i.tags.some((t) => t.name === 'docs')).length === 2);
  assert.deepEqual(tagged.filter((i) => i.tags.some((t) => t.name === 'docs')).map((i) => i.title).sort(), ['Quarantine flaky tests automatically', 'Weekly flaky-test digest per team']);
  await $(page, 'bulk-clear').click();

  // The list filters by tag.
  await $(page, 'idea-tag-filter-input').fill('flaky');
  await $(page, 'idea-tag-filter-option').first().click();
  await expectCount($(page, 'idea-row'), 1, 'only the idea tagged flaky tests');
  await app.shot('ideas-tagged');
  await $(page, 'idea-tag-filter-chip').locator('button').click();
  await expectCount($(page, 'idea-row'), 3);

  // A session is tagged in its editor, and keeps its tags when its title changes.
  await page.keyboard.press('Control+1');
  await $(page, 'session-row').first().click();
  await $(page, 'session-tags-input').fill('flaky');
  await $(page, 'session-tags-option').first().click();
  await waitForCall(page, 'update_session', (x) => x.args.update.tags?.length === 1);
  await $(page, 'session-title').fill('Coffee with Priya (Payments)');
  await waitForCall(page, 'update_session', (x) => x.args.update.title === 'Coffee with Priya (Payments)');
  const session = await app.until('get_session', { id: app.ids.session.get('Coffee with Priya') }, (s) => s.title.endsWith('(Payments)'));
  assert.deepEqual(session.tags.map((t) => t.name), ['flaky tests']);

  // The Tags screen counts each kind, and a count opens Search on what it counts.
  await page.keyboard.press('Control+5');
  await $(page, 'tag-row').first().waitFor();
  const counts = async (r) => Object.fromEntries(await Promise.all(['observations', 'sessions', 'ideas'].map(async (k) => [k, Number((await r.getByTestId(`tag-count-${k}`).innerText()).match(/\d+/)[0])])));
  const flakyTag = await tagRowByName(page, 'flaky tests');
  await flakyTag.getByTestId('tag-count-sessions').getByText('1', { exact: true }).waitFor();
  assert.deepEqual(await counts(flakyTag), { observations: 0, sessions: 1, ideas: 1 });
  assert.equal(await flakyTag.getByTestId('tag-count-observations').isDisabled(), true, 'nothing to show for none');
  await app.shot('tags-per-kind');
  await flakyTag.getByTestId('tag-count-ideas').click();
  await $(page, 'search-view').waitFor();
  assert.equal(await $(page, 'search-input').inputValue(), 'tag:"flaky tests"');
  await expectCount($(page, 'search-hit'), 1, 'the one idea tagged flaky tests');
  await $(page, 'search-hit').getByText('Quarantine flaky tests automatically').waitFor();
  // Every scope a tag describes is counted; people and tags are not.
  await $(page, 'search-scope-all').click();
  await expectCount($(page, 'search-hit'), 2, 'the idea and the session');
  assert.equal(await $(page, 'search-scope-person').isDisabled(), true);
});

// ---- coverage ----

journey('coverage: unused channels, a team not heard from, and ask-load over the threshold', { seed: coverageSeed }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+6');
  await $(page, 'coverage-view').waitFor();
  await $(page, 'channel-row').first().waitFor();
  await expectCount($(page, 'channel-row'), 14, 'every channel is listed');
  const coffee = page.locator('[data-testid=channel-row][data-kind=coffee_chat]');
  assert.equal(await coffee.getByTestId('channel-count').innerText(), '1');
  assert.equal(await coffee.getByTestId('channel-unused').count(), 0);
  const vendor = page.locator('[data-testid=channel-row][data-kind=cloud_vendor_scan]');
  await vendor.getByText('Not used yet').waitFor();
  await expectCount($(page, 'channel-unused'), 11);

  // Teams with nobody heard from come first, marked.
  const notHeard = await $(page, 'team-not-heard').allInnerTexts();
  assert.equal(notHeard.length, 2);
  assert.ok(notHeard.some((t) => t.includes('Ledger')) && notHeard.some((t) => t.includes('Mobile')), notHeard.join(' | '));
  assert.ok(notHeard.every((t) => /Not heard from/.test(t)));
  assert.ok(
    await page.evaluate(() => {
      const first = document.querySelector('.teams li');
      return first?.getAttribute('data-testid') === 'team-not-heard';
    }),
    'not heard from is listed first',
  );
  const mobileSegment = row(page, 'segment-row', 'Mobile apps');
  await mobileSegment.getByText('Not heard from').waitFor();

  // Priya was asked three times: at the threshold, flagged. Tom once: not flagged.
  const priya = row(page, 'ask-load-row', 'Priya Raman');
  const tom = row(page, 'ask-load-row', 'Tom Berg');
  assert.equal(await $(page, 'ask-load-threshold').inputValue(), '3');
  await expectCount(priya.getByTestId('ask-load-over'), 1);
  assert.equal(await tom.getByTestId('ask-load-over').count(), 0);
  await app.shot('coverage');
  await $(page, 'coverage-view').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await app.shot('coverage-ask-load');

  // Out of range is refused in place, not sent.
  await $(page, 'ask-load-threshold').fill('0');
  await $(page, 'ask-load-threshold').press('Enter');
  await page.getByText('Use a whole number from 1 to 100.').waitFor();
  assert.equal((await app.calls('set_ask_load_threshold')).length, 0, 'nothing is sent');
  assert.equal(await app.op('ask_load_threshold', {}), 3, 'the stored threshold is kept');
  assert.equal(await priya.getByTestId('ask-load-over').count(), 1, 'the flag stays');

  // Raising the threshold is stored, and the flag goes.
  await $(page, 'ask-load-threshold').fill('4');
  await $(page, 'ask-load-threshold').press('Enter');
  await waitForCall(page, 'set_ask_load_threshold', (x) => x.args.threshold === 4);
  await priya.getByTestId('ask-load-over').waitFor({ state: 'detached' });
  await page.getByText('Use a whole number from 1 to 100.').waitFor({ state: 'detached' });
  assert.equal(await app.op('ask_load_threshold', {}), 4);
  assert.equal((await app.op('coverage', { cycleId: app.ids.cycle.get(H1) })).threshold, 4);
  const saves = await app.calls('set_ask_load_threshold');
  assert.deepEqual(saves.map((c) => c.args.threshold), [4], 'Enter saves it once');

  // A person opens their profile.
  await priya.getByRole('button', { name: 'Priya Raman' }).click();
  await $(page, 'people-view').waitFor();
});

journey(
  'coverage: a threshold saves once per Enter, and what is typed while it saves stays',
  { seed: coverageSeed, holdOn: ['set_ask_load_threshold'] },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list').waitFor();
    await page.keyboard.press('Control+6');
    const field = $(page, 'ask-load-threshold');
    await field.waitFor();
    assert.equal(await field.inputValue(), '3');
    const priya = row(page, 'ask-load-row', 'Priya Raman');

    // 4 and Enter: one save, held unanswered by core.
    await field.fill('4');
    await field.press('Enter');
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'set_ask_load_threshold'));
    // Leaving the field commits nothing new.
    await $(page, 'coverage-view').getByRole('heading', { name: 'Ask-load' }).click();
    // Meanwhile 0 is typed and refused in place.
    await field.fill('0');
    await field.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Use a whole number from 1 to 100.' });
    await alert.waitFor();
    const held = await app.calls('set_ask_load_threshold');
    assert.deepEqual(held.map((c) => [c.args.threshold, c.done]), [[4, false]], 'one save per commit, and the refused 0 is not sent');

    // The answer, and the coverage reload it causes, leave the 0 in the field and its refusal shown.
    const answered = await page.evaluate(() => (window.__GW_MOCK_CALLS__ ?? []).length);
    await app.release('set_ask_load_threshold');
    await page.waitForFunction(
      (n) => (window.__GW_MOCK_CALLS__ ?? []).some((c) => c.cmd === 'coverage' && c.seq > n && c.done),
      answered,
    );
    await priya.getByTestId('ask-load-over').waitFor({ state: 'detached' });
    assert.equal(await app.op('ask_load_threshold', {}), 4, 'the 4 is stored');
    assert.equal(await field.inputValue(), '0', 'what was typed is not replaced by the older answer');
    assert.equal(await alert.count(), 1, 'the refusal stays shown');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');

    // A valid value after it is saved on top, once.
    await field.fill('5');
    await field.press('Enter');
    await alert.waitFor({ state: 'detached' });
    await app.until('ask_load_threshold', {}, (t) => t === 5);
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).filter((c) => c.cmd === 'set_ask_load_threshold').every((c) => c.done));
    assert.deepEqual((await app.calls('set_ask_load_threshold')).map((c) => [c.args.threshold, c.ok]), [[4, true], [5, true]]);
    assert.equal(await field.inputValue(), '5');
  },
);

// ---- templates ----

journey('templates: an edited template is stored, and reset brings back the built-in one', { seed: { cycles: [{ name: H1 }] } }, async (app) => {
  const { page } = app;
  await $(page, 'session-list-empty').waitFor();
  await page.keyboard.press('Control+k');
  await $(page, 'palette-input').fill('templates');
  await $(page, 'palette-item').filter({ hasText: 'Edit session templates' }).click();
  await $(page, 'templates-view').waitFor();
  // The rows come with core's answer, after the view.
  await $(page, 'template-row').nth(13).waitFor();
  await expectCount($(page, 'template-row'), 14);
  const coffee = page.locator('[data-testid=template-row][data-kind=coffee_chat]');
  await coffee.click();
  const body = $(page, 'template-body');
  await page.locator('[data-testid=template-editor][data-kind=coffee_chat]').waitFor();
  const builtIn = await body.inputValue();
  assert.match(builtIn, /What slows them down/);
  assert.equal(await coffee.getByTestId('template-state').innerText(), 'Built-in');
  assert.equal(await $(page, 'template-reset').isDisabled(), true);

  const mine = '## Team and project\n\n\n## Biggest time sink this month\n\n';
  await body.fill(mine);
  await waitForCall(page, 'set_template', (x) => x.args.kind === 'coffee_chat' && x.args.body.includes('Biggest time sink'));
  await coffee.getByTestId('template-state').getByText('Customized').waitFor();
  const storedCoffee = (await app.until('list_templates', {}, (ts) => ts.find((t) => t.kind === 'coffee_chat').body === mine)).find((t) => t.kind === 'coffee_chat');
  assert.deepEqual(storedCoffee, { kind: 'coffee_chat', body: mine, customized: true });
  await app.shot('templates');

  // Another kind keeps its own.
  await page.locator('[data-testid=template-row][data-kind=sla_conversation]').click();
  await page.locator('[data-testid=template-editor][data-kind=sla_conversation]').waitFor();
  assert.match(await body.inputValue(), /Level expected/);
  await coffee.click();
  assert.equal(await body.inputValue(), mine);

  await $(page, 'template-reset').click();
  await waitForCall(page, 'reset_template', (x) => x.args.kind === 'coffee_chat');
  await coffee.getByTestId('template-state').getByText('Built-in').waitFor();
  assert.equal(await body.inputValue(), builtIn);
  const resetCoffee = (await app.op('list_templates', {})).find((t) => t.kind === 'coffee_chat');
  assert.deepEqual(resetCoffee, { kind: 'coffee_chat', body: builtIn, customized: false }, 'the built-in one is used again');
});

// ---- dark mode ----

journey(
  'the insight screens read well in dark mode',
  { seed: { ...coverageSeed, ...ideaSeed('prioritization'), sessions: [...coverageSeed.sessions, ...ideaSeed().sessions], teams: coverageSeed.teams, people: coverageSeed.people, tags: tagSeed.tags, observations: tagSeed.observations } },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list').waitFor();
    await page.keyboard.press('Control+5');
    await $(page, 'tag-row').first().waitFor();
    await app.shot('dark-tags');
    await page.keyboard.press('Control+4');
    await $(page, 'idea-row').first().click();
    await $(page, 'idea-assessment').waitFor();
    await app.shot('dark-ideas');
    await page.keyboard.press('Control+6');
    await $(page, 'channel-row').first().waitFor();
    await app.shot('dark-coverage');
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('templates');
    await $(page, 'palette-item').filter({ hasText: 'Edit session templates' }).click();
    await $(page, 'template-body').waitFor();
    await app.shot('dark-templates');
  },
  { colorScheme: 'dark' },
);
