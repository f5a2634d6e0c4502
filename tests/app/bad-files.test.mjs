// Journey d: pointing the app at something that is not a workspace shows the
// workspace-error screen naming the path, and leaves the thing byte-for-byte as it
// was (no -wal/-shm/-journal beside it either).

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Harness, byTestId, journey, waitUntil } from './lib/harness.mjs';
import { damagedGroundworkFile, fingerprint, foreignSqliteDatabase, groundworkFileOfSchema, listing } from './lib/fixtures.mjs';

let h;
before(async () => {
  h = await Harness.start('bad-files');
});
after(async () => {
  await h?.close();
});

/** Each case makes its thing in its own folder and returns its path. */
const CASES = {
  'empty-file': (dir) => {
    const p = join(dir, 'empty.groundwork');
    writeFileSync(p, '');
    return p;
  },
  'text-file': (dir) => {
    const p = join(dir, 'notes.groundwork');
    writeFileSync(p, '# Meeting notes\n\nThis is a Markdown file someone renamed.\n'.repeat(20));
    return p;
  },
  directory: (dir) => {
    const p = join(dir, 'folder.groundwork');
    mkdirSync(p);
    writeFileSync(join(p, 'inside.txt'), 'a file inside the folder\n');
    return p;
  },
  'foreign-sqlite': (dir) => {
    const p = join(dir, 'someone-else.groundwork');
    writeFileSync(p, foreignSqliteDatabase());
    return p;
  },
  'newer-schema': (dir) => {
    const p = join(dir, 'from-the-future.groundwork');
    writeFileSync(p, groundworkFileOfSchema(99));
    return p;
  },
  damaged: (dir) => {
    const p = join(dir, 'damaged.groundwork');
    writeFileSync(p, damagedGroundworkFile());
    return p;
  },
};

/** What the error screen must say for each case, beyond the path. */
const HEADINGS = {
  'empty-file': 'This file is empty',
  'text-file': 'This file is not a workspace',
  directory: 'This is a folder, not a workspace',
  'foreign-sqlite': 'This is not a Groundwork workspace',
  'newer-schema': 'This workspace needs a newer Groundwork',
  damaged: 'This workspace file is damaged',
};

async function expectErrorScreen(app, path) {
  await app.waitForTestId('workspace-error');
  await app.waitText(byTestId('workspace-error'), (t) => t.includes(path));
  for (const id of ['open-another', 'create-new', 'open-default']) {
    const button = await app.waitForTestId(id);
    assert.equal(await button.enabled(), true, `${id} is enabled`);
  }
  assert.equal((await app.findAll(byTestId('app-shell'))).length, 0, 'no workspace UI behind the error');
}

for (const [name, make] of Object.entries(CASES)) {
  journey(() => h, `d. ${name}: shows the workspace error with its path and leaves it unchanged`, { timeout: 60_000 }, async () => {
    const dir = h.path(`case-${name}`);
    mkdirSync(dir);
    const path = make(dir);
    const before = { print: fingerprint(path), names: listing(dir), mtime: statSync(path).mtimeMs };

    const app = await h.launch(path);
    try {
      await expectErrorScreen(app, path);
      await app.waitText(byTestId('workspace-error'), (t) => t.includes(HEADINGS[name]));
      await app.screenshot(`error-${name}`);
    } finally {
      await app.quit();
    }

    assert.equal(fingerprint(path), before.print, 'contents unchanged');
    assert.equal(statSync(path).mtimeMs, before.mtime, 'not even touched');
    assert.deepEqual(listing(dir), before.names, 'nothing created beside it (no -wal, -shm, -journal)');
  });
}

journey(() => h, 'd. from the error screen, "Open the default workspace" opens a working one', { timeout: 60_000 }, async () => {
  const dir = h.path('case-open-default');
  mkdirSync(dir);
  const path = CASES['text-file'](dir);
  const print = fingerprint(path);
  const app = await h.launch(path);
  try {
    await expectErrorScreen(app, path);
    await app.click(byTestId('open-default'));
    await app.waitForTestId('welcome');
    await app.waitForTestId('app-shell');
    await app.screenshot('error-then-default-workspace');
    // The default workspace lives under the (temporary) XDG data home.
    const found = await waitUntil(() => findWorkspaces(h.dataHome)[0], { message: 'a default workspace file under XDG_DATA_HOME' });
    assert.match(found, /\.groundwork$/);
  } finally {
    await app.quit();
  }
  assert.equal(fingerprint(path), print, 'the bad file is unchanged');
});

function findWorkspaces(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findWorkspaces(p));
    else if (entry.name.endsWith('.groundwork')) out.push(p);
  }
  return out;
}
