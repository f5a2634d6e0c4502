/**
 * Pure helpers for transcripts in the app: times as a person reads them, who spoke a
 * turn, and where a selection inside a turn's text starts and ends (in UTF-16 code
 * units, as core counts a passage's start).
 */
import type { PersonRef, SpeakerRole, SuggestedBy } from '../../ipc/client';

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment of a recording: m:ss under an hour, h:mm:ss from one ("12:41", "1:02:05"). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** How long a recording runs, always h:mm:ss ("0:42:07"); "unknown" without times. */
export function duration(ms: number | null | undefined): string {
  if (ms == null) return 'unknown';
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/**
 * When the words starting `start` UTF-16 units into a turn were said, as core reckons
 * it: the turn's start, moved on in proportion to how far into its text they are
 * (transcripts time turns, not words). Null when the turn has no time.
 */
export function saidAt(turn: { startMs: number | null; endMs: number | null; text: string }, start: number): number | null {
  if (turn.startMs == null) return null;
  const len = turn.text.length;
  if (turn.endMs == null || turn.endMs <= turn.startMs || len === 0) return turn.startMs;
  return turn.startMs + Math.floor(((turn.endMs - turn.startMs) * Math.min(Math.max(start, 0), len)) / len);
}

/** The name a turn's speaker is shown by: the person's, else the label as written. */
export function speakerName(label: string, person: PersonRef | null | undefined): string {
  return person?.name || label || 'Unnamed speaker';
}

/** How a speaker's role reads beside their name. */
export const ROLE_MARK: Record<SpeakerRole, string> = { participant: '', us: '(us)' };

/** Why a person is suggested for a label, in a word or two; empty when nobody is. */
export function suggestionHint(by: SuggestedBy): string {
  switch (by) {
    case 'memory':
      return 'remembered';
    case 'name':
      return 'same name';
    case 'email':
      return 'email';
    default:
      return '';
  }
}

/**
 * Where (`node`, `offset`) falls in `root`'s text, in UTF-16 code units from its start:
 * the length of all text before it. -1 when the point is outside `root`.
 */
export function textOffset(root: Node, node: Node, offset: number): number {
  if (node !== root && !root.contains(node)) return -1;
  const range = (root.ownerDocument ?? document).createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  // A range's text is its text nodes' text: its length counts UTF-16 code units.
  return range.toString().length;
}

/** A selection inside one turn's text: where it starts and ends there, and the words. */
export interface TurnSelection {
  start: number;
  end: number;
  text: string;
}

/**
 * The part of `text` (the turn's text, shown in `root`) that `range` selects, trimmed of
 * surrounding blanks; null when the range is empty, leaves `root`, or is only blanks.
 */
export function selectionIn(root: Node, range: Pick<Range, 'startContainer' | 'startOffset' | 'endContainer' | 'endOffset'>, text: string): TurnSelection | null {
  let start = textOffset(root, range.startContainer, range.startOffset);
  let end = textOffset(root, range.endContainer, range.endOffset);
  if (start < 0 || end < 0) return null;
  if (end < start) [start, end] = [end, start];
  end = Math.min(end, text.length);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return null;
  return { start, end, text: text.slice(start, end) };
}
