// Benchmark, not a test: the Pains view at 5,000 pains over 20,000 observations, on
// real core through the test server, in Chromium. It reports (never asserts) the time
// from Ctrl+9 to the first painted row, to the editor of a chosen pain, and the frame
// times while the list scrolls to its end.
//
//   tests/ui/run.sh --test-name-pattern=nothing     # builds ui/dist and the test server once
//   node --test tests/ui/bench/pains-view.mjs       # then this, e.g. GW_PAINS=2000
//
// Figures go to stdout and artifacts/bench-pains-view.txt.

import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { journey, $ } from '../journey.mjs';
import { ROOT } from '../harness.mjs';

const PAINS = Number(process.env.GW_PAINS ?? 5000);
const H1 = '2027 H1 planning';

journey(`bench: the Pains view at ${PAINS} pains`, { timeoutMs: 900_000, seed: { cycles: [{ name: H1, current: true }], bulkObservations: { cycle: H1, count: 20000 } } }, async (app) => {
  const { page } = app;
  const cycle = app.ids.cycle.get(H1);
  await app.op('advance_cycle', { id: cycle });
  const made = Date.now();
  const list = await app.op('list_observations', { query: { filter: { cycleId: cycle, kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, text: '', offset: 0, limit: 1000 } });
  const ids = list.observations.map((o) => o.id);
  for (let p = 0; p < PAINS; p++) {
    const evidence = Array.from({ length: 20 }, (_, k) => ({ observationId: ids[(p * 20 + k * 7) % ids.length], reason: '' }));
    const pain = await app.op('create_pain', { cycleId: cycle, pain: { statement: `Pain ${p}: builds are slow for team ${p % 40}`, evidence } });
    if (p % 5) await app.op('score_pain', { id: pain.id, inputs: { impact: [0.5, 1, 2, 3][p % 4], confidence: 80, effort: 1 + (p % 7), criteria: {} } });
  }
  const setup = ((Date.now() - made) / 1000).toFixed(0);
  // The page read the cycle before it moved to prioritization: open it afresh.
  await page.reload();
  await $(page, 'app-shell').waitFor({ timeout: 60000 });

  const t0 = Date.now();
  await page.keyboard.press('Control+9');
  await $(page, 'pain-row').first().waitFor({ timeout: 60000 });
  const firstRow = Date.now() - t0;
  const rows = await $(page, 'pain-row').count();

  const t1 = Date.now();
  await $(page, 'pain-row').nth(3).click();
  await $(page, 'pain-editor').waitFor({ timeout: 60000 });
  await $(page, 'pain-why').waitFor({ timeout: 60000 });
  const editor = Date.now() - t1;

  // Scroll the list to its end in steps, one per frame, and keep each frame's time.
  const frames = await page.evaluate(async () => {
    const el = document.querySelector('[aria-label="Pains"]');
    const times = [];
    let last = performance.now();
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 2) {
      el.scrollTop += 600;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  const pct = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]?.toFixed(1);
  const lines = [
    `Pains view, ${PAINS} pains × 20 links over 20,000 observations (setup ${setup} s, Chromium, real core via the test server, debug build)`,
    `Ctrl+9 to the first painted row: ${firstRow} ms (${rows} rows in the DOM)`,
    `click a row to its editor with "Why #N?": ${editor} ms`,
    `scrolling to the end: ${frames.length} frames, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, worst ${frames.at(-1)?.toFixed(1)} ms`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'artifacts', 'bench-pains-view.txt'), lines.join('\n') + '\n');
});
