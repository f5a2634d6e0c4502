import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzy matching', () => {
  it('matches letters in order and rejects others', () => {
    expect(fuzzyMatch('nses', 'New session')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'New session')).toBeNull();
  });

  it('ranks word-start matches first', () => {
    const items = ['Open default workspace', 'New workspace…', 'Switch cycle…', 'New session'];
    expect(fuzzyFilter('ns', items, (s) => s)[0]).toBe('New session');
    expect(fuzzyFilter('sw', items, (s) => s)[0]).toBe('Switch cycle…');
  });

  it('keeps every item for an empty query', () => {
    expect(fuzzyFilter('  ', ['a', 'b'], (s) => s)).toEqual(['a', 'b']);
  });
});
