import { describe, expect, it } from 'vitest';
import { along, dueText, gapText, level, span, trend } from './loop';
import type { Adoption, Sla } from '../ipc/client';

describe('close the loop words', () => {
  it('says how late an overdue check-in is and how far off an upcoming one', () => {
    const today = new Date(2026, 11, 1);
    expect(dueText({ dueOn: '2026-11-15', state: 'overdue', daysOverdue: 16, lastContact: '2026-11-01' }, today)).toBe('2026-11-15 (16 days late)');
    expect(dueText({ dueOn: '2026-12-01', state: 'due', daysOverdue: 0, lastContact: null }, today)).toBe('today (never talked yet)');
    expect(dueText({ dueOn: '2027-01-01', state: 'upcoming', daysOverdue: 0, lastContact: '2026-11-20' }, today)).toBe('2027-01-01 (in 31 days)');
  });

  it('writes a gap with the side of the expectation it falls on', () => {
    expect(gapText({ gap: -0.2000000001, unit: '%' })).toBe('−0.2 %');
    expect(gapText({ gap: 2, unit: 'min' })).toBe('+2 min');
    expect(gapText({ gap: null, unit: '%' })).toBe('—');
    expect(level(99.9, '')).toBe('99.9');
  });

  it('draws delivered levels as a line and expected ones as a step to the edge', () => {
    const sla = {
      levels: [
        { id: '1', kind: 'expected', value: 99.9, onDate: '2026-08-01', note: '' },
        { id: '2', kind: 'delivered', value: 99.5, onDate: '2026-10-01', note: '' },
        { id: '3', kind: 'delivered', value: 99.7, onDate: '2026-11-01', note: '' },
      ],
    } as Pick<Sla, 'levels'>;
    const t = trend(sla, 500, 150);
    expect(t.delivered).toHaveLength(2);
    expect(t.line.startsWith('M')).toBe(true);
    expect(t.step).toMatch(/^M24\.0,[\d.]+ H476\.0$/);
    // Higher values sit higher on the chart (smaller y).
    expect(t.delivered[1].y).toBeLessThan(t.delivered[0].y);
  });

  it('places milestone days along a padded span that includes today', () => {
    const list = [{ milestones: [{ plannedOn: '2027-01-01', doneOn: null }, { plannedOn: null, doneOn: '2026-10-05' }] }] as unknown as Adoption[];
    expect(span(list, '2026-12-01')).toEqual(['2026-09-21', '2027-01-15']);
    expect(along('2026-09-21', '2026-09-21', '2027-01-15')).toBe(0);
    expect(along('2030-01-01', '2026-09-21', '2027-01-15')).toBe(1);
  });
});
