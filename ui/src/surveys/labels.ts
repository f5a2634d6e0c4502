/** Words for survey columns and figures; core reads, maps and counts, the UI names and draws. */
import type { ColumnKind, WaveFigures } from '../ipc/client';

export const COLUMN_KINDS: ColumnKind[] = [
  'respondent',
  'team',
  'submitted_at',
  'likert',
  'nps',
  'csat',
  'number',
  'single_choice',
  'multiple_choice',
  'free_text',
  'ignore',
];

export const KIND_LABEL: Record<ColumnKind, string> = {
  respondent: 'Respondent (email or name)',
  team: 'Team',
  submitted_at: 'Submitted at',
  likert: 'Likert scale',
  nps: 'NPS (0–10)',
  csat: 'CSAT',
  number: 'Number',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  free_text: 'Free text',
  ignore: 'Ignore',
};

export const hasScale = (k: ColumnKind) => k === 'likert' || k === 'csat';

/** A figure with its margin, as people read it: "+33 ±54". */
export function withMargin(value: number, margin: number, signed = false): string {
  const v = Math.round(value);
  return `${signed && v > 0 ? '+' : ''}${v} ±${Math.round(margin)}`;
}

/** One segment of a diverging bar: where it starts and how wide it is, in percent of the half-width. */
export interface Segment {
  label: string;
  count: number;
  /** −1 below the middle, 0 the middle, 1 above. */
  side: -1 | 0 | 1;
  from: number;
  width: number;
}

/**
 * A Likert or CSAT distribution as a diverging stacked bar: the points below the
 * middle extend left of zero, those above extend right, and a middle point (odd
 * scales) is split across zero. Shares are of everyone who answered.
 */
export function diverging(f: Pick<WaveFigures, 'distribution' | 'n'>): Segment[] {
  const points = f.distribution;
  const total = f.n || 1;
  const mid = (points.length - 1) / 2;
  const share = (c: number) => (100 * c) / total;
  const out: Segment[] = [];
  const middle = points.length % 2 === 1 ? share(points[Math.floor(mid)].count) : 0;
  // Left side: from the middle outwards.
  let at = -middle / 2;
  for (let i = Math.ceil(mid) - 1; i >= 0; i--) {
    const w = share(points[i].count);
    at -= w;
    out.unshift({ label: points[i].label, count: points[i].count, side: -1, from: at, width: w });
  }
  if (points.length % 2 === 1) {
    const p = points[Math.floor(mid)];
    out.push({ label: p.label, count: p.count, side: 0, from: -middle / 2, width: middle });
  }
  at = middle / 2;
  for (let i = Math.floor(mid) + 1; i < points.length; i++) {
    const w = share(points[i].count);
    out.push({ label: points[i].label, count: points[i].count, side: 1, from: at, width: w });
    at += w;
  }
  return out;
}

/** The one figure a wave is summed up by, in words (the same on screen and in a saved chart). */
export function headline(f: WaveFigures, kind: ColumnKind): string {
  if (f.n === 0) return 'no answers';
  if (f.nps) return `NPS ${withMargin(f.nps.value, f.nps.margin, true)}`;
  if (f.csat) return `${Math.round(f.csat.value)}% satisfied ±${Math.round(f.csat.margin)}`;
  if (f.mean !== undefined && kind !== 'single_choice' && kind !== 'multiple_choice') return `mean ${f.mean.toFixed(1)}`;
  return `${f.n} answered`;
}

/** Detractors (0–6), passives (7–8) and promoters (9–10), in percent of who answered. */
export function npsParts(f: Pick<WaveFigures, 'distribution' | 'n'>) {
  const d = f.distribution;
  const sum = (from: number, to: number) => d.filter((c) => (c.value ?? 0) >= from && (c.value ?? 0) <= to).reduce((a, c) => a + c.count, 0);
  const n = f.n || 1;
  return { detractors: (100 * sum(0, 6)) / n, passives: (100 * sum(7, 8)) / n, promoters: (100 * sum(9, 10)) / n };
}

/** Bar colours, from the most negative answer to the most positive. */
export const TONES = ['#b42318', '#e0796b', '#c9ccd1', '#7fb8a4', '#1f7a5c'];

/** The colour of segment `i` of `count` of a diverging bar: the ends darker than the rest. */
export function tone(side: -1 | 0 | 1, i: number, count: number): string {
  if (side === 0) return TONES[2];
  if (side < 0) return i === 0 && count > 2 ? TONES[0] : TONES[1];
  return i === count - 1 && count > 2 ? TONES[4] : TONES[3];
}
