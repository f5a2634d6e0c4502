// Times Joplin's own SearchEngine in-process, the way the app uses it, for
// joplin-compare.sh. It starts Joplin's CLI application from the installed npm
// package (node_modules/joplin/main.js) on a profile, exactly as `joplin
// --profile DIR <command>` does (settings, database, SearchEngine wired by
// BaseApplication), but in place of running a command it:
//   1. builds the search index, timed apart: with REBUILD=1 from scratch
//      (SearchEngine.rebuildIndex(); the CLI may have indexed some notes during a
//      long import, its scheduled sync firing after 10 s), else whatever is left
//      to index (SearchEngine.syncTables()),
//   2. runs each query once to warm up, then RUNS times round-robin through
//      SearchEngine.instance().search(query) (every match, ranked by Joplin),
// and writes `TYPE<TAB>QUERY<TAB>MS<TAB>HITS` lines (and `#index<TAB>MS`) to OUT.
//
//   node joplin-search.cjs JOPLIN_DIR PROFILE_DIR QUERIES.tsv RUNS OUT
//
// QUERIES.tsv: one `TYPE<TAB>QUERY` a line, in Joplin's query syntax.
'use strict';
const fs = require('fs');
const path = require('path');

const [joplinDir, profile, queriesFile, runsArg, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node joplin-search.cjs JOPLIN_DIR PROFILE_DIR QUERIES.tsv RUNS OUT');
  process.exit(2);
}
const runs = Number(runsArg);
const queries = fs
  .readFileSync(queriesFile, 'utf8')
  .split('\n')
  .filter((l) => l.includes('\t'))
  .map((l) => l.split('\t'));

const appDir = path.join(joplinDir, 'node_modules', 'joplin');
const app = require(path.join(appDir, 'app.js')).default;
const lib = (p) => require(path.join(joplinDir, 'node_modules', '@joplin', 'lib', p));
const now = () => Number(process.hrtime.bigint()) / 1e6;

const application = app();
// `version` is a command the CLI runs without a keychain; we never run it.
application.execCommand = async () => {
  const SearchEngine = lib('services/search/SearchEngine').default;
  const Note = lib('models/Note').default;
  const engine = SearchEngine.instance();
  const lines = [];
  const notes = await Note.count();
  let t = now();
  if (process.env.REBUILD === '1') await engine.rebuildIndex();
  else await engine.syncTables();
  lines.push(`#index\t${process.env.REBUILD === '1' ? 'rebuild' : 'sync'}\t${(now() - t).toFixed(1)}\t${notes}`);
  for (const [, q] of queries) await engine.search(q);
  for (let r = 0; r < runs; r++) {
    for (const [kind, q] of queries) {
      t = now();
      const rows = await engine.search(q);
      lines.push(`${kind}\t${q}\t${(now() - t).toFixed(3)}\t${rows.length}`);
    }
  }
  fs.writeFileSync(out, lines.join('\n') + '\n');
};

process.argv = [process.argv[0], path.join(appDir, 'main.js'), '--profile', profile, 'version'];
require(path.join(appDir, 'main.js'));
