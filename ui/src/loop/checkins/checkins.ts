/**
 * Check-ins with a stakeholder: the rhythms offered, when the next one falls (by the
 * same rule as core's `checkins_due`) and what changed from one check-in to the next.
 */
import type { Checkin } from '../../ipc/client';

/** The rhythms the profile offers, in weeks. */
export const RHYTHMS = [2, 4, 6, 8, 12] as const;

/** "Every 2 weeks", "Every week". */
export function rhythmLabel(weeks: number): string {
  return weeks === 1 ? 'Every week' : `Every ${weeks} weeks`;
}

/** The choices of the rhythm select: none, the usual ones, and the current one if it is another. */
export function rhythmOptions(current: number | null): { value: string; label: string }[] {
  const weeks: number[] = [...RHYTHMS];
  if (current !== null && !weeks.includes(current)) weeks.push(current);
  weeks.sort((a, b) => a - b);
  return [{ value: '', label: 'No rhythm' }, ...weeks.map((w) => ({ value: String(w), label: rhythmLabel(w) }))];
}

/** The three answers a check-in keeps. */
export const ANSWERS = ['goals', 'support', 'interaction'] as const;
export type AnswerField = (typeof ANSWERS)[number];

export interface CheckinEntry {
  checkin: Checkin;
  /** The answers that differ from the check-in before it (none for the first one). */
  changed: Set<AnswerField>;
  /** Whether it is the oldest: nothing to compare it with. */
  first: boolean;
}

const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** Each check-in (newest first, as core lists them) with what changed from the one before it. */
export function withChanges(checkins: readonly Checkin[]): CheckinEntry[] {
  return checkins.map((checkin, i) => {
    const before = checkins[i + 1];
    const changed = new Set<AnswerField>();
    if (before) for (const f of ANSWERS) if (!same(checkin[f], before[f])) changed.add(f);
    return { checkin, changed, first: !before };
  });
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface NextCheckin {
  /** YYYY-MM-DD. */
  dueOn: string;
  /** Days until it (negative: overdue). */
  inDays: number;
}

/**
 * When the next check-in falls: `weeks` after the later of the last session and the
 * last check-in, or today when there has been no contact yet; none without a rhythm.
 */
export function nextCheckin(weeks: number | null, lastSession: string | null, checkins: readonly Checkin[], today: string): NextCheckin | null {
  if (weeks === null) return null;
  const last = [lastSession, ...checkins.map((c) => c.heldOn)].filter((d): d is string => !!d).sort().at(-1);
  const dueOn = last ? addDays(last, weeks * 7) : today;
  return { dueOn, inDays: daysBetween(today, dueOn) };
}

/** "due today", "in 3 days", "2 days overdue". */
export function dueText(next: NextCheckin): string {
  const n = next.inDays;
  if (n === 0) return 'due today';
  if (n > 0) return n === 1 ? 'due tomorrow' : `due in ${n} days`;
  return -n === 1 ? '1 day overdue' : `${-n} days overdue`;
}
