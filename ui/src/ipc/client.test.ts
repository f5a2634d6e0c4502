import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
let closeHandler: (() => Promise<void>) | null = null;
vi.mock('@tauri-apps/api/window', () => ({
  getCurrentWindow: () => ({
    onCloseRequested: async (h: () => Promise<void>) => {
      closeHandler = h;
    },
  }),
}));

const { backend, IpcFailure, toFailure, onWindowClose, CLOSE_FLUSH_LIMIT_MS } = await import('./client');
const { stale } = await import('../lib/stale.svelte');

describe('the IPC client', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('sends the snake_case operation with its camelCase input', async () => {
    invoke.mockResolvedValue({ updatedAt: '2026-11-21T10:00:00.000Z' });
    await backend.saveNotes('id-1', 'text', 3);
    expect(invoke).toHaveBeenCalledWith('op', { name: 'save_notes', input: { id: 'id-1', notes: 'text', baseRev: 3 } });
  });

  it('marks what a write makes stale once it succeeded, and nothing when it failed', async () => {
    const before = { ...stale.versions };
    invoke.mockResolvedValue(null);
    await backend.deleteIdea('idea-1');
    expect(stale.versions.ideas).toBe(before.ideas + 1);
    expect(stale.versions.trash).toBe(before.trash + 1);
    expect(stale.versions.sessions).toBe(before.sessions);

    invoke.mockRejectedValue({ kind: 'not_found', message: 'No such idea' });
    await backend.deleteIdea('idea-2').catch(() => {});
    expect(stale.versions.ideas).toBe(before.ideas + 1);
  });

  it('moves what a view reads only when a write changed a list those reads show', async () => {
    invoke.mockResolvedValue(null);
    const roadmap = () => stale.shown(['get_roadmap']);
    const kudos = () => stale.shown(['list_kudos']);
    let before = [roadmap(), kudos()];
    await backend.deleteRoadmapItem('item-1');
    expect(roadmap()).toBeGreaterThan(before[0]);
    expect(kudos()).toBe(before[1]);

    before = [roadmap(), kudos()];
    await backend.deleteKudos('kudos-1');
    expect(kudos()).toBeGreaterThan(before[1]);
    expect(roadmap()).toBe(before[0]);

    // A solution's change shows on the roadmap board, which names solutions.
    before = [roadmap(), kudos()];
    await backend.deleteSolution('solution-1');
    expect(roadmap()).toBeGreaterThan(before[0]);
  });

  it('turns a backend error into an IpcFailure with its kind', async () => {
    invoke.mockRejectedValue({ kind: 'read_only', message: 'The cycle "2026" is closed and read-only' });
    const err = await backend.deleteSession('x').catch((e) => e);
    expect(err).toBeInstanceOf(IpcFailure);
    expect(err.kind).toBe('read_only');
    expect(err.message).toContain('read-only');
  });

  it('lets the window close after the flush, or after the limit when saving hangs', async () => {
    vi.useFakeTimers();
    try {
      let flushed = false;
      await onWindowClose(async () => {
        flushed = true;
      });
      await closeHandler!();
      expect(flushed).toBe(true);

      await onWindowClose(() => new Promise<void>(() => {}));
      let closed = false;
      const closing = closeHandler!().then(() => (closed = true));
      await vi.advanceTimersByTimeAsync(CLOSE_FLUSH_LIMIT_MS - 1);
      expect(closed).toBe(false);
      await vi.advanceTimersByTimeAsync(2);
      await closing;
      expect(closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns anything else thrown into an internal failure with a readable message', () => {
    const f = toFailure('connection lost');
    expect(f.kind).toBe('internal');
    expect(f.message).toContain('connection lost');
  });
});
