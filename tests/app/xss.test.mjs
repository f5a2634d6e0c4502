// Journey c: notes full of script-injection payloads render inert in the preview.
// The payloads are typed into the editor like any notes; the preview (HTML from
// the Rust renderer, sanitized) must run none of them, even when the link is clicked.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, byTestId, journey, waitUntil } from './lib/harness.mjs';
import { createFirstCycle, createSession, typeNotes, pasteNotes, waitNotes, waitSaved, openSession } from './lib/flows.mjs';

let h;
before(async () => {
  h = await Harness.start('xss');
});
after(async () => {
  await h?.close();
});

const PAYLOADS = [
  '<img src=x onerror="window.__gw_pwned=1">',
  '<svg onload="window.__gw_pwned=1">',
  '<script>window.__gw_pwned=1</script>',
  '[x](javascript:window.__gw_pwned=1)',
  '<iframe srcdoc="<script>parent.__gw_pwned=1</script>"></iframe>',
  '</textarea><script>window.__gw_pwned=1</script>',
  '</pre><img src=x onerror=window.__gw_pwned=1>',
  // Elements that, interpreted, would swallow the rest of the notes.
  'We put a <style> here, and the rest stays visible.',
  '<textarea>typed after a textarea, still visible',
  '<xmp>and after xmp, <title> and <noscript>, still visible',
];
// A harmless line (typed) to prove the preview rendered at all, then one paragraph
// per payload (pasted: typing HTML into the editor gets tags auto-closed and lines
// auto-indented, which would change the payloads).
const FIRST_LINE = 'Sentinel notes: **nothing below may run**.';
const PASTED = ['', ...PAYLOADS].join('\n\n');
const NOTES = FIRST_LINE + PASTED;

/** Everything the page could have been tricked into, read in the page itself. */
const INSPECT = `
  const preview = document.querySelector('[data-testid="notes-preview"]');
  const all = preview ? Array.from(preview.querySelectorAll('*')) : [];
  const onAttrs = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) onAttrs.push(el.tagName + '[' + a.name + ']');
  }
  const badUrls = all
    .flatMap((el) => ['href', 'src', 'srcdoc', 'action', 'formaction', 'xlink:href'].map((n) => el.getAttribute(n)))
    .filter((v) => v && /^\\s*(javascript|data|vbscript):/i.test(v));
  return {
    pwned: typeof window.__gw_pwned,
    previewExists: !!preview,
    previewText: preview ? preview.textContent : '',
    previewHtml: preview ? preview.innerHTML : '',
    scriptsInPreview: preview ? preview.querySelectorAll('script').length : -1,
    iframesInPreview: preview ? preview.querySelectorAll('iframe, frame, object, embed').length : -1,
    scriptsInBody: document.body.querySelectorAll('script').length,
    iframesInDocument: document.querySelectorAll('iframe, frame, object, embed').length,
    onAttrs,
    badUrls,
    location: location.href,
  };
`;

journey(() => h, 'c. script payloads in notes stay inert in the preview', { timeout: 120_000 }, async (t) => {
  const workspace = h.path('journey-c.groundwork');
  const app = await h.launch(workspace);
  try {
    await createFirstCycle(app, 'XSS cycle');
    const id = await createSession(app, {
      title: 'Sentinel <script>window.__gw_pwned=1</script>',
      kind: 'team_brainstorm',
      date: '2026-08-01',
      participants: '<img src=x onerror="window.__gw_pwned=1">',
    });
    await typeNotes(app, FIRST_LINE);
    await waitNotes(app, FIRST_LINE);
    await pasteNotes(app, PASTED);
    await waitNotes(app, NOTES);
    await waitSaved(app);
    const startUrl = await app.exec('return location.href');

    await app.click(byTestId('preview-toggle'));
    const preview = await app.waitForTestId('notes-preview');
    await app.waitText(byTestId('notes-preview'), /nothing below may run/);
    await app.screenshot('xss-preview');

    // Click the javascript: link (whatever the sanitizer left of it).
    const links = await preview.findAll('a');
    let clicked = 0;
    for (const a of links) {
      if ((await app.textOf(a)).trim() === 'x') {
        await a.click();
        clicked++;
      }
    }
    t.diagnostic(`clicked ${clicked} link(s) labelled "x"; preview has ${links.length} link(s)`);
    assert.ok(clicked >= 1, 'the [x](javascript:…) link is rendered as a link-like element to click');
    // Give failed image loads, svg onload and any navigation a chance to run.
    await app.settle();
    await new Promise((r) => setTimeout(r, 500));
    await app.settle();

    const seen = await app.exec(INSPECT);
    t.diagnostic(`preview HTML: ${seen.previewHtml}`);
    assert.equal(seen.pwned, 'undefined', 'window.__gw_pwned was never set');
    assert.equal(seen.previewExists, true);
    assert.equal(seen.scriptsInPreview, 0, 'no <script> in the preview');
    assert.equal(seen.iframesInPreview, 0, 'no <iframe>/<object>/<embed> in the preview');
    assert.equal(seen.scriptsInBody, 0, 'no <script> anywhere in the body');
    assert.equal(seen.iframesInDocument, 0, 'no frames anywhere in the document');
    assert.deepEqual(seen.onAttrs, [], 'no on* attributes anywhere in the document');
    assert.deepEqual(seen.badUrls, [], 'no javascript:/data: URLs in the preview');
    assert.equal(seen.location, startUrl, 'the app did not navigate away');
    // Raw HTML is shown as the text it is: every payload written as HTML reads in the
    // preview exactly as typed, and nothing after it is hidden.
    for (const payload of PAYLOADS.filter((p) => p.includes('<'))) {
      assert.ok(seen.previewText.includes(payload), `the preview shows ${JSON.stringify(payload)} as text`);
    }

    // The payloads are kept as text: the notes themselves are not "cleaned".
    await app.exec(`for (const b of document.querySelectorAll('[role="tab"]')) if (b.textContent.trim() === 'Write') b.click();`);
    await openSession(app, id);
    await waitNotes(app, NOTES);
    const after = await app.exec('return typeof window.__gw_pwned');
    assert.equal(after, 'undefined');
    await app.screenshot('xss-list-and-editor');
  } finally {
    await app.quit();
  }
});

journey(() => h, 'c. the XSS sentinel itself works (a guard against a vacuous pass)', { timeout: 60_000 }, async () => {
  // If the page could not run scripts from a test at all, the checks above would prove nothing.
  const app = await h.launch(h.path('sentinel.groundwork'));
  try {
    await app.waitForTestId('welcome');
    await app.exec('window.__gw_pwned = 1;');
    await waitUntil(async () => (await app.exec('return window.__gw_pwned')) === 1, { message: 'the sentinel to be set' });
  } finally {
    await app.quit();
  }
});
