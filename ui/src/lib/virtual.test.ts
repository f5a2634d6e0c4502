import { describe, expect, it } from 'vitest';
import { visibleRange } from './virtual';

describe('virtual list range', () => {
  it('renders only the visible rows of a huge list, plus a margin', () => {
    const r = visibleRange(68 * 50_000, 680, 68, 100_000, 8);
    expect(r).toEqual({ start: 49_992, end: 50_018 });
    expect(r.end - r.start).toBeLessThan(40);
  });

  it('stays inside the list at both ends', () => {
    expect(visibleRange(0, 680, 68, 5)).toEqual({ start: 0, end: 5 });
    expect(visibleRange(-50, 680, 68, 0)).toEqual({ start: 0, end: 0 });
  });
});
