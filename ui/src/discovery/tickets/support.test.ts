import { describe, expect, it } from 'vitest';
import { hours, monthLabel } from './support';

describe('hours to a first response', () => {
  it('reads under an hour as minutes', () => {
    expect(hours(0)).toBe('0 min');
    expect(hours(0.25)).toBe('15 min');
    expect(hours(0.999)).toBe('1 h');
  });
  it('reads under a day as hours to one decimal', () => {
    expect(hours(1)).toBe('1 h');
    expect(hours(1.5)).toBe('1.5 h');
    expect(hours(1.54)).toBe('1.5 h');
    expect(hours(23.4)).toBe('23.4 h');
  });
  it('reads a day or more as days and hours', () => {
    expect(hours(23.96)).toBe('1 d');
    expect(hours(24)).toBe('1 d');
    expect(hours(51)).toBe('2 d 3 h');
    expect(hours(50.6)).toBe('2 d 3 h');
    expect(hours(71.6)).toBe('3 d');
  });
  it('shows a dash when unknown', () => {
    expect(hours(null)).toBe('—');
    expect(hours(undefined)).toBe('—');
    expect(hours(Number.NaN)).toBe('—');
    expect(hours(-1)).toBe('—');
  });
});

describe('months', () => {
  it('names a month short, with its year', () => {
    expect(monthLabel('2026-11')).toBe('Nov 26');
    expect(monthLabel('2027-01')).toBe('Jan 27');
    expect(monthLabel('soon')).toBe('soon');
  });
});
