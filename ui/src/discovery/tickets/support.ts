/**
 * How the support queue's figures read: hours to a first response ("1.5 h", "2 d 3 h"),
 * and a month's label.
 */

/** Hours as people say them: minutes under an hour, hours to one decimal under a day, days and hours from one; a dash when unknown. */
export function hours(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h) || h < 0) return '—';
  if (h < 1) {
    const minutes = Math.round(h * 60);
    return minutes >= 60 ? '1 h' : `${minutes} min`;
  }
  if (h < 24) {
    const tenths = Math.round(h * 10) / 10;
    if (tenths < 24) return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)} h`;
  }
  const whole = Math.round(h);
  const days = Math.floor(whole / 24);
  const rest = whole % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11" as "Nov 26"; anything else as written. */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const i = Number(m[2]) - 1;
  return i >= 0 && i < 12 ? `${MONTHS[i]} ${m[1].slice(2)}` : month;
}
