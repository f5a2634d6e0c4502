/** How people relate to the platform team, in words, and small helpers the People screen shares. */
import type { Relation } from '../../ipc/client';

export const RELATIONS: { value: Relation; label: string }[] = [
  { value: 'internal_user', label: 'Internal user' },
  { value: 'stakeholder', label: 'Stakeholder' },
  { value: 'peer_company', label: 'Peer company' },
  { value: 'vendor', label: 'Vendor' },
  { value: 'researcher', label: 'Researcher' },
  { value: 'teammate', label: 'Teammate' },
];

export function relationLabel(relation: Relation): string {
  return RELATIONS.find((r) => r.value === relation)?.label ?? relation;
}

/** A hue per relation, so the avatar says at a glance who someone is to us. */
export const RELATION_HUE: Record<Relation, number> = {
  internal_user: 210,
  stakeholder: 28,
  peer_company: 330,
  vendor: 265,
  researcher: 160,
  teammate: 95,
};

/** "Priya Patel" → "PP"; "tom" → "T". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** "asked 3× in 90 days". */
export function askLoadText(n: number): string {
  return `asked ${n}× in 90 days`;
}

/** Whole days between a YYYY-MM-DD day and today (local), or null. */
export function daysSince(day: string | null, now: Date = new Date()): number | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return null;
  const then = new Date(y, m - 1, d);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((today.getTime() - then.getTime()) / 86400000);
}

/** "today", "yesterday", "12 days ago", "3 months ago". */
export function agoText(days: number): string {
  if (days < 0) return days === -1 ? 'tomorrow' : `in ${-days} days`;
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30.4)} months ago`;
  return `${Math.round(days / 365)} years ago`;
}
