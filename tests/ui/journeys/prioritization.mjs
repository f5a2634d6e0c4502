// Prioritization: the switch out of discovery with its review, pains made from
// selected observations with derived reach and flags, evidence followed to the person
// who said it, and going back to discovery with a reason kept in the history.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';

const discovered = {
  cycles: [{ name: H1 }],
  teams: [
    { name: 'Payments', segment: 'Fintech' },
    { name: 'Search', segment: 'Consumer' },
    { name: 'Ledger', segment: 'Fintech' },
  ],
  people: [
    { name: 'Priya Raman', team: 'Payments' },
    { name: 'Tom Berg', team: 'Search' },
  ],
  sessions: [
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', participants: 'Priya Raman' },
    { cycle: H1, title: 'SLA talk with Tom', kind: 'sla_conversation', heldOn: '2026-11-05', participants: 'Tom Berg' },
    { cycle: H1, title: 'Peer chat with Contoso', kind: 'peer_company_chat', heldOn: '2026-11-07' },
  ],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', text: 'CI takes forty minutes', people: ['Priya Raman'] },
    { session: 'SLA talk with Tom', kind: 'pain', text: 'Builds miss the SLA every Monday', people: ['Tom Berg'] },
    { session: 'Peer chat with Contoso', kind: 'fact', text: 'Contoso caches every build step' },
  ],
};

async function waitForCall(page, cmd, pred = () => true) {
  await page.waitForFunction(
    ([c, src]) => (window.__GW_MOCK_CALLS__ ?? []).some((x) => x.cmd === c && x.ok && new Function('x', `return (${src})(x)`)(x)),
    [cmd, pred.toString()],
  );
}

journey('prioritization: review the cycle, switch, make a pain from two observations, follow it to who said it, and go back with a reason', { seed: discovered }, async (app) => {
  const { page } = app;
  const cycleId = () => app.ids.cycle.get(H1);
  await $(page, 'session-list').waitFor();

  // In discovery, pains wait, and say why.
  await page.keyboard.press('Control+9');
  await $(page, 'pains-discovery-note').waitFor();

  // The switch is explicit, with a review of what discovery gathered first.
  await page.keyboard.press('Control+7');
  await $(page, 'cycle-advance').click();
  const review = $(page, 'cycle-review');
  await review.waitFor();
  const text = await review.innerText();
  assert.match(text, /3\s*sessions/);
  assert.match(text, /2\s*pains heard/);
  assert.match(text, /Coffee chat \(1\)/);
  await $(page, 'cycle-review-not-heard').getByText('Ledger').waitFor();
  await app.shot('cycle-review');
  await $(page, 'cycle-advance-confirm').click();
  await page.getByText('is now in prioritization').waitFor();
  await app.op('create_observation', { observation: { cycleId: cycleId(), kind: 'pain', text: 'Heard after the switch' } });

  // What was captured after the switch says so; two observations become one pain.
  await page.keyboard.press('Control+2');
  const row = (t) => $(page, 'observation-row').filter({ hasText: t });
  await row('Heard after the switch').getByTestId('observation-row-late').waitFor();
  assert.equal(await row('CI takes forty minutes').getByTestId('observation-row-late').count(), 0);
  await row('CI takes forty minutes').getByTestId('observation-check').check();
  await row('Builds miss the SLA').getByTestId('observation-check').check();
  await $(page, 'bulk-make-pain').click();
  await $(page, 'pain-editor').waitFor();
  await waitForCall(page, 'create_pain', (x) => x.args.pain.evidence.length === 2);
  await expectCount($(page, 'pain-evidence-item'), 2);
  const reach = await $(page, 'pain-reach').innerText();
  assert.match(reach, /2\s*people/);
  assert.match(reach, /2\s*teams/);
  assert.match(reach, /2\s*segments/);

  // Word it, weigh it, say why each piece backs it.
  await $(page, 'pain-statement').fill('Builds are too slow to ship on Mondays');
  await page.locator('[data-testid=pain-severity][data-severity=high]').click();
  await waitForCall(page, 'update_pain', (x) => x.args.update.severity === 'high' && x.args.update.statement.startsWith('Builds are too slow'));
  const first = $(page, 'pain-evidence-item').first();
  await first.getByTestId('pain-evidence-importance').selectOption('critical');
  await waitForCall(page, 'link_evidence', (x) => x.args.links[0].importance === 'critical');
  await first.getByTestId('pain-evidence-reason').fill('blocks the Monday release');
  await first.getByTestId('pain-evidence-reason').press('Tab');
  await waitForCall(page, 'link_evidence', (x) => x.args.links[0].reason === 'blocks the Monday release');
  const [stored] = await app.until('list_pains', { cycleId: cycleId() }, (list) => list[0]?.severity === 'high' && list[0].evidence.some((e) => e.reason));
  assert.equal(stored.statement, 'Builds are too slow to ship on Mondays');
  assert.equal(stored.reach.people, 2);
  assert.ok(stored.userEvidence);
  const linked = stored.evidence.find((e) => e.reason === 'blocks the Monday release');
  assert.equal(linked.importance, 'critical');
  await $(page, 'pain-row').getByText('2 people · 2 teams · 2 observations').waitFor();
  await app.shot('pain-editor');

  // Evidence heard from a peer only is not user evidence: the flag says so.
  await page.keyboard.press('Control+2');
  await row('Contoso caches').click();
  await $(page, 'observation-make-pain').click();
  await $(page, 'pain-no-user-evidence').waitFor();
  await expectCount($(page, 'pain-row'), 2);

  // Buckets: a new one takes the pain on screen, the bucket select (keyboard) moves
  // another in, and a drag takes one out again.
  await $(page, 'new-bucket-button').click();
  await $(page, 'new-bucket-name').fill('Slow feedback from CI');
  await $(page, 'new-bucket-kind-eliminate').check();
  await $(page, 'new-bucket-create').click();
  const bucket = $(page, 'bucket').filter({ hasText: 'Slow feedback from CI' });
  await bucket.waitFor();
  await bucket.getByText('Eliminate').waitFor();
  const slow = $(page, 'pain-row').filter({ hasText: 'Builds are too slow' });
  await slow.click();
  await $(page, 'pain-bucket').selectOption({ label: 'Eliminate · Slow feedback from CI' });
  await waitForCall(page, 'move_pain', (x) => !!x.args.bucketId);
  const [weighed] = await app.until('list_buckets', { cycleId: cycleId() }, ([b]) => b?.painIds.length === 2);
  assert.deepEqual([weighed.reach.people, weighed.reach.evidence, weighed.userEvidence], [2, 3, true], 'both pains weighed together');
  await bucket.getByText('2 pains · 2 people · 2 teams').waitFor();
  await app.shot('pains-buckets');
  await $(page, 'pain-row').filter({ hasText: 'Contoso' }).dragTo($(page, 'bucket-none'));
  await app.until('list_buckets', { cycleId: cycleId() }, ([b]) => b?.painIds.length === 1);

  // Ranked by RICE from the inputs set here and the reach of the evidence; the other
  // stays unscored; a position set by hand needs a reason and explains itself.
  await $(page, 'pains-layout-ranked').click();
  await slow.click();
  await $(page, 'pain-input-impact').fill('2');
  await $(page, 'pain-input-impact').press('Tab');
  await $(page, 'pain-input-confidence').fill('80');
  await $(page, 'pain-input-confidence').press('Tab');
  await $(page, 'pain-input-effort').fill('1');
  await $(page, 'pain-input-effort').press('Tab');
  await $(page, 'pain-score').getByText('RICE 3.2').waitFor();
  await $(page, 'pain-position').getByText('#1').waitFor();
  await $(page, 'pain-why').getByText('RICE = weighted reach × impact × confidence ÷ effort: 3.2.').waitFor();
  assert.deepEqual(await $(page, 'pain-row-score').allInnerTexts(), ['3.2', 'unscored']);
  await app.shot('pains-ranked');
  const contoso = $(page, 'pain-row').filter({ hasText: 'Contoso' });
  await contoso.click();
  await $(page, 'pain-position').getByText('#2').waitFor();
  await $(page, 'pain-why').getByText('Unscored: set its impact, confidence, effort').waitFor();
  await $(page, 'pain-place').click();
  await $(page, 'pain-place-position').fill('1');
  assert.equal(await $(page, 'pain-place-confirm').isDisabled(), true, 'no reason, no place');
  await $(page, 'pain-place-reason').fill('the audit is due in March');
  await $(page, 'pain-place-confirm').click();
  await $(page, 'pain-position').getByText('#1').waitFor();
  await $(page, 'pain-why').getByText('Placed #1 by hand: “the audit is due in March”.').waitFor();
  const ranking = await app.op('rank', { cycleId: cycleId() });
  assert.deepEqual(ranking.items.map((i) => [i.position, i.statement.slice(0, 8), i.overrideReason ?? null]), [[1, 'Contoso ', 'the audit is due in March'], [2, 'Builds a', null]]);

  // In Search too: tick observations among the hits and make a pain of them.
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-input').fill('builds OR forty');
  await $(page, 'search-hit').first().waitFor();
  await $(page, 'search-collect').click();
  assert.equal(await $(page, 'search-make-pain').isDisabled(), true, 'nothing ticked yet');
  const ticks = $(page, 'search-hit-collect');
  await expectCount(ticks, 2, 'one box per observation hit');
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await $(page, 'search-collect-bar').getByText('2 observations ticked').waitFor();
  await app.shot('search-collect');
  await $(page, 'search-make-pain').click();
  await $(page, 'pain-editor').waitFor();
  await expectCount($(page, 'pain-evidence-item'), 2);
  await expectCount($(page, 'pain-row'), 3);

  // Traceable: from the pain to the person who said it.
  await slow.click();
  await $(page, 'pain-evidence-person').filter({ hasText: 'Priya Raman' }).click();
  await $(page, 'person-editor').waitFor();
  assert.equal(await $(page, 'person-name').inputValue(), 'Priya Raman');

  // Back to discovery: a reason is needed and kept; severity is hidden again.
  await page.keyboard.press('Control+7');
  await $(page, 'cycle-return').click();
  assert.equal(await $(page, 'cycle-return-confirm').isDisabled(), true, 'no reason, no return');
  await $(page, 'cycle-return-reason').fill('Ledger asked to be heard');
  await $(page, 'cycle-return-confirm').click();
  await page.getByText('is back in discovery').waitFor();
  await $(page, 'cycle-history-toggle').click();
  await $(page, 'cycle-history').getByText('Ledger asked to be heard').waitFor();
  const history = await app.op('cycle_history', { id: cycleId() });
  assert.deepEqual(history.map((e) => [e.from, e.to, e.reason]), [['discovery', 'prioritization', ''], ['prioritization', 'discovery', 'Ledger asked to be heard']]);
  await app.shot('cycle-history');
  await page.keyboard.press('Control+9');
  await $(page, 'pains-discovery-note').waitFor();
  await $(page, 'pain-row').first().click();
  assert.equal(await $(page, 'pain-severity').count(), 0, 'no severity shown in discovery');
  assert.equal(await $(page, 'pain-rank').count(), 0, 'no rank either');
  const [hidden] = await app.op('list_pains', { cycleId: cycleId() });
  assert.equal(hidden.severity, undefined, 'stored, not shown');
});

journey(
  'on a cycle still in discovery, the screens of judging point to the cycle that is prioritizing, one click away',
  {
    seed: {
      ...discovered,
      cycles: [{ name: H1, current: true }, { name: '2027 H1 prioritization', mode: 'prioritization' }],
      observations: [{ cycle: '2027 H1 prioritization', kind: 'pain', text: 'Deploys wait for a human', people: ['Tom Berg', 'Priya Raman'] }],
    },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list').waitFor();
    await $(page, 'nav-pains').click();
    await $(page, 'pains-discovery-note').waitFor();
    const hint = $(page, 'cycle-elsewhere');
    await hint.getByText('Switch to “2027 H1 prioritization”').waitFor();
    await hint.getByText('(in prioritization)').waitFor();
    await app.shot('pains-cycle-elsewhere');
    await $(page, 'cycle-elsewhere-switch').click();
    await $(page, 'cycle-switcher').filter({ hasText: '2027 H1 prioritization' }).waitFor();
    assert.equal(await $(page, 'pains-discovery-note').count(), 0, 'the cycle shown now prioritizes');
    assert.equal(await $(page, 'cycle-elsewhere').count(), 0);

    // Its pain names who said it, with a space after each comma.
    await app.op('create_pain', {
      cycleId: app.ids.cycle.get('2027 H1 prioritization'),
      pain: { statement: 'Deploys need a human', evidence: [{ observationId: app.ids.observation.get('Deploys wait for a human') }] },
    });
    await $(page, 'nav-sessions').click();
    await $(page, 'nav-pains').click();
    await $(page, 'pain-row').first().click();
    const said = page.locator('[data-testid=pain-evidence-person]').first().locator('..');
    await said.getByText('Priya Raman, Tom Berg').waitFor();
  },
);
