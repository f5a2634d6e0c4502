import { describe, expect, it } from 'vitest';
import { diverging, withMargin } from './labels';

describe('diverging bars', () => {
  it('put disagreement left of zero, agreement right, and split the middle across it', () => {
    const s = diverging({ n: 10, distribution: [1, 2, 2, 3, 2].map((count, i) => ({ label: String(i + 1), value: i + 1, count })) });
    expect(s.map((x) => x.side)).toEqual([-1, -1, 0, 1, 1]);
    // The middle (20%) is split: −10 to +10; "2" (20%) sits from −30 to −10, "1" from −40.
    expect(s[2]).toMatchObject({ from: -10, width: 20 });
    expect(s[1]).toMatchObject({ from: -30, width: 20 });
    expect(s[0]).toMatchObject({ from: -40, width: 10 });
    expect(s[3]).toMatchObject({ from: 10, width: 30 });
    expect(s[4]).toMatchObject({ from: 40, width: 20 });
  });

  it('of an even scale have no middle', () => {
    const s = diverging({ n: 4, distribution: [1, 1, 1, 1].map((count, i) => ({ label: String(i), count })) });
    expect(s.map((x) => [x.side, x.from, x.width])).toEqual([
      [-1, -50, 25],
      [-1, -25, 25],
      [1, 0, 25],
      [1, 25, 25],
    ]);
  });
});

it('a figure reads with its margin', () => {
  expect(withMargin(33.3, 54.2, true)).toBe('+33 ±54');
  expect(withMargin(-10, 3)).toBe('-10 ±3');
});
