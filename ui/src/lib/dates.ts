/** Dates as people read them, in their own zone. Storage is UTC (instants) or YYYY-MM-DD (days). */

/** Today's date in the local zone, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** "3 Mar" or "3 Mar 2025" when not this year. */
export function formatShortDay(iso: string, now: Date = new Date()): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  const date = new Date(y, m - 1, d);
  const sameYear = y === now.getFullYear();
  return date.toLocaleDateString(undefined, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "just now", "5 min ago", "at 14:02", or a date, for an RFC 3339 instant. */
export function formatRelative(instant: string, now: Date = new Date()): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return '';
  const seconds = Math.round((now.getTime() - t.getTime()) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (t.toDateString() === now.toDateString()) {
    return `at ${t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
  }
  return t.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
