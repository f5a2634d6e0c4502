/** How tags look and group: the colours a tag can take, and the names of its groups. */
import type { TagGroup } from '../../ipc/client';

/** The colours core gives new tags in turn; readable as text on light and dark backgrounds. */
export const TAG_COLOURS: { colour: string; name: string }[] = [
  { colour: '#2563eb', name: 'Blue' },
  { colour: '#c2410c', name: 'Orange' },
  { colour: '#15803d', name: 'Green' },
  { colour: '#9333ea', name: 'Purple' },
  { colour: '#b91c1c', name: 'Red' },
  { colour: '#0e7490', name: 'Teal' },
  { colour: '#a16207', name: 'Amber' },
  { colour: '#be185d', name: 'Pink' },
  { colour: '#4d7c0f', name: 'Olive' },
  { colour: '#475569', name: 'Slate' },
];

export type GroupKey = TagGroup | 'none';

export const GROUPS: { key: GroupKey; label: string; hint: string }[] = [
  { key: 'area', label: 'Area', hint: 'Parts of the platform: CI, deploys, observability…' },
  { key: 'segment', label: 'Segment', hint: 'Customer segments: data & ML, mobile, payments…' },
  { key: 'theme', label: 'Theme', hint: 'Cross-cutting themes: speed, reliability, docs…' },
  { key: 'none', label: 'No group', hint: 'Free-form labels' },
];

export function groupKey(group: TagGroup | undefined): GroupKey {
  return group ?? 'none';
}

export function groupOf(key: GroupKey): TagGroup | undefined {
  return key === 'none' ? undefined : key;
}
