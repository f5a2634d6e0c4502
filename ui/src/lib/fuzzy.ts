/**
 * Matching for the command palette and pickers: every word typed must be found, and
 * how well it is found ranks the results. A word found whole beats one found by its
 * letters; at the start of the text beats at the start of a word, which beats inside
 * one; letters in order count only when each starts a word or follows the one before
 * ("ns" finds New Session), so a word scattered over a sentence ("score" in "New
 * session: log a coffee chat, survey…") is no match at all.
 */

export interface Match {
  score: number;
  /** Indexes of matched characters (in the first text), for highlighting. */
  positions: number[];
}

const SEPARATOR = /[\s\-_/·(),.:;“”"'…&]/;

/** Whether position `i` of `t` starts a word. */
function startsWord(t: string, i: number): boolean {
  return i === 0 || SEPARATOR.test(t[i - 1]) || (/[a-z]/.test(t[i - 1]) && /[A-Z]/.test(t[i]));
}

interface TokenMatch {
  score: number;
  positions: number[];
}

/** The best way `token` (lower case) is found in `text`, or null. */
function matchToken(token: string, text: string): TokenMatch | null {
  const t = text.toLowerCase();
  let best: TokenMatch | null = null;
  const consider = (m: TokenMatch) => {
    if (!best || m.score > best.score) best = m;
  };
  // Whole: as a prefix of the text, at a word start, or (three letters or more) inside a word.
  for (let at = t.indexOf(token); at >= 0; at = t.indexOf(token, at + 1)) {
    const positions = Array.from(token, (_, i) => at + i);
    const wordEnd = at + token.length >= t.length || SEPARATOR.test(t[at + token.length]);
    if (at === 0) consider({ score: 100 + token.length * 2 + (wordEnd ? 5 : 0), positions });
    else if (startsWord(text, at)) consider({ score: 80 + token.length * 2 + (wordEnd ? 5 : 0) - Math.min(at, 60) * 0.05, positions });
    else if (token.length >= 3) consider({ score: 45 + token.length * 2 - Math.min(at, 60) * 0.05, positions });
  }
  if (best) return best;
  // By its letters: each starts a word or follows the letter before.
  const found = letters(token, text, t, 0, -1, new Map());
  return found ? { score: 20 + found.score - found.positions[0] * 0.05, positions: found.positions } : null;
}

/** Letters of `q` from `i` on, after a letter matched at `previous`: the best alignment. */
function letters(q: string, text: string, t: string, i: number, previous: number, memo: Map<number, TokenMatch | null>): TokenMatch | null {
  if (i === q.length) return { score: 0, positions: [] };
  const key = i * (t.length + 1) + previous + 1;
  if (memo.has(key)) return memo.get(key)!;
  let best: TokenMatch | null = null;
  for (let at = t.indexOf(q[i], previous + 1); at >= 0; at = t.indexOf(q[i], at + 1)) {
    const next = at === previous + 1 && previous >= 0;
    if (!next && !startsWord(text, at)) continue;
    const rest = letters(q, text, t, i + 1, at, memo);
    if (!rest) continue;
    const score = rest.score + (next ? 3 : 2);
    if (!best || score > best.score) best = { score, positions: [at, ...rest.positions] };
    // The first alignment of a letter that follows the one before is the best one.
    if (next) break;
  }
  memo.set(key, best);
  return best;
}

/**
 * How well `query` matches `text` (or several texts, the first weighing most: a
 * command's title, then its hint), or null when some word of it is not found.
 */
export function fuzzyMatch(query: string, text: string | string[]): Match | null {
  const tokens = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!tokens.length) return { score: 0, positions: [] };
  const texts = Array.isArray(text) ? text : [text];
  let score = 0;
  const positions: number[] = [];
  for (const token of tokens) {
    let best: { score: number; positions: number[]; field: number } | null = null;
    texts.forEach((field, f) => {
      const m = matchToken(token, field);
      if (!m) return;
      const weighted = f === 0 ? m.score : m.score * 0.6;
      if (!best || weighted > best.score) best = { score: weighted, positions: m.positions, field: f };
    });
    if (!best) return null;
    const b: { score: number; positions: number[]; field: number } = best;
    score += b.score;
    if (b.field === 0) positions.push(...b.positions);
  }
  // Among equals, the shorter title.
  score -= texts[0].length * 0.01;
  return { score, positions: [...new Set(positions)].sort((a, b) => a - b) };
}

/** Items that match, best first (equals keep their order). */
export function fuzzyFilter<T>(query: string, items: T[], text: (item: T) => string | string[]): T[] {
  if (!query.trim()) return items;
  return items
    .map((item, i) => ({ item, i, m: fuzzyMatch(query, text(item)) }))
    .filter((x): x is { item: T; i: number; m: Match } => x.m !== null)
    .sort((a, b) => b.m.score - a.m.score || a.i - b.i)
    .map((x) => x.item);
}
