// Transcripts on the real app: a Teams VTT picked by the shell (GROUNDWORK_TRANSCRIPT_FILE
// stands for the open dialog) and read by it, previewed and imported into a new session
// in WebKit; words selected in a turn become the speaker's observation said at its time;
// the command line then reads what the app wrote, cites it in the charter and exports
// it, the footnote naming the speaker and the time.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Harness, byTestId, waitUntil, journey, APP_BINARY } from './lib/harness.mjs';
import { Keys } from './lib/webdriver.mjs';

const TEAMS = `\uFEFFWEBVTT

a1/1-0
00:00:01.000 --> 00:00:04.000
<v Alex Kim>What slows your team down most?</v>

a1/2-0
00:00:04.000 --> 00:00:10.000
<v Raman, Priya>The deploy queue. We wait forty minutes for every release.</v>

a1/3-0
00:00:10.000 --> 00:00:12.000
<v Speaker 3>Same for us. <img src=x onerror="window.__gw_pwned=1"></v>
`;

let h;
before(async () => {
  h = await Harness.start('transcripts');
  h.env.GROUNDWORK_TRANSCRIPT_FILE = h.path('Deploys with Priya.vtt');
  writeFileSync(h.path('Deploys with Priya.vtt'), TEAMS);
  await h.restartDriver();
});
after(async () => {
  await h?.close();
});

journey(() => h, 'a Teams transcript chosen through the shell is imported, and words of a turn become the speaker’s observation', { timeout: 180_000 }, async () => {
  const workspace = h.path('transcripts.groundwork');
  const cli = join(dirname(APP_BINARY), 'groundwork-cli');
  const call = (...args) => spawnSync(cli, ['--workspace', workspace, 'call', ...args], { encoding: 'utf8' });
  assert.equal(spawnSync(cli, ['new', workspace], { encoding: 'utf8' }).status, 0);
  assert.equal(call('create_cycle', '{"name": "2027 H1"}').status, 0);
  assert.equal(call('create_person', JSON.stringify({ person: { name: 'Priya Raman', role: '', relation: 'internal_user', goals: '', support: '', interaction: '' } })).status, 0);
  const app = await h.launch(workspace);
  try {
    await app.waitForTestId('cycle-switcher');
    await app.waitForTestId('session-list-empty');
    // The palette's command.
    await app.session.keys(Keys.CONTROL, 'k');
    const palette = await app.waitForTestId('palette-input');
    await palette.type('import transcript');
    await app.waitText(byTestId('command-palette'), (t) => t.includes('Import transcript'));
    await app.session.keys(Keys.ENTER);
    await app.waitForTestId('import-transcript');
    await app.click(byTestId('import-transcript-choose'));
    await app.waitText(byTestId('import-transcript-preview'), (t) => t.includes('Teams') && t.includes('0:00:12') && t.includes('3 turns'));
    // Priya is suggested by name; the interviewer is one of us, and nobody in People.
    const whoOf = (label) => `[data-testid=import-transcript-speaker][data-label="${label}"]`;
    assert.equal(await app.exec(`return document.querySelector('${whoOf('Raman, Priya')} [data-testid=import-transcript-who]').value;`), 'suggested');
    await app.click(`${whoOf('Alex Kim')} [data-testid=import-transcript-us]`);
    await app.exec(`const s = document.querySelector('${whoOf('Alex Kim')} [data-testid=import-transcript-who]'); s.value = 'nobody'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await app.exec(`const s = document.querySelector('${whoOf('Speaker 3')} [data-testid=import-transcript-who]'); s.value = 'nobody'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await app.screenshot('transcript-import');
    await app.click(byTestId('import-transcript-go'));
    await app.waitGone(byTestId('import-transcript'));
    await app.waitForTestId('transcript-panel');
    await waitUntil(async () => (await app.findAll(byTestId('transcript-turn'))).length === 3, { message: 'three turns' });
    assert.equal(await app.exec('return window.__gw_pwned === undefined;'), true, 'a turn is text');
    await app.screenshot('transcript-panel');

    // Words of Priya's turn, selected, made an observation.
    await app.exec(`
      const w = 'forty minutes for every release';
      const el = [...document.querySelectorAll('[data-turn-text]')].find((e) => e.textContent.includes(w));
      const node = el.firstChild;
      const at = node.textContent.indexOf(w);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));`);
    await app.click(byTestId('transcript-make-observation'));
    await app.waitText(byTestId('capture-said'), (t) => t.includes('Priya Raman') && t.includes('said at 0:06'));
    await app.click(byTestId('capture-save'));
    await app.waitGone(byTestId('capture-dialog'));
    await app.waitText(byTestId('session-observation-said'), (t) => t.includes('said at 0:06'));
  } finally {
    await app.quit();
  }

  const cycles = JSON.parse(call('list_cycles').stdout);
  const listed = JSON.parse(call('list_observations', JSON.stringify({ query: { filter: { cycleId: cycles[0].id, kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, text: '', offset: 0, limit: 10 } })).stdout);
  assert.equal(listed.observations.length, 1);
  const [o] = listed.observations;
  assert.deepEqual(o.people.map((p) => p.name), ['Priya Raman']);
  assert.equal(o.passage, 'forty minutes for every release');
  assert.equal(o.saidAtMs, 6689);
  assert.equal(o.speaker, 'Raman, Priya');

  // Cited in the charter, the observation's footnote says who said it and when.
  assert.equal(call('advance_cycle', JSON.stringify({ id: cycles[0].id })).status, 0);
  const saved = call('save_document', JSON.stringify({ cycleId: cycles[0].id, kind: 'charter', body: `# Charter\n\nReleases wait [@obs:${o.id}].\n`, base: null }));
  assert.equal(saved.status, 0, saved.stderr);
  const exported = spawnSync(cli, ['--workspace', workspace, 'export', '--format', 'md', '--doc', 'charter', '--out', '-'], { encoding: 'utf8' });
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /\[\^cite-1\]: “forty minutes for every release” — Priya Raman; Deploys with Priya, \d{4}-\d{2}-\d{2}, said at 0:06\./);
});
