import { describe, expect, it } from 'vitest';
import { snippetText, splitSnippet } from './highlight';

describe('search snippets', () => {
  it('split into plain and highlighted pieces', () => {
    expect(splitSnippet('CI is \u0002slow\u0003 on \u0002Mondays\u0003.')).toEqual([
      { text: 'CI is ', hit: false },
      { text: 'slow', hit: true },
      { text: ' on ', hit: false },
      { text: 'Mondays', hit: true },
      { text: '.', hit: false },
    ]);
  });

  it('keep markup in the text as text, never as tags', () => {
    const pieces = splitSnippet('<img src=x onerror=alert(1)> \u0002deploy\u0003');
    expect(pieces[0]).toEqual({ text: '<img src=x onerror=alert(1)> ', hit: false });
    expect(pieces[1]).toEqual({ text: 'deploy', hit: true });
  });

  it('survive an unclosed mark', () => {
    expect(splitSnippet('\u0002open')).toEqual([{ text: 'open', hit: true }]);
  });

  it('read as plain words without their marks', () => {
    expect(snippetText('Quarantine \u0002flaky\u0003 tests')).toBe('Quarantine flaky tests');
  });
});
