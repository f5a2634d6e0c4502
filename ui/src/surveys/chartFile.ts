/**
 * A question's chart as a file: one standalone SVG document (title, n, legend, every
 * wave and, split, every team or segment), and a PNG rasterized from it in the page.
 * The file must read the same anywhere, so nothing depends on the app's CSS: explicit
 * colours, a generic font, a white background. It is built with DOM APIs and
 * serialized, so survey text (titles, team and choice labels) is always text.
 */
import type { ChartWave, ColumnKind, QuestionChart, Split, WaveFigures } from '../ipc/client';
import { diverging, headline, KIND_LABEL, npsParts, tone, TONES, withMargin } from './labels';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'Arial, Helvetica, sans-serif';
const INK = '#17202b';
const INK_2 = '#4a5563';
const INK_3 = '#5f6878';
const RULE = '#cdd3dc';
const ACCENT = '#0f7b74';

const PAD = 20;
const BAR = 300;
/** Room for a wave's or a series' name before its bar or figures. */
const NAME_W = 140;
const FIGURE_W = 170;
const N_W = 130;
const MIN_WIDTH = PAD * 2 + NAME_W + BAR + 12 + FIGURE_W + N_W;

export interface ChartFile {
  /** The SVG document, with its XML declaration. */
  svg: string;
  width: number;
  height: number;
  /** A suggested file name, without its extension. */
  fileName: string;
}

/** Whether a question has a chart to save (free text has answers to read instead). */
export const hasChart = (kind: ColumnKind) => kind !== 'free_text';

/** Characters XML cannot hold (controls, lone surrogates, U+FFFE/FFFF), dropped. */
function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/** Splits `text` into lines of at most `max` characters, at spaces where it can. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > max) {
      if (line) lines.push(line);
      lines.push(word.slice(0, max));
      word = word.slice(max);
      line = '';
    }
    if (!word) continue;
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** A file name made of the survey's name and the question's title: characters file systems refuse become spaces. */
export function chartFileName(survey: string, title: string): string {
  const raw = [survey, title].filter((s) => s.trim()).join(' – ');
  const cleaned = raw
    .replace(/[\u0000-\u001F\u007F/\\:*?"<>|\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const short = Array.from(cleaned).slice(0, 100).join('').replace(/[\s.]+$/, '');
  return short || 'Survey chart';
}

/** Builds elements in one SVG document; every text goes in as a text node. */
class Drawing {
  readonly doc: XMLDocument;
  readonly root: SVGSVGElement;

  constructor() {
    this.doc = document.implementation.createDocument(SVG_NS, 'svg', null);
    this.root = this.doc.documentElement as unknown as SVGSVGElement;
  }

  el(name: string, attrs: Record<string, string | number>, parent: Element = this.root): Element {
    const e = this.doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.appendChild(e);
    return e;
  }

  text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}, full?: string): Element {
    const t = this.el('text', { x, y, 'font-size': 12, fill: INK, ...attrs });
    t.textContent = xmlSafe(content);
    // A shortened label keeps its whole text as a tooltip.
    if (full !== undefined && full !== content) this.el('title', {}, t).textContent = xmlSafe(full);
    return t;
  }

  rect(x: number, y: number, w: number, h: number, fill: string, label?: string): Element {
    const r = this.el('rect', { x: round(x), y: round(y), width: round(Math.max(0, w)), height: h, fill });
    if (label) this.el('title', {}, r).textContent = xmlSafe(label);
    return r;
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra: Record<string, string | number> = {}): Element {
    return this.el('line', { x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), stroke, ...extra });
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The legend's entries for a question: what each colour stands for (the chart on
 * screen and the saved file show the same one). */
export function legend(kind: ColumnKind, figures: WaveFigures[]): Array<[string, string]> {
  if (kind === 'nps') return [['Detractors (0–6)', TONES[0]], ['Passives (7–8)', TONES[2]], ['Promoters (9–10)', TONES[4]]];
  if (kind === 'likert' || kind === 'csat') {
    const shown = figures.find((f) => f.n > 0) ?? figures[0];
    if (!shown) return [];
    const segs = diverging(shown);
    return segs.map((s, i) => [s.label, tone(s.side, i, segs.length)]);
  }
  if (kind === 'number') return [['Bar: the mean', ACCENT]];
  return [];
}

/** One wave's bar, `BAR` wide, its top at `y`. */
function waveBar(d: Drawing, kind: ColumnKind, f: WaveFigures, x: number, y: number, maxMean: number) {
  if (f.n === 0) {
    d.line(x, y + 7, x + BAR, y + 7, RULE, { 'stroke-dasharray': '3 3' });
  } else if (kind === 'likert' || kind === 'csat') {
    const segs = diverging(f);
    segs.forEach((s, i) => d.rect(x + BAR / 2 + (s.from / 100) * (BAR / 2), y, (s.width / 100) * (BAR / 2), 14, tone(s.side, i, segs.length), `${s.label}: ${s.count}`));
    d.line(x + BAR / 2, y - 2, x + BAR / 2, y + 16, INK_2);
  } else if (kind === 'nps') {
    const p = npsParts(f);
    d.rect(x, y, (p.detractors / 100) * BAR, 14, TONES[0], `Detractors (0–6): ${Math.round(p.detractors)}%`);
    d.rect(x + (p.detractors / 100) * BAR, y, (p.passives / 100) * BAR, 14, TONES[2], `Passives (7–8): ${Math.round(p.passives)}%`);
    d.rect(x + ((p.detractors + p.passives) / 100) * BAR, y, (p.promoters / 100) * BAR, 14, TONES[4], `Promoters (9–10): ${Math.round(p.promoters)}%`);
  } else {
    d.rect(x, y, ((f.mean ?? 0) / maxMean) * BAR, 14, ACCENT, `mean ${(f.mean ?? 0).toFixed(1)}`);
  }
}

const nOf = (f: WaveFigures) => `n = ${f.n}${f.blanks ? `, ${f.blanks} blank` : ''}${f.smallSample && f.n > 0 ? ' · small sample' : ''}`;

/**
 * The chart of one question as a standalone SVG document: its title, the survey, the
 * question's kind, every wave's bar with its figure and n (choices: the latest wave's
 * answers), a legend, the NPS trend, and a split's table.
 */
export function chartSvg(chart: QuestionChart, waves: ChartWave[], survey: string, split: Split = 'none'): ChartFile {
  const d = new Drawing();
  const kind = chart.question.kind;
  const waveLabel = (id: string) => waves.find((w) => w.id === id)?.label ?? '';
  const series = chart.series.length && kind !== 'single_choice' && kind !== 'multiple_choice' ? chart.series : [];
  const width = Math.max(MIN_WIDTH, PAD * 2 + NAME_W + waves.length * FIGURE_W);
  let y = PAD;

  // Title, wrapped; then the survey and what kind of question it is.
  for (const line of wrap(chart.question.title, Math.floor((width - PAD * 2) / 10))) {
    y += 20;
    d.text(PAD, y, line, { 'font-size': 16, 'font-weight': 'bold' });
  }
  const scale = chart.question.scale && kind !== 'nps' ? ` ${chart.question.scale.min}–${chart.question.scale.max}` : '';
  const by = series.length ? (split === 'segment' ? ' · by segment' : ' · by team') : '';
  y += 18;
  d.text(PAD, y, cut(`${survey} · ${KIND_LABEL[kind]}${scale}${by}`, 110), { fill: INK_2 });
  y += 10;

  if (kind === 'single_choice' || kind === 'multiple_choice') {
    const latest = chart.waves.filter((f) => f.n > 0).at(-1);
    y += 18;
    if (!latest) {
      d.text(PAD, y, 'No answers yet.', { fill: INK_3 });
    } else {
      d.text(PAD, y, `${waveLabel(latest.waveId)}, n = ${latest.n}${kind === 'multiple_choice' ? ', several answers each' : ''}${latest.smallSample ? ' · small sample' : ''}`, { fill: INK_3 });
      y += 8;
      const labelW = 200;
      for (const c of latest.distribution) {
        const share = (100 * c.count) / (latest.n || 1);
        d.text(PAD, y + 15, cut(c.label, 30), { fill: INK_2 }, c.label);
        d.rect(PAD + labelW, y + 4, (share / 100) * BAR, 14, ACCENT);
        d.text(PAD + labelW + 4 + (share / 100) * BAR, y + 15, `${c.count} (${Math.round(share)}%)`, { fill: INK_2, 'font-size': 11 });
        y += 22;
      }
    }
  } else {
    const maxMean = Math.max(1, ...chart.waves.map((f) => f.mean ?? 0));
    y += 10;
    for (const f of chart.waves) {
      const name = waveLabel(f.waveId);
      d.text(PAD, y + 12, cut(name, 20), { 'font-weight': 'bold' }, name);
      waveBar(d, kind, f, PAD + NAME_W, y + 1, maxMean);
      d.text(PAD + NAME_W + BAR + 12, y + 12, headline(f, kind), f.smallSample ? { 'font-style': 'italic', fill: INK_2 } : {});
      d.text(PAD + NAME_W + BAR + 12 + FIGURE_W, y + 12, nOf(f), { fill: INK_3, 'font-size': 11 });
      y += 24;
    }

    // What the colours stand for.
    const entries = legend(kind, chart.waves);
    if (entries.length) {
      y += 6;
      let x = PAD;
      for (const [label, fill] of entries) {
        const text = cut(label, 28);
        const w = 16 + text.length * 6.5 + 14;
        if (x + w > width - PAD && x > PAD) {
          x = PAD;
          y += 18;
        }
        d.rect(x, y, 10, 10, fill);
        d.text(x + 14, y + 9, text, { fill: INK_2, 'font-size': 11 }, label);
        x += w;
      }
      y += 18;
    }

    // NPS across waves, each point with its 95% margin.
    const answered = chart.waves.filter((f) => f.n > 0 && f.nps);
    if (kind === 'nps' && answered.length >= 2) {
      y += 10;
      d.text(PAD, y + 10, 'NPS across waves, with 95% margins', { fill: INK_2, 'font-size': 11 });
      const top = y + 20;
      const H = 90;
      const left = PAD + 40;
      const px = (i: number) => left + 20 + (i * (BAR - 40)) / Math.max(1, answered.length - 1);
      const py = (v: number) => top + ((100 - v) * H) / 200;
      d.line(left, py(0), left + BAR, py(0), RULE);
      d.text(PAD, py(100) + 4, '+100', { fill: INK_3, 'font-size': 10 });
      d.text(PAD, py(0) + 4, '0', { fill: INK_3, 'font-size': 10 });
      d.text(PAD, py(-100), '−100', { fill: INK_3, 'font-size': 10 });
      answered.forEach((f, i) => {
        const s = f.nps;
        if (!s) return;
        d.line(px(i), py(Math.min(100, s.value + s.margin)), px(i), py(Math.max(-100, s.value - s.margin)), INK_3);
        const prev = answered[i - 1]?.nps;
        if (prev) d.line(px(i - 1), py(prev.value), px(i), py(s.value), ACCENT);
        const dot = d.el('circle', { cx: round(px(i)), cy: round(py(s.value)), r: 3.5, fill: ACCENT });
        d.el('title', {}, dot).textContent = xmlSafe(`${waveLabel(f.waveId)}: ${withMargin(s.value, s.margin, true)}, n ${f.n}`);
        d.text(px(i), top + H + 14, cut(waveLabel(f.waveId), 14), { fill: INK_3, 'font-size': 10, 'text-anchor': 'middle' });
        d.text(px(i) + 6, py(s.value) - 4, withMargin(s.value, s.margin, true), { fill: INK_2, 'font-size': 10 });
      });
      y = top + H + 22;
    }

    // Split: each team's (or segment's) figure per wave.
    if (series.length) {
      y += 16;
      waves.forEach((w, i) => d.text(PAD + NAME_W + i * FIGURE_W, y, cut(w.label, 22), { 'font-weight': 'bold', 'font-size': 11 }, w.label));
      d.line(PAD, y + 5, width - PAD, y + 5, RULE);
      for (const s of series) {
        y += 20;
        d.text(PAD, y, cut(s.name, 20), {}, s.name);
        s.waves.forEach((f, i) => {
          d.text(PAD + NAME_W + i * FIGURE_W, y, `${f.n ? headline(f, kind) : '—'}  n ${f.n}`, f.smallSample ? { 'font-style': 'italic', fill: INK_2, 'font-size': 11 } : { 'font-size': 11 });
        });
      }
      y += 6;
    }
  }

  // What the figures mean, for whoever reads the file without the app.
  y += 22;
  const margins = kind === 'nps' || kind === 'csat' ? ' ± is the 95% margin of error.' : '';
  d.text(PAD, y, `n is who answered; fewer than 30 is a small sample.${margins}`, { fill: INK_3, 'font-size': 10 });
  const height = Math.ceil(y + PAD);

  const root = d.root;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', FONT);
  // The title and a white page go first, under everything drawn.
  const title = d.doc.createElementNS(SVG_NS, 'title');
  title.textContent = xmlSafe(chart.question.title);
  const page = d.doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: '#ffffff' })) page.setAttribute(k, String(v));
  root.insertBefore(page, root.firstChild);
  root.insertBefore(title, root.firstChild);

  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(d.doc)}\n`;
  return { svg, width, height, fileName: chartFileName(survey, chart.question.title) };
}

/** UTF-8 bytes of a text. */
export const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bytes as base64, in chunks (a spread of a large array would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The chart as a PNG, `scale` times its size on a white background: the SVG is drawn
 * by an image (a data: URL, which the content security policy's img-src allows) onto
 * a canvas.
 */
export async function chartPng(file: ChartFile, scale = 2): Promise<Uint8Array> {
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    img.src = `data:image/svg+xml;base64,${toBase64(utf8(file.svg))}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(file.width * scale);
  canvas.height = Math.ceil(file.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('the chart could not be drawn as an image (no canvas)');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the chart could not be made into a PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
