/**
 * Search snippets mark matched words with U+0002 … U+0003 (control characters no
 * text holds). This splits a snippet into plain pieces and marked pieces, so views
 * render both as text: a snippet never becomes HTML.
 */
export interface Piece {
  text: string;
  hit: boolean;
}

export function splitSnippet(snippet: string): Piece[] {
  const pieces: Piece[] = [];
  let hit = false;
  let text = '';
  for (const ch of snippet) {
    if (ch === '\u0002' || ch === '\u0003') {
      if (text) pieces.push({ text, hit });
      text = '';
      hit = ch === '\u0002';
    } else {
      text += ch;
    }
  }
  if (text) pieces.push({ text, hit });
  return pieces;
}

/** A snippet's words without its marks. */
export function snippetText(snippet: string): string {
  return splitSnippet(snippet)
    .map((p) => p.text)
    .join('');
}
