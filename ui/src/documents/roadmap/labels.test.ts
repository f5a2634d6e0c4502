import { describe, expect, it } from 'vitest';
import { dropIndex } from './labels';

describe('dropIndex', () => {
  it('counts a drop below the card itself without the card, as core does', () => {
    expect(dropIndex(['a', 'b', 'c'], 'a', 2)).toBe(1);
    expect(dropIndex(['a', 'b', 'c'], 'a', 3)).toBe(2);
  });
  it('leaves a drop above the card, or from another lane, as it is', () => {
    expect(dropIndex(['a', 'b', 'c'], 'c', 0)).toBe(0);
    expect(dropIndex(['a', 'b'], 'z', 1)).toBe(1);
  });
});
