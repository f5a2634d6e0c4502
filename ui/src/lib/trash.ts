/**
 * Moving a thing to the trash, with Undo on the toast that says so. Every view that
 * deletes goes through here, so Undo behaves the same everywhere: it restores from the
 * trash, then shows the thing again, and a failure says why.
 */
import { backend, type TrashEntity } from '../ipc/client';
import { toasts } from './toast.svelte';

export interface Trashed {
  /** The kind of thing, as the trash names it. */
  entity: TrashEntity;
  id: string;
  /** The toast's words; most views say `movedToTrash(what)`. */
  message: string;
  /** Shows the thing again once Undo brought it back (reload it, select it). */
  restored?: () => unknown;
}

/** The usual words: "Moved `what` to the trash." */
export const movedToTrash = (what: string): string => `Moved ${what} to the trash.`;

/** Says that a thing went to the trash, with an Undo that restores it. */
export function offerUndo(t: Trashed): void {
  toasts.show(t.message, {
    action: {
      label: 'Undo',
      run: async () => {
        try {
          await backend.restoreFromTrash(t.entity, t.id);
          await t.restored?.();
        } catch (e) {
          toasts.error(e);
        }
      },
    },
  });
}

/** Runs `remove`, then offers Undo; when `remove` fails, the toast says why instead. */
export async function trashWithUndo(remove: () => Promise<unknown>, t: Trashed): Promise<void> {
  try {
    await remove();
  } catch (e) {
    toasts.error(e);
    return;
  }
  offerUndo(t);
}
