/**
 * The prioritization area's one door to core: pains and their evidence, buckets, the
 * ranking and its criteria, solutions and their experiments, and the trade-offs.
 * Components call these, not `backend`; what a view needs at once comes in one read.
 */
import {
  backend,
  type AxisInput,
  type Criterion,
  type BucketInput,
  type CriterionInput,
  type EvidenceLink,
  type ExperimentInput,
  type Framework,
  type PainUpdate,
  type ScoreInputs,
  type ServeInput,
  type SolutionInput,
} from '../ipc/client';
import type { OpName } from '../ipc/generated/ops';
import { movedToTrash, trashWithUndo } from '../lib/trash';

// ---- Pains, buckets and the ranking

/**
 * A cycle's pains, buckets, scoring framework and criteria, and its ranking when the
 * cycle's mode shows judgement (`judging`; null otherwise).
 */
/** The reads of the pains board: a view reloads it when `stale.shown` of these moves. */
export const PAINS_BOARD_READS: readonly OpName[] = ['pain_rows', 'list_buckets', 'rank', 'scoring_framework', 'list_criteria'];

export async function painsBoard(cycleId: string, judging: boolean) {
  const [pains, buckets, ranking, framework, criteria] = await Promise.all([
    backend.painRows(cycleId),
    backend.listBuckets(cycleId),
    judging ? backend.rank(cycleId) : Promise.resolve(null),
    backend.scoringFramework(),
    backend.listCriteria(),
  ]);
  return { pains, buckets, ranking, framework, criteria };
}

export const getPain = (id: string) => backend.getPain(id);
/** The cycle's observations no pain holds yet, grouped into candidate pains (nothing changes). */
export const candidatePains = (cycleId: string) => backend.candidatePains(cycleId);
/** A candidate accepted: a pain whose evidence is the observations kept. */
export const acceptCandidate = (cycleId: string, statement: string, observationIds: string[]) =>
  backend.createPain(cycleId, { statement, evidence: observationIds.map((observationId) => ({ observationId, reason: '' })) });
export const dismissCandidate = (cycleId: string, key: string) => backend.dismissCandidate(cycleId, key);
export const updatePain = (id: string, update: PainUpdate) => backend.updatePain(id, update);
/** Moves a pain to the trash (its view offers Undo). */
export const deletePain = (id: string) => backend.deletePain(id);
export const movePain = (id: string, bucketId: string | null) => backend.movePain(id, bucketId);

/** Links observations to a pain as its evidence, or changes how they are linked. */
export const linkEvidence = (painId: string, links: EvidenceLink[]) => backend.linkEvidence(painId, links);
export const unlinkEvidence = (painId: string, observationId: string) => backend.unlinkEvidence(painId, observationId);

export const listBuckets = (cycleId: string) => backend.listBuckets(cycleId);
export const addBucket = (cycleId: string, bucket: BucketInput) => backend.createBucket(cycleId, bucket);

export const rank = (cycleId: string) => backend.rank(cycleId);
/** Why the pain at `position` sits there, and what would move it past the one above. */
export const explainRank = (cycleId: string, position: number) => backend.explainRank(cycleId, position);
export const scorePain = (id: string, inputs: ScoreInputs) => backend.scorePain(id, inputs);
/** Places a pain by hand, with its reason; null gives it back to the score. */
export const overrideRank = (id: string, position: number | null, reason: string) => backend.overrideRank(id, position, reason);
export const setScoringFramework = (framework: Framework) => backend.setScoringFramework(framework);

export const listCriteria = () => backend.listCriteria();
export const createCriterion = (criterion: CriterionInput) => backend.createCriterion(criterion);
export const updateCriterion = (id: string, criterion: CriterionInput) => backend.updateCriterion(id, criterion);

/** Moves a criterion to the trash, with Undo; `changed` reads the criteria again after either. */
export function trashCriterion(c: Criterion, changed: () => Promise<void>): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deleteCriterion(c.id);
      await changed();
    },
    // Says more than the usual words: a criterion's ratings outlive it.
    { entity: 'criterion', id: c.id, message: `Moved “${c.name}” to the trash; its ratings are kept.`, restored: changed },
  );
}

// ---- Solutions and experiments

/** A cycle's solutions, the buckets they answer, its pains and the balance of the plan. */
/** The reads of the solutions board. */
export const SOLUTIONS_BOARD_READS: readonly OpName[] = ['list_solutions', 'list_buckets', 'list_pains', 'plan_balance'];

export async function solutionsBoard(cycleId: string) {
  const [solutions, buckets, pains, balance] = await Promise.all([backend.listSolutions(cycleId), backend.listBuckets(cycleId), backend.listPains(cycleId), backend.planBalance(cycleId)]);
  return { solutions, buckets, pains, balance };
}

/** How the plan's effort splits between immediate needs and the vision. */
export const planBalance = (cycleId: string) => backend.planBalance(cycleId);
export const createSolution = (bucketId: string, solution: SolutionInput) => backend.createSolution(bucketId, solution);
export const updateSolution = (id: string, solution: SolutionInput) => backend.updateSolution(id, solution);
/** Moves a solution to the trash (its view offers Undo). */
export const deleteSolution = (id: string) => backend.deleteSolution(id);

export const createExperiment = (solutionId: string, experiment: ExperimentInput) => backend.createExperiment(solutionId, experiment);
export const updateExperiment = (id: string, experiment: ExperimentInput) => backend.updateExperiment(id, experiment);

/** Moves an experiment to the trash, with Undo; `changed` reads the solution again after either. */
export function trashExperiment(id: string, changed: () => void): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deleteExperiment(id);
      changed();
    },
    { entity: 'experiment', id, message: movedToTrash('the experiment'), restored: changed },
  );
}

// ---- Trade-offs

/** A cycle's trade-off map (who to serve how, and the axes), and the teams to choose from. */
/** The reads of the trade-off map. */
export const TRADEOFFS_BOARD_READS: readonly OpName[] = ['tradeoffs', 'list_teams'];

export async function tradeoffsBoard(cycleId: string) {
  const [map, teams] = await Promise.all([backend.tradeoffs(cycleId), backend.listTeams()]);
  return { map, teams };
}

export const setServe = (cycleId: string, choice: ServeInput) => backend.setServe(cycleId, choice);
export const createAxis = (cycleId: string, axis: AxisInput) => backend.createAxis(cycleId, axis);
export const updateAxis = (id: string, axis: AxisInput) => backend.updateAxis(id, axis);

/** Moves an axis to the trash, with Undo; `removed` drops it from the map, `restored` reads the map again. */
export function trashAxis(id: string, label: string, removed: () => void, restored: () => Promise<void>): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deleteAxis(id);
      removed();
    },
    { entity: 'tradeoff_axis', id, message: movedToTrash(`“${label}”`), restored },
  );
}
