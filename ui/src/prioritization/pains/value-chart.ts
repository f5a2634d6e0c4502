/**
 * The layout of the value/effort chart, apart from the DOM so it can be tested: scales
 * (effort on a log scale when it spans a wide range), quadrants split at the medians,
 * and labels placed greedily in rank order so that none overlaps another or leaves the
 * plot. A point whose label finds no room keeps its rank number and a tooltip.
 */

export type ChartPoint = {
  id: string;
  label: string;
  /** Rank, 1 is the top. */
  position: number;
  /** Effort, above 0. */
  x: number;
  /** Value, 0 or more. */
  y: number;
};

export type Box = { x: number; y: number; w: number; h: number };

export type PlacedPoint = ChartPoint & {
  cx: number;
  cy: number;
  /** The label's box and text; absent when it found no room. */
  text?: { x: number; y: number; anchor: 'start' | 'end'; value: string; box: Box };
};

export type Tick = { value: number; at: number; label: string };

export type ChartLayout = {
  plot: Box;
  log: boolean;
  xTicks: Tick[];
  yTicks: Tick[];
  /** Where the medians split the plot (pixels), when there are points. */
  medianX?: number;
  medianY?: number;
  points: PlacedPoint[];
};

export const FONT_PX = 11;
const CHAR_PX = 6.5;
const MAX_CHARS = 28;
const RADIUS = 9;
const MARGIN = { left: 56, right: 16, top: 16, bottom: 44 };

/** A label as shown: long ones end in an ellipsis. */
export function shorten(label: string): string {
  const chars = [...label.trim()];
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('')}…` : chars.join('');
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** A step of 1, 2 or 5 × 10ⁿ giving about `count` ticks over the span. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

export function formatNumber(n: number): string {
  if (n >= 1e6) return `${Math.round(n / 1e5) / 10}M`;
  if (n >= 1e4) return `${Math.round(n / 100) / 10}k`;
  return String(Math.round(n * 100) / 100);
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(a: Box, plot: Box): boolean {
  return a.x >= plot.x && a.y >= plot.y && a.x + a.w <= plot.x + plot.w && a.y + a.h <= plot.y + plot.h;
}

export function layoutChart(points: ChartPoint[], size: { width: number; height: number }): ChartLayout {
  const plot: Box = {
    x: MARGIN.left,
    y: MARGIN.top,
    w: Math.max(40, size.width - MARGIN.left - MARGIN.right),
    h: Math.max(40, size.height - MARGIN.top - MARGIN.bottom),
  };
  const xs = points.map((p) => p.x).filter((x) => x > 0 && Number.isFinite(x));
  const ys = points.map((p) => p.y).filter((y) => y >= 0 && Number.isFinite(y));
  const xMin = xs.length ? Math.min(...xs) : 1;
  const xMax = xs.length ? Math.max(...xs) : 10;
  const log = xMax / xMin > 20;

  // Effort: linear from 0, or log between powers of ten around the data.
  let xTo: (v: number) => number;
  let xTicks: Tick[];
  if (log) {
    const lo = Math.floor(Math.log10(xMin));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(xMax)));
    xTo = (v) => plot.x + ((Math.log10(v) - lo) / (hi - lo)) * plot.w;
    xTicks = [];
    for (let e = lo; e <= hi; e++) xTicks.push({ value: 10 ** e, at: xTo(10 ** e), label: formatNumber(10 ** e) });
  } else {
    const step = niceStep(xMax, 5);
    const top = Math.max(step, Math.ceil((xMax * 1.05) / step) * step);
    xTo = (v) => plot.x + (v / top) * plot.w;
    xTicks = [];
    for (let v = 0; v <= top + step / 2; v += step) xTicks.push({ value: v, at: xTo(v), label: formatNumber(v) });
  }
  const yMax = ys.length ? Math.max(...ys) : 0;
  const yStep = niceStep(yMax > 0 ? yMax : 1, 5);
  const yTop = Math.max(yStep, Math.ceil((yMax * 1.05) / yStep) * yStep);
  const yTo = (v: number) => plot.y + plot.h - (v / yTop) * plot.h;
  const yTicks: Tick[] = [];
  for (let v = 0; v <= yTop + yStep / 2; v += yStep) yTicks.push({ value: v, at: yTo(v), label: formatNumber(v) });

  const shown = points.filter((p) => p.x > 0 && Number.isFinite(p.x) && p.y >= 0 && Number.isFinite(p.y));
  const placed: PlacedPoint[] = shown.map((p) => ({ ...p, cx: xTo(p.x), cy: yTo(p.y) }));
  // Pains with the same inputs land on one spot: spread them on a small ring around
  // it, in rank order, so every dot and its number shows (the value read stays exact).
  const spots = new Map<string, PlacedPoint[]>();
  for (const p of placed) {
    const key = `${Math.round(p.cx / 4)}:${Math.round(p.cy / 4)}`;
    spots.set(key, [...(spots.get(key) ?? []), p]);
  }
  for (const group of spots.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.position - b.position);
    const ring = RADIUS * (1 + group.length / 6);
    group.forEach((p, i) => {
      const angle = (2 * Math.PI * i) / group.length - Math.PI / 2;
      p.cx = Math.min(plot.x + plot.w - RADIUS, Math.max(plot.x + RADIUS, p.cx + ring * Math.cos(angle)));
      p.cy = Math.min(plot.y + plot.h - RADIUS, Math.max(plot.y + RADIUS, p.cy + ring * Math.sin(angle)));
    });
  }

  // Dots close together are pushed apart until none covers another (a few pixels at
  // most in a dense cluster; the value and effort read in the tooltip stay exact).
  separate(placed, plot);

  // Labels in rank order. A label never covers another label, its own dot, or the dot
  // of a labelled point; it may pass over an unlabelled dot, drawn above it with a halo
  // of the page's colour so it stays readable (labels let clicks through).
  const dot = (p: PlacedPoint): Box => ({ x: p.cx - RADIUS, y: p.cy - RADIUS, w: RADIUS * 2, h: RADIUS * 2 });
  const taken: Box[] = [];
  const h = FONT_PX + 3;
  for (const p of [...placed].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))) {
    taken.push(dot(p));
    const value = shorten(p.label);
    const w = [...value].length * CHAR_PX + 4;
    const gap = RADIUS + 3;
    const candidates: { box: Box; anchor: 'start' | 'end' }[] = [
      { box: { x: p.cx + gap, y: p.cy - h / 2, w, h }, anchor: 'start' },
      { box: { x: p.cx - gap - w, y: p.cy - h / 2, w, h }, anchor: 'end' },
      { box: { x: p.cx - w / 2, y: p.cy - gap - h, w, h }, anchor: 'start' },
      { box: { x: p.cx - w / 2, y: p.cy + gap, w, h }, anchor: 'start' },
      { box: { x: p.cx + gap - 4, y: p.cy - gap - h + 4, w, h }, anchor: 'start' },
      { box: { x: p.cx + gap - 4, y: p.cy + gap - 4, w, h }, anchor: 'start' },
      { box: { x: p.cx - gap - w + 4, y: p.cy - gap - h + 4, w, h }, anchor: 'end' },
      { box: { x: p.cx - gap - w + 4, y: p.cy + gap - 4, w, h }, anchor: 'end' },
    ];
    const spot = candidates.find((c) => inside(c.box, plot) && !taken.some((t) => overlaps(c.box, t)));
    if (!spot) {
      taken.pop();
      continue;
    }
    taken.push(spot.box);
    const b = spot.box;
    p.text = { x: spot.anchor === 'start' ? b.x + 2 : b.x + b.w - 2, y: b.y + h - 4, anchor: spot.anchor, value, box: b };
  }

  return {
    plot,
    log,
    xTicks,
    yTicks,
    medianX: shown.length ? xTo(median(shown.map((p) => p.x))) : undefined,
    medianY: shown.length ? yTo(median(shown.map((p) => p.y))) : undefined,
    points: placed,
  };
}

/** The closest two dot centres may be: their circles touch, with a pixel between. */
export const DOT_SPACING = RADIUS * 2 + 1;

/**
 * Pushes overlapping dots apart, each pair by half the overlap along the line between
 * them, until none overlaps (or enough rounds have passed), keeping them in the plot.
 * Deterministic: the same points give the same picture.
 */
function separate(points: PlacedPoint[], plot: Box) {
  const clampX = (x: number) => Math.min(plot.x + plot.w - RADIUS, Math.max(plot.x + RADIUS, x));
  const clampY = (y: number) => Math.min(plot.y + plot.h - RADIUS, Math.max(plot.y + RADIUS, y));
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const a = points[i];
        const b = points[j];
        let dx = b.cx - a.cx;
        let dy = b.cy - a.cy;
        let d = Math.hypot(dx, dy);
        if (d >= DOT_SPACING) continue;
        if (d < 0.01) {
          // On one spot: part them along a direction of their own.
          const angle = ((i * 7 + j * 13) % 360) * (Math.PI / 180);
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const push = (DOT_SPACING - d) / 2 + 0.01;
        const ux = dx / d;
        const uy = dy / d;
        a.cx = clampX(a.cx - ux * push);
        a.cy = clampY(a.cy - uy * push);
        b.cx = clampX(b.cx + ux * push);
        b.cy = clampY(b.cy + uy * push);
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/** The nearest point from `from` in a direction, for arrow keys. */
export function nearest(points: PlacedPoint[], from: PlacedPoint, direction: 'left' | 'right' | 'up' | 'down'): PlacedPoint | undefined {
  let best: PlacedPoint | undefined;
  let bestScore = Infinity;
  for (const p of points) {
    if (p.id === from.id) continue;
    const dx = p.cx - from.cx;
    const dy = p.cy - from.cy;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    if (along <= 0) continue;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}
