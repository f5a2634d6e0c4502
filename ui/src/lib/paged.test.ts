import { describe, expect, it } from 'vitest';
import { PagedRows, pagesFor } from './paged.svelte';

function source(count: number) {
  const calls: [number, number][] = [];
  const fetch = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) => `row ${offset + i}`);
    return { rows, count };
  };
  return { calls, fetch };
}

describe('paged rows', () => {
  it('name the pages that cover a range', () => {
    expect(pagesFor(0, 10, 100)).toEqual([0]);
    expect(pagesFor(95, 130, 100)).toEqual([0, 1]);
    expect(pagesFor(5, 5, 100)).toEqual([]);
  });

  it('load only the first page up front, however long the list', async () => {
    const { calls, fetch } = source(100_000);
    const paged = new PagedRows(fetch, 100);
    await paged.reset();
    expect(paged.count).toBe(100_000);
    expect(paged.rows.filter((r) => r !== undefined)).toHaveLength(100);
    expect(calls).toEqual([[0, 100]]);
  });

  it('refresh the pages held in place after the data changed, keeping far rows on screen', async () => {
    let version = 1;
    const calls: number[] = [];
    const fetch = async (offset: number, limit: number) => {
      calls.push(offset);
      const rows = Array.from({ length: Math.min(limit, 1000 - offset) }, (_, i) => `v${version} row ${offset + i}`);
      return { rows, count: 1000 };
    };
    const paged = new PagedRows(fetch, 100);
    await paged.reset();
    await paged.ensure(700, 750);
    version = 2;
    calls.length = 0;
    const pending = paged.refresh();
    // Until the fresh pages arrive, the old rows stay: no placeholders flash.
    expect(paged.rows[720]).toBe('v1 row 720');
    await pending;
    expect(calls.sort((a, b) => a - b)).toEqual([0, 700]);
    expect(paged.rows[720]).toBe('v2 row 720');
    expect(paged.rows[5]).toBe('v2 row 5');
  });

  it('fetch the pages a scroll reaches, once each', async () => {
    const { calls, fetch } = source(1000);
    const paged = new PagedRows(fetch, 100);
    await paged.reset();
    await Promise.all([paged.ensure(450, 520), paged.ensure(480, 510)]);
    expect(calls).toEqual([[0, 100], [400, 100], [500, 100]]);
    expect(paged.rows[519]).toBe('row 519');
    expect(paged.rows[650]).toBeUndefined();
    expect(await paged.at(999)).toBe('row 999');
  });

  it('ignore pages that arrive after a reset', async () => {
    const { fetch } = source(1000);
    const paged = new PagedRows(fetch, 100);
    await paged.reset();
    const late = paged.ensure(900, 950);
    await paged.reset();
    await late;
    expect(paged.rows[900]).toBeUndefined();
  });

  it('patch a loaded row in place', async () => {
    const { fetch } = source(10);
    const paged = new PagedRows(fetch, 100);
    await paged.reset();
    paged.patch((r) => r === 'row 3', () => 'row three');
    expect(paged.rows[3]).toBe('row three');
  });
});
