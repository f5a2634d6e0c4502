import { describe, expect, it } from 'vitest';
import { chipOf, liveChip, token, TOKEN } from './citations';

const ID = '0190c3a4-5b6c-7d8e-9f00-112233445566';

describe('citation tokens', () => {
  it('are made and found as core reads them', () => {
    const text = `A ${token('observation', ID)} and ${token('pain', ID)} then [@live:pains:5] [@live:tradeoffs] [@obs:nope]`;
    const found = [...text.matchAll(TOKEN)].map((m) => m[0]);
    expect(found).toEqual([`[@obs:${ID}]`, `[@pain:${ID}]`, '[@live:pains:5]', '[@live:tradeoffs]']);
  });

  it('show the quote, who said it and the state of the evidence', () => {
    const chip = chipOf({ kind: 'observation', state: 'edited', kept: { text: 'I do not trust a red build anymore, the first thing I do is retry', who: 'Priya', teams: 'Payments', sessionTitle: 'Coffee', sessionDate: '2026-11-02' } });
    expect(chip.label.startsWith('“I do not trust a red build')).toBe(true);
    expect(chip.label.endsWith('…”')).toBe(true);
    expect(chip.title).toContain('Priya (Payments) · Coffee · 2026-11-02');
    expect(chip.title).toContain('Edited since it was cited');
    expect(chipOf({ kind: 'bucket', state: 'current', kept: { text: 'Slow CI (eliminate)', who: '', teams: '', sessionTitle: '' } }).label).toBe('Bucket: Slow CI (eliminate)');
    expect(liveChip('pains:5').label).toBe('Live: ranked pains, top 5');
  });

  it('cite a kudos like any other item', () => {
    expect(token('kudos', ID)).toBe(`[@kudos:${ID}]`);
    expect([...`Thanks ${token('kudos', ID)}.`.matchAll(TOKEN)].map((m) => [m[1], m[2]])).toEqual([['kudos', ID]]);
    const chip = chipOf({ kind: 'kudos', state: 'current', kept: { text: 'The new runners saved our release', who: 'Priya Raman', teams: 'Payments', sessionTitle: '', sessionDate: '2027-01-12' } });
    expect(chip.label).toBe('Kudos: The new runners saved our release');
    expect(chip.title).toContain('Priya Raman (Payments) · 2027-01-12');
  });
});
