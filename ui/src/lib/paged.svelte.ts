/**
 * Rows of a long list fetched a page at a time, as the virtual list scrolls to them.
 * Only the pages someone looked at are held, so a list of 100,000 rows costs what
 * one screen of it costs.
 */

/** The page numbers that hold rows `start` to `end` (exclusive). */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const first = Math.floor(start / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export interface Page<T> {
  rows: T[];
  /** How many rows the whole list has. */
  count: number;
}

export class PagedRows<T> {
  /** Sparse: a row is undefined until its page arrives. */
  rows = $state.raw<(T | undefined)[]>([]);
  count = $state(0);
  loaded = $state(false);

  #fetch: (offset: number, limit: number) => Promise<Page<T>>;
  #pageSize: number;
  #requested = new Set<number>();
  #generation = 0;

  constructor(fetch: (offset: number, limit: number) => Promise<Page<T>>, pageSize = 100) {
    this.#fetch = fetch;
    this.#pageSize = pageSize;
  }

  /** Drops everything and loads the first page again (after a change to the data or the query). */
  async reset(): Promise<Page<T>> {
    this.#generation++;
    this.#requested = new Set([0]);
    const generation = this.#generation;
    const page = await this.#fetch(0, this.#pageSize);
    if (generation !== this.#generation) return page;
    const rows: (T | undefined)[] = new Array(page.count);
    page.rows.forEach((r, i) => (rows[i] = r));
    this.rows = rows;
    this.count = page.count;
    this.loaded = true;
    return page;
  }

  /**
   * Fetches every page held again and swaps them in at once (after a write changed
   * the data, not the query): what is on screen stays on screen, with no placeholders.
   */
  async refresh(): Promise<Page<T>> {
    const pages = [...this.#requested].sort((a, b) => a - b);
    if (!this.loaded || pages.length === 0) return this.reset();
    this.#generation++;
    const generation = this.#generation;
    const fetched = await Promise.all(pages.map(async (p) => [p, await this.#fetch(p * this.#pageSize, this.#pageSize)] as const));
    const first = fetched[0][1];
    if (generation !== this.#generation) return first;
    const count = first.count;
    const rows: (T | undefined)[] = new Array(count);
    for (const [p, page] of fetched) page.rows.forEach((r, i) => (rows[p * this.#pageSize + i] = r));
    this.rows = rows;
    this.count = count;
    this.#requested = new Set(pages.filter((p) => p * this.#pageSize < count));
    return first;
  }

  /** Makes sure rows `start` to `end` are loaded or on their way. */
  async ensure(start: number, end: number): Promise<void> {
    const generation = this.#generation;
    const wanted = pagesFor(Math.max(0, start), Math.min(end, this.count), this.#pageSize).filter((p) => !this.#requested.has(p));
    await Promise.all(
      wanted.map(async (p) => {
        this.#requested.add(p);
        try {
          const page = await this.#fetch(p * this.#pageSize, this.#pageSize);
          if (generation !== this.#generation) return;
          const rows = this.rows.slice();
          page.rows.forEach((r, i) => (rows[p * this.#pageSize + i] = r));
          this.rows = rows;
        } catch (e) {
          this.#requested.delete(p);
          throw e;
        }
      }),
    );
  }

  /** The row at `index`, loading its page first when needed. */
  async at(index: number): Promise<T | undefined> {
    if (index < 0 || index >= this.count) return undefined;
    if (this.rows[index] === undefined) await this.ensure(index, index + 1);
    return this.rows[index];
  }

  /** Replaces one loaded row in place. */
  patch(match: (row: T) => boolean, update: (row: T) => T): void {
    const i = this.rows.findIndex((r) => r !== undefined && match(r));
    if (i < 0) return;
    const rows = this.rows.slice();
    rows[i] = update(rows[i] as T);
    this.rows = rows;
  }
}
