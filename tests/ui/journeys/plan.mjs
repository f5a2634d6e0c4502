// Prioritization, second half: trade-offs that weigh reach (and say so in the
// explanation), weighted criteria, the value/effort chart, and solutions validated
// skeptically with experiments, the cloud-vendor flag and the 70/30 guard.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';

const prioritizing = {
  cycles: [{ name: H1, mode: 'prioritization', current: true }],
  teams: [
    { name: 'Payments', segment: 'Fintech' },
    { name: 'Search', segment: 'Consumer' },
  ],
  people: [
    { name: 'Priya Raman', team: 'Payments' },
    { name: 'Tom Berg', team: 'Search' },
  ],
  sessions: [
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', participants: 'Priya Raman' },
    { cycle: H1, title: 'Coffee with Tom', kind: 'coffee_chat', heldOn: '2026-11-03', participants: 'Tom Berg' },
    { cycle: H1, title: 'Vendor scan: build caches', kind: 'cloud_vendor_scan', heldOn: '2026-11-04' },
  ],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', text: 'Deploys wait on slow builds', people: ['Priya Raman'] },
    { session: 'Coffee with Tom', kind: 'pain', text: 'Search indexing jobs fail at night', people: ['Tom Berg'] },
    { session: 'Vendor scan: build caches', kind: 'fact', text: 'Vendor X previewed managed remote build caches' },
  ],
};

const HOSTILE = '<img src=x onerror="window.__pwned=1"> Warm caches';

journey('plan: trade-offs weigh reach, criteria score, the chart places pains, and solutions are validated by experiments that could fail', { seed: prioritizing }, async (app) => {
  const { page } = app;
  const cycleId = () => app.ids.cycle.get(H1);
  const observations = (await app.op('list_observations', { query: { filter: { cycleId: cycleId(), kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, text: '', offset: 0, limit: 10 } })).observations;
  const obs = (t) => observations.find((o) => o.text.startsWith(t)).id;
  const deploys = await app.op('create_pain', { cycleId: cycleId(), pain: { statement: 'Deploys wait on builds', evidence: [{ observationId: obs('Deploys'), reason: '' }] } });
  const indexing = await app.op('create_pain', { cycleId: cycleId(), pain: { statement: 'Indexing fails at night', evidence: [{ observationId: obs('Search indexing'), reason: '' }] } });
  for (const p of [indexing, deploys]) await app.op('score_pain', { id: p.id, inputs: { impact: 2, confidence: 100, effort: 1, criteria: {} } });
  const bucket = await app.op('create_bucket', { cycleId: cycleId(), bucket: { name: 'Slow delivery', kind: 'eliminate' } });
  for (const p of [deploys, indexing]) await app.op('move_pain', { id: p.id, bucketId: bucket.id });
  await $(page, 'session-list').waitFor();

  // Trade-offs: serving Payments excellently weighs Priya more; a lean between two goods.
  await page.keyboard.press('Control+Shift+9');
  await $(page, 'tradeoffs-view').waitFor();
  await $(page, 'serve-add-excellent').selectOption({ label: 'Team · Payments' });
  await $(page, 'serve-add-excellent-button').click();
  await $(page, 'serve-excellent').getByTestId('serve-choice').filter({ hasText: 'Payments' }).waitFor();
  await $(page, 'axes-empty').waitFor();
  await $(page, 'new-axis-a').fill('Flexibility');
  await $(page, 'new-axis-b').fill('Stability');
  await $(page, 'new-axis-add').click();
  await $(page, 'axis').waitFor();
  await page.locator('[data-testid=axis-stop][data-lean="1"]').click();
  await page.locator('[data-testid=axis-stop][data-lean="1"]').press('ArrowRight');
  await $(page, 'axis-lean').getByText('Strongly towards Stability').waitFor();
  const map = await app.until('tradeoffs', { cycleId: cycleId() }, (m) => m.axes[0]?.lean === 2);
  assert.deepEqual(map.serve.map((c) => [c.name, c.stance, c.weight]), [['Payments', 'excellent', 1.5]]);
  await app.shot('tradeoffs');

  // The ranking follows: Priya's pain is first, and its explanation says why.
  await page.keyboard.press('Control+9');
  await $(page, 'pain-row').first().getByText('Deploys wait on builds').waitFor();
  assert.deepEqual(await $(page, 'pain-row-score').allInnerTexts(), ['3', '2']);
  await $(page, 'pain-row').first().click();
  await $(page, 'pain-weighted-reach').getByText('1 person from Payments counts 1.5 times (served excellently)').waitFor();
  await $(page, 'pain-why').getByText('1 person from Payments counts 1.5 times (served excellently)', { exact: false }).waitFor();

  // The value/effort chart places both, each labelled and reachable by keyboard.
  await $(page, 'pains-layout-chart').click();
  await expectCount($(page, 'chart-point'), 2);
  await expectCount($(page, 'chart-label'), 2);
  await page.locator(`[data-testid=chart-point][data-pain-id="${indexing.id}"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=pain-statement]')?.value === 'Indexing fails at night');
  await app.shot('pains-chart');
  // Beside the chart, the pain's pane scrolls down only.
  const sideways = await $(page, 'pain-editor').locator('.editor-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.ok(sideways <= 1, `the pane does not scroll sideways (${sideways} px)`);

  // Weighted criteria: defined once, rated per pain, unscored until rated.
  await $(page, 'pains-layout-ranked').click();
  await $(page, 'pains-framework').selectOption('weighted');
  await $(page, 'pains-criteria').click();
  await $(page, 'criterion-new-name').fill('Audit risk');
  await $(page, 'criterion-new-weight').fill('2');
  await $(page, 'criterion-add').click();
  await expectCount($(page, 'criterion'), 1);
  await page.keyboard.press('Escape');
  assert.deepEqual(await $(page, 'pain-row-score').allInnerTexts(), ['unscored', 'unscored']);
  await $(page, 'pain-row').filter({ hasText: 'Indexing' }).click();
  await $(page, 'pain-rating').fill('8');
  await $(page, 'pain-rating').press('Tab');
  await $(page, 'pain-score').getByText('Weighted 8').waitFor();
  await $(page, 'pain-position').getByText('#1').waitFor();
  await $(page, 'pains-framework').selectOption('rice');
  await $(page, 'pain-score').getByText('RICE 2').waitFor();

  // Solutions: a hostile title stays text; validated only after an experiment survived.
  await page.keyboard.press('Control+0');
  await $(page, 'solutions-view').waitFor();
  await $(page, 'solution-new').click();
  await $(page, 'solution-new-title').fill(HOSTILE);
  await $(page, 'solution-new-create').click();
  await $(page, 'solution-editor').waitFor();
  await $(page, 'solution-row').getByText(HOSTILE).waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'the title is text, not markup');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await $(page, 'solution-status').selectOption('validated');
  await page.getByText('record that experiment first').waitFor();
  assert.equal(await $(page, 'solution-status').inputValue(), 'unvalidated', 'refused, it goes back');
  await $(page, 'solution-add-experiment').click();
  await $(page, 'experiment-new-hypothesis').fill('Warm caches halve CI time');
  assert.equal(await $(page, 'experiment-new-add').isDisabled(), true, 'no test that could disprove it, no experiment');
  await $(page, 'experiment-new-falsifier').fill('Ten pipelines with and without; under 30% faster disproves it');
  await $(page, 'experiment-new-add').click();
  const experiment = $(page, 'experiment');
  await experiment.waitFor();
  await experiment.getByTestId('experiment-outcome').selectOption('survived');
  await experiment.getByTestId('experiment-error').getByText('say what the experiment showed').waitFor();
  await experiment.getByTestId('experiment-result').fill('52% faster on average');
  await experiment.getByTestId('experiment-result').press('Tab');
  const [solution] = await app.until('list_solutions', { cycleId: cycleId() }, ([s]) => s?.experiments[0]?.outcome === 'survived');
  assert.equal(solution.title, HOSTILE);
  await $(page, 'solution-status').selectOption('validated');
  await $(page, 'solution-row-status').getByText('Validated').waitFor();

  // The 70/30 guard warns when the plan drifts.
  await $(page, 'solution-effort').fill('8');
  await $(page, 'solution-effort').press('Tab');
  await $(page, 'plan-balance-share').getByText('100% / 0%').waitFor();
  await $(page, 'plan-balance-warning').getByText('vision is starved', { exact: false }).waitFor();
  await $(page, 'solution-new').click();
  await $(page, 'solution-new-title').fill('Build graph service');
  await $(page, 'solution-new-horizon').selectOption('vision');
  await $(page, 'solution-new-create').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=solution-title]')?.value === 'Build graph service');
  await $(page, 'solution-effort').fill('3');
  await $(page, 'solution-effort').press('Tab');
  await $(page, 'plan-balance-share').getByText('73% / 27%').waitFor();
  assert.equal(await $(page, 'plan-balance-warning').count(), 0, 'within 10 points of 70/30');

  // The cloud-vendor flag needs its citation: ticking it asks for a vendor scan.
  await $(page, 'solution-row').filter({ hasText: 'Build graph service' }).click();
  await $(page, 'solution-vendor-absorb').click();
  assert.equal(await $(page, 'solution-vendor-absorb').isChecked(), false, 'not without a citation');
  await $(page, 'solution-vendor-result').filter({ hasText: 'Vendor X previewed' }).click();
  await $(page, 'solution-vendor-evidence').getByText('Vendor X previewed managed remote build caches').waitFor();
  assert.equal(await $(page, 'solution-vendor-absorb').isChecked(), true);
  await $(page, 'solution-row').filter({ hasText: 'Build graph service' }).getByText('Vendors may absorb: underinvest').waitFor();
  await app.shot('solutions');

  // Traceable: from the solution to the pain behind its bucket, and to who said it.
  await $(page, 'solution-pain').filter({ hasText: 'Deploys wait on builds' }).click();
  await $(page, 'pain-editor').waitFor();
  assert.equal(await $(page, 'pain-statement').inputValue(), 'Deploys wait on builds');
  // And back: an observation says which pains it backs, one click from each.
  await page.keyboard.press('Control+2');
  await $(page, 'observation-row').filter({ hasText: 'Deploys wait on slow builds' }).click();
  await $(page, 'observation-backs').getByText('Slow delivery').waitFor();
  await $(page, 'observation-backs-pain').filter({ hasText: 'Deploys wait on builds' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=pain-statement]')?.value === 'Deploys wait on builds');

  // A solution deleted comes back with its experiments.
  await page.keyboard.press('Control+0');
  await $(page, 'solution-row').filter({ hasText: 'Warm caches' }).click();
  await $(page, 'solution-delete').click();
  await expectCount($(page, 'solution-row'), 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectCount($(page, 'solution-row'), 2);
  const back = await app.op('list_solutions', { cycleId: cycleId() });
  assert.equal(back.find((s) => s.title === HOSTILE).experiments.length, 1);
});
