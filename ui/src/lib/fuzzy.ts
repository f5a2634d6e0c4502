/** Fuzzy matching for the command palette: letters in order, scored for word starts and runs. */

export interface Match {
  score: number;
  /** Indexes of matched characters, for highlighting. */
  positions: number[];
}

export function fuzzyMatch(query: string, text: string): Match | null {
  const q = query.trim().toLowerCase();
  if (!q) return { score: 0, positions: [] };
  const t = text.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s\-_/·(]/.test(t[at - 1]);
    score += 1 + (wordStart ? 4 : 0) + (at === previous + 1 ? 3 : 0);
    positions.push(at);
    previous = at;
    from = at + 1;
  }
  // Prefer shorter texts and earlier first matches.
  score -= positions[0] * 0.1 + text.length * 0.01;
  return { score, positions };
}

/** Items that match, best first. */
export function fuzzyFilter<T>(query: string, items: T[], text: (item: T) => string): T[] {
  if (!query.trim()) return items;
  return items
    .map((item) => ({ item, m: fuzzyMatch(query, text(item)) }))
    .filter((x): x is { item: T; m: Match } => x.m !== null)
    .sort((a, b) => b.m.score - a.m.score)
    .map((x) => x.item);
}
