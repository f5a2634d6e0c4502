// Candidate pains in prioritization: observations no pain holds yet are grouped by the
// words they share; a group is explained (its words, who stands behind it), one member
// is unticked (split off), the rest becomes a pain in one step; another group is
// dismissed and stays away. Discovery does not offer the view.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 prioritization';

const SAID = [
  ['Priya Raman', 'CI runners queue for forty minutes before our build even starts'],
  ['Sam Lee', 'Builds wait in the runner queue for ages every morning'],
  ['Tom Becker', 'The CI runner queue is so long we batch our merges'],
  ['Priya Raman', 'Secrets rotation is a manual chore every quarter'],
  ['Sam Lee', 'Rotating secrets by hand takes a whole day'],
  ['Tom Becker', 'Our release notes template is hard to find'],
];

journey(
  'candidate pains group what no pain holds yet, explain why, and become a pain in one step or stay dismissed',
  {
    seed: {
      cycles: [{ name: H1, mode: 'prioritization', current: true }],
      teams: [{ name: 'Payments' }, { name: 'Search' }],
      people: [
        { name: 'Priya Raman', team: 'Payments' },
        { name: 'Sam Lee', team: 'Search' },
        { name: 'Tom Becker', team: 'Payments' },
      ],
      observations: SAID.map(([who, text]) => ({ cycle: H1, kind: 'pain', text, people: [who] })),
    },
  },
  async (app) => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to pains');
    await page.keyboard.press('Enter');
    await $(page, 'pains-empty').waitFor();
    await $(page, 'pains-empty-candidates').click();
    const dialog = $(page, 'candidate-pains');
    await dialog.waitFor();
    const candidates = $(page, 'candidate-pain');
    await expectCount(candidates, 2, 'the runner queue and the secrets, not the template');
    const queue = candidates.first();
    assert.match(await queue.innerText(), /3 observations/);
    assert.match(await queue.innerText(), /3 people/);
    assert.match(await queue.innerText(), /2 teams/);
    assert.match(await queue.locator('[data-testid=candidate-words]').innerText(), /queue/);
    await app.shot('candidate-pains');

    // Leave one out, name it, and make the rest a pain.
    await queue.locator('[data-testid=candidate-member]').nth(2).uncheck();
    await queue.locator('[data-testid=candidate-statement]').fill('CI runners queue for too long');
    await queue.locator('[data-testid=candidate-make]').click();
    await page.getByText('Made the pain “CI runners queue for too long” from 2 observations', { exact: false }).waitFor();
    const pains = await app.op('list_pains', { cycleId: app.ids.cycle.get(H1) });
    assert.equal(pains.length, 1);
    assert.equal(pains[0].statement, 'CI runners queue for too long');

    // The secrets group is dismissed and not offered again; the one left out stands alone.
    await expectCount(candidates, 1, 'what was made is evidence now; one left out is alone');
    await candidates.first().locator('[data-testid=candidate-dismiss]').click();
    await $(page, 'candidate-pains-empty').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const left = await app.op('candidate_pains', { cycleId: app.ids.cycle.get(H1) });
    assert.deepEqual(left, [], 'dismissed, and nothing else alike enough');
    app.assertNoPageErrors();
  },
);

journey(
  'candidate pains are not offered while the cycle is in discovery',
  { seed: { cycles: [{ name: 'Discovery H1', current: true }], observations: [{ cycle: 'Discovery H1', kind: 'pain', text: 'Runners queue' }] } },
  async (app) => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to pains');
    await page.keyboard.press('Enter');
    await $(page, 'pains-discovery-note').waitFor();
    assert.equal(await $(page, 'candidate-pains-button').count(), 0);
    await assert.rejects(app.op('candidate_pains', { cycleId: app.ids.cycle.get('Discovery H1') }), /prioritization/);
  },
);

journey(
  'making a pain of observations that say what a pain says already offers that pain, and they join it as evidence',
  {
    seed: {
      cycles: [{ name: H1, mode: 'prioritization', current: true }],
      observations: [
        { cycle: H1, kind: 'pain', text: 'CI runners queue for forty minutes every morning' },
        { cycle: H1, kind: 'pain', text: 'Our builds wait in the runner queue for ages' },
      ],
    },
  },
  async (app) => {
    const { page } = app;
    const cycleId = app.ids.cycle.get(H1);
    const first = app.ids.observation.get('CI runners queue for forty minutes every morning');
    const pain = await app.op('create_pain', { cycleId, pain: { statement: 'CI runners queue too long', evidence: [{ observationId: first, reason: '' }] } });
    await page.keyboard.press('Control+2');
    const row = (t) => $(page, 'observation-row').filter({ hasText: t });
    await row('Our builds wait in the runner queue').getByTestId('observation-check').check();
    await $(page, 'bulk-make-pain').click();
    const dialog = $(page, 'pain-like');
    await dialog.waitFor();
    await expectCount($(page, 'pain-like-row'), 1, 'the queue pain');
    assert.match(await $(page, 'pain-like-row').innerText(), /CI runners queue too long[\s\S]*shares .*runner/);
    await app.shot('pain-like');
    await $(page, 'pain-like-add').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Added 1 observation to “CI runners queue too long”', { exact: false }).waitFor();
    const joined = await app.op('get_pain', { id: pain.id });
    assert.equal(joined.evidence.length, 2, 'no second pain: the first one holds both');
    const pains = await app.op('list_pains', { cycleId });
    assert.equal(pains.length, 1);
    app.assertNoPageErrors();
  },
);
