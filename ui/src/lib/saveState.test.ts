import { describe, expect, it } from 'vitest';
import { combineSaveStates } from './saveState';

describe('the save indicator', () => {
  it('shows the worst state of the two savers', () => {
    expect(combineSaveStates('saved', 'saved')).toBe('saved');
    expect(combineSaveStates('dirty', 'saved')).toBe('dirty');
    expect(combineSaveStates('dirty', 'saving')).toBe('saving');
    expect(combineSaveStates('saving', 'error')).toBe('error');
  });
});
