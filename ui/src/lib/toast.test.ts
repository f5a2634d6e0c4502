import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SHOWN, toasts } from './toast.svelte';

describe('toasts', () => {
  beforeEach(() => {
    toasts.items = [];
  });

  it('keep at most three on screen, the oldest plain note making room first', () => {
    toasts.show('Undo me', { action: { label: 'Undo', run: () => {} } });
    toasts.show('Saved.');
    toasts.show('Failed.', { tone: 'error' });
    toasts.show('Synced.');
    expect(toasts.items.map((t) => t.message)).toEqual(['Undo me', 'Failed.', 'Synced.']);
    expect(toasts.items).toHaveLength(MAX_SHOWN);
  });

  it('show the same message once', () => {
    toasts.show('Synced.');
    toasts.show('Synced.');
    expect(toasts.items.map((t) => t.message)).toEqual(['Synced.']);
  });

  it('make room from the oldest when every one has an action', () => {
    for (const m of ['a', 'b', 'c', 'd']) toasts.show(m, { action: { label: 'Undo', run: () => {} } });
    expect(toasts.items.map((t) => t.message)).toEqual(['b', 'c', 'd']);
  });
});
