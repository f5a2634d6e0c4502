// Surveys: import a wave of a real-looking export (the shell's dialog picks it), map
// its columns with the preview of the first rows, see a bad row named and left out,
// chart it, import the next wave in one step with the remembered mapping, split the
// figures by team, and turn a free-text answer into an observation, on real core
// through the test server.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS } from '../harness.mjs';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> Builds are slow';

const wave1 = [
  'Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?,How likely are you to recommend the platform to a colleague?,What is the one thing we should fix?',
  '2026/11/03 10:15:22 AM GMT+1,priya.raman@corp.example,Payments,4,9,"Flaky tests, ""red"" builds"',
  '2026/11/03 11:02:40 AM GMT+1,tom.berg@corp.example,Search,2,3,' + `"${HOSTILE.replaceAll('"', '""')}"`,
  '2026/11/04 9:30:00 AM GMT+1,ana.lima@corp.example,Payments,five,10,',
  '2026/11/04 9:45:00 AM GMT+1,sam.okafor@corp.example,Data,5,8,Docs',
].join('\n');

const wave2 = [
  'Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?,How likely are you to recommend the platform to a colleague?,What is the one thing we should fix?',
  '2027/02/03 10:15:22 AM GMT+1,priya.raman@corp.example,Payments,5,10,Nothing',
  '2027/02/04 10:15:22 AM GMT+1,tom.berg@corp.example,Search,4,9,Caches',
].join('\n');

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** Opens Surveys (Ctrl+Shift+7), then the import, and picks the file the journey's dialog holds. */
async function chooseExport(page) {
  await $(page, 'cycle-switcher').waitFor();
  await page.keyboard.press('Control+Shift+7');
  await $(page, 'survey-import-open').click();
  await $(page, 'survey-choose-file').click();
}

journey(
  'surveys: a wave is mapped with a preview, a bad row left out, charted, the next wave imports in one step, and an answer becomes evidence',
  { seed: { cycles: [{ name: H1, current: true }] }, dialogs: { surveyFile: { fileName: 'DevEx (Responses).csv', content: b64(wave1) } } },
  async (app) => {
    const { page } = app;
    await $(page, 'cycle-switcher').waitFor();
    await page.keyboard.press('Control+Shift+7');
    await $(page, 'surveys-empty').waitFor();

    await $(page, 'survey-import-open').click();
    await $(page, 'survey-choose-file').click();
    await $(page, 'survey-summary').getByText('4 responses').waitFor();
    assert.equal(await $(page, 'survey-name').inputValue(), 'DevEx', 'named after the file');
    await $(page, 'survey-name').fill('Developer experience survey');
    // The guesses, column by column.
    const kind = (header) => page.locator(`[data-testid=survey-column][data-header="${header}"] [data-testid=survey-kind]`);
    assert.equal(await kind('Email Address').inputValue(), 'respondent');
    assert.equal(await kind('Which team are you on?').inputValue(), 'team');
    assert.equal(await kind('How satisfied are you with CI?').inputValue(), 'csat');
    assert.equal(await kind('How likely are you to recommend the platform to a colleague?').inputValue(), 'nps');
    assert.equal(await kind('What is the one thing we should fix?').inputValue(), 'free_text');
    // The bad cell is named by row and column; import waits until the row is left out.
    await $(page, 'survey-problems').getByText('Row 4, column How satisfied are you with CI?: “five” is not a number on a 1–5 scale').waitFor();
    await page.locator('[data-testid=survey-preview] td.bad', { hasText: 'five' }).waitFor();
    // Pressed too early, the import says why it cannot run.
    await $(page, 'survey-import-go').click();
    await $(page, 'survey-import-why').getByText('1 row cannot be read').waitFor();
    assert.equal(await $(page, 'survey-import').count(), 1, 'nothing imported, the dialog stays');
    // A hostile answer is shown as text in the preview.
    await page.locator('[data-testid=survey-preview] td', { hasText: '<img src=x' }).waitFor();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await app.shot('survey-import-mapping');
    await $(page, 'survey-skip-bad').check();
    // The respondents are added to People, as chosen.
    await $(page, 'survey-register').getByText('adds 3: Priya Raman, Tom Berg, Sam Okafor').waitFor();
    await $(page, 'survey-respondents-add').check();
    await $(page, 'survey-import-go').getByText('Import 3 responses').waitFor();
    await $(page, 'survey-import-go').click();
    await $(page, 'survey-import').waitFor({ state: 'detached' });
    await page.getByText('Imported 3 responses as Wave 1 of “Developer experience survey” (1 bad row left out, 3 new people, 3 new teams).').waitFor();

    // Charted: NPS with its n and margin, CSAT as the share satisfied, small samples said so.
    await $(page, 'survey-row').filter({ hasText: 'Developer experience survey' }).waitFor();
    const nps = page.locator('[data-testid=survey-question-chart][data-kind=nps]');
    await nps.getByText(/NPS 0 ±\d+/).first().waitFor();
    await nps.getByTestId('survey-small-note').getByText('small sample', { exact: false }).waitFor();
    const csat = page.locator('[data-testid=survey-question-chart][data-kind=csat]');
    await csat.getByText('% satisfied').waitFor();

    // The next wave: the remembered mapping, one click.
    await page.evaluate((content) => {
      window.__GW_TEST_CONFIG__.dialogs.surveyFile = { fileName: 'DevEx February.csv', content };
    }, b64(wave2));
    await page.getByRole('button', { name: 'Add a wave…' }).click();
    assert.equal(await $(page, 'survey-name').inputValue(), 'Developer experience survey');
    await $(page, 'survey-choose-file').click();
    await page.getByText('The mapping “Developer experience survey” remembers is applied.').waitFor();
    await $(page, 'survey-import-go').getByText('Import 2 responses').click();
    await $(page, 'survey-import').waitFor({ state: 'detached' });
    await expectCount(nps.getByTestId('survey-wave-row'), 2, 'two waves');
    await nps.getByTestId('survey-nps-trend').waitFor();
    const survey = (await app.op('list_surveys', {}))[0];
    assert.deepEqual(survey.waves.map((w) => [w.label, w.responses]), [['Wave 1', 3], ['Wave 2', 2]]);

    // Split by team: a row a team.
    await $(page, 'survey-split-team').click();
    await expectCount(csat.getByTestId('survey-series').locator('tbody tr'), 3, 'Data, Payments, Search');
    await app.shot('survey-charts');
    // Each colour is named, italics are explained, the waves carry no stray numbers, and the bars use the room.
    await nps.getByTestId('survey-legend').getByText('Detractors (0–6)').waitFor();
    await csat.getByTestId('survey-legend').waitFor();
    await csat.getByTestId('survey-small-note').getByText('fewer than 30 answers', { exact: false }).waitFor();
    assert.equal(await $(page, 'survey-waves').evaluate((el) => el.tagName), 'UL');
    const bar = await csat.getByTestId('survey-wave-row').first().locator('svg').evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(bar >= 340, `a bar has room to read (${bar} px)`);

    // A free-text answer becomes an observation, said by its respondent.
    await page.locator('[data-testid=survey-question-chart][data-kind=free_text]').getByTestId('survey-read-answers').click();
    await $(page, 'survey-answers').waitFor();
    await expectCount($(page, 'survey-answer'), 5, 'every answer given');
    const hostile = $(page, 'survey-answer').filter({ hasText: 'Builds are slow' });
    assert.equal(await hostile.locator('img').count(), 0, 'the answer is text');
    await hostile.getByTestId('survey-answer-make').click();
    await hostile.getByTestId('survey-answer-evidence').waitFor();
    const found = await app.until('list_observations', { query: { filter: { kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, text: 'Builds are slow', offset: 0, limit: 10 } }, (l) => l.observations.length === 1);
    assert.equal(found.observations[0].text, HOSTILE);
    assert.equal(found.observations[0].people[0].name, 'Tom Berg');
    assert.equal(found.observations[0].sourceKind, 'user_survey');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  },
);

// A question titled with markup: the saved chart keeps it as text.
const HOSTILE_QUESTION = '<script>alert(1)</script> "]]>& How likely are you to recommend the platform?';
const hostileWave = [
  `Email Address,Which team are you on?,"${HOSTILE_QUESTION.replaceAll('"', '""')}"`,
  'priya.raman@corp.example,Payments,9',
  'tom.berg@corp.example,<b>Search</b>,3',
  'ana.lima@corp.example,Payments,10',
].join('\n');

journey(
  'surveys: a question’s chart saves as one SVG (survey text escaped) and as a PNG',
  { seed: { cycles: [{ name: H1, current: true }] }, dialogs: { surveyFile: { fileName: 'Pulse.csv', content: b64(hostileWave) } } },
  async (app) => {
    const { page } = app;
    await chooseExport(page);
    await $(page, 'survey-import-go').getByText('Import 3 responses').click();
    await $(page, 'survey-import').waitFor({ state: 'detached' });
    const nps = page.locator('[data-testid=survey-question-chart][data-kind=nps]');
    await nps.getByText(HOSTILE_QUESTION).waitFor();
    await $(page, 'survey-split-team').click();
    await expectCount(nps.getByTestId('survey-series').locator('tbody tr'), 2, 'Payments and <b>Search</b>');

    await nps.getByTestId('survey-chart-save-svg').click();
    await page.getByText(/Saved the chart to \/exports\/Pulse – .*\.svg\./).waitFor();
    const [svgCall] = await app.calls('save_chart');
    assert.equal(svgCall.ok, true);
    assert.equal(svgCall.args.format, 'svg');
    assert.match(svgCall.args.fileName, /^Pulse – script alert\(1\) script \]\] & How likely .*\.svg$/);
    const svg = Buffer.from(svgCall.args.content, 'base64').toString('utf8');
    assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'), svg.slice(0, 120));
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt; "]]&gt;&amp; How likely'), 'the title, escaped');
    assert.ok(!svg.includes('<script') && !svg.includes('<b>'), 'no markup of the survey’s');
    assert.ok(svg.includes('&lt;b&gt;Search&lt;/b&gt;'), 'the team, escaped');
    assert.ok(svg.includes('n = 3'), 'the n');
    // The page's own parser reads it as one SVG document, the title whole.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.localName, title: doc.querySelector('svg > title')?.textContent, scripts: doc.getElementsByTagName('script').length };
    }, svg);
    assert.deepEqual(parsed, { error: 0, root: 'svg', title: HOSTILE_QUESTION, scripts: 0 });

    await nps.getByTestId('survey-chart-save-png').click();
    await page.getByText(/Saved the chart to \/exports\/Pulse – .*\.png\./).waitFor();
    const pngCall = (await app.calls('save_chart'))[1];
    assert.equal(pngCall.ok, true);
    assert.equal(pngCall.args.format, 'png');
    assert.match(pngCall.args.fileName, /\.png$/);
    const png = Buffer.from(pngCall.args.content, 'base64');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG magic');
    // Twice the SVG's size (IHDR's width and height, big-endian).
    const width = Number(svg.match(/<svg[^>]* width="(\d+)"/)[1]);
    assert.equal(png.readUInt32BE(16), width * 2);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    // The saved PNG itself, to look at beside the screen.
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'ui-survey-chart-file.png'), png);
    await app.shot('survey-chart-saved');
  },
);

const pulse = [
  'Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?',
  ...Array.from({ length: 240 }, (_, i) => `2026/11/03 10:15:22 AM GMT+1,eng${i}@corp.example,Team ${i % 6},${(i % 5) + 1}`),
].join('\n');

journey(
  'a survey import says what it would add to People and adds no one unless asked, and a click right after naming the survey imports',
  { seed: { cycles: [{ name: H1, current: true }], people: [{ name: 'Eng7' }] }, dialogs: { open: null, surveyFile: { fileName: 'Pulse.csv', content: b64(pulse) } } },
  async (app) => {
    const { page } = app;
    await chooseExport(page);
    await $(page, 'survey-summary').getByText('240 responses').waitFor();
    // The register: 240 respondents, one known by name; six teams not in People.
    const register = $(page, 'survey-register');
    await register.getByText('The file names 240 respondents; 1 of them is in People.').waitFor();
    await register.getByText(/adds 239: Eng0, Eng1, .* and 227 more/).waitFor();
    await register.getByText(/Add 6 new teams to People: Team 0, Team 1/).waitFor();
    assert.equal(await $(page, 'survey-respondents-match').isChecked(), true, 'adding no one is the default');
    await $(page, 'survey-add-teams').uncheck();
    await app.shot('survey-import-register');

    // The app's shortcuts stay out of the dialog, and closing it asks before the mapping is thrown away.
    for (const key of ['Control+o', 'Control+2', 'Control+e']) await page.keyboard.press(key);
    assert.equal((await app.calls('choose_workspace_to_open')).length, 0, 'no native Open dialog');
    await page.keyboard.press('Escape');
    await $(page, 'dialog-discard').getByText('Discard the mapped import?').waitFor();
    await $(page, 'dialog-discard-keep').click();
    assert.equal(await $(page, 'survey-respondents-match').isChecked(), true, 'the choices are as they were');
    assert.equal(await $(page, 'survey-add-teams').isChecked(), false);

    // A new name typed, then the import pressed at once: the click acts.
    await $(page, 'survey-name').fill('Pulse, November');
    await $(page, 'survey-import-go').click();
    await $(page, 'survey-import').waitFor({ state: 'detached' });
    await page.getByText(/Imported 240 responses as Wave 1 of “Pulse, November” \(239 not linked to anyone in People\)/).waitFor();
    const people = await app.op('list_people', { query: {} });
    assert.deepEqual(people.map((p) => [p.name, p.askLoad]), [['Eng7', 1]], 'only the known respondent is linked, and asked');
    assert.deepEqual(await app.op('list_teams', {}), [], 'no team was added');
    const [survey] = await app.op('list_surveys', {});
    assert.equal(survey.waves[0].responses, 240, 'every response counts in the survey');
  },
);
