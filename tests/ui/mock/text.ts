/**
 * Text rules shared by observations and search: where a passage sits in a session's
 * notes (observation.rs `locate`), how typed words become a search (search.rs
 * `fts_query`), and how FTS5's unicode61 tokenizer (case- and diacritics-insensitive)
 * matches, marks and trims text for snippets.
 */

/** Most words one search uses; the rest of a long paste is ignored (and said so). */
export const MAX_TERMS = 16;
/** Longest word kept, in characters. */
const MAX_TERM_CHARS = 64;

// ---- passages (observation.rs `locate`); JS strings are UTF-16, as the offsets are ----

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** Whether a UTF-16 offset falls on a character boundary. */
const onBoundary = (s: string, at: number) =>
  Number.isInteger(at) && at >= 0 && at <= s.length && !(at > 0 && at < s.length && isLow(s.charCodeAt(at)) && isHigh(s.charCodeAt(at - 1)));

/** Where `passage` is in `notes`: at `hint` when it is there, else the (non-overlapping) occurrence nearest it. */
export function locate(notes: string, passage: string, hint: number | null): number | null {
  if (!passage) return null;
  if (hint !== null && onBoundary(notes, hint) && notes.startsWith(passage, hint)) return hint;
  const h = hint ?? 0;
  let best: number | null = null;
  for (let at = notes.indexOf(passage); at !== -1; at = notes.indexOf(passage, at + passage.length)) {
    if (best === null || Math.abs(at - h) < Math.abs(best - h)) best = at;
  }
  return best;
}

// ---- words (search.rs `fts_query` and FTS5's unicode61 tokenizer with remove_diacritics) ----

const MARK_START = '\u0002';
const MARK_END = '\u0003';
const QUERY_CHAR = /[\p{Alphabetic}\p{N}]/u;
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

/** Case- and diacritics-insensitive form of a word. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface FtsQuery {
  /** Folded words; a group of several is a phrase. Each group matches as a prefix. */
  groups: string[][];
  /** The words as typed. */
  terms: string[];
  /** Whether words beyond MAX_TERMS were dropped. */
  truncated: boolean;
}

/** What a person typed, as words and phrases; `null` when it holds no word. */
export function ftsQuery(input: string): FtsQuery | null {
  const groups: string[][] = [];
  const quotes = input.split('"').length - 1;
  // An unpaired last quote is just a character.
  const pairedEnd = quotes % 2 === 1 ? input.lastIndexOf('"') : input.length;
  let inPhrase = false;
  let phrase: string[] = [];
  let word = '';
  let terms = 0;
  let truncated = false;
  const flush = () => {
    if (!word) return;
    const w = [...word].slice(0, MAX_TERM_CHARS).join('');
    word = '';
    if (terms >= MAX_TERMS) {
      truncated = true;
      return;
    }
    terms += 1;
    if (inPhrase) phrase.push(w);
    else groups.push([w]);
  };
  for (let i = 0; i < input.length; ) {
    const ch = String.fromCodePoint(input.codePointAt(i)!);
    if (ch === '"' && i < pairedEnd) {
      flush();
      if (inPhrase && phrase.length) groups.push(phrase);
      if (inPhrase) phrase = [];
      inPhrase = !inPhrase;
    } else if (QUERY_CHAR.test(ch)) {
      word += ch;
    } else {
      flush();
    }
    i += ch.length;
  }
  flush();
  if (phrase.length) groups.push(phrase);
  if (!groups.length) return null;
  return { groups: groups.map((g) => g.map(fold)), terms: groups.flat(), truncated };
}

interface Token {
  start: number;
  end: number;
  word: string;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ start: m.index, end: m.index + m[0].length, word: fold(m[0]) });
  return out;
}

/** Token indexes covered by every occurrence of a group (a phrase whose last word is a prefix). */
function occurrences(tokens: Token[], group: string[]): number[] {
  const hits: number[] = [];
  const n = group.length;
  next: for (let i = 0; i + n <= tokens.length; i++) {
    for (let k = 0; k < n; k++) {
      const w = tokens[i + k].word;
      if (k < n - 1 ? w !== group[k] : !w.startsWith(group[k])) continue next;
    }
    for (let k = 0; k < n; k++) hits.push(i + k);
  }
  return hits;
}

export interface Column {
  text: string;
  tokens: Token[];
  marked: Set<number>;
}

/** The columns with their matched tokens, when every group matches in one of them (FTS5's AND). */
export function match(texts: string[], q: FtsQuery): Column[] | null {
  const columns = texts.map<Column>((text) => ({ text, tokens: tokenize(text), marked: new Set() }));
  for (const group of q.groups) {
    let found = false;
    for (const c of columns) {
      const hits = occurrences(c.tokens, group);
      if (hits.length) found = true;
      for (const i of hits) c.marked.add(i);
    }
    if (!found) return null;
  }
  return columns;
}

/** A cheap test first (every word somewhere in the text), for long lists. */
export function textMatches(text: string, q: FtsQuery): boolean {
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : fold(text);
  if (!q.groups.every((g) => g.every((w) => folded.includes(w)))) return false;
  return match([text], q) !== null;
}

/** FTS5's `snippet()`: up to `max` tokens around the matches, matched words marked, cuts shown as "…". */
export function snippet(c: Column, max: number): string {
  const n = c.tokens.length;
  if (n === 0) return c.text;
  let start = 0;
  let end = n;
  if (n > max) {
    const marked = [...c.marked].sort((a, b) => a - b);
    const first = marked[0] ?? 0;
    const last = marked.filter((i) => i < first + max).at(-1) ?? first;
    start = Math.max(0, Math.min(first - Math.floor((max - (last - first + 1)) / 2), n - max));
    end = start + max;
  }
  let out = start > 0 ? '…' : '';
  let at = start > 0 ? c.tokens[start].start : 0;
  for (let i = start; i < end; i++) {
    if (!c.marked.has(i)) continue;
    const t = c.tokens[i];
    out += c.text.slice(at, t.start) + MARK_START + c.text.slice(t.start, t.end) + MARK_END;
    at = t.end;
  }
  out += c.text.slice(at, end === n ? c.text.length : c.tokens[end - 1].end);
  return end < n ? `${out}…` : out;
}
