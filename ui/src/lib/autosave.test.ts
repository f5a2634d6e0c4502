import { describe, expect, it } from 'vitest';
import { Autosaver, type SaveState, type Timers } from './autosave';

/** Timers a test moves by hand. */
function fakeTimers() {
  let now = 0;
  let tasks: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      tasks.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      tasks = tasks.filter((t) => t.id !== h);
    },
    now: () => now,
  };
  async function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      tasks = tasks.filter((t) => t !== due);
      now = due.at;
      due.fn();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = until;
    await new Promise((r) => setTimeout(r, 0));
  }
  return { timers, advance };
}

describe('Autosaver', () => {
  it('saves once typing has stopped for the idle time', async () => {
    const { timers, advance } = fakeTimers();
    const saved: string[] = [];
    const a = new Autosaver<string>(async (v) => void saved.push(v), { timers, idleMs: 400, maxWaitMs: 1000 });
    a.change('h');
    a.change('he');
    await advance(300);
    expect(saved).toEqual([]);
    a.change('hey');
    await advance(399);
    expect(saved).toEqual([]);
    await advance(2);
    expect(saved).toEqual(['hey']);
    expect(a.state).toBe('saved');
  });

  it('saves at least once a second while typing never stops', async () => {
    const { timers, advance } = fakeTimers();
    const saved: string[] = [];
    const a = new Autosaver<string>(async (v) => void saved.push(v), { timers, idleMs: 400, maxWaitMs: 1000 });
    let text = '';
    for (let i = 0; i < 12; i++) {
      text += 'x';
      a.change(text);
      await advance(100);
    }
    // 1.2 s of steady typing: at least one save landed by the one-second mark.
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved[0].length).toBeLessThanOrEqual(11);
  });

  it('flush saves pending text at once', async () => {
    const { timers } = fakeTimers();
    const saved: string[] = [];
    const a = new Autosaver<string>(async (v) => void saved.push(v), { timers });
    a.change('last words');
    await a.flush();
    expect(saved).toEqual(['last words']);
    expect(a.hasUnsaved).toBe(false);
  });

  it('keeps text that failed to save and retries it', async () => {
    const { timers, advance } = fakeTimers();
    const states: SaveState[] = [];
    let fail = true;
    const saved: string[] = [];
    const a = new Autosaver<string>(
      async (v) => {
        if (fail) throw new Error('disk full');
        saved.push(v);
      },
      { timers, idleMs: 100, retryMs: 1000, onState: (s) => states.push(s) },
    );
    a.change('precious');
    await advance(150);
    expect(a.state).toBe('error');
    expect(a.hasUnsaved).toBe(true);
    fail = false;
    await advance(1100);
    expect(saved).toEqual(['precious']);
    expect(states).toContain('error');
    expect(a.state).toBe('saved');
  });

  it('does not retry a refusal that retrying cannot fix, but tries again on the next change', async () => {
    const { timers, advance } = fakeTimers();
    const tries: string[] = [];
    const a = new Autosaver<string>(
      async (v) => {
        tries.push(v);
        if (v.length > 5) throw new Error('too long');
      },
      { timers, idleMs: 100, retryMs: 500, shouldRetry: () => false },
    );
    a.change('far too long');
    await advance(3000);
    expect(tries).toEqual(['far too long']);
    expect(a.state).toBe('error');
    a.change('short');
    await advance(200);
    expect(tries).toEqual(['far too long', 'short']);
    expect(a.state).toBe('saved');
  });

  it('saves a change made during a save right after it, in order', async () => {
    const { timers } = fakeTimers();
    const saved: string[] = [];
    let release: () => void = () => {};
    const a = new Autosaver<string>(
      (v) =>
        new Promise<void>((resolve) => {
          saved.push(v);
          release = resolve;
        }),
      { timers },
    );
    a.change('one');
    const done = a.flush();
    a.change('two');
    release();
    // The second save starts on its own once the first has landed.
    for (let i = 0; i < 20 && saved.length < 2; i++) await Promise.resolve();
    expect(saved).toEqual(['one', 'two']);
    release();
    await done;
    expect(a.hasUnsaved).toBe(false);
    expect(saved).toEqual(['one', 'two']);
  });
});
