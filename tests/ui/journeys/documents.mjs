// Documents: write a charter paragraph, cite an observation from the picker (its
// chip shows the quote, a hostile one as text), keep a version, and export the
// planning pack, on real core through the test server.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> Flaky tests cost us a day';

const seed = {
  cycles: [{ name: H1, mode: 'prioritization', current: true }],
  teams: [{ name: 'Payments', segment: 'Fintech' }],
  people: [{ name: 'Priya Raman', team: 'Payments' }],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', participants: 'Priya Raman' }],
  observations: [
    { session: 'Coffee with Priya', kind: 'quote', text: 'I do not trust a red build anymore', people: ['Priya Raman'] },
    { session: 'Coffee with Priya', kind: 'pain', text: HOSTILE, people: ['Priya Raman'] },
  ],
};

journey('documents: a charter paragraph cites an observation from the picker, keeps a version and exports the planning pack', { seed }, async (app) => {
  const { page } = app;
  const cycleId = app.ids.cycle.get(H1);
  await $(page, 'session-list').waitFor();

  await page.keyboard.press('Control+Shift+0');
  await $(page, 'documents-view').waitFor();
  // A new charter opens with the method's sections and their prompts.
  await expectCount($(page, 'doc-sections').locator('li'), 5, 'charter sections');
  await page.getByText('What do we give our users that no one else in the company does?').waitFor();
  await $(page, 'cite-chip').filter({ hasText: 'Live: the trade-off map' }).waitFor();

  // Write under "Unique value": the line after its heading.
  await page.locator('.cm-line', { hasText: 'Unique value' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Nobody else can make a red build mean something again');

  // Saved, the evidence check marks the claim: nobody has said so yet.
  await page.locator('[data-testid=lint-finding][data-kind=uncited_claim]', { hasText: 'Nobody else can make' }).waitFor();
  await page.locator('.cm-uncited', { hasText: 'Nobody else can make' }).waitFor();

  // Cite: search as you type, Enter cites at the cursor.
  await page.keyboard.press('Control+Shift+L');
  await $(page, 'cite-picker').waitFor();
  await $(page, 'cite-search').fill('red build');
  await $(page, 'cite-option').filter({ hasText: 'red build' }).first().waitFor();
  // The picker says who said the quote, before it is cited.
  await $(page, 'cite-option').filter({ hasText: 'red build' }).first().getByText('Priya Raman', { exact: false }).waitFor();
  await page.keyboard.press('Enter');
  await $(page, 'cite-picker').waitFor({ state: 'detached' });
  await page.keyboard.type('.');

  const saved = await app.until('get_document', { cycleId, kind: 'charter' }, (d) => d.citations.length === 1 && d.body.includes('again[@obs:'));
  assert.equal(saved.citations[0].kept.text, 'I do not trust a red build anymore');
  assert.equal(saved.citations[0].kept.who, 'Priya Raman');
  assert.ok(saved.sections[0].written, 'unique value is written');
  await page.locator('.cm-uncited', { hasText: 'Nobody else can make' }).waitFor({ state: 'detached' });
  const chip = $(page, 'cite-chip').filter({ hasText: 'red build' });
  await chip.waitFor();
  assert.match(await chip.getAttribute('title'), /Priya Raman \(Payments\)/);
  await $(page, 'doc-citation').filter({ hasText: 'red build' }).waitFor();

  // A hostile quote cited stays text in its chip.
  await page.keyboard.press('Control+Shift+L');
  await $(page, 'cite-search').fill('Flaky tests cost');
  await $(page, 'cite-option').filter({ hasText: 'Flaky tests cost' }).first().click();
  await app.until('get_document', { cycleId, kind: 'charter' }, (d) => d.citations.length === 2);
  const hostile = $(page, 'cite-chip').filter({ hasText: '<img src=x' });
  await hostile.waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // CodeMirror's own cursor buffers are bare <img> elements; the quote made none with a source.
  assert.equal(await page.locator('.cm-content img[src], .cm-content [onerror]').count(), 0);
  await app.shot('documents-charter');

  // The team sets how old evidence may be.
  await $(page, 'lint-max-age').fill('730');
  await $(page, 'lint-max-age').press('Tab');
  await app.until('evidence_max_age', {}, (days) => days === 730);

  // Keep a version.
  await $(page, 'snapshot').click();
  await $(page, 'snapshot-note').fill('Sent to leadership 2027-01-10');
  await $(page, 'snapshot-save').click();
  await $(page, 'doc-version').filter({ hasText: 'Sent to leadership 2027-01-10' }).waitFor();

  // Written on after it was sent, the version says what changed since, word by word.
  await page.locator('.cm-line', { hasText: 'Nobody else can make' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Truly.');
  await app.until('get_document', { cycleId, kind: 'charter' }, (d) => d.body.includes('Truly.'));
  await $(page, 'doc-version').click();
  await $(page, 'version-dialog').waitFor();
  await $(page, 'version-body').waitFor();
  await $(page, 'compare-now').click();
  await $(page, 'version-diff').locator('ins', { hasText: 'Truly.' }).waitFor();
  await $(page, 'diff-summary').getByText('1 word added, 0 removed').waitFor();
  await app.shot('documents-version-diff');
  await page.keyboard.press('Escape');
  await $(page, 'version-dialog').waitFor({ state: 'detached' });

  // Export the pack as PDF and the charter as Markdown: saved where the user chose.
  await $(page, 'export').click();
  // The sections still unwritten are named before anything is exported.
  await $(page, 'export-empty-sections').getByText('“Competitive advantages”, “Strategy”, “What we will not do”', { exact: false }).waitFor();
  await $(page, 'export-pack-pdf').click();
  await page.getByText(/Saved to .*Planning pack - 2027 H1 planning\.pdf/).waitFor({ timeout: 30000 });
  const pdfCall = (await app.calls('save_export')).find((c) => c.ok && c.done);
  assert.ok(pdfCall, 'save_export answered');
  await $(page, 'export').click();
  await $(page, 'export-doc-md').click();
  await page.getByText(/Saved to .*Charter - 2027 H1 planning\.md/).waitFor();
  const exported = await app.until('export_document', { cycleId, doc: 'charter', format: 'md' }, () => true);
  assert.match(exported.content, /again\[\^cite-1\]\./);
  assert.match(exported.content, /\[\^cite-1\]: “I do not trust a red build anymore” — Priya Raman \(Payments\); Coffee with Priya, 2026-11-02\./);
  // The file written is the export itself.
  const toasts = await page.getByText(/Saved to .*Charter - 2027 H1 planning\.md/).first().textContent();
  const path = toasts.match(/Saved to (.*\.md)/)[1];
  assert.equal(readFileSync(path, 'utf8'), exported.content);
  // The toast offers to open the file or show it in its folder: that file, and only it.
  const savedToast = $(page, 'toast').filter({ hasText: 'Charter - 2027 H1 planning.md' });
  await savedToast.getByRole('button', { name: 'Open' }).waitFor();
  await savedToast.getByRole('button', { name: 'Show in folder' }).click();
  const shown = (await app.calls('show_saved_in_folder')).find((c) => c.ok);
  assert.equal(shown?.args?.path, path);
});
