import { describe, expect, it } from 'vitest';
import type { Pain } from '../../ipc/client';
import { weighedReachText } from './reach';

const reach = (weights: Pain['reach']['weights'], people: number, weightedPeople: number) =>
  ({ people, teams: 2, segments: 1, sourceKinds: 1, evidence: 3, weightedPeople, weights }) as unknown as Pain['reach'];

describe('weighed reach', () => {
  it('reads as a sentence, each weight saying whom it counts and how many times', () => {
    const text = weighedReachText(
      reach(
        [
          { name: 'Payments', byTeam: true, stance: 'excellent', weight: 1.5, people: 1 },
          { name: 'Search', byTeam: true, stance: 'less_well', weight: 0.5, people: 2 },
        ],
        3,
        2.5,
      ),
    );
    expect(text).toBe(
      'weigh its reach of 3 people to 2.5: 1 person from Payments counts 1.5 times (served excellently) and 2 people from Search each count 0.5 times (served less well).',
    );
    expect(text).not.toMatch(/×|—/);
  });
});
