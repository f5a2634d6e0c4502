import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock('@tauri-apps/api/window', () => ({ getCurrentWindow: () => ({ onCloseRequested: vi.fn() }) }));

const { backend, IpcFailure, toFailure } = await import('./client');

describe('the IPC client', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('sends camelCase arguments to the snake_case command', async () => {
    invoke.mockResolvedValue({ updatedAt: '2026-11-21T10:00:00.000Z' });
    await backend.saveNotes('id-1', 'text');
    expect(invoke).toHaveBeenCalledWith('save_notes', { id: 'id-1', notes: 'text' });
  });

  it('turns a backend error into an IpcFailure with its kind', async () => {
    invoke.mockRejectedValue({ kind: 'read_only', message: 'The cycle "2026" is closed and read-only' });
    const err = await backend.deleteSession('x').catch((e) => e);
    expect(err).toBeInstanceOf(IpcFailure);
    expect(err.kind).toBe('read_only');
    expect(err.message).toContain('read-only');
  });

  it('turns anything else thrown into an internal failure with a readable message', () => {
    const f = toFailure('connection lost');
    expect(f.kind).toBe('internal');
    expect(f.message).toContain('connection lost');
  });
});
