// A support queue in the app: a small Jira CSV chosen through the shell's dialog (its
// stand-in), previewed (counts, reporters, teams, components, the row left out and
// why), imported on real core as one ticket-review session; Coverage then shows each
// team's hours to the first response, and a team's people show the team's. Notes kept
// as files import too: a Notion export as a .zip and a Productboard CSV of notes,
// chosen through the notes dialog's file button, become sessions.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const JIRA = `Summary,Issue key,Issue Type,Reporter,Created,Component/s,Labels,Custom field (Team),"Custom field ([CHART] Date of First Response)"
Deploys fail on ARM runners,PLAT-101,Bug,Priya Raman,02/Nov/26 9:00 AM,CI,flaky,Payments,02/Nov/26 11:00 AM
Please add a dry-run flag to deploy,PLAT-102,Story,Sam Lee,04/Nov/26 10:00 AM,Deploy,,Search,05/Nov/26 1:00 PM
How do I rotate the registry token?,PLAT-103,Task,Priya Raman,09/Nov/26 8:00 AM,Registry,,Payments,09/Nov/26 9:00 AM
"${HOSTILE.replace(/"/g, '""')}",PLAT-104,Bug,Priya Raman,not a date,CI,,Payments,
`;

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

journey(
  'a Jira queue is previewed and imported as one session, and Coverage and the team show how fast each team was answered',
  {
    seed: { cycles: [{ name: H1, current: true }], teams: [{ name: 'Payments' }], people: [{ name: 'Priya Raman', team: 'Payments' }] },
    dialogs: { ticketFile: { fileName: 'jira-platform.csv', content: b64(JIRA) } },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'session-list-empty').waitFor();
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('import tickets');
    await page.keyboard.press('Enter');
    const dialog = $(page, 'import-tickets');
    await dialog.waitFor();
    await $(page, 'import-tickets-choose').click();

    // The preview: what the queue holds, before anything is written.
    await $(page, 'import-tickets-preview').waitFor();
    assert.match(await $(page, 'import-tickets-queue').innerText(), /Jira/);
    assert.equal(await $(page, 'import-tickets-count').innerText(), '3 tickets');
    assert.equal(await $(page, 'import-tickets-span').innerText(), '2026-11-02 – 2026-11-09');
    assert.equal(await $(page, 'import-tickets-kinds').innerText(), '1 pain · 2 requests · 1 asked as a question');
    assert.equal(await $(page, 'import-tickets-answered').innerText(), '3 answered · 0 resolved');
    assert.equal(await $(page, 'import-tickets-reporters').innerText(), 'Reporters: 1 in People, 1 new');
    assert.match(await $(page, 'import-tickets-teams').innerText(), /Payments/);
    assert.match(await $(page, 'import-tickets-components').innerText(), /CI/);
    await $(page, 'import-tickets-skipped').locator('summary').click();
    await $(page, 'import-tickets-skipped').getByText('Line 5:', { exact: false }).waitFor();
    await $(page, 'import-tickets-columns').locator('summary').click();
    await $(page, 'import-tickets-columns').getByText('Custom field ([CHART] Date of First Response)').waitFor();
    assert.match(await $(page, 'import-tickets-cycle').innerText(), new RegExp(H1));
    assert.match(await $(page, 'import-tickets-title').getAttribute('placeholder'), /^Ticket queue \(Jira\), 2026-11-02 to 2026-11-09$/);
    assert.equal(await $(page, 'import-tickets-add-people').isChecked(), true);
    await app.shot('import-tickets');
    await $(page, 'import-tickets-cycle').scrollIntoViewIfNeeded();
    await app.shot('import-tickets-options');

    await $(page, 'import-tickets-go').getByText('Import 3 tickets').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Imported 3 tickets of “jira-platform.csv”', { exact: false }).waitFor();
    const editor = $(page, 'session-editor');
    await editor.waitFor();
    const sessionId = await editor.getAttribute('data-session-id');
    const stored = await app.op('get_session', { id: sessionId });
    assert.equal(stored.title, 'Ticket queue (Jira), 2026-11-02 to 2026-11-09', 'an empty title is core’s');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a ticket is text');

    // Coverage: each team's hours to the first response, the slowest first.
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to coverage');
    await page.keyboard.press('Enter');
    const support = $(page, 'coverage-support');
    await support.waitFor();
    const teams = $(page, 'coverage-support-team');
    await expectCount(teams, 2, 'one row per team');
    assert.deepEqual(
      await teams.evaluateAll((rows) => rows.map((r) => r.querySelector('th').textContent.trim())),
      ['Search', 'Payments'],
      'the slowest median first',
    );
    assert.equal(await teams.nth(0).getByTestId('coverage-support-median').innerText(), '1 d 3 h');
    assert.equal(await teams.nth(1).getByTestId('coverage-support-median').innerText(), '1.5 h');
    assert.equal(await teams.nth(1).getByTestId('coverage-support-p90').innerText(), '1.9 h');
    assert.match(await $(page, 'coverage-support-overall').innerText(), /All tickets\s+3\s+3\s+2 h\s+22 h/);
    await expectCount($(page, 'coverage-support-component'), 3, 'one row per component');
    for (const close of await page.getByRole('button', { name: 'Dismiss' }).all()) await close.click();
    await support.scrollIntoViewIfNeeded();
    await app.shot('coverage-support');

    // The team's people show the team's support response.
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to people');
    await page.keyboard.press('Enter');
    await $(page, 'teams-tab').click();
    const payments = (await app.op('list_teams', {})).find((t) => t.name === 'Payments');
    await page.locator(`[data-testid=team-row][data-team-id="${payments.id}"]`).getByTestId('team-people').click();
    const team = $(page, 'team-support');
    await team.waitFor();
    assert.equal(await $(page, 'team-support-tickets').innerText(), '2 tickets');
    assert.equal(await $(page, 'team-support-median').innerText(), '1.5 h');
    assert.match(await $(page, 'team-support-components').innerText(), /CI \(1\)/);
    await app.shot('team-support');
  },
);

journey(
  'Coverage without tickets says the queue is not imported yet and offers to import it',
  { seed: { cycles: [{ name: H1, current: true }] } },
  async (app) => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('go to coverage');
    await page.keyboard.press('Enter');
    await $(page, 'coverage-support-empty').getByText('The support queue is not imported yet.').waitFor();
    await $(page, 'coverage-import-tickets').click();
    await $(page, 'import-tickets').waitFor();
  },
);

// ---- Notes kept as files

/** CRC-32 (the zip one), for the small zip writer below. */
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of `files` ({ name: text }), stored without compression: what a test needs, no more. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const N_HOME = '0123456789abcdef0123456789abcdef';
const N_TALKS = 'fedcba9876543210fedcba9876543210';
const N_PRIYA = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';

/** A Notion workspace exported as "Markdown & CSV", zipped, on disk. */
function notionZip() {
  const talks = `Discovery ${N_HOME}/Talks ${N_TALKS}`;
  const path = join(mkdtempSync(join(tmpdir(), 'gw-notion-')), 'Export-1a2b.zip');
  writeFileSync(
    path,
    zip({
      [`${talks}.csv`]: '\uFEFFName,Date,Type,People,Tags\nCoffee with Priya,"November 4, 2026",Coffee chat,Priya Raman,deploys\n',
      [`${talks}/Coffee with Priya ${N_PRIYA}.md`]: `# Coffee with Priya\n\nDate: November 4, 2026\nType: Coffee chat\nPeople: Priya Raman\nTags: deploys\n\nThe deploy queue is slow. ${HOSTILE}\n`,
    }),
  );
  return path;
}

/** Notes exported from Productboard as CSV, on disk. */
function productboardCsv() {
  const path = join(mkdtempSync(join(tmpdir(), 'gw-pb-')), 'productboard-notes.csv');
  writeFileSync(
    path,
    'note_id,title,content,user_name,created_at\n' +
      'pb-1,Dashboards load slowly,<p>The cost dashboard takes <b>a minute</b> to load.</p>,Dana Osei,2026-11-05T10:00:00Z\n' +
      'pb-2,Export to CSV,<p>We need the report as CSV.</p>,Sam Lee,2026-11-06T09:00:00Z\n',
  );
  return path;
}

journey(
  'a Notion export as a .zip is chosen through the file button and its pages become sessions',
  { seed: { cycles: [{ name: H1, current: true }], people: [{ name: 'Priya Raman' }] }, dialogs: { notesFile: notionZip() } },
  async (app) => {
    const { page } = app;
    await $(page, 'empty-import-notes').click();
    await $(page, 'import-notes').getByText('Notion export', { exact: false }).waitFor();
    await $(page, 'import-notes-choose-file').click();
    const preview = $(page, 'import-notes-preview');
    await preview.waitFor();
    assert.match(await $(page, 'import-notes-folder').innerText(), /Export-1a2b/);
    await app.shot('import-notes-notion');
    if (await $(page, 'import-notes-kind').count()) await $(page, 'import-notes-kind').selectOption('stakeholder_feedback');
    await $(page, 'import-notes-go').click();
    await $(page, 'import-notes').waitFor({ state: 'detached' });
    await $(page, 'session-row').filter({ hasText: 'Coffee with Priya' }).waitFor();
    const { sessions } = await app.op('list_sessions', { query: {} });
    const priya = sessions.find((s) => s.title === 'Coffee with Priya');
    assert.ok(priya, 'the page is a session');
    assert.equal(priya.kind, 'coffee_chat');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'an imported page is text');
  },
);

journey(
  'a Productboard CSV of notes is chosen through the file button and each row becomes a session',
  { seed: { cycles: [{ name: H1, current: true }] }, dialogs: { notesFile: productboardCsv() } },
  async (app) => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('import notes');
    await page.keyboard.press('Enter');
    await $(page, 'import-notes-choose-file').click();
    const preview = $(page, 'import-notes-preview');
    await preview.getByText('2 notes').waitFor();
    await $(page, 'import-notes-kind').selectOption('stakeholder_feedback');
    await $(page, 'import-notes-go').getByText('Import 2 notes').click();
    await $(page, 'import-notes').waitFor({ state: 'detached' });
    await $(page, 'session-row').filter({ hasText: 'Dashboards load slowly' }).waitFor();
    await $(page, 'session-row').filter({ hasText: 'Export to CSV' }).waitFor();
    const { sessions } = await app.op('list_sessions', { query: {} });
    assert.deepEqual(sessions.map((s) => s.title).sort(), ['Dashboards load slowly', 'Export to CSV']);
  },
);

journey(
  'a file that is no ticket queue says why, in core’s words, and nothing is imported',
  {
    seed: { cycles: [{ name: H1, current: true }] },
    dialogs: { ticketFile: { fileName: 'holiday.csv', content: b64('Day,Where\nMonday,Lisbon\n') } },
  },
  async (app) => {
    const { page } = app;
    await $(page, 'empty-import-tickets').click();
    await $(page, 'import-tickets-choose').click();
    const error = $(page, 'import-tickets-error');
    await error.waitFor();
    assert.ok((await error.innerText()).length > 10, 'core says why');
    assert.equal(await $(page, 'import-tickets-preview').count(), 0);
    assert.equal(await $(page, 'import-tickets-go').isDisabled(), true);
    await app.shot('import-tickets-error');
  },
);
