// What a person does in Groundwork, as reusable steps over the UI contract
// (data-testid attributes). Every step waits for the UI; none sleeps blindly.

import assert from 'node:assert/strict';
import { byTestId, waitUntil } from './harness.mjs';
import { Keys } from './webdriver.mjs';

const NOTES_CONTENT = `${byTestId('notes-editor')} .cm-content`;

/** The first launch on a new workspace: the welcome screen, then the first cycle. */
export async function createFirstCycle(app, name, { screenshots = false } = {}) {
  await app.waitForTestId('welcome');
  if (screenshots) await app.screenshot('welcome');
  await app.click(byTestId('welcome-create-cycle'));
  const input = await app.waitForTestId('cycle-name-input');
  // The first cycle's name comes suggested ("2027 H1 planning"); replace it.
  await input.clear();
  await input.type(name);
  if (screenshots) await app.screenshot('new-cycle-dialog');
  await app.click(byTestId('cycle-create-submit'));
  await app.waitText(byTestId('cycle-switcher'), (t) => t.includes(name));
  await app.waitText(byTestId('cycle-mode'), /discovery/i);
}

/** Sets an <input>'s value as the browser would after user input (for type=date etc.). */
export async function setInputValue(app, el, value) {
  await app.exec(
    `const [el, value] = arguments;
     const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
     setter.call(el, value);
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [el, value],
  );
  await waitUntil(async () => (await el.property('value')) === value, { message: `input value ${value}` });
}

/** Chooses `value` in a <select> by clicking its option (falls back to a change event). */
export async function selectOption(app, select, value) {
  const option = await select.find(`option[value="${value}"]`);
  await select.click().catch(() => {});
  await option.click();
  if ((await select.property('value')) !== value) {
    await app.exec(
      `const [el, value] = arguments;
       el.value = value;
       el.dispatchEvent(new Event('change', { bubbles: true }));
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      [select, value],
    );
  }
  await waitUntil(async () => (await select.property('value')) === value, { message: `select value ${value}` });
}

/**
 * Logs a session through the new-session dialog; returns its id once its editor is open.
 * `session`: { title, kind, date ('YYYY-MM-DD'), participants (names, comma-separated) }.
 */
export async function createSession(app, session, { screenshots = false, keepTemplate = false } = {}) {
  // The sidebar button per the UI contract; the empty list's button does the same.
  await app.click(`${byTestId('new-session-button')}, ${byTestId('empty-new-session')}`);
  const title = await app.waitForTestId('session-title-input');
  await title.clear();
  await title.type(session.title);
  await selectOption(app, await app.find(byTestId('session-kind-select')), session.kind);
  await setInputValue(app, await app.find(byTestId('session-date-input')), session.date);
  await pickPeople(app, 'session-participants-input', names(session.participants));
  if (screenshots) await app.screenshot('new-session-dialog');
  await app.click(byTestId('session-create-submit'));
  const editor = await app.waitForTestId('session-editor');
  const id = await editor.attribute('data-session-id');
  assert.ok(id, 'the session editor carries data-session-id');
  await app.waitFor(NOTES_CONTENT);
  if (!keepTemplate) {
    // A new session starts from its kind's template; journeys that check exact notes start blank.
    await waitUntil(async () => ((await readNotes(app)) ?? '').length > 0, { message: 'the template in the notes' });
    const content = await app.find(NOTES_CONTENT);
    await content.click();
    await content.type(Keys.CONTROL + 'a' + Keys.NULL + Keys.BACKSPACE);
    await waitNotes(app, '');
  }
  return id;
}

/** "Priya (Payments), Tom" → ["Priya (Payments)", "Tom"]. */
function names(participants = '') {
  return participants
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

/**
 * Names people in a people picker: each name is picked when a person has it, or
 * created from what was typed ("+ Create person …"), as a person would with the keyboard.
 */
export async function pickPeople(app, testid, people) {
  for (const name of people) {
    const input = await app.find(byTestId(`${testid}-input`));
    await input.click();
    await input.type(name);
    await app.waitFor(`${byTestId(`${testid}-options`)}`);
    await input.type(Keys.ENTER);
    await waitUntil(async () => (await chipNames(app, testid)).includes(name), { message: `${name} picked` });
  }
}

/** The names on a picker's chips, in order. */
export async function chipNames(app, testid) {
  return app.exec(
    `return Array.from(document.querySelectorAll('[data-testid="' + arguments[0] + '-chip"] > span:not(.dot)'), (s) => s.textContent.trim());`,
    [testid],
  );
}

/** Types `text` into the CodeMirror notes editor, keystroke by keystroke ("\n" presses Enter). */
export async function typeNotes(app, text) {
  const content = await app.waitFor(NOTES_CONTENT);
  await content.click();
  await content.type(text.replaceAll('\n', Keys.ENTER));
}

/**
 * Pastes `text` into the notes editor at the cursor, as a clipboard paste would
 * (a real paste event that CodeMirror handles itself). Unlike typing, the editor's
 * conveniences (auto-indent, closing HTML tags) do not rewrite pasted text.
 */
export async function pasteNotes(app, text) {
  const content = await app.waitFor(NOTES_CONTENT);
  await content.click();
  // A click lands wherever the element's centre is; a paste after typing goes at the end.
  await content.type(Keys.CONTROL + Keys.END + Keys.NULL);
  const handled = await app.exec(
    `const [el, text] = arguments;
     el.focus();
     const data = new DataTransfer();
     data.setData('text/plain', text);
     const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
     el.dispatchEvent(event);
     return event.defaultPrevented;`,
    [content, text],
  );
  assert.ok(handled, 'the editor handled the paste event');
}

/** The notes as the editor holds them (CodeMirror's document, not the visible lines only). */
export async function readNotes(app) {
  return app.exec(`
    const content = document.querySelector('[data-testid="notes-editor"] .cm-content');
    if (!content) return null;
    const tile = content.cmTile || content.cmView;
    const view = tile && ((tile.root && tile.root.view) || tile.view);
    if (view && view.state) return view.state.doc.toString();
    return Array.from(content.querySelectorAll('.cm-line'), (l) => l.textContent).join('\\n');
  `);
}

/** Waits until the editor holds exactly `expected`. */
export async function waitNotes(app, expected, { timeout } = {}) {
  let last;
  try {
    await waitUntil(async () => (last = await readNotes(app)) === expected, { timeout, message: 'the notes editor to hold the expected text' });
  } catch (e) {
    e.message += `\n  expected: ${JSON.stringify(expected)}\n  actual:   ${JSON.stringify(last)}`;
    throw e;
  }
}

/** Waits for the save indicator to say "Saved". */
export async function waitSaved(app, { timeout } = {}) {
  await app.waitText(byTestId('save-state'), 'Saved', { timeout });
}

/** Finds a session's row in the list, opens it, and waits for its editor. */
export async function openSession(app, id) {
  const row = `${byTestId('session-row')}[data-session-id="${id}"]`;
  await app.click(row);
  await app.waitFor(`${byTestId('session-editor')}[data-session-id="${id}"]`);
  await app.waitFor(NOTES_CONTENT);
}

/** Reads the editor's detail fields (title, kind, date, participants). */
export async function readDetails(app) {
  const value = async (id) => (await app.find(byTestId(id))).property('value');
  return {
    title: await value('session-title'),
    kind: await value('session-kind'),
    date: await value('session-date'),
    participants: (await chipNames(app, 'session-participants')).join(', '),
  };
}

/**
 * Relaunches Groundwork on `workspace`, opens session `id` and checks its notes are
 * exactly `notes` and saved; takes a screenshot named `shot` when given.
 */
export async function expectNotesAfterRelaunch(h, workspace, id, notes, shot) {
  const app = await h.launch(workspace);
  try {
    await app.waitForTestId('session-list');
    await openSession(app, id);
    await waitNotes(app, notes);
    await app.waitText(byTestId('save-state'), 'Saved');
    if (shot) await app.screenshot(shot);
  } finally {
    await app.quit();
  }
}
