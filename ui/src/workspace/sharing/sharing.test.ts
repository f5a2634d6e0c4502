import { describe, expect, it } from 'vitest';
import { describeSync } from './sharing.svelte';

const report = { commit: null, message: null, received: 0, conflicts: 0, pushed: true, offline: null };

describe('what a sync says', () => {
  it('says nothing new when neither side changed', () => {
    expect(describeSync(report)).toBe('Synced: nothing new on either side.');
  });
  it('counts what came from others and the fields kept aside', () => {
    expect(describeSync({ ...report, received: 3, conflicts: 1 })).toBe('Synced: 3 records from others. 1 field was changed on both sides; both values are kept until you choose.');
  });
  it('says offline work is kept and waits', () => {
    expect(describeSync({ ...report, commit: 'abc', pushed: false, offline: 'Could not resolve host' })).toMatch(/committed here and wait for the next sync/);
  });
});
