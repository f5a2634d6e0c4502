// The shared frame of every UI journey: one browser and one preview server for the
// run, and `journey(name, config, body)` that opens the app with the fake backend.

import { after, before, test } from 'node:test';
import { bundleMock, launchBrowser, openApp, startPreview } from './harness.mjs';

const env = {};

before(async () => {
  const [mockScript, preview, browser] = await Promise.all([bundleMock(), startPreview(), launchBrowser()]);
  Object.assign(env, { mockScript, url: preview.url, stopPreview: preview.stop, browser: browser.browser, closeBrowser: browser.close });
});

after(async () => {
  await env.closeBrowser?.();
  await env.stopPreview?.();
});

/** A journey: opens the app with `config`, runs `body`, and fails on anything the page threw. */
export function journey(name, config, body, options = {}) {
  test(name, { timeout: 60000 }, async (t) => {
    const app = await openApp(t, env, config, options);
    await body(app);
    app.assertNoPageErrors();
  });
}

/** The element with this test id. */
export const $ = (page, id) => page.getByTestId(id);
