// Importing notes kept in another tool: an Obsidian vault written to disk, chosen
// through the shell's dialog, previewed (notes, tags, people, links, what is skipped),
// given a kind for the notes that name none, imported as sessions on real core through
// the test server; importing it again adds nothing.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journey, $ } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** A small Obsidian vault, as the app writes one. */
function vault() {
  const root = mkdtempSync(join(tmpdir(), 'gw-vault-'));
  const write = (path, text) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('Coffee chats/Priya.md', `---\ndate: 2026-11-03\npeople: [Priya Raman]\ntags: [ci]\n---\nCI takes forty minutes #flaky. ${HOSTILE} See [[Runbook]] and [[Gone]].\n`);
  write('Runbook.md', 'Retry once, then page the platform team.\n');
  write('Empty.md', '');
  write('.obsidian/app.json', '{}');
  return root;
}

journey(
  'notes from an Obsidian vault are previewed, given a kind where they name none, and imported once as sessions',
  { seed: { cycles: [{ name: H1, current: true }] }, dialogs: { notesFolder: vault() } },
  async (app) => {
    const { page } = app;
    await $(page, 'empty-import-notes').click();
    await $(page, 'import-notes-choose').click();
    const preview = $(page, 'import-notes-preview');
    await preview.getByText('3 notes').waitFor();
    await preview.getByText('1 empty (left out)', { exact: false }).waitFor();
    await preview.getByText('People named: Priya Raman.').waitFor();
    await preview.getByText('1 resolved, 1 to no note', { exact: false }).waitFor();
    await preview.getByText('Skipped .obsidian', { exact: false }).waitFor();
    // One note names no kind: the import waits for one.
    assert.equal(await $(page, 'import-notes-go').isDisabled(), true);
    await $(page, 'import-notes-kind').selectOption('stakeholder_feedback');
    await app.shot('import-notes');
    await $(page, 'import-notes-go').getByText('Import 2 notes').click();
    await $(page, 'import-notes').waitFor({ state: 'detached' });
    await page.getByText('Imported 2 notes as sessions. People: 0 matched, 1 added.').waitFor();
    await $(page, 'session-row').filter({ hasText: 'Priya' }).waitFor();
    await $(page, 'session-row').filter({ hasText: 'Retry once' }).waitFor();
    const sessions = await app.op('list_sessions', { query: {} });
    assert.deepEqual(sessions.sessions.map((s) => [s.title, s.kind]).sort(), [['Priya', 'coffee_chat'], ['Runbook', 'stakeholder_feedback']]);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'an imported note is text');

    // A wikilink in the notes leads to the note it names; one to no note says so.
    await $(page, 'session-row').filter({ hasText: 'Priya' }).click();
    await $(page, 'preview-toggle').click();
    await $(page, 'notes-preview').getByRole('link', { name: 'Gone' }).click();
    await page.getByText('No note of this workspace is “Gone”.').waitFor();
    await $(page, 'notes-preview').getByRole('link', { name: 'Runbook' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="session-title"]')?.value === 'Runbook');

    // The same folder again: nothing new.
    await page.keyboard.press('Control+k');
    await $(page, 'palette-input').fill('import notes');
    await page.keyboard.press('Enter');
    await $(page, 'import-notes-choose').click();
    await $(page, 'import-notes-preview').waitFor();
    await $(page, 'import-notes-kind').selectOption('stakeholder_feedback');
    await $(page, 'import-notes-go').click();
    await page.getByText('Imported 0 notes as sessions; 2 imported before, left as they were', { exact: false }).waitFor();
    assert.equal((await app.op('list_sessions', { query: {} })).total, 2);
  },
);

journey(
  'the File and Go menus of the window run the palette’s commands, and one that cannot run yet says why',
  { seed: {} },
  async (app) => {
    const { page } = app;
    const menu = (id) => page.evaluate((i) => window.__GW_MOCK__.emit('menu-command', i), id);
    // No cycle yet: an import says what it needs instead of doing nothing.
    await menu('import-notes');
    await page.getByText('Start a cycle first: “Import notes…” works in the current cycle.').waitFor();
    await app.op('create_cycle', { name: H1 });
    await page.evaluate(() => window.__GW_MOCK__.emit('workspace-changed', null));
    await menu('go-people');
    await page.getByRole('heading', { name: 'People' }).first().waitFor();
    await menu('import-tickets');
    await $(page, 'import-tickets').waitFor();
  },
);
