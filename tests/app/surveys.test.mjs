// Surveys on the real app: import a wave of a European Microsoft Forms export (BOM,
// semicolons, decimal commas, day-first dates) picked by the shell, map it, chart it,
// save a chart as SVG and PNG (drawn and rasterized in WebKit under the app's content
// security policy), and turn a free-text answer into an observation; the command line
// then reads what the app wrote.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Harness, byTestId, waitUntil, journey, APP_BINARY } from './lib/harness.mjs';
import { Keys } from './lib/webdriver.mjs';

let h;
before(async () => {
  h = await Harness.start('surveys');
  // The open dialog "picks" this file; the shell reads it as it would a chosen one.
  h.env.GROUNDWORK_SURVEY_FILE = h.path('DevEx wave 1.csv');
  const csv =
    '\uFEFFCompletion time;Email;Team;Satisfaction;Hours saved per week;What slows you down?\r\n' +
    '13.11.2026 10:02;priya.raman@corp.example;Payments;4;4,5;Flaky tests nobody owns\r\n' +
    '14.11.2026 11:00;tom.berg@corp.example;Search;2;0,5;"Queues; and <script>window.__gw_pwned=1</script> builds"\r\n' +
    '15.11.2026 12:00;ana.lima@corp.example;Payments;5;2,5;\r\n';
  writeFileSync(h.path('DevEx wave 1.csv'), csv);
  // Charts are saved here, under their suggested names, without a dialog.
  h.env.GROUNDWORK_EXPORT_DIR = h.path('exports');
  mkdirSync(h.path('exports'), { recursive: true });
  await h.restartDriver();
});
after(async () => {
  await h?.close();
});

journey(() => h, 'a survey export is imported, mapped, charted, and a free-text answer becomes an observation', { timeout: 180_000 }, async () => {
  const workspace = h.path('surveys.groundwork');
  const cli = join(dirname(APP_BINARY), 'groundwork-cli');
  assert.equal(spawnSync(cli, ['new', workspace], { encoding: 'utf8' }).status, 0);
  assert.equal(spawnSync(cli, ['--workspace', workspace, 'call', 'create_cycle', '{"name": "2027 H1"}'], { encoding: 'utf8' }).status, 0);
  const app = await h.launch(workspace);
  try {
    await app.waitForTestId('cycle-switcher');
    await app.session.keys(Keys.CONTROL, Keys.SHIFT, '7');
    await app.waitForTestId('surveys-empty');
    await app.click(byTestId('survey-import-open'));
    await app.click(byTestId('survey-choose-file'));
    await app.waitText(byTestId('survey-summary'), (t) => t.includes('UTF-8 with byte-order mark, semicolon delimited') && t.includes('3 responses'));
    await app.waitText(byTestId('survey-preview'), (t) => t.includes('4.5') && t.includes('2026-11-14'));
    // The mapping says whom the import would add to People; these respondents are added.
    await app.waitText(byTestId('survey-register'), (t) => t.includes('3 respondents') && t.includes('adds 3'));
    await app.click(byTestId('survey-respondents-add'));
    await app.screenshot('survey-mapping');
    await app.click(byTestId('survey-import-go'));
    await app.waitText(byTestId('survey-waves'), (t) => t.includes('Wave 1') && t.includes('3 responses'));
    await app.waitText(byTestId('surveys-view'), (t) => t.includes('67% satisfied'));
    await app.screenshot('survey-charts');

    // The Satisfaction chart as files: one SVG, and a PNG the page rasterized.
    const chart = '[data-testid=survey-question-chart][data-kind=csat]';
    await app.click(`${chart} [data-testid=survey-chart-save-svg]`);
    const svgFile = h.path('exports', 'DevEx wave 1 – Satisfaction.svg');
    await waitUntil(async () => existsSync(svgFile), { message: 'the SVG is written' });
    const svg = readFileSync(svgFile, 'utf8');
    assert.ok(svg.startsWith('<?xml') && svg.includes('<svg xmlns="http://www.w3.org/2000/svg"'), svg.slice(0, 200));
    assert.ok(svg.includes('Satisfaction') && svg.includes('n = 3'), 'the title and n');
    await app.click(`${chart} [data-testid=survey-chart-save-png]`);
    const pngFile = h.path('exports', 'DevEx wave 1 – Satisfaction.png');
    await waitUntil(async () => existsSync(pngFile), { message: 'the PNG is written' });
    const png = readFileSync(pngFile);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG magic');
    assert.equal(png.readUInt32BE(16), 2 * Number(svg.match(/<svg[^>]* width="(\d+)"/)[1]), 'twice the SVG wide');

    // The free-text answers, and one of them made evidence.
    await app.click(byTestId('survey-read-answers'));
    await app.waitForTestId('survey-answers');
    await waitUntil(async () => (await app.findAll(byTestId('survey-answer'))).length === 2, { message: 'two answers' });
    const buttons = await app.findAll(byTestId('survey-answer-make'));
    await buttons[1].click();
    await app.waitForTestId('survey-answer-evidence');
    const pwned = await app.exec('return window.__gw_pwned === undefined;');
    assert.ok(pwned, 'the answer stayed text');
  } finally {
    await app.quit();
  }

  const surveys = JSON.parse(spawnSync(cli, ['--workspace', workspace, 'call', 'list_surveys'], { encoding: 'utf8' }).stdout);
  assert.equal(surveys.length, 1);
  assert.equal(surveys[0].name, 'DevEx wave 1');
  assert.equal(surveys[0].waves[0].heldOn, '2026-11-15');
  const people = JSON.parse(spawnSync(cli, ['--workspace', workspace, 'call', 'list_people', '{"query": {}}'], { encoding: 'utf8' }).stdout);
  assert.deepEqual(people.map((p) => [p.name, p.askLoad]).sort(), [['Ana Lima', 1], ['Priya Raman', 1], ['Tom Berg', 1]]);
  const found = spawnSync(cli, ['--workspace', workspace, '--json', 'search', 'Queues'], { encoding: 'utf8' });
  assert.equal(found.status, 0, found.stderr);
  assert.ok(found.stdout.includes('and <script>window.__gw_pwned=1</script> builds'), found.stdout);
});
