import { describe, expect, it } from 'vitest';
import { inSentence } from './kinds';

describe('a kind inside a sentence', () => {
  it('is lower case, but an acronym keeps its capitals', () => {
    expect(inSentence('Coffee chat')).toBe('coffee chat');
    expect(inSentence('SLA conversation')).toBe('SLA conversation');
    expect(inSentence('Open-source scan')).toBe('open-source scan');
  });
});
