/**
 * The layout of ui/src, checked: one folder per product area beside lib/, app/ and ipc/.
 * An area uses lib/, app/ and ipc/, and another area only through that area's index.ts
 * (its deliberate public face); lib/, app/ and ipc/ use no area. So a feature never
 * reaches into another area's internals, and a widget two areas share lives in lib/.
 * Within an area only its state module (`<area>/state.ts`) calls `backend`.
 */
import { describe, expect, it } from 'vitest';

const AREAS = ['discovery', 'prioritization', 'documents', 'surveys', 'loop', 'workspace'];
const SHARED = ['lib', 'app', 'ipc'];

// Every source file's text, by its path under src (Vite reads them; no Node types needed).
const sources = import.meta.glob<string>(['/src/**/*.ts', '/src/**/*.svelte', '!/src/ipc/generated/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const files = Object.fromEntries(Object.entries(sources).map(([p, text]) => [p.replace(/^\/src\//, ''), text]));

/** The relative paths a file imports (static, dynamic and re-exports), as written. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) found.push(m[1]);
  return found;
}

/** Joins a relative import onto the folder of `from` (both under src). */
function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const step of spec.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.') parts.push(step);
  }
  return parts.join('/');
}

/** The top folder a file sits in; '' for App.svelte and main.ts. */
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');
/** Whether an imported path is an area's public face: `<area>`, `<area>/index` or `<area>/index.ts`. */
const isPublicFace = (target: string) => /^[a-z]+(\/index(\.ts)?)?$/.test(target);

/** Every import that breaks the layout, as "file imports 'spec'" with the reason. */
function layoutBreaches(sourceFiles: Record<string, string>): string[] {
  const breaches: string[] = [];
  for (const [file, text] of Object.entries(sourceFiles)) {
    const from = folderOf(file);
    for (const spec of importsOf(text)) {
      const target = resolve(file, spec);
      const to = target.split('/')[0];
      if (!AREAS.includes(to) || to === from) continue;
      if (SHARED.includes(from)) breaches.push(`${file} imports '${spec}': ${from}/ is shared and uses no area`);
      else if (AREAS.includes(from) && !isPublicFace(target))
        breaches.push(`${file} imports '${spec}': area ${from} may use area ${to} only through ${to}/index.ts; move what both use to lib/`);
    }
  }
  return breaches;
}

/** Files of an area, other than its state module (`<area>/state.ts`), that call `backend` themselves. */
function backendCallers(sourceFiles: Record<string, string>): string[] {
  return Object.entries(sourceFiles)
    .filter(([file]) => AREAS.includes(folderOf(file)) && file !== `${folderOf(file)}/state.ts` && !file.endsWith('.test.ts'))
    .filter(([, text]) => /import\s*\{[^}]*\bbackend\b[^}]*\}\s*from\s*['"][./]*ipc\/client['"]/.test(text))
    .map(([file]) => `${file} calls backend: call ${folderOf(file)}/state.ts instead`);
}

describe('the layout of ui/src', () => {
  it('holds one folder per area beside lib, app and ipc, and nothing else', () => {
    const folders = [...new Set(Object.keys(files).map(folderOf).filter(Boolean))].sort();
    expect(folders).toEqual([...AREAS, ...SHARED].sort());
  });

  it('finds the source files it checks', () => {
    expect(Object.keys(files)).toContain('App.svelte');
    expect(Object.keys(files).length).toBeGreaterThan(50);
  });

  it('lets no area import inside another area, and no shared folder import an area', () => {
    expect(layoutBreaches(files)).toEqual([]);
  });

  it('lets an area’s components reach core only through the area’s state module', () => {
    expect(backendCallers(files)).toEqual([]);
  });
});

describe('the layout check itself', () => {
  it('names the file and the import when one area reaches into another', () => {
    const breaches = layoutBreaches({ 'loop/KudosTab.svelte': `import X from '../discovery/people/PersonEditor.svelte';` });
    expect(breaches).toEqual([
      "loop/KudosTab.svelte imports '../discovery/people/PersonEditor.svelte': area loop may use area discovery only through discovery/index.ts; move what both use to lib/",
    ]);
  });

  it('allows an area to use lib, app, ipc, its own files and another area’s index', () => {
    const text = [
      `import { toasts } from '../../lib/toast.svelte';`,
      `import { app } from '../../app/state.svelte';`,
      `import { backend } from '../../ipc/client';`,
      `import Row from './TeamRow.svelte';`,
      `import { AnswerSection } from '../../loop';`,
      `import { search } from '../../discovery/index';`,
    ].join('\n');
    expect(layoutBreaches({ 'discovery/people/PersonEditor.svelte': text })).toEqual([]);
  });

  it('names a component that calls backend instead of its area’s state module', () => {
    const text = `import { backend, type Kudos } from '../ipc/client';`;
    expect(backendCallers({ 'loop/KudosTab.svelte': text, 'loop/state.ts': text })).toEqual(['loop/KudosTab.svelte calls backend: call loop/state.ts instead']);
  });

  it('catches lib importing an area, dynamic imports included', () => {
    expect(layoutBreaches({ 'lib/Picker.svelte': `const m = import('../surveys/labels');` })).toHaveLength(1);
  });
});
