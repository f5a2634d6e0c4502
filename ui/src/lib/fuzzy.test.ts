import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzy matching', () => {
  it('matches letters in order and rejects others', () => {
    expect(fuzzyMatch('nses', 'New session')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'New session')).toBeNull();
  });

  it('ranks word-start matches first', () => {
    const items = ['Open default workspace', 'New workspace…', 'Switch cycle…', 'New session'];
    expect(fuzzyFilter('ns', items, (s) => s)[0]).toBe('New session');
    expect(fuzzyFilter('sw', items, (s) => s)[0]).toBe('Switch cycle…');
  });

  it('keeps every item for an empty query', () => {
    expect(fuzzyFilter('  ', ['a', 'b'], (s) => s)).toEqual(['a', 'b']);
  });
});

// The palette's commands as it searches them: title, then hint.
const commands: [string, string][] = [
  ['New session', 'Log a coffee chat, survey, scan…'],
  ['Switch cycle…', ''],
  ['New cycle', 'Start a planning round'],
  ['Go to Sessions', ''],
  ['Go to Pains', 'User pain made from the evidence, with reach'],
  ['Go to Surveys', 'Import a wave, chart it across waves, turn answers into evidence'],
  ['Go to Cycles', ''],
  ['Open workspace…', 'Open a .groundwork file'],
  ['New workspace…', 'Create a new .groundwork file'],
  ['Open the sample workspace', 'A fictional platform team’s discovery cycle'],
  ['Move cycle to its next mode…', 'Discovery → prioritization → roadmap → closed'],
];
const titles = (q: string) => fuzzyFilter(q, commands, ([t, h]) => [t, h]).map(([t]) => t);

describe('palette ranking', () => {
  it('drops a word whose letters are scattered over a sentence', () => {
    expect(titles('score')).not.toContain('New session');
    expect(titles('rank')).not.toContain('New workspace…');
    expect(titles('rank')).toEqual([]);
  });

  it('puts a whole-word match above letters found in order', () => {
    expect(titles('surveys')[0]).toBe('Go to Surveys');
    // Cycle as a word in the title first; in a hint ("…discovery cycle") last.
    expect(titles('cycle').slice(0, 4).sort()).toEqual(['Go to Cycles', 'Move cycle to its next mode…', 'New cycle', 'Switch cycle…']);
    expect(titles('cycle').at(-1)).toBe('Open the sample workspace');
  });

  it('puts a match at the start of the title above one inside it, and a title match above a hint match', () => {
    expect(titles('new').slice(0, 3).sort()).toEqual(['New cycle', 'New session', 'New workspace…']);
    expect(titles('open').slice(0, 2)).toEqual(['Open workspace…', 'Open the sample workspace']);
    expect(titles('sample')[0]).toBe('Open the sample workspace');
    expect(titles('evidence')).toEqual(['Go to Pains', 'Go to Surveys']);
  });

  it('finds a command by the first letters of its words, and by several words in any order', () => {
    expect(titles('gtp')[0]).toBe('Go to Pains');
    expect(titles('next mode')[0]).toBe('Move cycle to its next mode…');
    expect(titles('mode next')[0]).toBe('Move cycle to its next mode…');
  });

  it('reports where the letters were found in the title', () => {
    expect(fuzzyMatch('ns', 'New session')?.positions).toEqual([0, 4]);
  });
});
