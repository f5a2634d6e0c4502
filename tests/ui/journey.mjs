// The shared frame of every UI journey: one browser, one preview server and one test
// server (real core) for the run, and `journey(name, config, body)` that opens the app
// on a workspace of its own.

import { after, before, test } from 'node:test';
import { bundleMock, launchBrowser, openApp, ROOT, startPreview } from './harness.mjs';
import { startServer } from './core/server.mjs';

const env = {};

before(async () => {
  const [mockScript, preview, browser, server] = await Promise.all([bundleMock(), startPreview(), launchBrowser(), startServer(ROOT)]);
  Object.assign(env, { mockScript, url: preview.url, stopPreview: preview.stop, browser: browser.browser, closeBrowser: browser.close, server });
});

after(async () => {
  await env.closeBrowser?.();
  await env.stopPreview?.();
  await env.server?.stop();
});

/** A journey: opens the app with `config`, runs `body`, and fails on anything the page threw. */
export function journey(name, config, body, options = {}) {
  // A benchmark that plants thousands of rows first may ask for more time.
  test(name, { timeout: config.timeoutMs ?? 60000 }, async (t) => {
    const app = await openApp(t, env, config, options);
    try {
      await body(app);
    } catch (e) {
      // What the page said helps more than a time-out alone.
      await app.shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
      const said = [...app.errors, ...app.consoleLines];
      if (said.length && e instanceof Error) e.message += `\nThe page said:\n${said.join('\n')}`;
      throw e;
    }
    app.assertNoPageErrors();
  });
}

/** The element with this test id. */
export const $ = (page, id) => page.getByTestId(id);

/**
 * Waits until `locator` matches exactly `n` elements: a list shows what core answered a
 * moment after its screen appears, so counting at once can count before the answer.
 */
export async function expectCount(locator, n, message = '') {
  const end = Date.now() + 10_000;
  let count = await locator.count();
  while (count !== n && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    count = await locator.count();
  }
  if (count !== n) throw new Error(`${message || 'count'}: expected ${n}, saw ${count}`);
}

/** Selects `passage` in the open session's notes, as a mouse drag would. */
export async function selectPassage(page, passage) {
  await page.locator('.cm-content').click();
  await page.evaluate((p) => {
    const content = document.querySelector('.cm-content');
    const view = content.cmView?.view ?? null;
    // Select through the DOM: find the text node holding the passage.
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const at = node.textContent.indexOf(p);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + p.length);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return view;
      }
    }
    throw new Error(`passage not found: ${p}`);
  }, passage);
}
