/**
 * What a toast offers once a file is saved: open it, or show it in its folder. The
 * shell opens only files it saved this session, whatever the page asks.
 */
import { backend } from '../ipc/client';
import { toasts } from './toast.svelte';

export function savedToast(message: string, path: string): void {
  const run = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
    } catch (e) {
      toasts.error(e);
    }
  };
  toasts.show(message, {
    actions: [
      { label: 'Open', run: run(() => backend.openSaved(path)) },
      { label: 'Show in folder', run: run(() => backend.showSavedInFolder(path)) },
    ],
    ms: 9000,
  });
}
