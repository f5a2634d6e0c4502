import { beforeEach, describe, expect, it, vi } from 'vitest';

const restoreFromTrash = vi.fn();
vi.mock('../ipc/client', () => ({ backend: { restoreFromTrash: (...args: unknown[]) => restoreFromTrash(...args) } }));

const { movedToTrash, trashWithUndo } = await import('./trash');
const { toasts } = await import('./toast.svelte');

const last = () => toasts.items[toasts.items.length - 1];

describe('trash with Undo', () => {
  beforeEach(() => {
    toasts.items = [];
    restoreFromTrash.mockReset();
  });

  it('says what went to the trash, with an Undo', async () => {
    await trashWithUndo(async () => {}, { entity: 'kudos', id: 'k1', message: movedToTrash('the kudos') });
    expect(last().message).toBe('Moved the kudos to the trash.');
    expect(last().actions[0]?.label).toBe('Undo');
  });

  it('restores the thing on Undo, then shows it again', async () => {
    const order: string[] = [];
    restoreFromTrash.mockImplementation(async () => order.push('restored'));
    await trashWithUndo(async () => {}, { entity: 'pain', id: 'p1', message: 'Moved “x” to the trash.', restored: () => order.push('shown') });
    await last().actions[0]?.run();
    expect(restoreFromTrash).toHaveBeenCalledWith('pain', 'p1');
    expect(order).toEqual(['restored', 'shown']);
  });

  it('says why when the move to the trash fails, and offers no Undo', async () => {
    await trashWithUndo(() => Promise.reject(new Error('The pain is gone.')), { entity: 'pain', id: 'p1', message: 'Moved it.' });
    expect(toasts.items).toHaveLength(1);
    expect(last()).toMatchObject({ message: 'The pain is gone.', tone: 'error' });
  });

  it('says why when Undo fails, and does not show the thing again', async () => {
    restoreFromTrash.mockRejectedValue(new Error('Nothing to restore.'));
    const shown = vi.fn();
    await trashWithUndo(async () => {}, { entity: 'tag', id: 't1', message: 'Moved it.', restored: shown });
    await last().actions[0]?.run();
    expect(last()).toMatchObject({ message: 'Nothing to restore.', tone: 'error' });
    expect(shown).not.toHaveBeenCalled();
  });
});
