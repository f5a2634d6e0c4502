// The roadmap: items drafted from solutions in Now / Next / Later, moved with the
// keyboard, refused out of draft until they say what they deliver on their own, shown
// over twelve months as ranges rather than dates, and exported as a table, on real
// core through the test server.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> Warm caches first';

const seed = {
  cycles: [{ name: H1, mode: 'roadmap', current: true }],
  teams: [{ name: 'Payments', segment: 'Fintech' }],
  people: [{ name: 'Priya Raman', team: 'Payments' }],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', participants: 'Priya Raman' }],
  observations: [{ session: 'Coffee with Priya', kind: 'pain', text: 'Deploys wait on slow builds', people: ['Priya Raman'] }],
};

journey('roadmap: items come from solutions, move between lanes by keyboard, leave draft only with the value they deliver, and export as a table', { seed }, async (app) => {
  const { page } = app;
  const cycleId = app.ids.cycle.get(H1);
  const bucket = await app.op('create_bucket', { cycleId, bucket: { name: 'Slow delivery', kind: 'eliminate' } });
  await app.op('create_solution', { bucketId: bucket.id, solution: { title: 'Remote build cache', horizon: 'immediate', status: 'validating', effort: 4 } });
  await app.op('create_solution', { bucketId: bucket.id, solution: { title: 'Self-healing pipelines', horizon: 'vision', status: 'unvalidated', effort: 2 } });
  await $(page, 'session-list').waitFor();

  await page.keyboard.press('Control+Shift+8');
  await $(page, 'roadmap-view').waitFor();
  await expectCount($(page, 'roadmap-card'), 0, 'an empty roadmap');

  // Two items in Now, drafted from the solutions.
  await $(page, 'roadmap-add-now').click();
  await $(page, 'roadmap-add-solution').selectOption({ label: 'Remote build cache (Slow delivery)' });
  await $(page, 'roadmap-add-title').fill(HOSTILE);
  await $(page, 'roadmap-add-save').click();
  await $(page, 'roadmap-editor').waitFor();
  await $(page, 'roadmap-add-now').click();
  await $(page, 'roadmap-add-solution').selectOption({ label: 'Self-healing pipelines (Slow delivery)' });
  await $(page, 'roadmap-add-save').click();
  await expectCount($(page, 'roadmap-lane-now').getByTestId('roadmap-card'), 2, 'two items in Now');
  // A hostile title stays text.
  await $(page, 'roadmap-card').filter({ hasText: '<img src=x' }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('[data-testid=roadmap-view] img').count(), 0);
  // Effort reads as effort, not as a time of day; nothing chosen, the lanes have the room.
  await $(page, 'roadmap-card').filter({ hasText: 'Self-healing pipelines' }).getByTestId('roadmap-item-work').getByText('Capability · 2 person-months').waitFor();
  const lane = await $(page, 'roadmap-lane-now').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(lane >= 220, `a lane is wide enough for a title (${lane} px)`);

  // Alt+Right moves the focused card to Next; Alt+Up then Alt+Down reorder within a lane.
  const pipelines = $(page, 'roadmap-card').filter({ hasText: 'Self-healing pipelines' });
  await pipelines.focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expectCount($(page, 'roadmap-lane-next').getByTestId('roadmap-card'), 1, 'one item in Next');
  let roadmap = await app.until('get_roadmap', { cycleId }, (r) => r.items.some((i) => i.lane === 'next'));
  assert.deepEqual(roadmap.items.map((i) => [i.lane, i.title]), [['now', HOSTILE], ['next', 'Self-healing pipelines']]);
  // Focus follows the card into its new lane, so the next Alt+arrow moves it again.
  await page.keyboard.press('Alt+ArrowLeft');
  await expectCount($(page, 'roadmap-lane-now').getByTestId('roadmap-card'), 2, 'back in Now');
  await page.keyboard.press('Alt+ArrowUp');
  roadmap = await app.until('get_roadmap', { cycleId }, (r) => r.items[0].title === 'Self-healing pipelines');
  assert.equal(roadmap.items[1].title, HOSTILE);

  // Out of draft without saying what it delivers on its own: refused, and it stays a draft.
  await $(page, 'roadmap-card').filter({ hasText: 'Warm caches first' }).click();
  await $(page, 'roadmap-status').selectOption('planned');
  await $(page, 'toast').filter({ hasText: /delivers on its own before it leaves draft/ }).first().waitFor();
  await expectCount($(page, 'roadmap-status').locator('option:checked[value=draft]'), 1, 'still a draft');
  roadmap = await app.op('get_roadmap', { cycleId });
  assert.equal(roadmap.items.find((i) => i.title === HOSTILE).status, 'draft');

  // Say it, with a quarter and high confidence; then it is planned.
  await $(page, 'roadmap-value').fill('The three largest teams build in half the time, even if nothing else ships');
  await $(page, 'roadmap-quarter').fill('2027-Q2');
  await $(page, 'roadmap-confidence-high').click();
  await app.until('get_roadmap', { cycleId }, (r) => r.items.some((i) => i.quarter === '2027-Q2' && i.confidence === 'high' && i.value.startsWith('The three largest')));
  await $(page, 'roadmap-status').selectOption('planned');
  roadmap = await app.until('get_roadmap', { cycleId }, (r) => r.items.some((i) => i.status === 'planned'));
  // The split of the plan counts the items' effort: 4 immediate, 2 vision.
  assert.equal(roadmap.balance.immediateEffort, 4);
  assert.equal(roadmap.balance.visionEffort, 2);
  await app.shot('roadmap-lanes');

  // Twelve months: the quarter is a solid bar, the lane without a date a range.
  await $(page, 'roadmap-show-months').click();
  await expectCount($(page, 'roadmap-month-row'), 2, 'a row an item');
  const exact = $(page, 'roadmap-month-row').filter({ hasText: 'Warm caches first' }).getByTestId('roadmap-bar');
  assert.match(await exact.getAttribute('class'), /\bexact\b/);
  const ranged = $(page, 'roadmap-month-row').filter({ hasText: 'Self-healing pipelines' }).getByTestId('roadmap-bar');
  assert.doesNotMatch(await ranged.getAttribute('class'), /\bexact\b/);
  assert.match(await ranged.getAttribute('title'), /no date given/);
  await app.shot('roadmap-months');

  // Exported as a table, the hostile title as text.
  const md = await app.op('export_document', { cycleId, doc: 'roadmap', format: 'md' });
  assert.match(md.content, /\| *Now *\|/i);
  assert.match(md.content, /The three largest teams build in half the time/);
  const html = await app.op('export_document', { cycleId, doc: 'roadmap', format: 'html' });
  assert.ok(html.content.includes('&lt;img src=x'), 'the title is escaped in HTML');
  assert.ok(!/<img[^>]*onerror/i.test(html.content), 'no live image');
  await page.keyboard.press('Control+Shift+0');
  await $(page, 'documents-view').waitFor();
  await $(page, 'export').click();
  await $(page, 'export-roadmap-md').click();
  await page.getByText(/Saved to .*Roadmap - 2027 H1 planning\.md/).waitFor();
});
