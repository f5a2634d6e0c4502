/**
 * Autosave for anything a person types. A change is saved shortly after typing
 * stops (`idleMs`), and at least every `maxWaitMs` while typing goes on, so a
 * killed app loses at most about a second. `flush()` saves at once (blur, close,
 * switching sessions). One save runs at a time; a change made during a save is
 * saved right after it.
 *
 * Tests that must catch a change before its timed save (closing the window right
 * after typing) set `globalThis.__GW_HOLD_AUTOSAVE__ = true`: timed saves then wait,
 * and only `flush()` saves. Nothing in the app sets it.
 */

declare global {
  var __GW_HOLD_AUTOSAVE__: boolean | undefined;
}

/** Whether a test holds timed saves back (see above). */
const held = () => globalThis.__GW_HOLD_AUTOSAVE__ === true;

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface AutosaveOptions {
  idleMs?: number;
  maxWaitMs?: number;
  /** Wait before retrying a failed save. */
  retryMs?: number;
  timers?: Timers;
  onState?: (state: SaveState, error?: unknown) => void;
  /** Whether a failure is worth retrying on its own (a full disk is; text that is too long is not). */
  shouldRetry?: (error: unknown) => boolean;
}

export class Autosaver<T> {
  #save: (value: T) => Promise<unknown>;
  #idleMs: number;
  #maxWaitMs: number;
  #retryMs: number;
  #timers: Timers;
  #onState: (state: SaveState, error?: unknown) => void;
  #shouldRetry: (error: unknown) => boolean;

  #pending: { value: T } | null = null;
  #firstChangeAt = 0;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  state: SaveState = 'saved';

  constructor(save: (value: T) => Promise<unknown>, options: AutosaveOptions = {}) {
    this.#save = save;
    this.#idleMs = options.idleMs ?? 400;
    this.#maxWaitMs = options.maxWaitMs ?? 1000;
    this.#retryMs = options.retryMs ?? 2000;
    this.#timers = options.timers ?? realTimers;
    this.#onState = options.onState ?? (() => {});
    this.#shouldRetry = options.shouldRetry ?? (() => true);
  }

  /** Whether something typed has not reached the backend yet. */
  get hasUnsaved(): boolean {
    return this.#pending !== null || this.#running !== null;
  }

  /** Records a new value to save. */
  change(value: T): void {
    const now = this.#timers.now();
    if (this.#pending === null) this.#firstChangeAt = now;
    this.#pending = { value };
    this.#setState('dirty');
    const waited = now - this.#firstChangeAt;
    this.#schedule(Math.max(0, Math.min(this.#idleMs, this.#maxWaitMs - waited)));
  }

  /** Saves whatever is pending now, and resolves once everything is saved (or failed). */
  async flush(): Promise<void> {
    this.#clearTimer();
    if (this.#running) await this.#running;
    if (this.#pending) await this.#run();
  }

  /** Stops timers; pending changes are dropped (call flush first to keep them). */
  dispose(): void {
    this.#clearTimer();
    this.#pending = null;
  }

  #schedule(ms: number): void {
    this.#clearTimer();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      if (held()) this.#schedule(this.#idleMs);
      else void this.#run();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = null;
    }
  }

  async #run(): Promise<void> {
    if (this.#running) {
      // A save is in flight; the change will be picked up when it ends.
      return this.#running;
    }
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    this.#setState('saving');
    this.#running = (async () => {
      try {
        await this.#save(pending.value);
        if (this.#pending === null) this.#setState('saved');
      } catch (error) {
        // Keep the value: nothing typed is dropped. Retry unless newer text replaced it;
        // a refusal that retrying cannot fix waits for the next change instead.
        if (this.#pending === null) this.#pending = pending;
        this.#setState('error', error);
        if (this.#shouldRetry(error)) this.#schedule(this.#retryMs);
      } finally {
        this.#running = null;
      }
    })();
    await this.#running;
    if (this.#pending && this.state !== 'error') {
      this.#firstChangeAt = this.#timers.now();
      await this.#run();
    }
  }

  #setState(state: SaveState, error?: unknown): void {
    this.state = state;
    this.#onState(state, error);
  }
}
