/**
 * A cycle action asked for from elsewhere (the command palette): the Cycles view takes
 * it up and opens the same review, question or field its own buttons open.
 */
import type { CycleMode } from '../../ipc/client';

export type CycleAction = 'advance' | 'return' | 'rename' | 'history';

export const cycleFlow = $state<{ request: { action: CycleAction; id: string } | null }>({ request: null });

/** The modes in order; a cycle moves one step forward at a time. */
export const MODES: CycleMode[] = ['discovery', 'prioritization', 'roadmap', 'closed'];

export function nextMode(mode: CycleMode): CycleMode | null {
  const i = MODES.indexOf(mode);
  return i < MODES.length - 1 ? MODES[i + 1] : null;
}

/** Whether a cycle in this mode can be taken back to discovery. */
export const canReturn = (mode: CycleMode) => mode === 'prioritization' || mode === 'roadmap';
