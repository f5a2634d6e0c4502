// The discovery journey on the real app: log a coffee chat, select a passage of its
// notes, make it a pain attributed to the person who said it, tag it, tag an idea
// with the same tag, and find both again through search — also after quitting and
// relaunching.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Harness, byTestId, waitUntil, journey, APP_BINARY } from './lib/harness.mjs';
import { createFirstCycle, createSession, typeNotes, waitSaved, pickPeople, chipNames, setInputValue } from './lib/flows.mjs';
import { Keys } from './lib/webdriver.mjs';

let h;
before(async () => {
  h = await Harness.start('discovery');
});
after(async () => {
  await h?.close();
});

const PASSAGE = 'We retry flaky integration tests by hand before every release';
const NOTES = `CI takes forty minutes on a good day. ${PASSAGE}, which eats a morning each week.`;

/** Selects `passage` in the notes editor (as a drag would) through CodeMirror's own view. */
async function selectInNotes(app, passage) {
  const ok = await app.exec(
    `const passage = arguments[0];
     const content = document.querySelector('[data-testid="notes-editor"] .cm-content');
     const tile = content && (content.cmTile || content.cmView);
     const view = tile && ((tile.root && tile.root.view) || tile.view);
     if (!view) return false;
     const from = view.state.doc.toString().indexOf(passage);
     if (from < 0) return false;
     view.focus();
     view.dispatch({ selection: { anchor: from, head: from + passage.length } });
     return true;`,
    [passage],
  );
  assert.ok(ok, 'the passage is selected in the editor');
}

async function searchFor(app, text) {
  await app.session.keys(Keys.CONTROL, Keys.SHIFT, 'f');
  const input = await app.waitForTestId('search-input');
  await input.type(text);
  const hit = await waitUntil(
    async () => {
      for (const el of await app.findAll(byTestId('search-hit'))) {
        const t = await app.textOf(el);
        if (t.includes('Observation') && t.includes('flaky')) return el;
      }
      return null;
    },
    { message: `an observation hit for ${text}` },
  );
  return hit;
}

journey(() => h, 'a coffee chat passage becomes a tagged pain from its speaker, found again by search after a relaunch', { timeout: 180_000 }, async () => {
  const workspace = h.path('discovery.groundwork');
  const app = await h.launch(workspace);
  try {
    await createFirstCycle(app, '2027 H1 planning');
    await createSession(app, { title: 'Coffee with Priya', kind: 'coffee_chat', date: '2026-11-12', participants: 'Priya Raman' });
    await typeNotes(app, NOTES);
    await waitSaved(app);

    await selectInNotes(app, PASSAGE);
    // CodeMirror places a tooltip off-screen first and moves it over the selection on its next measure.
    await waitUntil(
      () => app.exec(`const b = document.querySelector('[data-testid="make-observation"]'); const r = b && b.getBoundingClientRect(); return !!r && r.top > 0 && r.left > 0;`),
      { message: 'the Make observation button over the selection' },
    );
    await app.click(byTestId('make-observation'));
    await app.waitForTestId('capture-dialog');
    assert.equal((await app.textOf(await app.find(byTestId('capture-passage')))).trim(), PASSAGE);
    assert.deepEqual(await chipNames(app, 'capture-people'), ['Priya Raman'], 'the session’s participant is proposed as the speaker');
    await app.click(byTestId('capture-kind-pain'));
    await pickPeople(app, 'capture-tags', ['flaky tests']);
    await app.screenshot('capture-dialog');
    await app.click(byTestId('capture-save'));
    await app.waitGone(byTestId('capture-dialog'));
    await app.waitText(byTestId('session-observation'), (t) => t.includes('Pain') && t.includes('flaky tests'));

    const hit = await searchFor(app, 'flak');
    const marked = await app.exec(`return Array.from(arguments[0].querySelectorAll('mark'), (m) => m.textContent);`, [hit]);
    assert.ok(marked.includes('flaky'), `the match is highlighted (${JSON.stringify(marked)})`);
    await app.screenshot('search');
    // The observation filters narrow the search: not a quote, but a pain.
    await app.click(byTestId('search-kind-quote'));
    await app.waitText(byTestId('search-none'), (t) => t.includes('with these filters'));
    await app.click(byTestId('search-kind-quote'));
    await app.click(byTestId('search-kind-pain'));
    const pain = await waitUntil(async () => {
      const hits = await app.findAll(byTestId('search-hit'));
      const texts = await Promise.all(hits.map((el) => app.textOf(el)));
      return texts.length > 0 && texts.every((t) => t.includes('Pain')) ? hits[0] : null;
    }, { message: 'only pains listed' });
    await pain.click();
    const text = await app.waitForTestId('observation-text');
    assert.equal(await text.property('value'), PASSAGE);
    assert.deepEqual(await chipNames(app, 'observation-people'), ['Priya Raman']);
    assert.deepEqual(await chipNames(app, 'observation-tags'), ['flaky tests']);
    await app.screenshot('observation');

    // Tagging an idea: the tag made for the pain is picked in the idea's editor.
    await app.session.keys(Keys.CONTROL, '4');
    await app.click(byTestId('new-idea-button'));
    const title = await app.waitForTestId('idea-title');
    await title.type('Quarantine flaky tests automatically');
    await pickPeople(app, 'idea-tags', ['flaky tests']);
    await app.waitText(byTestId('idea-row'), (t) => t.includes('Quarantine') && t.includes('flaky tests'));
    await app.waitText(byTestId('idea-save-state'), (t) => t.includes('Saved'));
    await app.screenshot('idea-tagged');
  } finally {
    await app.quit();
  }

  // The index is in the file: after a relaunch the same search finds it.
  const again = await h.launch(workspace);
  try {
    await again.waitForTestId('session-list');
    const hit = await searchFor(again, 'integration tests');
    await hit.click();
    await again.waitForTestId('observation-detail');
    await again.waitText(byTestId('observation-passage'), PASSAGE);

    // `tag:` finds the tagged idea beside the tagged pain.
    await again.session.keys(Keys.CONTROL, Keys.SHIFT, 'f');
    const input = await again.waitForTestId('search-input');
    await again.exec(`arguments[0].select();`, [input]);
    await input.type('tag:"flaky tests"');
    const kinds = await waitUntil(
      async () => {
        const texts = await Promise.all((await again.findAll(byTestId('search-hit'))).map((el) => again.textOf(el)));
        return texts.some((t) => t.includes('Quarantine flaky tests automatically')) && texts.some((t) => t.includes('Pain')) ? texts : null;
      },
      { message: 'the tagged idea and the tagged pain found by tag:' },
    );
    assert.equal(kinds.length, 2, kinds.join(' | '));
    await again.screenshot('search-by-tag');
  } finally {
    await again.quit();
  }
});

journey(() => h, 'Search on the sample workspace says "50 of N" and reaches every hit as the list scrolls', { timeout: 120_000 }, async () => {
  // The sample workspace, written by the command line built beside the app.
  const workspace = h.path('sample.groundwork');
  const cli = join(dirname(APP_BINARY), 'groundwork-cli');
  const made = spawnSync(cli, ['sample', '--out', workspace], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const total = JSON.parse(spawnSync(cli, ['--workspace', workspace, '--json', 'search', 'the', '--limit', '1'], { encoding: 'utf8' }).stdout).total;
  assert.ok(total > 50, `a word with more than a page of hits (${total})`);
  const app = await h.launch(workspace);
  try {
    await app.waitForTestId('session-list');
    await app.session.keys(Keys.CONTROL, Keys.SHIFT, 'f');
    const input = await app.waitForTestId('search-input');
    await input.type('the');
    await app.waitText(byTestId('search-count'), (t) => t.trim() === `50 of ${total}`);
    await app.screenshot('search-of-total');
    // Scrolling to the end loads the next pages, until every hit is listed.
    await waitUntil(
      async () => {
        await app.exec(`const el = document.getElementById('search-results'); el.scrollTo(0, el.scrollHeight);`);
        const shown = (await app.findAll(byTestId('search-hit'))).length;
        return shown === total;
      },
      { message: `all ${total} hits listed`, interval: 300 },
    );
    await app.waitText(byTestId('search-count'), (t) => t.trim() === String(total));
  } finally {
    await app.quit();
  }
});

journey(() => h, 'prioritizing the sample: the switch with its review, a pain from two observations, bucketed, ranked and explained, followed to who said it', { timeout: 180_000 }, async () => {
  const workspace = h.path('prioritize.groundwork');
  const cli = join(dirname(APP_BINARY), 'groundwork-cli');
  const made = spawnSync(cli, ['sample', '--out', workspace], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const app = await h.launch(workspace);
  try {
    await app.waitForTestId('session-list');
    // The switch, after the review of what discovery gathered.
    // The sample's current cycle is its discovery; its prioritization cycle is listed too.
    await app.session.keys(Keys.CONTROL, '7');
    await app.click(`${byTestId('cycle-row')}.current ${byTestId('cycle-advance')}`);
    await app.waitText(byTestId('cycle-review'), (t) => /42\s*sessions/.test(t));
    await app.screenshot('cycle-review');
    await app.click(byTestId('cycle-advance-confirm'));
    await app.waitText(`${byTestId('cycle-row')}.current`, (t) => t.includes('Back to discovery'));

    // Two observations become one pain.
    await app.session.keys(Keys.CONTROL, '2');
    await app.waitForTestId('observation-row');
    await app.exec(`document.querySelectorAll('[data-testid="observation-check"]').forEach((c, i) => { if (i < 2) c.click(); });`);
    await app.click(byTestId('bulk-make-pain'));
    await app.waitForTestId('pain-editor');
    await waitUntil(async () => (await app.findAll(byTestId('pain-evidence-item'))).length === 2, { message: 'two pieces of evidence' });

    // Bucketed, then ranked from its inputs, with its explanation.
    await app.click(byTestId('new-bucket-button'));
    const name = await app.waitForTestId('new-bucket-name');
    await name.type('Slow feedback from CI');
    await app.click(byTestId('new-bucket-create'));
    await app.waitText(byTestId('bucket'), (t) => t.includes('Slow feedback from CI'));
    await app.click(byTestId('pains-layout-ranked'));
    for (const [key, value] of [['impact', '2'], ['confidence', '80'], ['effort', '1']]) {
      await setInputValue(app, await app.waitForTestId(`pain-input-${key}`), value);
    }
    await app.waitText(byTestId('pain-score'), (t) => t.startsWith('RICE'));
    await app.waitText(byTestId('pain-why'), (t) => t.includes('Why #1?') && t.includes('reach'));
    await app.screenshot('pain-ranked');

    // Followed to the person who said it.
    const person = await app.waitForTestId('pain-evidence-person');
    const who = (await app.textOf(person)).trim();
    await person.click();
    await app.waitForTestId('person-editor');
    assert.equal(await (await app.waitForTestId('person-name')).property('value'), who);

    // The sample's own prioritization cycle, on the screens that follow the ranking.
    await app.session.keys(Keys.CONTROL, 'j');
    const pick = await app.waitForTestId('palette-input');
    await pick.type('2027 H1 prioritization');
    await app.session.keys(Keys.ENTER);
    await app.waitText(byTestId('cycle-switcher'), (t) => t.includes('2027 H1 prioritization'));
    await app.session.keys(Keys.CONTROL, '9');
    await app.waitText(byTestId('pain-row'), (t) => t.includes('#1*'));
    await app.click(byTestId('pains-layout-chart'));
    await app.waitForTestId('value-effort-chart');
    await waitUntil(async () => (await app.findAll(byTestId('chart-point'))).length >= 18, { message: 'the scored pains on the chart' });
    await app.screenshot('sample-pains-chart');
    await app.session.keys(Keys.CONTROL, '0');
    await app.click(byTestId('solution-row'));
    await app.waitForTestId('solution-editor');
    await app.waitText(byTestId('plan-balance'), (t) => /7\d% \/ 2\d%/.test(t));
    await app.screenshot('sample-solutions');
    await app.session.keys(Keys.CONTROL, Keys.SHIFT, '9');
    await app.waitText(byTestId('serve-excellent'), (t) => t.includes('Payments & Billing'));
    await app.screenshot('sample-tradeoffs');
  } finally {
    await app.quit();
  }
  const ranked = JSON.parse(spawnSync(cli, ['--workspace', workspace, '--json', 'rank', '--cycle', '2027 H1 planning'], { encoding: 'utf8' }).stdout);
  assert.equal(ranked.items.length, 1);
  const planned = JSON.parse(spawnSync(cli, ['--workspace', workspace, '--json', 'rank'], { encoding: 'utf8' }).stdout);
  assert.equal(planned.items.length, 25, 'the current cycle is the one switched to in the app');
  assert.ok(planned.items[0].overrideReason, JSON.stringify(planned.items[0]));
  assert.equal(ranked.items[0].bucket.name, 'Slow feedback from CI');
  assert.ok(ranked.items[0].score > 0, JSON.stringify(ranked.items[0]));
});
