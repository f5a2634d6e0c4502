/** Words for a solution's horizon, status and an experiment's outcome. */
import type { Horizon, Outcome, SolutionStatus } from '../../ipc/client';

export const HORIZON_LABEL: Record<Horizon, string> = {
  immediate: 'Immediate need',
  vision: 'Vision',
};

export const STATUS_LABEL: Record<SolutionStatus, string> = {
  unvalidated: 'Unvalidated',
  validating: 'Validating',
  validated: 'Validated',
  disproven: 'Disproven',
};

export const STATUSES: SolutionStatus[] = ['unvalidated', 'validating', 'validated', 'disproven'];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  survived: 'Survived: it could have failed and did not',
  disproved: 'Disproved: it cannot work',
  inconclusive: 'Inconclusive',
};
