import { describe, expect, it } from 'vitest';
import { clock, duration, saidAt, selectionIn, speakerName, suggestionHint, textOffset } from './transcript';

describe('times', () => {
  it('reads a moment as m:ss under an hour and h:mm:ss from one', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(761_999)).toBe('12:41');
    expect(clock(3_599_000)).toBe('59:59');
    expect(clock(3_725_000)).toBe('1:02:05');
    expect(clock(-5)).toBe('0:00');
  });
  it('reads a duration as h:mm:ss, or unknown without times', () => {
    expect(duration(2_527_000)).toBe('0:42:07');
    expect(duration(36_000_000)).toBe('10:00:00');
    expect(duration(null)).toBe('unknown');
  });
});

describe('when words were said', () => {
  const turn = { startMs: 4000, endMs: 10_000, text: 'The deploy queue. We wait forty minutes for every release.' };
  it('moves on from the turn start in proportion to where the words start, as core does', () => {
    expect(saidAt(turn, 0)).toBe(4000);
    expect(saidAt(turn, 26)).toBe(6689);
    expect(saidAt(turn, 999)).toBe(10_000);
  });
  it('keeps the turn start without an end, and says nothing without times', () => {
    expect(saidAt({ ...turn, endMs: null }, 26)).toBe(4000);
    expect(saidAt({ ...turn, startMs: null }, 26)).toBeNull();
  });
});

describe('speakers', () => {
  it('shows the person, else the label', () => {
    expect(speakerName('raman, priya', { id: '1', name: 'Priya Raman' })).toBe('Priya Raman');
    expect(speakerName('Speaker 2', null)).toBe('Speaker 2');
    expect(speakerName('', null)).toBe('Unnamed speaker');
  });
  it('says why a person is suggested', () => {
    expect(suggestionHint('memory')).toBe('remembered');
    expect(suggestionHint('name')).toBe('same name');
    expect(suggestionHint('email')).toBe('email');
    expect(suggestionHint('nothing')).toBe('');
  });
});

describe('a selection inside a turn', () => {
  function turn(html: string): HTMLElement {
    const p = document.createElement('p');
    p.innerHTML = html;
    document.body.append(p);
    return p;
  }

  it('counts UTF-16 code units, as core does', () => {
    const text = 'Déjà vu 🚀 deploys take forty minutes';
    const p = turn('');
    p.textContent = text;
    const node = p.firstChild!;
    const at = text.indexOf('deploys');
    expect(at).toBe(11); // the rocket is two code units
    const sel = selectionIn(p, { startContainer: node, startOffset: at, endContainer: node, endOffset: at + 'deploys take'.length }, text);
    expect(sel).toEqual({ start: 11, end: 23, text: 'deploys take' });
  });

  it('follows text split over several nodes, and points between children', () => {
    const p = turn('CI takes <b>forty</b> minutes');
    const text = p.textContent!;
    const bold = p.querySelector('b')!.firstChild!;
    const last = p.lastChild!;
    expect(textOffset(p, bold, 2)).toBe(11);
    expect(textOffset(p, p, 2)).toBe('CI takes forty'.length);
    expect(selectionIn(p, { startContainer: bold, startOffset: 0, endContainer: last, endOffset: 8 }, text)).toEqual({ start: 9, end: 22, text: 'forty minutes' });
  });

  it('trims blanks, orders backward selections, and refuses what is empty or outside', () => {
    const text = 'Refunds take three days';
    const p = turn('');
    p.textContent = text;
    const node = p.firstChild!;
    expect(selectionIn(p, { startContainer: node, startOffset: 12, endContainer: node, endOffset: 7 }, text)).toEqual({ start: 8, end: 12, text: 'take' });
    expect(selectionIn(p, { startContainer: node, startOffset: 7, endContainer: node, endOffset: 8 }, text)).toBeNull();
    const other = turn('elsewhere');
    expect(selectionIn(p, { startContainer: other.firstChild!, startOffset: 0, endContainer: node, endOffset: 4 }, text)).toBeNull();
  });
});
