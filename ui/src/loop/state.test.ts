import { beforeEach, describe, expect, it, vi } from 'vitest';

const backend = {
  teamDigest: vi.fn(),
  exportDigest: vi.fn(),
  saveExport: vi.fn(),
  deleteMilestone: vi.fn(),
  unmarkAnswered: vi.fn(),
  restoreFromTrash: vi.fn(),
};
vi.mock('../ipc/client', () => ({ backend }));

const state = await import('./state');
const { toasts } = await import('../lib/toast.svelte');

describe('the loop state', () => {
  beforeEach(() => {
    toasts.items = [];
    for (const f of Object.values(backend)) f.mockReset();
  });

  it('reads a digest with its pains before its observations, and its Markdown', async () => {
    backend.teamDigest.mockResolvedValue({ pains: ['p'], observations: ['o'] });
    backend.exportDigest.mockResolvedValue({ content: '# Digest' });
    const d = await state.teamDigest('t1', null);
    expect(d.items).toEqual(['p', 'o']);
    expect(d.markdown).toBe('# Digest');
    expect(backend.exportDigest).toHaveBeenCalledWith('t1', null, 'md');
  });

  it('saves a digest of every cycle when no cycle is given', async () => {
    await state.saveDigest('t1', null, 'pdf');
    await state.saveDigest('t1', 'c1', 'md');
    expect(backend.saveExport.mock.calls).toEqual([
      [{ of: 'digest', teamId: 't1' }, 'pdf'],
      [{ of: 'digest', teamId: 't1', cycleId: 'c1' }, 'md'],
    ]);
  });

  it('names a trashed milestone in quotes, with Undo', async () => {
    await state.trashMilestone({ id: 'm1', title: 'Pilot team moved' } as never);
    expect(backend.deleteMilestone).toHaveBeenCalledWith('m1');
    expect(toasts.items[0]).toMatchObject({ message: 'Moved “Pilot team moved” to the trash.', actions: [{ label: 'Undo' }] });
  });

  it('takes back an answer to a pain, and shows it again on Undo', async () => {
    const taken = vi.fn(async () => {});
    const restored = vi.fn(async () => {});
    await state.takeBackAnswer({ kind: 'pain', id: 'p1' }, { id: 'a1' } as never, taken, restored);
    expect(toasts.items[0].message).toBe('Took back the answer to this pain.');
    expect(taken).toHaveBeenCalled();
    await toasts.items[0].actions[0]?.run();
    expect(backend.restoreFromTrash).toHaveBeenCalledWith('answer', 'a1');
    expect(restored).toHaveBeenCalled();
  });
});
