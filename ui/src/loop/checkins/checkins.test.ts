import { describe, expect, it } from 'vitest';
import type { Checkin } from '../../ipc/client';
import { dueText, nextCheckin, rhythmOptions, withChanges } from './checkins';

const checkin = (heldOn: string, goals: string, support = 'A sandbox', interaction = 'Monthly 1:1'): Checkin => ({
  id: heldOn,
  heldOn,
  goals,
  support,
  interaction,
  createdAt: `${heldOn}T10:00:00Z`,
});

describe('check-in rhythms', () => {
  it('offer none, the usual ones, and a rhythm set elsewhere in its place', () => {
    expect(rhythmOptions(null).map((o) => o.value)).toEqual(['', '2', '4', '6', '8', '12']);
    expect(rhythmOptions(4).map((o) => o.value)).toEqual(['', '2', '4', '6', '8', '12']);
    const odd = rhythmOptions(3);
    expect(odd.map((o) => o.value)).toEqual(['', '2', '3', '4', '6', '8', '12']);
    expect(odd[2].label).toBe('Every 3 weeks');
    expect(rhythmOptions(1)[1].label).toBe('Every week');
  });

  it('fall due a rhythm after the last contact, session or check-in, and today without any', () => {
    const today = '2027-03-10';
    expect(nextCheckin(null, '2027-01-01', [], today)).toBeNull();
    expect(nextCheckin(4, null, [], today)).toEqual({ dueOn: today, inDays: 0 });
    // The later of the last session and the newest check-in counts.
    expect(nextCheckin(2, '2027-03-01', [checkin('2027-02-20', 'x')], today)).toEqual({ dueOn: '2027-03-15', inDays: 5 });
    expect(nextCheckin(2, '2027-01-01', [checkin('2027-02-20', 'x')], today)).toEqual({ dueOn: '2027-03-06', inDays: -4 });
    expect(dueText({ dueOn: '', inDays: -4 })).toBe('4 days overdue');
    expect(dueText({ dueOn: '', inDays: 1 })).toBe('due tomorrow');
    expect(dueText({ dueOn: '', inDays: 0 })).toBe('due today');
  });
});

describe('check-in history', () => {
  it('marks what changed from the check-in before, newest first', () => {
    const list = withChanges([checkin('2027-03-01', 'Ship refunds  in Q3', 'A sandbox', 'Slack'), checkin('2027-02-01', 'Ship refunds in Q3'), checkin('2027-01-01', 'Fewer pages')]);
    expect(list.map((e) => [...e.changed])).toEqual([['interaction'], ['goals'], []]);
    expect(list.map((e) => e.first)).toEqual([false, false, true]);
  });
});
