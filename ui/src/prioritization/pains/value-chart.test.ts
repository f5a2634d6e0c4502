import { describe, expect, it } from 'vitest';
import { DOT_SPACING, layoutChart, nearest, shorten, type Box, type ChartPoint } from './value-chart';

/** A seeded pseudo-random series, so the crowd is the same every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function crowd(n: number, spread = 8): ChartPoint[] {
  const r = random(7);
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    label: `Pain number ${i} with a long statement about builds`,
    position: i + 1,
    x: 0.5 + r() * spread,
    y: r() * 30,
  }));
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('the value/effort chart layout', () => {
  it('places no two labels over each other, even at 200 pains', () => {
    const chart = layoutChart(crowd(200), { width: 900, height: 560 });
    const boxes = chart.points.flatMap((p) => (p.text ? [p.text.box] : []));
    expect(boxes.length).toBeGreaterThan(10);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
  });

  it('draws no dot over another in a dense cluster of 200, and no label over its own dot', () => {
    const chart = layoutChart(crowd(200, 1), { width: 700, height: 420 });
    const dots = chart.points;
    for (let i = 0; i < dots.length; i++)
      for (let j = i + 1; j < dots.length; j++) expect(Math.hypot(dots[i].cx - dots[j].cx, dots[i].cy - dots[j].cy)).toBeGreaterThanOrEqual(DOT_SPACING - 0.5);
    const r = (DOT_SPACING - 1) / 2;
    const labelled = dots.filter((p) => p.text);
    expect(labelled.length).toBeGreaterThan(5);
    for (const p of labelled) expect(overlap(p.text!.box, { x: p.cx - r, y: p.cy - r, w: 2 * r, h: 2 * r })).toBe(false);
  });

  it('keeps every label inside the plot', () => {
    const chart = layoutChart(crowd(200), { width: 700, height: 420 });
    const { plot } = chart;
    for (const p of chart.points) {
      if (!p.text) continue;
      const b = p.text.box;
      expect(b.x >= plot.x && b.y >= plot.y && b.x + b.w <= plot.x + plot.w && b.y + b.h <= plot.y + plot.h).toBe(true);
    }
  });

  it('gives the top of the ranking its labels before the rest', () => {
    const chart = layoutChart(crowd(200), { width: 700, height: 420 });
    const byRank = [...chart.points].sort((a, b) => a.position - b.position);
    expect(byRank.slice(0, 5).every((p) => p.text)).toBe(true);
    expect(chart.points.some((p) => !p.text)).toBe(true);
  });

  it('draws effort on a log scale when it spans a wide range', () => {
    expect(layoutChart(crowd(20, 8), { width: 700, height: 420 }).log).toBe(false);
    const wide = [...crowd(5), { id: 'big', label: 'Rewrite', position: 6, x: 400, y: 3 }];
    const chart = layoutChart(wide, { width: 700, height: 420 });
    expect(chart.log).toBe(true);
    expect(chart.xTicks.map((t) => t.label)).toContain('100');
  });

  it('splits the quadrants at the medians', () => {
    const pts: ChartPoint[] = [1, 2, 3].map((v, i) => ({ id: `${i}`, label: `${i}`, position: i + 1, x: v, y: v * 10 }));
    const chart = layoutChart(pts, { width: 700, height: 420 });
    const middle = chart.points.find((p) => p.id === '1')!;
    expect(chart.medianX).toBeCloseTo(middle.cx);
    expect(chart.medianY).toBeCloseTo(middle.cy);
  });

  it('lays out nothing, one point, or many identical points without failing', () => {
    expect(layoutChart([], { width: 700, height: 420 }).points).toEqual([]);
    const one = layoutChart([{ id: 'a', label: 'Alone', position: 1, x: 2, y: 0 }], { width: 700, height: 420 });
    expect(one.points[0].text?.value).toBe('Alone');
    const same = layoutChart(Array.from({ length: 5 }, (_, i) => ({ id: `${i}`, label: 'Same', position: i + 1, x: 1, y: 1 })), { width: 700, height: 420 });
    expect(same.points.every((p) => Number.isFinite(p.cx) && Number.isFinite(p.cy))).toBe(true);
  });

  it('spreads pains with the same inputs so each dot shows', () => {
    const same = layoutChart(Array.from({ length: 4 }, (_, i) => ({ id: `${i}`, label: 'Same', position: i + 1, x: 2, y: 5 })), { width: 700, height: 420 });
    const spots = new Set(same.points.map((p) => `${Math.round(p.cx)}:${Math.round(p.cy)}`));
    expect(spots.size).toBe(4);
  });

  it('shortens long labels with an ellipsis', () => {
    expect(shorten('a'.repeat(40))).toHaveLength(28);
    expect(shorten('a'.repeat(40)).endsWith('…')).toBe(true);
    expect(shorten('Short')).toBe('Short');
  });

  it('moves to the nearest point in the direction of an arrow', () => {
    const chart = layoutChart(
      [
        { id: 'a', label: 'a', position: 1, x: 1, y: 10 },
        { id: 'b', label: 'b', position: 2, x: 5, y: 10 },
        { id: 'c', label: 'c', position: 3, x: 9, y: 10 },
      ],
      { width: 700, height: 420 },
    );
    const [a, b] = chart.points;
    expect(nearest(chart.points, a, 'right')?.id).toBe('b');
    expect(nearest(chart.points, b, 'left')?.id).toBe('a');
    expect(nearest(chart.points, a, 'left')).toBeUndefined();
  });
});
