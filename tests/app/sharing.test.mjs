// Journey s: the real app shares its workspace through a git repository (a bare one on
// disk, real git) and syncs in the background; a teammate's copy, made and synced by
// the command line, changes the same field. Sync in the app finds the conflict, the
// Sharing view shows both values, one is taken, and after the next syncs both copies
// hold it.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { Harness, byTestId, journey, APP_BINARY } from './lib/harness.mjs';
import { Keys } from './lib/webdriver.mjs';
import { createFirstCycle } from './lib/flows.mjs';

/** The command line, built beside the app. */
const CLI = process.env.GW_CLI || join(dirname(APP_BINARY), 'groundwork-cli');

let h;
before(async () => {
  h = await Harness.start('sharing');
  // The save dialog of "Open a shared workspace…" keeps the copy here, without asking.
  h.env.GROUNDWORK_JOIN_FILE = h.path('journey-s-joined.groundwork');
  await h.restartDriver();
});
after(async () => {
  await h?.close();
});

function cli(workspace, ...args) {
  return execFileSync(CLI, ['--workspace', workspace, '--json', ...args], { encoding: 'utf8' });
}

function call(workspace, op, input) {
  return JSON.parse(cli(workspace, 'call', op, JSON.stringify(input)));
}

journey(() => h, 's. a workspace shared with git syncs from the app, and a conflict with a teammate is settled in the Sharing view', { timeout: 240_000 }, async () => {
  const workspace = h.path('journey-s.groundwork');
  const repo = h.path('journey-s-shared.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
  const app = await h.launch(workspace);
  try {
    await createFirstCycle(app, 'Shared cycle');
    const aisha = call(workspace, 'create_person', { person: { name: 'Aisha Khan', role: 'Engineer' } }).id;

    await app.click(byTestId('share-button'));
    const input = await app.waitForTestId('share-repo');
    await input.type(repo);
    await app.screenshot('share-dialog');
    await app.click(byTestId('share-submit'));
    await app.waitText(byTestId('sharing-status'), (t) => t.includes('journey-s-shared.git'), { timeout: 60_000 });

    // A teammate joins from the repository and makes Aisha a staff engineer.
    const mine = h.path('journey-s-teammate.groundwork');
    cli(mine, 'share', '--repo', repo);
    call(mine, 'update_person', { id: aisha, person: { name: 'Aisha Khan', role: 'Staff engineer' } });
    cli(mine, 'sync');
    // Here, meanwhile, she became a tech lead.
    call(workspace, 'update_person', { id: aisha, person: { name: 'Aisha Khan', role: 'Tech lead' } });

    await app.click(byTestId('sync-button'));
    await app.waitText(byTestId('sync-conflicts'), /1 conflict/, { timeout: 60_000 });
    await app.waitText(byTestId('conflict-kept'), /Tech lead/);
    await app.waitText(byTestId('conflict-other'), /Staff engineer/);
    await app.screenshot('sharing-conflict');

    await app.click(byTestId('conflict-take'));
    await app.waitFor(byTestId('conflicts-empty'));
    assert.equal(call(workspace, 'get_person', { id: aisha }).role, 'Staff engineer');
    await app.click(byTestId('sync-button'));
    await app.waitGone(byTestId('sync-conflicts'), { timeout: 60_000 });
    cli(mine, 'sync');
    assert.equal(call(mine, 'get_person', { id: aisha }).role, 'Staff engineer', 'the teammate has the settled value');
    assert.deepEqual(call(mine, 'list_conflicts', {}), []);
    await app.screenshot('sharing-settled');

    // A third teammate opens the shared workspace from the app: a copy is made and opened.
    await app.session.keys(Keys.CONTROL, 'k');
    const palette = await app.waitForTestId('palette-input');
    await palette.type('open a shared');
    await app.waitText(byTestId('command-palette'), (t) => /Open a shared workspace/.test(t));
    await app.session.keys(Keys.ENTER);
    const repoInput = await app.waitForTestId('share-repo');
    await repoInput.type(repo);
    await app.click(byTestId('share-submit'));
    await app.waitText(byTestId('workspace-menu'), /journey-s-joined/, { timeout: 60_000 });
    await app.waitText(byTestId('sharing-status'), (t) => t.includes('journey-s-shared.git'));
    const joined = h.path('journey-s-joined.groundwork');
    assert.equal(call(joined, 'get_person', { id: aisha }).role, 'Staff engineer', 'the copy holds what was shared');
    await app.screenshot('sharing-joined');
  } finally {
    await app.quit();
  }
});
