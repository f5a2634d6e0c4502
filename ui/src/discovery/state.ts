/**
 * The discovery area's one door to core: sessions and their notes, observations,
 * people and teams, tags, ideas, templates, coverage and search. Components call
 * these, not `backend`; moving a thing to the trash comes with its Undo here.
 */
import {
  backend,
  type Assessment,
  type IdeaInput,
  type ImportProgress,
  type NewObservation,
  type NewSession,
  type NotesChoice,
  type ObservationQuery,
  type ObservationUpdate,
  type PainInput,
  type PeopleQuery,
  type PersonInput,
  type SearchQuery,
  type SessionQuery,
  type SessionUpdate,
  type SourceKind,
  type SpeakerChoice,
  type Tag,
  type TagInput,
  type Team,
  type TeamInput,
  type TicketImport,
  type TicketQueue,
  type TranscriptImport,
} from '../ipc/client';
import { movedToTrash, trashWithUndo } from '../lib/trash';

// ---- Sessions and their notes

export const listSessions = (query: SessionQuery) => backend.listSessions(query);
/** Notes from other tools: the shell picks and reads the folder, then imports it as sessions. */
export const chooseNotesFolder = () => backend.chooseNotesFolder();
export const chooseNotesFile = () => backend.chooseNotesFile();
export const importChosenNotes = (kind: SourceKind, addPeople: boolean, quotes = false, onprogress?: (p: ImportProgress) => void) =>
  backend.importChosenNotes(kind, addPeople, quotes, onprogress);
export const cancelNotesImport = () => backend.cancelNotesImport();
export const getSession = (id: string) => backend.getSession(id);
export const createSession = (session: NewSession) => backend.createSession(session);
export const updateSession = (id: string, update: SessionUpdate) => backend.updateSession(id, update);

/** Saves notes over revision `baseRev`; core says when they changed elsewhere meanwhile. */
export const saveNotes = (id: string, notes: string, baseRev: number | null) => backend.saveNotes(id, notes, baseRev);

/** Settles notes that changed elsewhere while typed: which text to keep. */
export const resolveNotes = (id: string, mine: string, keep: NotesChoice) => backend.resolveNotes(id, mine, keep);

/** Moves a session to the trash, with Undo; `removed` runs once it is gone, `restored` once Undo brought it back. */
export function trashSession(id: string, title: string, removed: () => void, restored: () => void): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deleteSession(id);
      removed();
    },
    { entity: 'session', id, message: movedToTrash(`“${title}”`), restored },
  );
}

/** Opens a session's link in the person's browser. */
export const openInBrowser = (url: string) => backend.openExternal(url);

// ---- Transcripts of a session

/** The shell picks and reads a transcript file; null when the person cancels. */
export const chooseTranscriptFile = () => backend.chooseTranscriptFile();
/** What a transcript holds and who its speakers likely are; writes nothing. */
export const previewTranscriptImport = (fileName: string, content: string) => backend.previewTranscriptImport(fileName, content);
export const importTranscript = (fileName: string, content: string, request: TranscriptImport) => backend.importTranscript(fileName, content, request);
export const getSessionTranscripts = (sessionId: string) => backend.getSessionTranscripts(sessionId);
/** Ties every turn of a speaker label to a person (or nobody), as a participant or us. */
export const mapTranscriptSpeaker = (transcriptId: string, choice: SpeakerChoice) => backend.mapTranscriptSpeaker(transcriptId, choice);
/** Says a turn was spoken by another label of its transcript. */
export const setTurnSpeaker = (turnId: string, label: string) => backend.setTurnSpeaker(turnId, label);

// ---- Observations

export const listObservations = (query: ObservationQuery) => backend.listObservations(query);
export const getObservation = (id: string) => backend.getObservation(id);
export const similarObservations = (id: string, limit = 5) => backend.similarObservations(id, limit);
export const likelyDuplicates = (text: string, limit = 3) => backend.likelyDuplicates(text, limit);
export const createObservation = (observation: NewObservation) => backend.createObservation(observation);
export const updateObservation = (id: string, update: ObservationUpdate) => backend.updateObservation(id, update);
/** Moves an observation to the trash (its view offers Undo). */
export const deleteObservation = (id: string) => backend.deleteObservation(id);
export const tagObservations = (tagId: string, observationIds: string[], add: boolean) => backend.tagObservations(tagId, observationIds, add);
export const mergeObservations = (kept: string, merged: string) => backend.mergeObservations(kept, merged);

/** The pains an observation is evidence for. */
export const painsCiting = (observationId: string) => backend.painsCiting(observationId);
/** A pain worded from one observation, with it as evidence. */
export const painFromObservation = (observationId: string) => backend.painFromObservation(observationId);
/** A pain with observations as its evidence. */
export const createPain = (cycleId: string, pain: PainInput) => backend.createPain(cycleId, pain);
/** The pains observations about to become a pain may belong to (nothing changes). */
export const painsLike = (cycleId: string, observationIds: string[]) => backend.painsLike(cycleId, observationIds);
/** Observations added to a pain's evidence. */
export const addToPain = (painId: string, observationIds: string[]) =>
  backend.linkEvidence(painId, observationIds.map((observationId) => ({ observationId, reason: '' })));

/** Undoes a merge of observations, people or tags. */
export const undoMerge = (mergeId: string) => backend.undoMerge(mergeId);

// ---- People and teams

export const listPeople = (query: PeopleQuery) => backend.listPeople(query);
export const getPerson = (id: string) => backend.getPerson(id);
export const createPerson = (person: PersonInput) => backend.createPerson(person);
export const updatePerson = (id: string, person: PersonInput) => backend.updatePerson(id, person);
export const mergePeople = (kept: string, merged: string) => backend.mergePeople(kept, merged);

/** Moves a person to the trash, with Undo; `removed` runs once they are gone, `restored` once Undo brought them back. */
export function trashPerson(id: string, who: string, removed: () => void, restored: () => void): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deletePerson(id);
      removed();
    },
    { entity: 'person', id, message: movedToTrash(`“${who}”`), restored },
  );
}

/** How many sessions in 90 days make a person over-asked (the warning threshold). */
export const askLoadThreshold = () => backend.askLoadThreshold();
export const setAskLoadThreshold = (threshold: number) => backend.setAskLoadThreshold(threshold);

export const listTeams = () => backend.listTeams();
export const createTeam = (team: TeamInput) => backend.createTeam(team);
export const updateTeam = (id: string, team: TeamInput) => backend.updateTeam(id, team);

/** Moves a team to the trash, with Undo; its people keep the link and get it back on restore. */
export function trashTeam(t: Team): Promise<void> {
  // Says more than the usual words when people carry the team.
  const note = t.people > 0 ? ` Its ${t.people === 1 ? 'person keeps' : `${t.people} people keep`} the link and get it back on restore.` : '';
  return trashWithUndo(() => backend.deleteTeam(t.id), { entity: 'team', id: t.id, message: movedToTrash(`team “${t.name}”`) + note });
}

// ---- Tags

export const listTags = () => backend.listTags();
export const createTag = (tag: TagInput) => backend.createTag(tag);
export const updateTag = (id: string, tag: TagInput) => backend.updateTag(id, tag);
export const mergeTags = (kept: string, merged: string) => backend.mergeTags(kept, merged);

/** Moves a tag to the trash, with Undo; `changed` reads the tags again after either. */
export function trashTag(t: Tag, changed: () => Promise<void>): Promise<void> {
  return trashWithUndo(
    async () => {
      await backend.deleteTag(t.id);
      await changed();
    },
    // Says more than the usual words: what carried the tag gets it back on restore.
    { entity: 'tag', id: t.id, message: `${movedToTrash(`“${t.name}”`)} What it was on keeps it if you restore it.`, restored: changed },
  );
}

// ---- Ideas

export const listIdeas = (cycleId: string) => backend.listIdeas(cycleId);
export const createIdea = (cycleId: string, idea: IdeaInput) => backend.createIdea(cycleId, idea);
export const updateIdea = (id: string, idea: IdeaInput) => backend.updateIdea(id, idea);
export const assessIdea = (id: string, assessment: Assessment) => backend.assessIdea(id, assessment);
/** Moves an idea to the trash (its view offers Undo). */
export const deleteIdea = (id: string) => backend.deleteIdea(id);
export const tagIdeas = (tagId: string, ideaIds: string[], add: boolean) => backend.tagIdeas(tagId, ideaIds, add);

// ---- Templates, coverage, search

export const listTemplates = () => backend.listTemplates();
export const setTemplate = (kind: SourceKind, body: string) => backend.setTemplate(kind, body);
/** Gives a kind of session back its built-in template. */
export const resetTemplate = (kind: SourceKind) => backend.resetTemplate(kind);

// ---- Tickets (a support queue's export)

export const chooseTicketFile = () => backend.chooseTicketFile();
/** What an import of a ticket export would bring; writes nothing. */
export const previewTickets = (content: string, from: TicketQueue | null) => backend.previewTickets(content, from);
export const importTickets = (content: string, from: TicketQueue | null, request: TicketImport) => backend.importTickets(content, from, request);
/** The support queue's patterns over a cycle, or all, or one team's. */
export const supportQueue = (cycleId: string | null, teamId: string | null) => backend.supportQueue(cycleId, teamId);

/** A cycle's coverage: the channels, teams and segments heard, and ask-load. */
export const cycleCoverage = (cycleId: string) => backend.coverage(cycleId);

export const searchFor = (query: SearchQuery) => backend.search(query);
