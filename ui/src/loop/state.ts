/**
 * The loop area's one door to core: what its tabs, a person's check-ins and the answers
 * on observations and pains read and change. Components call these, not `backend`, so
 * what the area asks of core is listed in one place; what a tab needs at once comes in
 * one read, and moving a thing to the trash always comes with its Undo.
 */
import {
  backend,
  type Adoption,
  type AdoptionInput,
  type Answer,
  type AnswerInput,
  type AnswerTarget,
  type CheckinDue,
  type CheckinInput,
  type DigestItem,
  type ExportOf,
  type Format,
  type Kudos,
  type KudosInput,
  type Milestone,
  type MilestoneInput,
  type PersonSummary,
  type RoadmapItem,
  type SessionSummary,
  type Sla,
  type SlaInput,
  type SlaLevel,
  type SlaLevelInput,
  type Solution,
  type Team,
  type TeamDigest,
} from '../ipc/client';
import type { OpName } from '../ipc/generated/ops';
import { formatShortDay } from '../lib/dates';
import { movedToTrash, trashWithUndo } from '../lib/trash';

// ---- Check-ins

/** Who is due a check-in, and everyone (to give a rhythm to whoever has none). */
/** The reads of the check-ins tab. */
export const CHECKINS_READS: readonly OpName[] = ['checkins_due', 'list_people'];

export async function checkinsDue(): Promise<{ due: CheckinDue[]; people: PersonSummary[] }> {
  const [due, people] = await Promise.all([backend.checkinsDue(), backend.listPeople({ text: '' })]);
  return { due, people };
}

/** Sets how many weeks apart to check in with a person; null stops it. */
export const setCheckinRhythm = (personId: string, weeks: number | null) => backend.setCheckinRhythm(personId, weeks);

export const recordCheckin = (personId: string, checkin: CheckinInput) => backend.recordCheckin(personId, checkin);

/** Moves a check-in to the trash, with Undo; `changed` runs after either, to read the person again. */
export function trashCheckin(id: string, heldOn: string, changed: () => Promise<void>): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deleteCheckin(id);
      await changed();
    },
    { entity: 'checkin', id, message: movedToTrash(`the check-in of ${formatShortDay(heldOn)}`), restored: changed },
  );
}

// ---- SLAs

/** The SLAs, the teams they may be for, and the SLA conversations a level may come from. */
/** The reads of the SLA tab. */
export const SLA_BOARD_READS: readonly OpName[] = ['list_slas', 'list_teams', 'list_sessions'];

export async function slaBoard(): Promise<{ slas: Sla[]; teams: Team[]; talks: SessionSummary[] }> {
  const [slas, teams, talks] = await Promise.all([
    backend.listSlas(),
    backend.listTeams(),
    backend.listSessions({ kinds: ['sla_conversation'], sort: 'newest_first', offset: 0, limit: 200 }),
  ]);
  return { slas, teams, talks: talks.sessions };
}

export const createSla = (sla: SlaInput) => backend.createSla(sla);
export const addSlaLevel = (slaId: string, level: SlaLevelInput) => backend.addSlaLevel(slaId, level);

export const trashSla = (s: Sla) =>
  trashWithUndo(() => backend.deleteSla(s.id), { entity: 'sla', id: s.id, message: movedToTrash(`the SLA ${s.service}: ${s.measure}`) });

export const trashSlaLevel = (l: SlaLevel) =>
  trashWithUndo(() => backend.deleteSlaLevel(l.id), { entity: 'sla_level', id: l.id, message: movedToTrash(`the level of ${l.onDate}`) });

// ---- Adoption

/** The adoptions and migrations tracked, and the teams they may be for. */
/** The reads of the adoption tab. */
export const ADOPTION_BOARD_READS: readonly OpName[] = ['list_adoptions', 'list_teams'];

export async function adoptionBoard(): Promise<{ adoptions: Adoption[]; teams: Team[] }> {
  const [adoptions, teams] = await Promise.all([backend.listAdoptions(), backend.listTeams()]);
  return { adoptions, teams };
}

export const createAdoption = (adoption: AdoptionInput) => backend.createAdoption(adoption);
export const addMilestone = (adoptionId: string, milestone: MilestoneInput) => backend.addMilestone(adoptionId, milestone);
export const updateMilestone = (id: string, milestone: MilestoneInput) => backend.updateMilestone(id, milestone);

export const trashAdoption = (a: Adoption) =>
  trashWithUndo(() => backend.deleteAdoption(a.id), { entity: 'adoption', id: a.id, message: movedToTrash(`${a.teamName}: ${a.capability}`) });

export const trashMilestone = (m: Milestone) =>
  trashWithUndo(() => backend.deleteMilestone(m.id), { entity: 'adoption_milestone', id: m.id, message: movedToTrash(`“${m.title}”`) });

// ---- Kudos

export const listKudos = () => backend.listKudos();
export const giveKudos = (kudos: KudosInput) => backend.createKudos(kudos);

export const trashKudos = (k: Kudos) => trashWithUndo(() => backend.deleteKudos(k.id), { entity: 'kudos', id: k.id, message: movedToTrash('the kudos') });

// ---- "You said, we did"

/** The teams a digest may be for. */
export const digestTeams = () => backend.listTeams();

/** A team's digest (of one cycle, or of every cycle when `cycleId` is null) and its Markdown. */
/** The reads of a team's digest. */
export const DIGEST_READS: readonly OpName[] = ['team_digest', 'export_digest'];

export async function teamDigest(teamId: string, cycleId: string | null): Promise<{ head: TeamDigest; items: DigestItem[]; markdown: string }> {
  const [head, md] = await Promise.all([backend.teamDigest(teamId, cycleId), backend.exportDigest(teamId, cycleId, 'md')]);
  return { head, items: [...head.pains, ...head.observations], markdown: md.content };
}

/** The digest as HTML, to copy as rich text. */
export const digestHtml = async (teamId: string, cycleId: string | null) => (await backend.exportDigest(teamId, cycleId, 'html')).content;

/** Saves the digest where the person chooses; null when they cancelled. */
export function saveDigest(teamId: string, cycleId: string | null, format: Format) {
  const of: ExportOf = cycleId ? { of: 'digest', teamId, cycleId } : { of: 'digest', teamId };
  return backend.saveExport(of, format);
}

// ---- Answers

export const answerOf = (target: AnswerTarget): Promise<Answer | null> => backend.answerOf(target);
export const markAnswered = (target: AnswerTarget, answer: AnswerInput) => backend.markAnswered(target, answer);

/**
 * Takes back the answer to `target` (it goes to the trash), with Undo; `taken` runs once it
 * is taken back, to show so, and `restored` once Undo brought it back.
 */
export function takeBackAnswer(target: AnswerTarget, answer: Answer, taken: () => Promise<void>, restored: () => Promise<void>): Promise<void> {
  const noun = target.kind === 'pain' ? 'pain' : 'observation';
  return trashWithUndo(
    async () => {
      await backend.unmarkAnswered(target);
      await taken();
    },
    { entity: 'answer', id: answer.id, message: `Took back the answer to this ${noun}.`, restored },
  );
}

/** The solutions and roadmap items of a cycle an answer may name; none where the cycle has none (or may not list them). */
export async function answerLinks(cycleId: string): Promise<{ solutions: Solution[]; items: RoadmapItem[] }> {
  const [s, r] = await Promise.allSettled([backend.listSolutions(cycleId), backend.getRoadmap(cycleId)]);
  return { solutions: s.status === 'fulfilled' ? s.value : [], items: r.status === 'fulfilled' ? r.value.items : [] };
}
