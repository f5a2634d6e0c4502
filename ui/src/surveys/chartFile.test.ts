import { describe, expect, it } from 'vitest';
import type { ChartWave, QuestionChart, WaveFigures } from '../ipc/client';
import { chartFileName, chartSvg, toBase64, utf8, wrap } from './chartFile';

const HOSTILE = '<script>alert(1)</script> "]]>& How likely are you to recommend us?';
const waves: ChartWave[] = [
  { id: 'w1', label: 'Wave 1', heldOn: '2026-11-03', responses: 3 },
  { id: 'w2', label: 'Wave <2>', heldOn: '2027-02-03', responses: 2 },
];
const figures = (waveId: string, counts: number[]): WaveFigures => {
  const n = counts.reduce((a, b) => a + b, 0);
  return { waveId, n, blanks: 0, distribution: counts.map((count, value) => ({ label: String(value), value, count })), nps: { value: 10, margin: 40 }, smallSample: true };
};
const nps: QuestionChart = {
  question: { id: 'q', number: 4, title: HOSTILE, kind: 'nps' },
  waves: [figures('w1', [0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1]), figures('w2', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1])],
  series: [{ name: '<b>Payments</b> & Co', waves: [figures('w1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]), figures('w2', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])] }],
};

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

describe('a chart as a file', () => {
  it('is one SVG document that parses, with its size, namespace and a white page', () => {
    const file = chartSvg(nps, waves, 'DevEx', 'team');
    expect(file.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    const doc = parse(file.svg);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.localName).toBe('svg');
    expect(file.width).toBeGreaterThan(600);
    expect(file.height).toBeGreaterThan(100);
    expect(root.getAttribute('width')).toBe(String(file.width));
    expect(root.getAttribute('height')).toBe(String(file.height));
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${file.width} ${file.height}`);
    expect(root.getAttribute('font-family')).toContain('sans-serif');
    expect(root.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
    // Nothing refers to the app's CSS.
    expect(file.svg).not.toContain('var(--');
    expect(file.svg).not.toContain('class=');
  });

  it('keeps hostile survey text as text: no script element, the title read back whole', () => {
    const file = chartSvg(nps, waves, 'DevEx', 'team');
    expect(file.svg).not.toContain('<script');
    expect(file.svg).not.toContain('<b>');
    expect(file.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const doc = parse(file.svg);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.getElementsByTagName('b')).toHaveLength(0);
    expect(doc.querySelector('svg > title')?.textContent).toBe(HOSTILE);
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.childNodes[0]?.textContent ?? '');
    expect(texts.join('\n')).toContain('<script>alert(1)</script> "]]>&');
    expect(texts).toContain('<b>Payments</b> & Co');
    expect(texts).toContain('Wave <2>');
  });

  it('shows every wave with its n, a legend and the split', () => {
    const texts = Array.from(parse(chartSvg(nps, waves, 'DevEx', 'team').svg).getElementsByTagName('text')).map((t) => t.childNodes[0]?.textContent ?? '');
    expect(texts).toContain('n = 3 · small sample');
    expect(texts).toContain('n = 2 · small sample');
    expect(texts.filter((t) => t === 'NPS +10 ±40')).toHaveLength(2);
    expect(texts).toContain('NPS +10 ±40  n 2');
    expect(texts).toContain('Detractors (0–6)');
    expect(texts).toContain('Promoters (9–10)');
    expect(texts.some((t) => t.includes('by team'))).toBe(true);
    expect(texts).toContain('NPS across waves, with 95% margins');
  });

  it('drops characters XML cannot hold instead of making a file that does not parse', () => {
    const file = chartSvg({ ...nps, question: { ...nps.question, title: 'Bad\u0001 \uD800title' } }, waves, 'S');
    expect(parse(file.svg).getElementsByTagName('parsererror')).toHaveLength(0);
    expect(parse(file.svg).querySelector('svg > title')?.textContent).toBe('Bad title');
  });

  it('charts choices from the latest wave, labels as text', () => {
    const choice: QuestionChart = {
      question: { id: 'c', number: 2, title: 'Which tool?', kind: 'single_choice' },
      waves: [{ waveId: 'w1', n: 2, blanks: 0, distribution: [{ label: '<img src=x onerror=alert(1)>', count: 2 }], smallSample: true }],
      series: [],
    };
    const doc = parse(chartSvg(choice, waves, 'S').svg);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    expect(Array.from(doc.getElementsByTagName('text')).some((t) => t.textContent?.startsWith('<img src=x'))).toBe(true);
  });
});

describe('file names and bytes', () => {
  it('makes a file name of the survey and the title without characters file systems refuse', () => {
    expect(chartFileName('DevEx', HOSTILE)).toBe('DevEx – script alert(1) script ]] & How likely are you to recommend us');
    // No separator is left: the shell refuses one anyway.
    expect(chartFileName('DevEx', '../../etc/passwd')).toBe('DevEx – .. .. etc passwd');
    expect(chartFileName('', '...')).toBe('Survey chart');
    expect(Array.from(chartFileName('S', 'x'.repeat(500))).length).toBeLessThanOrEqual(100);
  });

  it('wraps long titles at spaces and breaks words too long for a line', () => {
    expect(wrap('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('encodes UTF-8 bytes as base64, large ones too', () => {
    expect(atob(toBase64(utf8('±−')))).toBe('\xC2\xB1\xE2\x88\x92');
    const big = new Uint8Array(200_000).map((_, i) => i % 256);
    const back = Uint8Array.from(atob(toBase64(big)), (c) => c.charCodeAt(0));
    expect(back).toEqual(big);
  });
});
