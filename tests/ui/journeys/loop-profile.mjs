// Closing the loop where the people and the evidence are: a stakeholder's check-in
// rhythm and dated check-ins on their profile (the newest answers become the profile's,
// the history shows how they changed, a deleted one comes back with Undo); "you said,
// we did" on an observation (marked answered with a solution, taken back, restored);
// and a kudos cited in a document. Hostile text stays text throughout.

import assert from 'node:assert/strict';
import { journey, $, expectCount } from '../journey.mjs';

const H1 = '2027 H1 planning';
const HOSTILE = '<img src=x onerror=alert(1)>';

/** A day `n` days before today, as YYYY-MM-DD (the browser runs in UTC). */
function daysAgo(n) {
  return new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
}
const today = () => daysAgo(0);

/** Fails the journey on any alert() the page raises: hostile text must not run. */
function noAlerts(page) {
  const raised = [];
  page.on('dialog', (d) => {
    raised.push(d.message());
    void d.dismiss();
  });
  return raised;
}

const seed = {
  cycles: [{ name: H1, mode: 'prioritization' }],
  teams: [{ name: 'SRE', segment: 'Platform' }],
  people: [{ name: 'Tom Becker', team: 'SRE', role: 'SRE lead', relation: 'stakeholder', goals: 'Fewer pages at night.', support: 'Faster rollbacks.', interaction: 'Monthly 1:1' }],
  sessions: [{ cycle: H1, title: 'Coffee with Tom', kind: 'coffee_chat', heldOn: daysAgo(60), participants: 'Tom Becker' }],
  observations: [{ session: 'Coffee with Tom', kind: 'pain', text: 'Rollbacks take us half an hour', people: ['Tom Becker'] }],
};

async function openTom(page) {
  await $(page, 'nav-people').waitFor();
  await page.keyboard.press('Control+3');
  await $(page, 'people-view').waitFor();
  await $(page, 'person-row').filter({ hasText: 'Tom Becker' }).click();
  await $(page, 'person-editor').waitFor();
}

journey('loop profile: a check-in rhythm is set, check-ins are recorded and dated, the profile takes the newest answers, and a deleted one comes back with Undo', { seed }, async (app) => {
  const { page } = app;
  const alerts = noAlerts(page);
  const id = app.ids.person.get('Tom Becker');
  await openTom(page);
  await $(page, 'checkin-history').getByText('No check-ins yet').waitFor();

  // A rhythm: every four weeks, counted from the last session (60 days ago): overdue.
  assert.deepEqual(await $(page, 'checkin-rhythm').locator('option').allInnerTexts(), ['No rhythm', 'Every 2 weeks', 'Every 4 weeks', 'Every 6 weeks', 'Every 8 weeks', 'Every 12 weeks']);
  await $(page, 'checkin-rhythm').selectOption('4');
  await app.until('get_person', { id }, (p) => p.checkinWeeks === 4);
  await $(page, 'checkin-due').getByText('32 days overdue').waitFor();

  // The first check-in, a month ago: the form starts from the profile's answers.
  await $(page, 'checkin-record').click();
  await $(page, 'checkin-form').waitFor();
  assert.equal(await $(page, 'checkin-date').inputValue(), today(), 'the date defaults to today');
  assert.equal(await $(page, 'checkin-goals').inputValue(), 'Fewer pages at night.');
  assert.equal(await $(page, 'checkin-support').inputValue(), 'Faster rollbacks.');
  assert.equal(await $(page, 'checkin-interaction').inputValue(), 'Monthly 1:1');
  await $(page, 'checkin-date').fill(daysAgo(28));
  await $(page, 'checkin-goals').fill('Halve the pages by June.');
  await $(page, 'checkin-support').fill(`${HOSTILE} rollbacks in one click`);
  await $(page, 'checkin-save').click();
  await $(page, 'checkin-form').waitFor({ state: 'detached' });

  // The profile shows the newest answers, as core keeps them.
  await page.waitForFunction(() => document.querySelector('[data-testid=person-goals]')?.value === 'Halve the pages by June.');
  assert.equal(await $(page, 'person-support').inputValue(), `${HOSTILE} rollbacks in one click`);
  let stored = await app.op('get_person', { id });
  assert.equal(stored.goals, 'Halve the pages by June.');
  assert.equal(stored.checkins.length, 1);
  await expectCount($(page, 'checkin-entry'), 1, 'check-ins after the first');
  // Due again four weeks after it: today.
  await $(page, 'checkin-due').getByText('due today').waitFor();

  // Typed in the profile just before the next check-in: kept, and the form starts from it.
  await $(page, 'person-interaction').fill('Slack, weekly');
  await $(page, 'checkin-record').click();
  assert.equal(await $(page, 'checkin-interaction').inputValue(), 'Slack, weekly');
  await $(page, 'checkin-goals').fill('Ship self-serve runners.');
  await $(page, 'checkin-save').click();
  await $(page, 'checkin-form').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[data-testid=person-goals]')?.value === 'Ship self-serve runners.');
  assert.equal(await $(page, 'person-interaction').inputValue(), 'Slack, weekly');

  // Two check-ins, newest first, dated; what changed since the one before is marked.
  const entries = $(page, 'checkin-entry');
  await expectCount(entries, 2, 'check-ins after the second');
  assert.deepEqual(await $(page, 'checkin-entry-date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime'))), [today(), daysAgo(28)]);
  assert.equal(await entries.nth(0).getByTestId('checkin-entry-goals').innerText(), 'Ship self-serve runners.');
  assert.equal(await entries.nth(1).getByTestId('checkin-entry-goals').innerText(), 'Halve the pages by June.');
  const changed = await entries.nth(0).locator('.row.changed').evaluateAll((els) => els.map((e) => e.dataset.field));
  assert.deepEqual(changed, ['goals', 'interaction']);
  // The hostile answer is text: no image made of it.
  assert.equal(await entries.nth(1).getByTestId('checkin-entry-support').innerText(), `${HOSTILE} rollbacks in one click`);
  assert.equal(await $(page, 'person-editor').locator('img').count(), 0);
  await app.shot('loop-profile-checkins');

  // Nothing stale lands on top of the check-in: the profile's saves keep its answers.
  await page.waitForFunction(() => document.querySelector('[data-testid=person-save-state]')?.textContent?.trim() === 'Saved');
  await new Promise((r) => setTimeout(r, 800));
  stored = await app.op('get_person', { id });
  assert.equal(stored.goals, 'Ship self-serve runners.');
  assert.equal(stored.interaction, 'Slack, weekly');
  assert.equal(stored.checkins.length, 2);

  // Delete the older check-in, then Undo.
  const older = stored.checkins[1].id;
  await entries.nth(1).getByTestId('checkin-delete').click();
  await expectCount(entries, 1, 'check-ins after the delete');
  await app.until('get_person', { id }, (p) => p.checkins.length === 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectCount(entries, 2, 'check-ins after Undo');
  await page.locator(`[data-testid=checkin-entry][data-checkin-id="${older}"]`).waitFor();
  const back = await app.until('get_person', { id }, (p) => p.checkins.length === 2);
  assert.equal(back.goals, 'Ship self-serve runners.', 'deleting an older check-in leaves the profile as it was');

  // No rhythm any more.
  await $(page, 'checkin-rhythm').selectOption('');
  await app.until('get_person', { id }, (p) => p.checkinWeeks === null);
  await $(page, 'checkin-due').waitFor({ state: 'detached' });
  assert.deepEqual(alerts, []);
});

journey('loop profile: an observation is marked answered with what was done and the solution, taken back and restored with Undo, and a pain made of it is answered too', { seed }, async (app) => {
  const { page } = app;
  const alerts = noAlerts(page);
  const cycleId = app.ids.cycle.get(H1);
  const observationId = app.ids.observation.get('Rollbacks take us half an hour');
  const bucket = await app.op('create_bucket', { cycleId, bucket: { name: 'Slow recovery', kind: 'eliminate' } });
  const solution = await app.op('create_solution', { bucketId: bucket.id, solution: { title: 'One-click rollback', notes: '', horizon: 'immediate', status: 'validating', capability: '', capabilityOutcome: '', vendorAbsorb: false, vendorEvidence: [] } });
  const target = { kind: 'observation', id: observationId };

  await $(page, 'nav-people').waitFor();
  await page.keyboard.press('Control+2');
  await $(page, 'observation-row').filter({ hasText: 'Rollbacks take us half an hour' }).click();
  await $(page, 'observation-detail').waitFor();
  const section = $(page, 'answer-section');
  await section.waitFor();
  assert.equal(await section.getAttribute('data-answered'), 'false');

  // Saying nothing was done is refused before it is sent.
  await $(page, 'answer-mark').click();
  assert.equal(await $(page, 'answer-date').inputValue(), today(), 'the date defaults to today');
  await $(page, 'answer-solution').locator('option', { hasText: 'One-click rollback' }).waitFor({ state: 'attached' });
  await $(page, 'answer-save').click();
  assert.equal((await app.calls('mark_answered')).length, 0, 'nothing is sent without what was done');

  await $(page, 'answer-what').fill(`${HOSTILE} Rollbacks now take one click`);
  await $(page, 'answer-date').fill(daysAgo(3));
  await $(page, 'answer-solution').selectOption({ label: 'One-click rollback' });
  await $(page, 'answer-save').click();
  await $(page, 'answer-form').waitFor({ state: 'detached' });

  // Shown as text, with its date and solution.
  assert.equal(await $(page, 'answer-text').innerText(), `${HOSTILE} Rollbacks now take one click`);
  await $(page, 'answer-solution-shown').getByText('One-click rollback').waitFor();
  await $(page, 'answer-date-shown').waitFor();
  assert.equal(await section.getAttribute('data-answered'), 'true');
  assert.equal(await section.locator('img').count(), 0);
  const answer = await app.op('answer_of', { target });
  assert.equal(answer.whatDone, `${HOSTILE} Rollbacks now take one click`);
  assert.equal(answer.doneOn, daysAgo(3));
  assert.equal(answer.solution?.id, solution.id);
  await app.shot('loop-profile-answer');

  // Edited: the one answer changes.
  await $(page, 'answer-edit').click();
  assert.equal(await $(page, 'answer-what').inputValue(), `${HOSTILE} Rollbacks now take one click`);
  await $(page, 'answer-what').fill('Rollbacks now take one click');
  await $(page, 'answer-save').click();
  await $(page, 'answer-text').getByText(/^Rollbacks now take one click$/).waitFor();
  const edited = await app.op('answer_of', { target });
  assert.equal(edited.id, answer.id, 'the same answer, changed');

  // Taken back, then restored with Undo.
  await $(page, 'answer-unmark').click();
  await $(page, 'answer-mark').waitFor();
  assert.equal(await app.op('answer_of', { target }), null);
  await page.getByRole('button', { name: 'Undo' }).click();
  await $(page, 'answer-text').getByText('Rollbacks now take one click').waitFor();
  assert.equal((await app.op('answer_of', { target }))?.id, answer.id);

  // And taken back for good.
  await $(page, 'answer-unmark').click();
  await $(page, 'answer-mark').waitFor();
  assert.equal(await app.op('answer_of', { target }), null);

  // A pain made of it is answered in its editor the same way.
  await $(page, 'observation-make-pain').click();
  const editor = $(page, 'pain-editor');
  await editor.waitFor();
  const painId = await editor.getAttribute('data-pain-id');
  await editor.getByTestId('answer-mark').click();
  await editor.getByTestId('answer-what').fill('Rollbacks are one click, for every service');
  await editor.getByTestId('answer-save').click();
  await editor.getByTestId('answer-text').getByText('Rollbacks are one click, for every service').waitFor();
  const painAnswer = await app.op('answer_of', { target: { kind: 'pain', id: painId } });
  assert.equal(painAnswer.doneOn, today());
  assert.equal(painAnswer.solution, undefined, 'no solution named');
  assert.deepEqual(alerts, []);
});

journey('loop profile: a kudos is cited in the charter from the picker, and its chip names who gave it', { seed }, async (app) => {
  const { page } = app;
  const cycleId = app.ids.cycle.get(H1);
  const personId = app.ids.person.get('Tom Becker');
  const kudos = await app.op('create_kudos', { kudos: { direction: 'received', givenOn: daysAgo(10), what: 'The new runners saved our release night', people: [personId] } });

  await $(page, 'session-list').waitFor();
  await page.keyboard.press('Control+Shift+0');
  await $(page, 'documents-view').waitFor();
  await page.locator('.cm-line', { hasText: 'Unique value' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Our runners make release nights calm ');

  await $(page, 'cite').click();
  await $(page, 'cite-picker').waitFor();
  await $(page, 'cite-search').fill('runners saved');
  const option = page.locator('[data-testid=cite-option][data-kind=kudos]');
  await option.waitFor();
  assert.match(await option.innerText(), /Kudos · Tom Becker · /);
  await option.click();
  await $(page, 'cite-picker').waitFor({ state: 'detached' });

  const saved = await app.until('get_document', { cycleId, kind: 'charter' }, (d) => d.citations.length === 1);
  assert.ok(saved.body.includes(`[@kudos:${kudos.id}]`), 'the token cites the kudos');
  assert.equal(saved.citations[0].kind, 'kudos');
  assert.equal(saved.citations[0].kept.text, 'The new runners saved our release night');
  assert.equal(saved.citations[0].kept.who, 'Tom Becker');
  const chip = $(page, 'cite-chip').filter({ hasText: 'Kudos: The new runners' });
  await chip.waitFor();
  assert.match(await chip.getAttribute('title'), /Tom Becker \(SRE\)/);
  await $(page, 'doc-citation').filter({ hasText: 'Kudos: The new runners' }).waitFor();
});
