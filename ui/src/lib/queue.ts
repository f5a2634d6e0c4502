/**
 * Saves that must not overlap. A save starts once core answered the one before it, so a
 * later change never lands under an earlier one, and each builds on the answer before it.
 * Typing goes through `Autosaver` (autosave.ts); this is for fields committed on Enter or
 * blur, ratings and rows, where each commit is its own save.
 *
 * `add` keeps every save, in order (each change matters: a score's inputs, a tag's name
 * then its colour). `latest` keeps only the newest waiting save (a field whose last value
 * is all that counts); a save given to `latest` while none runs starts at once.
 */

interface Waiting {
  /** Runs the save; calls `answered` once core answered, before telling the caller. */
  run: (answered: () => void) => Promise<void>;
  /** Called instead of `run` when a newer `latest` save replaced this one. */
  drop: () => void;
  replaceable: boolean;
}

export class SaveQueue {
  #waiting: Waiting[] = [];
  #running = false;
  /** Saves given and not yet answered, the running one included. */
  #unanswered = 0;

  /** Whether a save is on its way or waiting. */
  get busy(): boolean {
    return this.#unanswered > 0;
  }

  /** Whether a save waits for the running one. */
  get waiting(): boolean {
    return this.#waiting.length > 0;
  }

  /** Runs `save` after every save given before it; resolves or rejects as `save` does. */
  add<T>(save: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = async (answered: () => void) => {
        let value: T;
        try {
          value = await save();
        } catch (e) {
          answered();
          reject(e);
          return;
        }
        answered();
        resolve(value);
      };
      this.#push({ run, drop: () => {}, replaceable: false });
    });
  }

  /**
   * Runs `save` at once when no save is on its way; otherwise once the running one is
   * answered, in place of any `latest` save still waiting. A save that had to wait is
   * skipped when `unless()` holds at its turn (what it would send is already stored, or
   * was just refused). Resolves once it ran, was skipped or was replaced; a failure is
   * the save's own to show.
   */
  latest(save: () => Promise<unknown>, unless: () => boolean = () => false): Promise<void> {
    const waits = this.#running;
    return new Promise<void>((resolve) => {
      const replaced = this.#waiting.filter((w) => w.replaceable);
      this.#waiting = this.#waiting.filter((w) => !w.replaceable);
      this.#unanswered -= replaced.length;
      for (const w of replaced) w.drop();
      const run = async (answered: () => void) => {
        try {
          if (!(waits && unless())) await save();
        } catch {
          // The save shows its own failure; the queue goes on.
        }
        answered();
        resolve();
      };
      this.#push({ run, drop: resolve, replaceable: true });
    });
  }

  #push(w: Waiting): void {
    this.#unanswered += 1;
    this.#waiting.push(w);
    if (!this.#running) this.#start();
  }

  /** Starts the next save; it starts the one after it as soon as core answered it. */
  #start(): void {
    const next = this.#waiting.shift();
    this.#running = next !== undefined;
    if (next)
      void next.run(() => {
        this.#unanswered -= 1;
        this.#start();
      });
  }
}
