/** Words and numbers the close-the-loop tabs share; pure, so they are unit tested. */
import type { Adoption, CheckinDue, Sla } from '../ipc/client';

/** "on 2027-01-01 (in 31 days)", "on 2026-11-15 (16 days late)", "today". */
export function dueText(d: Pick<CheckinDue, 'dueOn' | 'state' | 'daysOverdue' | 'lastContact'>, today = new Date()): string {
  if (d.state === 'overdue') return `${d.dueOn} (${d.daysOverdue} ${d.daysOverdue === 1 ? 'day' : 'days'} late)`;
  const days = Math.round((Date.parse(`${d.dueOn}T00:00:00Z`) - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / 86_400_000);
  if (days <= 0) return d.lastContact ? 'today' : 'today (never talked yet)';
  return `${d.dueOn} (in ${days} ${days === 1 ? 'day' : 'days'})`;
}

/** A level with its unit: "99.9 %", "12 min". */
export function level(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  return unit ? `${n} ${unit}` : n;
}

/** "−0.2 %" short, "+2 min" ahead; the sign says which side of the expectation. */
export function gapText(s: Pick<Sla, 'gap' | 'unit'>): string {
  if (s.gap === null || s.gap === undefined) return '—';
  const g = Math.round(s.gap * 1000) / 1000;
  const sign = g > 0 ? '+' : g < 0 ? '−' : '±';
  return `${sign}${level(Math.abs(g), s.unit)}`;
}

/**
 * The points of an SLA's trend chart: each level on a time axis of `width` by
 * `height` (with room for labels), the expected levels as a step line.
 */
export function trend(s: Pick<Sla, 'levels'>, width: number, height: number, pad = 24) {
  const times = s.levels.map((l) => Date.parse(`${l.onDate}T00:00:00Z`));
  const values = s.levels.map((l) => l.value);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  let v0 = Math.min(...values);
  let v1 = Math.max(...values);
  if (v0 === v1) {
    v0 -= 1;
    v1 += 1;
  }
  const margin = (v1 - v0) * 0.15;
  v0 -= margin;
  v1 += margin;
  const x = (t: number) => (t1 === t0 ? width / 2 : pad + ((t - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (v: number) => height - pad - ((v - v0) / (v1 - v0)) * (height - 2 * pad);
  const points = s.levels.map((l, i) => ({ x: x(times[i]), y: y(l.value), kind: l.kind, value: l.value, onDate: l.onDate }));
  const expected = points.filter((p) => p.kind === 'expected');
  const delivered = points.filter((p) => p.kind === 'delivered');
  // The expectation holds until the next one: a step line to the right edge.
  let step = '';
  expected.forEach((p, i) => {
    const next = expected[i + 1];
    step += `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)} H${(next ? next.x : width - pad).toFixed(1)} `;
  });
  const line = delivered.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return { expected, delivered, step: step.trim(), line };
}

/** Where a day falls on a timeline from `from` to `to`, as a share 0..1. */
export function along(day: string, from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const t = Date.parse(`${day}T00:00:00Z`);
  if (b <= a) return 0.5;
  return Math.min(1, Math.max(0, (t - a) / (b - a)));
}

/** The first and last day any milestone of `list` names, padded by a fortnight. */
export function span(list: Adoption[], today: string): [string, string] {
  const days = list.flatMap((a) => a.milestones.flatMap((m) => [m.plannedOn, m.doneOn])).filter((d): d is string => !!d);
  days.push(today);
  days.sort();
  const pad = (d: string, by: number) => new Date(Date.parse(`${d}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  return [pad(days[0], -14), pad(days[days.length - 1], 14)];
}
