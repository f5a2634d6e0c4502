// Search: one search over sessions, notes, observations, people, ideas and tags, with
// the observation list's filters, in its own view (Ctrl+Shift+F) and in the command
// palette; both show the same search.

import assert from 'node:assert/strict';
import { journey, $ } from '../journey.mjs';

const H1 = '2027 H1 planning';
const H2 = '2026 H2 planning';

const flaky = {
  cycles: [{ name: H2, mode: 'roadmap' }, { name: H1, current: true }],
  teams: [{ name: 'Payments', segment: 'Product engineering' }, { name: 'Data', segment: 'Data & ML' }],
  people: [
    { name: 'Priya Raman', team: 'Payments', relation: 'stakeholder', goals: 'Ship releases without waiting on flaky CI' },
    { name: 'Tom Berg', team: 'Data' },
  ],
  tags: [{ name: 'flaky tests', group: 'theme' }],
  sessions: [
    { cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-10', people: ['Priya Raman'], notes: 'Flaky tests block every release.\nThey want a quarantine for flaky suites.' },
    { cycle: H1, title: 'SLA talk with Data', kind: 'sla_conversation', heldOn: '2026-11-12', people: ['Tom Berg'], notes: 'Deploys are flaky on Fridays.' },
    { cycle: H2, title: 'Vendor scan: test runners', kind: 'cloud_vendor_scan', heldOn: '2026-05-01', notes: 'Every runner claims to detect flaky tests.' },
  ],
  observations: [
    { session: 'Coffee with Priya', kind: 'pain', passage: 'Flaky tests block every release.', people: ['Priya Raman'], tags: ['flaky tests'] },
    { session: 'Coffee with Priya', kind: 'request', passage: 'They want a quarantine for flaky suites.', people: ['Priya Raman'] },
    { session: 'SLA talk with Data', kind: 'pain', passage: 'Deploys are flaky on Fridays.', people: ['Tom Berg'] },
  ],
  ideas: [{ cycle: H1, title: 'Quarantine flaky tests automatically', description: 'Move tests that flip out of the blocking path.' }],
};

/** The hits listed, as "Entity: title" (observations by their text), once the search for the words typed has answered. */
async function hitsOf(page) {
  await page.waitForFunction(() => {
    // The Search view shows its count only once the latest search has answered (the
    // hits, or a notice, of the words before stay in sight until then).
    const count = document.querySelector('[data-testid=search-count]');
    if (count && !count.textContent.trim()) return false;
    const busy = document.querySelector('[data-testid=search-none]')?.textContent?.includes('Searching');
    return !busy && !!document.querySelector('[data-testid=search-hit], [data-testid=search-none]');
  });
  return page.locator('[data-testid=search-hit]').evaluateAll((els) => els.map((el) => el.innerText.replace(/\s+/g, ' ').trim()));
}

/** Waits until the hits listed are exactly `count`. */
async function expectHits(page, count, message) {
  await page
    .waitForFunction((n) => document.querySelectorAll('[data-testid=search-hit]').length === n && !document.querySelector('[data-testid=search-none]'), count, { timeout: 5000 })
    .catch(async () => assert.fail(`${message}: expected ${count} hits, saw ${JSON.stringify(await hitsOf(page))}`));
}

journey('Ctrl+Shift+F opens Search: one word finds sessions, observations, people, ideas and tags in every cycle', { seed: flaky }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-view').waitFor();
  // The cursor is in the words: typing searches.
  await page.keyboard.type('flak');
  // 3 sessions (one from the older cycle), 3 observations, Priya (her goals), the idea, the tag.
  await expectHits(page, 9, 'every kind of thing');
  const hits = await hitsOf(page);
  for (const what of ['Session', 'Pain', 'Request', 'Person', 'Idea', 'Tag']) {
    assert.ok(hits.some((h) => h.startsWith(what)), `a ${what} hit in ${JSON.stringify(hits)}`);
  }
  assert.ok(hits.some((h) => h.includes('Vendor scan: test runners')), 'the older cycle is searched too');
  assert.equal(await $(page, 'search-snippet').first().locator('mark').first().innerText().then((t) => t.toLowerCase().startsWith('flak')), true, 'the matched word is highlighted');
  await app.shot('search-view');

  // Only this cycle: the older cycle's session goes, and so do people and tags (they belong to no cycle).
  await $(page, 'search-cycle-scope').click();
  await expectHits(page, 6, 'this cycle only');
  assert.equal(await $(page, 'search-scope-person').isDisabled(), true, 'People cannot be found within a cycle');
  await $(page, 'search-narrowed').getByText('leave out people, tags').waitFor();
  await $(page, 'search-cycle-scope').click();
  await expectHits(page, 9, 'every cycle again');

  // Only sessions.
  await $(page, 'search-scope-session').click();
  await expectHits(page, 3, 'sessions only');
  assert.ok((await hitsOf(page)).every((h) => h.startsWith('Session')));
  await $(page, 'search-scope-all').click();
  await expectHits(page, 9, 'everything again');
});

journey('Search filters by kind, tag, person, team, source and date, as the observation list does', { seed: flaky }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-input').fill('flaky');
  await expectHits(page, 9, 'unfiltered');

  // A kind finds observations only, and says what it leaves out.
  await $(page, 'search-kind-pain').click();
  await expectHits(page, 2, 'pains');
  assert.ok((await hitsOf(page)).every((h) => h.startsWith('Pain')));
  await $(page, 'search-narrowed').getByText('leave out sessions, what was said in transcripts, people, ideas, tags').waitFor();
  assert.equal(await $(page, 'search-scope-session').isDisabled(), true);

  // Kind and tag together.
  await $(page, 'search-more-filters').click();
  await $(page, 'filter-tags-input').fill('flaky');
  await $(page, 'filter-tags-option').first().click();
  await expectHits(page, 1, 'pains tagged flaky tests');
  assert.match((await hitsOf(page))[0], /Flaky tests block every release/);
  await $(page, 'search-clear-filters').click();
  await expectHits(page, 9, 'cleared');

  // A person finds their sessions and the observations attributed to them.
  await $(page, 'filter-people-input').fill('Tom');
  await $(page, 'filter-people-option').first().click();
  await expectHits(page, 2, 'Tom’s session and observation');
  const toms = await hitsOf(page);
  assert.ok(toms.some((h) => h.startsWith('Session') && h.includes('SLA talk with Data')));
  assert.ok(toms.some((h) => h.startsWith('Pain') && h.includes('Deploys are flaky')));
  await $(page, 'search-clear-filters').click();

  // A team, a source kind, and a date range.
  await $(page, 'filter-teams-input').fill('Pay');
  await $(page, 'filter-teams-option').first().click();
  await expectHits(page, 3, 'the Payments team’s session and two observations');
  await $(page, 'search-clear-filters').click();
  await $(page, 'filter-source').selectOption('cloud_vendor_scan');
  await expectHits(page, 1, 'the vendor scan');
  await $(page, 'filter-source').selectOption('');
  await $(page, 'filter-from').fill('2026-11-11');
  await expectHits(page, 2, 'from 11 November: the SLA talk and its observation');
  await app.shot('search-filters');

  // Nothing left: a plain message and a way out.
  await $(page, 'search-kind-fact').click();
  await $(page, 'search-none').getByText('Nothing found for “flaky” with these filters').waitFor();
  await $(page, 'search-clear').click();
  await expectHits(page, 9, 'cleared from the empty state');

  // Every call carried the filter core reads.
  const calls = await app.calls('search');
  const withPerson = calls.find((c) => c.args.query.filter.personIds?.length === 1);
  assert.ok(withPerson, 'the person filter reached the backend');
  assert.ok(calls.every((c) => c.ok), 'no search failed');
});

journey('a hit shows on the right, editable; Enter opens it in its own screen', { seed: flaky }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-input').fill('quarantine');
  await expectHits(page, 3, 'the request, its session and the idea');

  // Arrow keys walk the hits; the observation's editor shows beside them.
  const request = $(page, 'search-hit').filter({ hasText: 'Request' });
  await request.click();
  await $(page, 'observation-detail').waitFor();
  assert.equal(await $(page, 'observation-text').inputValue(), 'They want a quarantine for flaky suites.');
  await $(page, 'observation-text').fill('They want flaky suites quarantined, not deleted.');
  await page.waitForFunction(() => document.querySelector('[data-testid=observation-save-state]')?.textContent?.includes('Saved'));
  const saved = await app.op('get_observation', { id: app.ids.observation.get('They want a quarantine for flaky suites.') });
  assert.equal(saved.text, 'They want flaky suites quarantined, not deleted.', 'edits in the preview autosave');
  await app.shot('search-preview');

  // The preview's own save searched again and kept the hit selected.
  await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).filter((c) => c.cmd === 'search' && c.ok).length >= 2);
  await page.locator('[data-testid=search-hit][aria-selected=true]').filter({ hasText: 'quarantined, not deleted' }).waitFor();
  await $(page, 'observation-detail').waitFor();

  // A session previews in its editor (the observation's hit names its session too: pick the session's own).
  const sessionHit = $(page, 'search-hit').filter({ has: page.locator('.badge', { hasText: /^Session$/ }) }).filter({ hasText: 'Coffee with Priya' });
  await sessionHit.click();
  await sessionHit.and(page.locator('[aria-selected=true]')).waitFor();
  await page.locator(`[data-testid=session-editor][data-session-id="${app.ids.session.get('Coffee with Priya')}"]`).waitFor();
  assert.equal(await $(page, 'session-title').inputValue(), 'Coffee with Priya');

  // Enter opens the selected hit where it lives.
  await $(page, 'search-hit').filter({ hasText: 'Idea' }).click();
  await $(page, 'search-card').getByRole('heading', { name: 'Quarantine flaky tests automatically' }).waitFor();
  await $(page, 'search-input').focus();
  await page.keyboard.press('Enter');
  await $(page, 'ideas-view').waitFor();
  await $(page, 'idea-editor').waitFor();
  assert.equal(await $(page, 'idea-title').inputValue(), 'Quarantine flaky tests automatically', 'the idea opens selected');

  // Coming back finds the same search, hits and selection.
  await page.keyboard.press('Control+Shift+F');
  assert.equal(await $(page, 'search-input').inputValue(), 'quarantine');
  const selected = page.locator('[data-testid=search-hit][aria-selected=true]');
  await selected.filter({ hasText: 'Idea' }).waitFor();
  // The arrow keys move the selection from the words; the preview follows.
  const at = await $(page, 'search-hit').evaluateAll((els) => els.findIndex((el) => el.getAttribute('aria-selected') === 'true'));
  await page.keyboard.press(at === 0 ? 'ArrowDown' : 'ArrowUp');
  await $(page, 'search-hit').nth(at === 0 ? 1 : at - 1).and(selected).waitFor();
  await page.locator('[data-testid=observation-detail], [data-testid=session-editor]').first().waitFor();
});

journey('the palette searches with the same scope and filters, and Ctrl+Enter opens them in Search', { seed: flaky }, async (app) => {
  const { page } = app;
  // Set a filter in Search first.
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-kind-pain').click();
  await page.keyboard.press('Control+1');

  await page.keyboard.press('Control+k');
  await $(page, 'palette-input').fill('flaky');
  await $(page, 'palette-item').filter({ hasText: 'Search everything for “flaky”' }).click();
  await $(page, 'palette-clear-filters').getByText('1 filter').waitFor();
  await expectHits(page, 2, 'pains in the palette');
  await app.shot('palette-search-filtered');
  await $(page, 'palette-clear-filters').click();
  await expectHits(page, 9, 'everything in the palette');
  await $(page, 'palette-scope-person').click();
  await expectHits(page, 1, 'people only');
  assert.match((await hitsOf(page))[0], /Priya Raman/);

  await $(page, 'palette-input').press('Control+Enter');
  await $(page, 'search-view').waitFor();
  assert.equal(await $(page, 'command-palette').count(), 0, 'the palette closes');
  assert.equal(await $(page, 'search-input').inputValue(), 'flaky');
  assert.equal(await $(page, 'search-scope-person').getAttribute('aria-checked'), 'true');
  await expectHits(page, 1, 'the same search in the view');
});

journey('hostile words with filters set give hits or a plain message, never an error', { seed: flaky }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-kind-pain').click();
  const input = $(page, 'search-input');
  for (const text of ['"', 'NEAR(', '(((', '*', 'AND', "'; DROP TABLE observation; --", '<img src=x onerror="window.__pwned=1">', '🚀', 'flaky)', 'x'.repeat(2000)]) {
    await input.fill(text);
    const hits = await hitsOf(page);
    const none = $(page, 'search-none');
    if (!hits.length) assert.doesNotMatch(await none.innerText(), /sqlite|fts5|syntax error|database/i, `${JSON.stringify(text.slice(0, 20))}`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'markup in the words stays text');
  assert.equal((await app.calls('search')).filter((c) => !c.ok).length, 0, 'no search call failed');
});

journey(
  'Search reads well in dark mode, with a kind chosen and a hit previewed',
  { seed: flaky },
  async (app) => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+F');
    await $(page, 'search-input').fill('flaky');
    await expectHits(page, 9, 'unfiltered');
    await $(page, 'search-kind-pain').click();
    await expectHits(page, 2, 'pains');
    await $(page, 'search-hit').first().click();
    await $(page, 'observation-detail').waitFor();
    // The highlight and the chosen chip keep their contrast on the dark surface.
    const [mark, chip] = await Promise.all([
      $(page, 'search-snippet').first().locator('mark').first().evaluate((el) => getComputedStyle(el).backgroundColor),
      $(page, 'search-kind-pain').evaluate((el) => getComputedStyle(el).backgroundColor),
    ]);
    assert.notEqual(mark, 'rgb(253, 243, 225)', 'the highlight is not the light theme’s');
    assert.notEqual(chip, 'rgb(255, 255, 255)', 'the chosen kind is not a white chip');
    await app.shot('dark-search');
  },
  { colorScheme: 'dark' },
);

/** 120 dated pains, written in an order unlike their dates. */
const many = {
  cycles: [{ name: H1, current: true }],
  people: [{ name: 'Priya Raman' }],
  observations: Array.from({ length: 120 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, 1) + ((i * 37) % 120) * 86400000).toISOString().slice(0, 10);
    return { cycle: H1, kind: i % 4 === 0 ? 'request' : 'pain', text: `Deploy queue stalls again, case ${i}`, observedOn: day, people: i % 10 === 0 ? ['Priya Raman'] : [] };
  }),
};

/** The dates of the hits listed. */
const datesOf = (page) => page.locator('[data-testid=search-hit-date]').evaluateAll((els) => els.map((el) => el.dataset.date));

journey('Search says "50 of 120", loads the rest as the list scrolls, and switches between best matches and newest', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-input').fill('deploy');
  await expectHits(page, 50, 'the first page');
  await $(page, 'search-count').getByText('50 of 120').waitFor();
  await $(page, 'search-scope-observation').getByText('120').waitFor();
  await $(page, 'search-order-reason').getByText('Best matches first').waitFor();
  assert.equal(await $(page, 'search-order-relevance').getAttribute('aria-checked'), 'true', 'a narrow search is ranked');
  await app.shot('search-of-total');

  // Scrolling to the end brings the next pages, until every hit is there.
  const results = page.locator('#search-results');
  for (const n of [100, 120]) {
    await results.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expectHits(page, n, `after scrolling (${n})`);
  }
  await $(page, 'search-count').getByText(/^120$/).waitFor();
  assert.equal(await $(page, 'search-more').count(), 0, 'nothing more to load');

  // Newest first: by the observation's date, across pages.
  await $(page, 'search-order-newest').click();
  await $(page, 'search-order-reason').getByText('Newest first.').waitFor();
  await expectHits(page, 50, 'the first page, newest first');
  await $(page, 'search-more').click();
  await expectHits(page, 100, 'the second page');
  const dates = await datesOf(page);
  assert.equal(dates[0], '2026-04-30', 'the latest date first');
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first throughout');
  const calls = await app.calls('search');
  assert.ok(calls.some((c) => c.args.query.offset === 50 && c.args.query.order === 'newest'), 'the next page asks for the same order');
});

journey('typed fields show as chips in Search and the palette; one that names nothing says so', { seed: many }, async (app) => {
  const { page } = app;
  await page.keyboard.press('Control+Shift+F');
  await $(page, 'search-input').fill('deploy kind:request person:priya -again');
  await $(page, 'search-chip').getByText('Kind: Request').waitFor();
  await $(page, 'search-chip').getByText('Person: Priya Raman').waitFor();
  await $(page, 'search-chip').getByText('without again').waitFor();
  await $(page, 'search-none').getByText('Nothing found').waitFor();
  await $(page, 'search-input').fill('deploy kind:request person:priya');
  // Requests are every 4th, Priya every 10th: cases 0, 20, 40, 60, 80, 100.
  await expectHits(page, 6, 'requests by Priya');
  await app.shot('search-chips');
  await $(page, 'search-input').fill('deploy person:nobody');
  const missing = $(page, 'search-chip').getByText('No person matches “nobody”');
  await missing.waitFor();
  await $(page, 'search-none').getByText('Nothing found').waitFor();

  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+k');
  await $(page, 'palette-input').fill('stalls');
  await $(page, 'palette-item').filter({ hasText: 'Search everything for “stalls”' }).click();
  await $(page, 'palette-count').getByText('50 of 120').waitFor();
  await $(page, 'palette-input').fill('stalls kind:request');
  await $(page, 'palette-chip').getByText('Kind: Request').waitFor();
  await $(page, 'palette-count').getByText('30 of 30').waitFor();
});
