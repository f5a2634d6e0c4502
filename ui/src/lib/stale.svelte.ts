/**
 * Which lists are out of date. Every write the backend runs names the lists it makes
 * stale (the operation table, `ui/src/ipc/generated/ops.ts`); the client marks them
 * here after the write succeeds, and a view that shows a list reads its version in an
 * effect, so it reloads exactly when something it shows changed. Nothing bumps these
 * by hand: a new operation declares what it makes stale, in Rust, and a read declares
 * what it shows, so a view may name the reads it makes (`shown`) instead of the lists.
 */
import { ALL_STALE, SHOWS, type OpName, type Stale } from '../ipc/generated/ops';

class StaleLists {
  /** One counter per list; read `versions.sessions` in an effect to reload on change. */
  versions = $state(Object.fromEntries(ALL_STALE.map((s) => [s, 0])) as Record<Stale, number>);
  /** Writes made through the operation table this session: what shows changes waiting reloads on it. */
  writes = $state(0);

  /** Marks lists stale: views showing them reload. */
  mark(lists: readonly Stale[]): void {
    for (const list of lists) this.versions[list]++;
  }

  /**
   * One number that moves whenever a list shown by any of `reads` changes: read it in an
   * effect, and the effect runs again exactly when what those reads show changed.
   */
  shown(reads: readonly OpName[]): number {
    let sum = 0;
    for (const list of new Set(reads.flatMap((read) => SHOWS[read]))) sum += this.versions[list];
    return sum;
  }

  /** Everything is stale: another workspace was opened, or another process changed this one. */
  markAll(): void {
    this.mark(ALL_STALE);
  }
}

export const stale = new StaleLists();
