/**
 * Which lists are out of date. Every write the backend runs names the lists it makes
 * stale (the operation table, `ui/src/ipc/generated/ops.ts`); the client marks them
 * here after the write succeeds, and a view that shows a list reads its version in an
 * effect, so it reloads exactly when something it shows changed. Nothing bumps these
 * by hand: a new operation declares what it makes stale, in Rust.
 */
import { ALL_STALE, type Stale } from '../ipc/generated/ops';

class StaleLists {
  /** One counter per list; read `versions.sessions` in an effect to reload on change. */
  versions = $state(Object.fromEntries(ALL_STALE.map((s) => [s, 0])) as Record<Stale, number>);

  /** Marks lists stale: views showing them reload. */
  mark(lists: readonly Stale[]): void {
    for (const list of lists) this.versions[list]++;
  }

  /** Everything is stale: another workspace was opened, or another process changed this one. */
  markAll(): void {
    this.mark(ALL_STALE);
  }
}

export const stale = new StaleLists();
