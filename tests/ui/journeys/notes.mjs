// Notes typed in two places at once: a save over notes changed elsewhere is a
// conflict the person settles, and once settled it stays settled.

import assert from 'node:assert/strict';
import { journey, $ } from '../journey.mjs';

const H1 = '2027 H1 planning';
const seed = {
  cycles: [{ name: H1, current: true }],
  sessions: [{ cycle: H1, title: 'Coffee with Priya', kind: 'coffee_chat', heldOn: '2026-11-02', notes: 'First words.' }],
};

journey(
  'keeping my notes settles a conflict for good, even when a save of the conflicted text is still on its way',
  // The look-up of the other text is slow, so the answer to the save that leaving the
  // editor sends comes after the conflict is settled (a loaded machine does this).
  { seed, delayMs: { get_session: 700 } },
  async (app) => {
    const { page } = app;
    const row = $(page, 'session-row').first();
    const id = await row.getAttribute('data-session-id');
    await row.click();
    await page.locator(`[data-testid=session-editor][data-session-id="${id}"]`).waitFor();
    await page.locator('.cm-content').click();
    await page.evaluate(() => (globalThis.__GW_HOLD_AUTOSAVE__ = true));
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed here.');
    // Meanwhile another program saves other notes to the same session.
    await app.op('save_notes', { id, notes: 'Changed elsewhere.' });
    await page.evaluate(() => (globalThis.__GW_HOLD_AUTOSAVE__ = false));
    await $(page, 'notes-conflict').waitFor();
    assert.equal((await app.op('get_session', { id })).notes, 'Changed elsewhere.', 'nothing was overwritten');

    // The cursor is still in the notes: clicking "Keep mine" leaves the editor first.
    await $(page, 'notes-keep-mine').click();
    await $(page, 'notes-conflict').waitFor({ state: 'detached' });
    await app.until('get_session', { id }, (s) => s.notes === 'First words. Typed here.');
    // Every call sent so far has been answered, the late ones included…
    await page.waitForFunction(() => (window.__GW_MOCK_CALLS__ ?? []).every((c) => c.done));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    // …and none of them brought the settled conflict back, or turned the saved notes into an error.
    assert.equal(await $(page, 'notes-conflict').count(), 0, 'the conflict stays settled');
    assert.equal(await $(page, 'save-state').innerText(), 'Saved', 'the notes read as saved');
    const kept = await app.op('notes_versions', { id });
    assert.deepEqual(kept.map((v) => v.notes), ['Changed elsewhere.'], 'the text that gave way is kept, once');
  },
);
