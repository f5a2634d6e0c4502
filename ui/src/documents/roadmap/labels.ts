/** Words for the roadmap's stored values; core stores the values, the UI names them. */
import type { Confidence, ItemStatus, Lane, Work } from '../../ipc/client';

export const LANES: Lane[] = ['now', 'next', 'later'];

export const LANE_LABEL: Record<Lane, string> = { now: 'Now', next: 'Next', later: 'Later' };

export const LANE_HINT: Record<Lane, string> = {
  now: 'Being built: this quarter or the next',
  next: 'Shaped and waiting: the quarters after',
  later: 'Intended, not dated',
};

export const CONFIDENCES: Confidence[] = ['low', 'medium', 'high'];
export const CONFIDENCE_LABEL: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const STATUSES: ItemStatus[] = ['draft', 'planned', 'done'];
export const STATUS_LABEL: Record<ItemStatus, string> = { draft: 'Draft', planned: 'Planned', done: 'Done' };

export const WORKS: Work[] = ['migration', 'integration', 'capability'];
export const WORK_LABEL: Record<Work, string> = { migration: 'Migration', integration: 'Integration', capability: 'Capability' };
export const WORK_HINT: Record<Work, string> = {
  migration: 'Users move off something onto the platform',
  integration: 'Users plug something into the platform',
  capability: 'Asks nothing of users to start',
};

/**
 * Where a card dropped at `index` of `lane` lands, as core counts it: the index among
 * the lane's other items (the moved one is taken out first).
 */
export function dropIndex(laneIds: string[], movedId: string, index: number): number {
  const from = laneIds.indexOf(movedId);
  return from !== -1 && from < index ? index - 1 : index;
}
