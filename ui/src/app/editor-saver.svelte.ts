/**
 * The autosave every editor of one item uses: an Autosaver whose state the editor
 * shows, flushed when the window closes or the editor goes away, and not retried for
 * what core refused on its merits (text too long, a closed cycle, the wrong mode).
 * Create it while the component initialises (it registers `onDestroy`).
 */
import { onDestroy } from 'svelte';
import { IpcFailure } from '../ipc/client';
import { Autosaver, type AutosaveOptions, type SaveState } from '../lib/autosave';
import { app } from './state.svelte';

/** Refusals a retry cannot change. */
const FINAL = ['invalid_input', 'read_only', 'not_found', 'judging_in_discovery', 'wrong_mode'];

export class EditorSaver<T> {
  state = $state<SaveState>('saved');
  /** Why the last save failed, in words; empty once saved. */
  error = $state('');
  #saver: Autosaver<T>;

  constructor(save: (value: T) => Promise<unknown>, options: Pick<AutosaveOptions, 'idleMs' | 'maxWaitMs'> = {}) {
    this.#saver = new Autosaver<T>(save, {
      ...options,
      shouldRetry: (e) => !(e instanceof IpcFailure && FINAL.includes(e.kind)),
      onState: (s, e) => {
        this.state = s;
        this.error = e ? (e instanceof Error ? e.message : String(e)) : '';
      },
    });
    const unregister = app.registerFlush(() => this.#saver.flush());
    onDestroy(() => {
      void this.#saver.flush();
      unregister();
    });
  }

  change(value: T): void {
    this.#saver.change(value);
  }

  flush(): Promise<void> {
    return this.#saver.flush();
  }
}
