/** Words for a pain's reach and flags, shared by the list and the editor. */
import type { BucketKind, Importance, LoudVoice, Pain, Severity } from '../../ipc/client';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "3 people · 2 teams · 4 observations". */
export function reachText(p: Pain): string {
  const r = p.reach;
  return [plural(r.people, 'person', 'people'), plural(r.teams, 'team', 'teams'), plural(r.evidence, 'observation', 'observations')].join(' · ');
}

/** "Mostly Payments (3 of 4)". */
export function voiceText(v: LoudVoice): string {
  return `Mostly ${v.name} (${v.evidence} of ${v.of})`;
}

export const VOICE_NOUN: Record<LoudVoice['by'], string> = { person: 'one person', team: 'one team', channel: 'one channel' };

export const SEVERITIES: { value: Severity; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];

export const IMPORTANCES: { value: Importance; label: string }[] = [
  { value: 'nice_to_have', label: 'Nice to have' },
  { value: 'important', label: 'Important' },
  { value: 'critical', label: 'Critical' },
];

export const BUCKET_KINDS: { value: BucketKind; label: string; hint: string }[] = [
  { value: 'address', label: 'Address', hint: 'one solution makes the problem smaller' },
  { value: 'eliminate', label: 'Eliminate', hint: 'one solution makes it go away' },
  { value: 'empower', label: 'Empower', hint: 'one solution lets users do what they could not' },
];

export const KIND_LABEL: Record<BucketKind, string> = { address: 'Address', eliminate: 'Eliminate', empower: 'Empower' };

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * How the trade-offs weighed a pain's reach, as a sentence: "The trade-offs weigh its
 * reach of 3 people to 3.5: 1 person from Payments counts 1.5 times (served
 * excellently), and 2 people from Search count 1 time each…".
 */
export function weighedReachText(r: Pain['reach']): string {
  const parts = r.weights.map((w) => {
    const who = `${plural(w.people, 'person', 'people')} from ${w.name}`;
    const count = w.people === 1 ? 'counts' : 'each count';
    const stance = w.stance === 'excellent' ? 'served excellently' : 'served less well';
    return `${who} ${count} ${round(w.weight)} times (${stance})`;
  });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
  return `weigh its reach of ${plural(r.people, 'person', 'people')} to ${round(r.weightedPeople)}: ${list}.`;
}
