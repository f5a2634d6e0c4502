/** Moving a thing of the loop tabs to the trash, with Undo on the toast. */
import { backend, type TrashEntity } from '../ipc/client';
import { toasts } from './toast.svelte';

/** Runs `remove`, then says so with an Undo that restores `entity` `id` from the trash. */
export async function trashWithUndo(remove: () => Promise<unknown>, entity: TrashEntity, id: string, label: string): Promise<void> {
  try {
    await remove();
    toasts.show(`Moved ${label} to the trash.`, {
      action: { label: 'Undo', run: () => backend.restoreFromTrash(entity, id).then(() => {}, (err) => toasts.error(err)) },
    });
  } catch (err) {
    toasts.error(err);
  }
}
