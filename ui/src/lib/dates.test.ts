import { describe, expect, it } from 'vitest';
import { formatRelative, todayIso } from './dates';

describe('dates', () => {
  it('give today as a local YYYY-MM-DD day', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('describe recent instants relative to now', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(formatRelative('2026-11-21T11:59:55Z', now)).toBe('just now');
    expect(formatRelative('2026-11-21T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('not a date', now)).toBe('');
  });
});
