// A transcript kept with its session: a small Teams VTT chosen through the shell's
// dialog (its stand-in), previewed, each speaker tied to a person (one suggested by
// name, one picked from People, the interviewer marked as us), imported into a new
// session on real core; words selected in a turn become an observation of its speaker
// that says when it was said and leads back to the turn.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const TEAMS = `WEBVTT

a1/1-0
00:00:01.000 --> 00:00:04.000
<v Alex Kim>What slows your team down most?</v>

a1/2-0
00:00:04.000 --> 00:00:10.000
<v Raman, Priya>The deploy queue. We wait forty minutes for every release.</v>

a1/3-0
00:00:10.000 --> 00:00:12.500
<v Speaker 3>Same for us. ${HOSTILE} &lt;b&gt;bold&lt;/b&gt;</v>
`;

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

journey(
  'a Teams transcript is imported with its speakers tied to people, and words of a turn become an observation said at its time',
  {
    seed: { cycles: [{ name: H1, current: true }], teams: [{ name: 'Payments' }], people: [{ name: 'Priya Raman', team: 'Payments' }, { name: 'Tom Berg' }] },
    dialogs: { transcriptFile: { fileName: 'Deploys with Priya.vtt', content: b64(TEAMS) } },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list-empty').waitFor();
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('import transcript');
    await page.keyboard.press('Enter');
    const dialog = $(page, 'import-transcript');
    await dialog.waitFor();
    await $(page, 'import-transcript-choose').click();

    // The preview: what the file holds.
    const preview = $(page, 'import-transcript-preview');
    await preview.waitFor();
    assert.match(await $(page, 'import-transcript-format').innerText(), /Teams/);
    assert.equal(await $(page, 'import-transcript-duration').innerText(), '0:00:12');
    assert.equal(await $(page, 'import-transcript-turns').innerText(), '3 turns');
    const rows = $(page, 'import-transcript-speaker');
    await expectCount(rows, 3, 'one row per speaker label');
    const row = (label) => rows.and(page.locator(`[data-label="${label}"]`));

    // Priya is suggested by name, and preselected.
    const priya = row('Raman, Priya');
    assert.equal(await priya.getByTestId('import-transcript-who').inputValue(), 'suggested');
    assert.match(await priya.getByTestId('import-transcript-who').locator('option:checked').innerText(), /Priya Raman \(same name\)/);
    // Speaker 3 is nobody yet: Tom, picked from People.
    const third = row('Speaker 3');
    assert.equal(await third.getByTestId('import-transcript-who').inputValue(), 'nobody');
    await third.getByTestId('import-transcript-who').selectOption('other');
    const pickerIndex = await rows.evaluateAll((els) => els.findIndex((e) => e.dataset.label === 'Speaker 3'));
    await $(page, `import-transcript-person-${pickerIndex}-input`).fill('Tom');
    await $(page, `import-transcript-person-${pickerIndex}-option`).filter({ hasText: 'Tom Berg' }).first().click();
    await $(page, `import-transcript-person-${pickerIndex}-chip`).filter({ hasText: 'Tom Berg' }).waitFor();
    // The interviewer is one of us, and nobody in People.
    const alex = row('Alex Kim');
    await alex.getByTestId('import-transcript-us').click();
    await alex.getByTestId('import-transcript-who').selectOption('nobody');

    // Into a new session, titled after the file.
    assert.equal(await $(page, 'import-transcript-title').inputValue(), 'Deploys with Priya');
    await $(page, 'import-transcript-kind').selectOption('coffee_chat');
    await $(page, 'import-transcript-date').fill('2026-11-20');
    await app.shot('import-transcript');
    await $(page, 'import-transcript-go').getByText('Import 3 turns').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Imported 3 turns of “Deploys with Priya.vtt”', { exact: false }).waitFor();

    // The new session opens on its transcript.
    const editor = $(page, 'session-editor');
    await editor.waitFor();
    const sessionId = await editor.getAttribute('data-session-id');
    const panel = $(page, 'transcript-panel');
    await panel.waitFor({ state: 'visible' });
    const turns = $(page, 'transcript-turn');
    await expectCount(turns, 3, 'every turn is shown');
    assert.deepEqual(await $(page, 'transcript-turn-speaker').allInnerTexts(), ['Alex Kim (us)', 'Priya Raman', 'Tom Berg']);
    assert.deepEqual(await $(page, 'transcript-turn-time').allInnerTexts(), ['0:01', '0:04', '0:10']);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a transcript is text');
    assert.match(await turns.nth(2).innerText(), /<b>bold<\/b>|&lt;b&gt;/, 'markup in a turn is shown as written, not applied');
    const stored = await app.op('get_session', { id: sessionId });
    assert.equal(stored.title, 'Deploys with Priya');
    assert.deepEqual(stored.people.map((p) => p.name).sort(), ['Priya Raman', 'Tom Berg'], 'the speakers are participants; us is not');
    await app.shot('transcript-panel');

    // Words selected in Priya's turn become an observation.
    const words = 'forty minutes for every release';
    await page.evaluate((w) => {
      const el = [...document.querySelectorAll('[data-turn-text]')].find((e) => e.textContent.includes(w));
      const node = el.firstChild;
      const at = node.textContent.indexOf(w);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    }, words);
    await $(page, 'transcript-make-observation').click();
    const capture = $(page, 'capture-dialog');
    await capture.waitFor();
    assert.equal(await $(page, 'capture-passage').innerText(), words);
    // Turns are timed, not words: the words are placed within the turn by where they start.
    assert.equal(await $(page, 'capture-said').innerText(), 'Priya Raman · said at 0:06');
    await $(page, 'capture-kind-pain').click();
    await app.shot('transcript-capture');
    await $(page, 'capture-save').click();
    await capture.waitFor({ state: 'detached' });

    const [create] = await app.calls('create_observation');
    const turnText = 'The deploy queue. We wait forty minutes for every release.';
    assert.equal(create.args.observation.passage, words);
    assert.equal(create.args.observation.passageStart, turnText.indexOf(words), 'the start counts within the turn');
    assert.ok(create.args.observation.turnId, 'the turn is named');
    const { observations } = await app.op('list_observations', { query: { filter: { sessionId, kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, text: '', offset: 0, limit: 10 } });
    assert.equal(observations.length, 1);
    const [o] = observations;
    assert.deepEqual(o.people.map((p) => p.name), ['Priya Raman'], 'the observation is the speaker’s');
    assert.equal(o.saidAtMs, 4000 + Math.floor((6000 * turnText.indexOf(words)) / turnText.length));
    assert.equal(o.turnId, create.args.observation.turnId);

    // The turn is marked, and the session's list says when it was said.
    const priyaTurn = turns.and(page.locator(`[data-turn-id="${o.turnId}"]`));
    await priyaTurn.getByTestId('transcript-turn-observed').waitFor();
    await $(page, 'session-observation-said').getByText('said at 0:06').waitFor();

    // From the keyboard: arrows move between turns, Enter makes the whole turn one.
    await turns.nth(2).focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.turnId), o.turnId, 'the arrow moved to Priya’s turn');
    await page.keyboard.press('Enter');
    await capture.waitFor();
    assert.equal(await $(page, 'capture-passage').innerText(), turnText);
    assert.equal(await $(page, 'capture-said').innerText(), 'Priya Raman · said at 0:04');
    await page.keyboard.press('Escape');
    await capture.waitFor({ state: 'detached' });

    // From the Observations view, "said at" leads back to the turn.
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to observations');
    await page.keyboard.press('Enter');
    const said = $(page, 'observation-row').getByTestId('observation-said-at');
    await said.getByText('said at 0:06').waitFor();
    await app.shot('transcript-observation-said-at');
    await said.click();
    await editor.waitFor();
    await panel.waitFor({ state: 'visible' });
    await page.locator(`[data-testid=transcript-turn].highlighted[data-turn-id="${o.turnId}"]`).waitFor();
    await app.shot('transcript-turn-revealed');

    // The observation itself says where it came from, and leads back too.
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to observations');
    await page.keyboard.press('Enter');
    await $(page, 'observation-row').locator('.row-main').click();
    const detail = $(page, 'observation-detail');
    await detail.getByText('From the transcript of Deploys with Priya', { exact: false }).waitFor();
    assert.equal(await $(page, 'observation-from-turn').innerText(), 'Spoken as “Raman, Priya” in the transcript, said at 0:06');
    await app.shot('transcript-observation-detail');
    await detail.getByTestId('observation-said-at').click();
    await page.locator(`[data-testid=transcript-turn].highlighted[data-turn-id="${o.turnId}"]`).waitFor();

    // Search finds the words as they were said, and its hit (opened) shows the transcript at the turn.
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('search');
    await page.keyboard.press('Enter');
    await $(page, 'search-input').fill('"every release"');
    const spoken = $(page, 'search-hit').filter({ has: page.locator('.badge', { hasText: /^Said$/ }) });
    await spoken.first().waitFor();
    assert.match(await spoken.first().innerText(), /Priya Raman/);
    // The Said scope holds only what was said, and counts it.
    await $(page, 'search-scope-turn').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=search-hit] .badge')].every((b) => b.textContent?.trim() === 'Said'));
    assert.equal(await $(page, 'search-scope-turn').getByTestId('search-scope-count').innerText(), '1');
    await spoken.first().dblclick();
    await panel.waitFor({ state: 'visible' });
    await page.locator(`[data-testid=transcript-turn].highlighted[data-turn-id="${o.turnId}"]`).waitFor();
  },
);

const OTTER = `Priya Raman  0:01
Refunds take three days.

Sam Ortiz  0:05
We retry them by hand.

Priya Raman  0:09
Every Friday afternoon.

Transcribed by https://otter.ai
`;

journey(
  'a transcript goes into the session it was imported from; a file that is not one says why; speakers and turns can be given to someone else',
  {
    seed: {
      cycles: [{ name: H1, current: true }],
      people: [{ name: 'Priya Raman' }, { name: 'Tom Berg' }],
      sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', notes: 'Refunds.' }],
    },
    dialogs: { transcriptFile: { fileName: 'holiday.vtt', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe]).toString('base64') } },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'session-row').filter({ hasText: 'Coffee with Priya' }).click();
    const editor = $(page, 'session-editor');
    await editor.waitFor();
    const sessionId = await editor.getAttribute('data-session-id');
    assert.equal(await $(page, 'session-pane-transcript').count(), 0, 'no transcript tab before a transcript');
    await $(page, 'session-import-transcript').click();
    await $(page, 'import-transcript').waitFor();

    // Not a transcript: core's words, and nothing to import.
    await $(page, 'import-transcript-choose').click();
    const error = $(page, 'import-transcript-error');
    await error.waitFor();
    const said = await error.innerText();
    assert.ok(said.length > 10 && !/internal|panic|sql/i.test(said), `a plain reason: ${said}`);
    assert.equal(await $(page, 'import-transcript-go').isDisabled(), true);

    // Another file: an Otter export, into this session.
    await page.evaluate((content) => {
      window.__GW_TEST_CONFIG__.dialogs.transcriptFile = { fileName: 'Priya call (Otter).txt', content };
    }, b64(OTTER));
    await $(page, 'import-transcript-choose').click();
    await $(page, 'import-transcript-preview').waitFor();
    assert.match(await $(page, 'import-transcript-format').innerText(), /Otter/);
    // What is not speech is left out, and said so.
    const leftOut = $(page, 'import-transcript-left-out');
    await leftOut.getByText('1 line left out as not speech').click();
    await leftOut.getByText('Transcribed by https://otter.ai', { exact: false }).waitFor();
    assert.match(await leftOut.innerText(), /Line 10: Transcribed by https:\/\/otter\.ai — Otter's footer, not speech/);
    assert.equal(await $(page, 'import-transcript-error').count(), 0, 'the reason goes once a file reads');
    assert.equal(await $(page, 'import-transcript-into-session').isChecked(), true, 'into the session it was opened from');
    const rows = $(page, 'import-transcript-speaker');
    await expectCount(rows, 2);
    const sam = rows.and(page.locator('[data-label="Sam Ortiz"]'));
    assert.equal(await sam.getByTestId('import-transcript-who').inputValue(), 'new', 'a named speaker nobody matches is a new person');
    assert.equal(await sam.getByTestId('import-transcript-new-name').inputValue(), 'Sam Ortiz');
    await sam.getByTestId('import-transcript-new-team').fill('Payments');
    await $(page, 'import-transcript-go').click();
    await $(page, 'import-transcript').waitFor({ state: 'detached' });
    await page.getByText('1 person added to People', { exact: false }).waitFor();

    // The same session, now with its transcript; the speakers are its participants.
    assert.equal(await editor.getAttribute('data-session-id'), sessionId);
    await $(page, 'transcript-panel').waitFor({ state: 'visible' });
    await $(page, 'session-participants-chip').filter({ hasText: 'Sam Ortiz' }).waitFor();
    assert.equal((await app.op('get_session', { id: sessionId })).notes, 'Refunds.', 'the notes stay as they were');
    const speakers = () => $(page, 'transcript-turn-speaker').allInnerTexts();
    assert.deepEqual(await speakers(), ['Priya Raman', 'Sam Ortiz', 'Priya Raman']);

    // The last turn was Sam's, not Priya's.
    const last = $(page, 'transcript-turn').nth(2);
    await last.hover();
    await last.getByTestId('transcript-turn-respeak').click();
    await last.getByTestId('transcript-turn-speaker-select').selectOption('Sam Ortiz');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=transcript-turn-speaker]')].map((e) => e.textContent).join('|') === 'Priya Raman|Sam Ortiz|Sam Ortiz');

    // Sam is one of us after all: every turn of theirs follows.
    await $(page, 'transcript-speaker').and(page.locator('[data-label="Sam Ortiz"]')).click();
    await $(page, 'transcript-speaker-menu').waitFor();
    await $(page, 'transcript-speaker-us').click();
    await $(page, 'transcript-speaker-save').click();
    await $(page, 'transcript-speaker-menu').waitFor({ state: 'detached' });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=transcript-turn-speaker]')].map((e) => e.textContent).join('|') === 'Priya Raman|Sam Ortiz (us)|Sam Ortiz (us)');
    const [map] = await app.calls('map_transcript_speaker');
    assert.equal(map.args.choice.role, 'us');
    assert.equal(map.args.choice.label, 'Sam Ortiz');
    await app.shot('transcript-remapped-dark');
  },
  // The transcript in dark mode, as the screenshot shows it.
  { colorScheme: 'dark' },
);

journey(
  'a transcript or a ticket queue dropped on the window opens its import, read by the shell; what cannot be imported says why',
  { seed: { cycles: [{ name: H1, current: true }], people: [{ name: 'Priya Raman' }] } },
  async (app) => {
    const { page } = app;
    const drop = (what) => page.evaluate((w) => window.__GW_MOCK__.emit('file-dropped', w), what);
    // The shell read a Teams transcript: the dialog opens on its preview, no dialog to choose.
    await drop({ kind: 'transcript', file: { fileName: 'Dropped talk.vtt', content: b64(TEAMS), bytes: TEAMS.length } });
    await $(page, 'import-transcript').waitFor();
    await $(page, 'import-transcript-preview').waitFor();
    assert.match(await $(page, 'import-transcript-format').innerText(), /Teams/);
    await $(page, 'import-transcript').getByRole('button', { name: 'Cancel' }).click();
    await $(page, 'import-transcript').waitFor({ state: 'detached' });

    // A Jira export: the tickets dialog previews it.
    const jira = 'Summary,Issue key,Reporter,Created\nSlow deploys,PLAT-1,Priya Raman,2026-11-02\n';
    await drop({ kind: 'tickets', file: { fileName: 'queue.csv', content: b64(jira), bytes: jira.length } });
    await $(page, 'import-tickets').getByText('Jira', { exact: false }).first().waitFor();
    await $(page, 'import-tickets').getByRole('button', { name: 'Cancel' }).click();
    await $(page, 'import-tickets').waitFor({ state: 'detached' });

    // Something else: the shell's words, as a message; nothing opens.
    await drop({ kind: 'refused', message: '“holiday.png” was dropped, but it is not a transcript Groundwork reads' });
    await page.getByText('“holiday.png” was dropped', { exact: false }).waitFor();
    assert.equal(await $(page, 'import-transcript').count(), 0);
  },
);
