// The first hour on the real app, walked as a new product manager would, from a new
// workspace to the "you said, we did" digest: a team and a stakeholder, the first
// cycle, a coffee chat with its notes and an observation said by its speaker, the
// switch to prioritization, a pain in a bucket, a charter line citing what was said
// (the lint naming the sections still empty before export), a survey wave imported
// without swamping People, a check-in rhythm, and the team's digest answered and
// saved. A screenshot at every step: artifacts/screenshots/app-first-hour-*.png.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Harness, byTestId, waitUntil, journey, APP_BINARY } from './lib/harness.mjs';
import { Keys } from './lib/webdriver.mjs';
import { createFirstCycle, createSession, pickPeople, selectOption, setInputValue, typeNotes, waitSaved } from './lib/flows.mjs';

let h;
before(async () => {
  h = await Harness.start('first-hour');
  // The shell's open dialog "picks" this survey export; saved files go to exports/.
  h.env.GROUNDWORK_SURVEY_FILE = h.path('Pulse (Responses).csv');
  const rows = Array.from({ length: 40 }, (_, i) => `2026-11-1${i % 10},eng${i}@corp.example,Payments,${(i % 5) + 1}`);
  writeFileSync(h.path('Pulse (Responses).csv'), ['Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?', ...rows].join('\n'));
  h.env.GROUNDWORK_EXPORT_DIR = h.path('exports');
  mkdirSync(h.path('exports'), { recursive: true });
  // The folder the "Import notes" dialog picks: a small Obsidian vault.
  h.env.GROUNDWORK_NOTES_FOLDER = h.path('Vault');
  mkdirSync(h.path('Vault/Coffee chats'), { recursive: true });
  mkdirSync(h.path('Vault/.obsidian'), { recursive: true });
  writeFileSync(h.path('Vault/Coffee chats/Lunch with Tom.md'), '---\ndate: 2026-10-12\npeople: [Tom Berg]\ntags: [deploys]\n---\nDeploys wait for a human on Fridays.\n');
  writeFileSync(h.path('Vault/Runbook.md'), '---\ntype: support ticket review\n---\nRetry once.\n');
  await h.restartDriver();
});
after(async () => {
  await h?.close();
});

/** Sets a <textarea>'s text as typing would (WebKitGTK's WebDriver drops keys now and then). */
async function setText(app, el, value) {
  await app.exec(
    `const [el, value] = arguments;
     const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
     setter.call(el, value);
     el.dispatchEvent(new Event('input', { bubbles: true }));`,
    [el, value],
  );
  await waitUntil(async () => (await el.property('value')) === value, { message: `text ${value}` });
}

let step = 0;
const shot = (app, name) => app.screenshot(`first-hour-${String(++step).padStart(2, '0')}-${name}`);

journey(() => h, 'the first hour: from a new workspace to the "you said, we did" digest, without a stumble', { timeout: 300_000 }, async () => {
  const workspace = h.path('first-hour.groundwork');
  const cli = join(dirname(APP_BINARY), 'groundwork-cli');
  const app = await h.launch(workspace);
  try {
    // A new workspace: the welcome, then the first cycle.
    await app.waitForTestId('welcome');
    await shot(app, 'welcome');
    await createFirstCycle(app, '2027 H1 planning');
    await shot(app, 'first-cycle');

    // The register: a team, then a stakeholder in it.
    await app.click(byTestId('nav-people'));
    await app.click(byTestId('teams-tab'));
    await setInputValue(app, await app.waitForTestId('new-team-name'), 'Payments');
    await app.click(byTestId('new-team-button'));
    await waitUntil(async () => (await app.findAll(byTestId('team-row'))).length === 1, { message: 'the team listed' });
    await shot(app, 'team');
    await app.click(byTestId('people-tab'));
    await app.click(byTestId('new-person-button'));
    const name = await app.waitForTestId('new-person-name');
    assert.equal(await app.exec('return document.activeElement?.getAttribute("data-testid")'), 'new-person-name', 'the dialog focuses its first field');
    await setInputValue(app, name, 'Priya Raman');
    const team = await app.find(byTestId('new-person-team'));
    const payments = await app.exec(`return Array.from(arguments[0].options).find((o) => o.textContent.trim() === 'Payments')?.value;`, [team]);
    await selectOption(app, team, payments);
    await shot(app, 'new-person');
    await app.click(byTestId('new-person-submit'));
    await app.waitFor(byTestId('person-editor'));

    // A coffee chat: its notes, and what Priya said made an observation.
    await app.click(byTestId('nav-sessions'));
    await createSession(app, { title: 'Coffee with Priya', kind: 'coffee_chat', date: '2026-11-20', participants: 'Priya Raman' });
    await typeNotes(app, 'CI takes forty minutes on a good day.');
    await waitSaved(app);
    await shot(app, 'session-notes');
    await app.click(byTestId('session-new-observation'));
    const text = await app.waitForTestId('capture-text');
    await setText(app, text, 'CI takes forty minutes on a good day');
    await shot(app, 'capture');
    await app.click(byTestId('capture-save'));
    await app.waitGone(byTestId('capture-dialog'));
    await app.waitText(byTestId('session-observations'), (t) => t.includes('forty minutes'));

    // The switch to prioritization, from the palette, after its review.
    await app.session.keys(Keys.CONTROL, 'k');
    const palette = await app.waitForTestId('palette-input');
    await palette.type('advance');
    await app.waitText(byTestId('command-palette'), (t) => /Advance/i.test(t));
    await shot(app, 'palette-advance');
    await app.session.keys(Keys.ENTER);
    await app.waitForTestId('cycle-review');
    await shot(app, 'cycle-review');
    await app.click(byTestId('cycle-advance-confirm'));
    await app.waitText(byTestId('cycle-mode'), /prioritization/i);

    // A pain from the observation, in a bucket.
    await app.click(byTestId('nav-observations'));
    await app.waitForTestId('observation-row');
    await app.exec(`document.querySelector('[data-testid="observation-check"]').click();`);
    await app.click(byTestId('bulk-make-pain'));
    await app.waitForTestId('pain-editor');
    await app.click(byTestId('new-bucket-button'));
    await setInputValue(app, await app.waitForTestId('new-bucket-name'), 'Slow feedback from CI');
    await app.click(byTestId('new-bucket-create'));
    await app.waitText(byTestId('bucket'), (t) => t.includes('Slow feedback from CI'));
    await shot(app, 'pain-in-bucket');

    // The charter: a line that cites what Priya said; before export the empty sections are named.
    await app.click(byTestId('nav-documents'));
    await app.waitForTestId('documents-view');
    const cursor = await app.exec(
      `const content = document.querySelector('[data-testid="documents-view"] .cm-content');
       const tile = content && (content.cmTile || content.cmView);
       const view = tile && ((tile.root && tile.root.view) || tile.view);
       if (!view) return false;
       const at = view.state.doc.toString().indexOf('## Unique value') + '## Unique value'.length;
       view.focus();
       view.dispatch({ changes: { from: at, insert: '\\n\\nEvery team waits on CI ' }, selection: { anchor: at + 25 } });
       return true;`,
    );
    assert.ok(cursor, 'the cursor is in the charter');
    await app.session.keys(Keys.CONTROL, Keys.SHIFT, 'l');
    const cite = await app.waitForTestId('cite-search');
    await cite.type('forty');
    await app.waitText(byTestId('cite-picker'), (t) => t.includes('Priya Raman'));
    await shot(app, 'cite-picker');
    await app.session.keys(Keys.ENTER);
    await app.waitGone(byTestId('cite-picker'));
    await waitUntil(async () => (await app.findAll(byTestId('cite-chip'))).length >= 1, { message: 'the citation as a chip' });
    await app.click(byTestId('export'));
    await app.waitText(byTestId('export-empty-sections'), (t) => t.includes('Competitive advantages'));
    await shot(app, 'export-dialog');
    await app.click(byTestId('export-doc-md'));
    await app.waitText(byTestId('toasts'), (t) => t.includes('Show in folder'));
    await waitUntil(() => readdirSync(h.path('exports')).some((f) => f.startsWith('Charter')), { message: 'the charter saved' });

    // A survey wave: the mapping says whom it would add; by default no one.
    await app.click(byTestId('nav-surveys'));
    await app.click(byTestId('survey-import-open'));
    await app.click(byTestId('survey-choose-file'));
    await app.waitText(byTestId('survey-register'), (t) => t.includes('40 respondents') && t.includes('none of them'));
    await shot(app, 'survey-mapping');
    await app.click(byTestId('survey-import-go'));
    await app.waitGone(byTestId('survey-import'));
    await app.waitText(byTestId('surveys-view'), (t) => t.includes('satisfied'));
    await shot(app, 'survey-chart');

    // Close the loop: a check-in rhythm for Priya, found by typing; then the team's digest.
    await app.click(byTestId('nav-loop'));
    await pickPeople(app, 'checkin-add-person', ['Priya Raman']);
    await app.click(byTestId('checkin-add-go'));
    await app.waitForTestId('checkin-due-row');
    await shot(app, 'checkins');
    await app.click(byTestId('loop-tab-digest'));
    await app.waitText(byTestId('digest-for'), (t) => t.includes('Payments'));
    await app.click(byTestId('digest-answer'));
    await setText(app, await app.waitForTestId('digest-answer-what'), 'Runners start warm now: a build takes twelve minutes.');
    await app.click(byTestId('digest-answer-save'));
    // Answering the pain answers what Priya said with it.
    await app.waitText(byTestId('digest-counts'), (t) => t.includes('0 still open'));
    await shot(app, 'digest');
    await app.click(byTestId('digest-save-md'));
    const digest = await waitUntil(() => readdirSync(h.path('exports')).find((f) => f.includes('You said, we did')), { message: 'the digest saved' });
    assert.equal(digest, 'You said, we did - Payments.md', 'the file names the team shown');
    assert.ok(readFileSync(join(h.path('exports'), digest), 'utf8').includes('twelve minutes'));
  } finally {
    await app.quit();
  }

  // What the walk left: one person in People (the survey added no one), one pain, the answer.
  const people = JSON.parse(spawnSync(cli, ['--workspace', workspace, 'call', 'list_people', '{"query": {}}'], { encoding: 'utf8' }).stdout);
  assert.deepEqual(people.map((p) => p.name), ['Priya Raman']);
});

journey(() => h, 'an Obsidian vault chosen through the shell imports as sessions of the current cycle', { timeout: 120_000 }, async () => {
  const workspace = h.path('vault.groundwork');
  const cli = join(dirname(APP_BINARY), 'groundwork-cli');
  assert.equal(spawnSync(cli, ['new', workspace], { encoding: 'utf8' }).status, 0);
  assert.equal(spawnSync(cli, ['--workspace', workspace, 'call', 'create_cycle', '{"name": "2027 H1"}'], { encoding: 'utf8' }).status, 0);
  const app = await h.launch(workspace);
  try {
    await app.click(byTestId('empty-import-notes'));
    await app.click(byTestId('import-notes-choose'));
    await app.waitText(byTestId('import-notes-preview'), (t) => t.includes('2 notes') && t.includes('Tom Berg') && t.includes('.obsidian'));
    await app.screenshot('import-notes');
    await app.click(byTestId('import-notes-go'));
    await app.waitGone(byTestId('import-notes'));
    await waitUntil(async () => (await app.findAll(byTestId('session-row'))).length === 2, { message: 'two sessions listed' });
  } finally {
    await app.quit();
  }
  const sessions = JSON.parse(spawnSync(cli, ['--workspace', workspace, '--json', 'sessions'], { encoding: 'utf8' }).stdout);
  assert.deepEqual(sessions.map((s) => [s.title, s.kind]).sort(), [['Lunch with Tom', 'coffee_chat'], ['Runbook', 'support_ticket_review']]);
});
