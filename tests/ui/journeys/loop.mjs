// Closing the loop: a check-in rhythm puts a stakeholder on the due list, an SLA shows
// what a team expects against what it gets with a trend, a migration's milestones go
// from late to done, a kudos joins the timeline, and a team's "you said, we did"
// digest is answered and saved, on real core through the test server. Hostile text
// stays text everywhere.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> thanks';

const seed = {
  cycles: [{ name: H1, mode: 'discovery', current: true }],
  teams: [{ name: 'Payments', segment: 'Fintech' }],
  people: [
    { name: 'Priya Raman', team: 'Payments' },
    { name: 'Omar Haddad', team: 'Payments' },
  ],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', participants: 'Priya Raman' }],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', text: 'Runners take ten minutes to start', people: ['Priya Raman'] },
    { session: 'Coffee with Priya', kind: 'request', text: 'Docs are hard to find', people: ['Priya Raman'] },
  ],
};

journey('close the loop: check-ins fall due, SLAs show their gap and trend, milestones go from late to done, kudos and a team digest close it', { seed }, async (app) => {
  const { page } = app;
  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+Shift+6');
  await $(page, 'loop-view').waitFor();

  // A rhythm of two weeks: Priya's coffee chat of 2026-11-02 is her last contact.
  await $(page, 'checkins-empty').waitFor();
  // The person is found by typing, as in every person picker.
  await $(page, 'checkin-add-person-input').fill('pri');
  await $(page, 'checkin-add-person-option').filter({ hasText: 'Priya Raman' }).click();
  await $(page, 'checkin-add-person-chip').filter({ hasText: 'Priya Raman' }).waitFor();
  await $(page, 'checkin-add-weeks').selectOption('2');
  await page.getByRole('button', { name: 'Add rhythm' }).click();
  await expectCount($(page, 'checkin-due-row'), 1, 'Priya is listed');
  const [due] = await app.until('checkins_due', {}, (d) => d.length === 1);
  assert.equal(due.lastContact, '2026-11-02');
  assert.equal(due.dueOn, '2026-11-16');
  assert.equal(await $(page, 'checkin-due-row').getAttribute('data-state'), due.state);
  await app.shot('loop-checkins');

  // An SLA: expected 99.9 %, delivered 99.5 %: short by 0.4, with a trend.
  await $(page, 'loop-tab-slas').click();
  await $(page, 'sla-service').fill('CI runners');
  await $(page, 'sla-team').selectOption({ label: 'Payments' });
  await $(page, 'sla-measure').fill('Availability');
  await page.getByRole('button', { name: 'Add SLA' }).click();
  await $(page, 'sla-detail').waitFor();
  await $(page, 'sla-level-kind').selectOption('expected');
  await $(page, 'sla-level-value').fill('99.9');
  await $(page, 'sla-level-date').fill('2026-09-01');
  await $(page, 'sla-level-add').click();
  await $(page, 'sla-levels').getByText('99.9 %').waitFor();
  await $(page, 'sla-level-kind').selectOption('delivered');
  await $(page, 'sla-level-value').fill('99,5');
  await $(page, 'sla-level-date').fill('2026-11-01');
  await $(page, 'sla-level-add').click();
  await $(page, 'sla-gap').filter({ hasText: '−0.4 %' }).waitFor();
  await $(page, 'sla-row').getByText('Short').waitFor();
  await $(page, 'sla-trend').waitFor();
  const [sla] = await app.until('list_slas', {}, (s) => s[0]?.levels.length === 2);
  assert.equal(sla.met, false);
  assert.deepEqual(sla.levels.map((l) => [l.kind, l.value]), [['expected', 99.9], ['delivered', 99.5]]);
  // Not a number: said, and nothing kept.
  await $(page, 'sla-level-value').fill('fast');
  await $(page, 'sla-level-add').click();
  await $(page, 'toast').filter({ hasText: /“fast” is not a number/ }).first().waitFor();
  assert.equal((await app.op('list_slas', {}))[0].levels.length, 2);
  await app.shot('loop-slas');

  // A migration: a milestone planned in the past is late until it is done.
  await $(page, 'loop-tab-adoption').click();
  await $(page, 'adoption-team').selectOption({ label: 'Payments' });
  await $(page, 'adoption-capability').fill('Jenkins to GitHub Actions');
  await page.getByRole('button', { name: 'Track it' }).click();
  await $(page, 'milestone-form').waitFor();
  await $(page, 'milestone-title').fill('First pipelines moved');
  await $(page, 'milestone-planned').fill('2026-10-01');
  await $(page, 'milestone-percent').fill('40');
  await $(page, 'milestone-add').click();
  await page.locator('[data-testid=adoption-row][data-state=late]').waitFor();
  await $(page, 'milestone-done').click();
  await page.locator('[data-testid=adoption-row][data-state=done]').waitFor();
  await $(page, 'adoption-percent').filter({ hasText: '100% moved' }).waitFor();
  const [migration] = await app.op('list_adoptions', {});
  assert.equal(migration.milestones[0].percent, 40);
  assert.ok(migration.milestones[0].doneOn, 'done today');
  await app.shot('loop-adoption');

  // A kudos received from Priya; its hostile text stays text.
  await $(page, 'loop-tab-kudos').click();
  await $(page, 'kudos-people-input').fill('Priya');
  await $(page, 'kudos-people-option').filter({ hasText: 'Priya Raman' }).waitFor();
  await $(page, 'kudos-people-input').press('Enter');
  await $(page, 'kudos-people-chip').filter({ hasText: 'Priya Raman' }).waitFor();
  await $(page, 'kudos-what').fill(HOSTILE);
  await $(page, 'kudos-add').click();
  await $(page, 'kudos-item').filter({ hasText: '<img src=x' }).waitFor();
  await $(page, 'kudos-item').filter({ hasText: 'from Priya Raman (Payments)' }).waitFor();
  assert.equal(await page.locator('[data-testid=loop-view] img').count(), 0);

  // You said, we did: answer one of Payments' two observations, then save the digest.
  await $(page, 'loop-tab-digest').click();
  await $(page, 'digest-counts').filter({ hasText: '0 answered · 2 still open' }).waitFor();
  await $(page, 'digest-item').filter({ hasText: 'Runners take ten minutes' }).getByTestId('digest-answer').click();
  await $(page, 'digest-answer-what').fill(`Runners start in under a minute ${HOSTILE}`);
  await $(page, 'digest-answer-save').click();
  await $(page, 'digest-counts').filter({ hasText: '1 answered · 1 still open' }).waitFor();
  await expectCount(page.locator('[data-testid=digest-item][data-answered=true]'), 1, 'one answered, listed first');
  await $(page, 'digest-preview').getByText('What we heard and are still working on').waitFor();
  assert.equal(await page.locator('[data-testid=loop-view] img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const teamId = app.ids.team.get('Payments');
  const html = await app.op('export_digest', { teamId, cycleId: null, format: 'html' });
  assert.ok(html.content.includes('&lt;img src=x'), 'escaped in HTML');
  assert.ok(!/<img[^>]*onerror/i.test(html.content), 'no live image');
  await app.shot('loop-digest');
  await $(page, 'digest-save-md').click();
  await page.getByText(/Saved the digest for Payments to .*You said, we did - Payments\.md/).waitFor();
});

const teamsSeed = {
  cycles: [{ name: H1, mode: 'discovery', current: true }],
  teams: [{ name: 'Payments' }, { name: 'Search' }, { name: 'Ads' }],
  people: [
    { name: 'Priya Raman', team: 'Payments' },
    { name: 'Sam Okafor', team: 'Search' },
    { name: 'Ada Lin', team: 'Ads' },
  ],
  sessions: [{ cycle: H1, title: 'Discussion group', kind: 'discussion_group', heldOn: '2026-11-02', participants: 'Priya Raman, Sam Okafor, Ada Lin' }],
  observations: [
    { session: 'Discussion group', kind: 'pain', text: 'Payments: refunds take a week', people: ['Priya Raman'] },
    { session: 'Discussion group', kind: 'pain', text: 'Search: the index lags an hour', people: ['Sam Okafor'] },
    { session: 'Discussion group', kind: 'pain', text: 'Ads: reports time out', people: ['Ada Lin'] },
  ],
};

journey(
  'the digest on screen and the digest saved are always for the team the select shows, also when it is changed with the arrow keys',
  { seed: teamsSeed, delayMs: { team_digest: 600 } },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list').waitFor();
    await page.keyboard.press('Control+Shift+6');
    await $(page, 'loop-tab-digest').click();
    const select = $(page, 'digest-team');
    const shownTeam = () => select.evaluate((s) => s.options[s.selectedIndex]?.textContent ?? '');
    const first = await shownTeam();
    await $(page, 'digest-for').filter({ hasText: `For ${first}` }).waitFor();
    await $(page, 'digest-items').getByText(`${first}: `).waitFor();

    // The arrow keys move to the next team: the old team's digest leaves the screen at once.
    await select.focus();
    await page.keyboard.press('ArrowDown');
    const next = await shownTeam();
    assert.notEqual(next, first);
    assert.equal(await page.getByText(`${first}: `).count(), 0, `${first}'s digest is not shown under ${next}`);
    assert.equal(await $(page, 'digest-save-md').isDisabled(), true, 'nothing to save until the shown digest is the chosen one');
    await $(page, 'digest-for').filter({ hasText: `For ${next}` }).waitFor();
    await $(page, 'digest-items').getByText(`${next}: `).waitFor();
    await expectCount($(page, 'digest-item'), 1, `only ${next}'s`);

    // The saved file names the team shown.
    await $(page, 'digest-save-md').click();
    await page.getByText(new RegExp(`Saved the digest for ${next} to .*You said, we did - ${next}\\.md`)).waitFor();
    assert.equal(await shownTeam(), next);
  },
);
