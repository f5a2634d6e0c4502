import { afterEach, describe, expect, it } from 'vitest';
import { keyBelongsToModal, modalOpen } from './modal';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('whether a key belongs to a modal', () => {
  it('says no modal is open when none is marked aria-modal', () => {
    document.body.innerHTML = '<div role="dialog"><input></div>';
    expect(modalOpen()).toBe(false);
    expect(keyBelongsToModal({ target: document.querySelector('input') })).toBe(false);
  });

  it('leaves every key to an open modal, wherever it was typed', () => {
    document.body.innerHTML = '<textarea id="notes"></textarea><div role="dialog" aria-modal="true"><input></div>';
    expect(modalOpen()).toBe(true);
    expect(keyBelongsToModal({ target: document.getElementById('notes') })).toBe(true);
    expect(keyBelongsToModal({ target: document.querySelector('input') })).toBe(true);
  });

  it('leaves a key typed inside a modal to it, even when the modal is already leaving the page', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('aria-modal', 'true');
    const input = document.createElement('input');
    dialog.append(input);
    // Detached (closing on this very key): not in the document, but the key was its.
    expect(modalOpen()).toBe(false);
    expect(keyBelongsToModal({ target: input })).toBe(true);
  });
});
