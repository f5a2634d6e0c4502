/** The five kinds of observation, as people name them, with a hue each. */
import type { ObservationKind } from '../ipc/client';

export const OBSERVATION_KINDS: { kind: ObservationKind; label: string; hue: number; key: string }[] = [
  { kind: 'quote', label: 'Quote', hue: 220, key: '1' },
  { kind: 'pain', label: 'Pain', hue: 5, key: '2' },
  { kind: 'request', label: 'Request', hue: 265, key: '3' },
  { kind: 'idea', label: 'Idea', hue: 42, key: '4' },
  { kind: 'fact', label: 'Fact', hue: 160, key: '5' },
];

export function observationLabel(kind: ObservationKind): string {
  return OBSERVATION_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

export function observationVars(kind: ObservationKind): string {
  return `--ok-h: ${OBSERVATION_KINDS.find((k) => k.kind === kind)?.hue ?? 200};`;
}
