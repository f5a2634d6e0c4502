/**
 * The one door to the backend. Nothing else in the UI imports `@tauri-apps/api`.
 * Types come from Rust (ts-rs) in ./generated; errors arrive as `{ kind, message }`
 * and are rethrown as `IpcFailure` so callers can switch on `kind`.
 */
import { invoke } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type {
  Assessment,
  Coverage,
  Cycle,
  ErrorKind,
  Idea,
  IdeaInput,
  IpcError,
  MergeDone,
  NewObservation,
  Observation,
  ObservationList,
  ObservationQuery,
  ObservationUpdate,
  PeopleQuery,
  Person,
  PersonInput,
  PersonSummary,
  SearchQuery,
  SearchResults,
  SessionTemplate,
  SourceKind,
  Tag,
  TagInput,
  Team,
  TeamInput,
  NewSession,
  NotesSaved,
  RecentWorkspace,
  Session,
  SessionList,
  SessionQuery,
  SessionUpdate,
  SourceKindInfo,
  TrashEntity,
  TrashItem,
  WorkspaceStatus,
} from './generated';

export type * from './generated';
/** Core's limits on typed text, for `maxlength` (generated from Rust). */
export { LIMITS } from './generated/limits';

/** A backend error, with the kind the UI can switch on. */
export class IpcFailure extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = 'IpcFailure';
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'kind' in e && 'message' in e;
}

/** Turns whatever a failed call threw into an IpcFailure with a readable message. */
export function toFailure(e: unknown): IpcFailure {
  if (e instanceof IpcFailure) return e;
  if (isIpcError(e)) return new IpcFailure(e.kind, e.message);
  const text = e instanceof Error ? e.message : String(e);
  return new IpcFailure('internal', `Groundwork could not reach its backend: ${text}`);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toFailure(e);
  }
}

/** Everything the UI can ask of the backend. */
export const backend = {
  workspaceStatus: () => call<WorkspaceStatus>('workspace_status'),
  openWorkspace: (path: string) => call<WorkspaceStatus>('open_workspace', { path }),
  openDefaultWorkspace: () => call<WorkspaceStatus>('open_default_workspace'),
  chooseWorkspaceToOpen: () => call<WorkspaceStatus | null>('choose_workspace_to_open'),
  chooseNewWorkspace: () => call<WorkspaceStatus | null>('choose_new_workspace'),
  recentWorkspaces: () => call<RecentWorkspace[]>('recent_workspaces'),

  listCycles: () => call<Cycle[]>('list_cycles'),
  createCycle: (name: string) => call<Cycle>('create_cycle', { name }),
  renameCycle: (id: string, name: string) => call<Cycle>('rename_cycle', { id, name }),
  setCurrentCycle: (id: string) => call<Cycle>('set_current_cycle', { id }),
  advanceCycle: (id: string) => call<Cycle>('advance_cycle', { id }),

  listSourceKinds: () => call<SourceKindInfo[]>('list_source_kinds'),
  listSessions: (query: SessionQuery) => call<SessionList>('list_sessions', { query }),
  getSession: (id: string) => call<Session>('get_session', { id }),
  createSession: (session: NewSession) => call<Session>('create_session', { session }),
  updateSession: (id: string, update: SessionUpdate) => call<Session>('update_session', { id, update }),
  saveNotes: (id: string, notes: string) => call<NotesSaved>('save_notes', { id, notes }),
  deleteSession: (id: string) => call<null>('delete_session', { id }),

  listPeople: (query: PeopleQuery) => call<PersonSummary[]>('list_people', { query }),
  peopleById: (ids: string[]) => call<PersonSummary[]>('people_by_id', { ids }),
  getPerson: (id: string) => call<Person>('get_person', { id }),
  createPerson: (person: PersonInput) => call<Person>('create_person', { person }),
  updatePerson: (id: string, person: PersonInput) => call<Person>('update_person', { id, person }),
  deletePerson: (id: string) => call<null>('delete_person', { id }),
  listTeams: () => call<Team[]>('list_teams'),
  createTeam: (team: TeamInput) => call<Team>('create_team', { team }),
  updateTeam: (id: string, team: TeamInput) => call<Team>('update_team', { id, team }),
  deleteTeam: (id: string) => call<null>('delete_team', { id }),
  askLoadThreshold: () => call<number>('ask_load_threshold'),
  setAskLoadThreshold: (threshold: number) => call<number>('set_ask_load_threshold', { threshold }),
  mergePeople: (kept: string, merged: string) => call<MergeDone>('merge_people', { kept, merged }),
  undoMerge: (mergeId: string) => call<null>('undo_merge', { mergeId }),

  listObservations: (query: ObservationQuery) => call<ObservationList>('list_observations', { query }),
  getObservation: (id: string) => call<Observation>('get_observation', { id }),
  createObservation: (observation: NewObservation) => call<Observation>('create_observation', { observation }),
  updateObservation: (id: string, update: ObservationUpdate) => call<Observation>('update_observation', { id, update }),
  deleteObservation: (id: string) => call<null>('delete_observation', { id }),
  mergeObservations: (kept: string, merged: string) => call<MergeDone>('merge_observations', { kept, merged }),

  listTags: () => call<Tag[]>('list_tags'),
  createTag: (tag: TagInput) => call<Tag>('create_tag', { tag }),
  updateTag: (id: string, tag: TagInput) => call<Tag>('update_tag', { id, tag }),
  mergeTags: (kept: string, merged: string) => call<MergeDone>('merge_tags', { kept, merged }),
  tagObservations: (tagId: string, observationIds: string[], add: boolean) =>
    call<number>('tag_observations', { tagId, observationIds, add }),
  deleteTag: (id: string) => call<null>('delete_tag', { id }),

  listIdeas: (cycleId: string) => call<Idea[]>('list_ideas', { cycleId }),
  createIdea: (cycleId: string, idea: IdeaInput) => call<Idea>('create_idea', { cycleId, idea }),
  updateIdea: (id: string, idea: IdeaInput) => call<Idea>('update_idea', { id, idea }),
  assessIdea: (id: string, assessment: Assessment) => call<Idea>('assess_idea', { id, assessment }),
  deleteIdea: (id: string) => call<null>('delete_idea', { id }),

  search: (query: SearchQuery) => call<SearchResults>('search', { query }),
  coverage: (cycleId: string) => call<Coverage>('coverage', { cycleId }),
  listTemplates: () => call<SessionTemplate[]>('list_templates'),
  setTemplate: (kind: SourceKind, body: string) => call<SessionTemplate>('set_template', { kind, body }),
  resetTemplate: (kind: SourceKind) => call<SessionTemplate>('reset_template', { kind }),
  openSampleWorkspace: () => call<WorkspaceStatus>('open_sample_workspace'),
  /** Checks the rest of a large workspace file that opening checked only in part. */
  checkWorkspace: () => call<null>('check_workspace'),

  listTrash: () => call<TrashItem[]>('list_trash'),
  restoreFromTrash: (entity: TrashEntity, id: string) => call<null>('restore_from_trash', { entity, id }),

  renderMarkdown: (markdown: string) => call<string>('render_markdown', { markdown }),
  openExternal: (url: string) => call<null>('open_external', { url }),
  startupPainted: (rows: number) => call<null>('startup_painted', { rows }),
};

export type Backend = typeof backend;

/** The longest a close waits for saving: a hung backend must not trap the window open. */
export const CLOSE_FLUSH_LIMIT_MS = 5000;

/**
 * Runs `flush` when the window is asked to close, then lets it close. The close
 * waits for the flush (at most `CLOSE_FLUSH_LIMIT_MS`), so typed notes reach the disk first.
 */
export async function onWindowClose(flush: () => Promise<void>): Promise<void> {
  try {
    await getCurrentWindow().onCloseRequested(async () => {
      await Promise.race([flush(), new Promise((resolve) => setTimeout(resolve, CLOSE_FLUSH_LIMIT_MS))]);
    });
  } catch {
    // Outside the desktop shell (a browser preview) there is no window to watch.
  }
}
