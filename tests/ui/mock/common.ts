/**
 * What the fake backend's modules share: the stored rows (one `World` per open
 * workspace), the seed shapes, refusals worded as core words them, and small
 * helpers for ids, dates and text. No behaviour of any command lives here.
 */

import type {
  CycleMode,
  ErrorKind,
  IpcError,
  ObservationKind,
  PassageState,
  Relation,
  SessionLink,
  SourceKind,
  SourceKindInfo,
  TagGroup,
} from '../../../ui/src/ipc/generated';

/** The arguments of one IPC call. */
export type Args = Record<string, unknown>;

// ---- vocabularies, in core's order ----

export const KINDS: SourceKindInfo[] = [
  { kind: 'sla_conversation', label: 'SLA conversation' },
  { kind: 'user_survey', label: 'User survey' },
  { kind: 'coffee_chat', label: 'Coffee chat' },
  { kind: 'discussion_group', label: 'Discussion group' },
  { kind: 'customer_advisory_group', label: 'Customer advisory group' },
  { kind: 'peer_company_chat', label: 'Peer-company chat' },
  { kind: 'academic_research', label: 'Academic research' },
  { kind: 'industry_research', label: 'Industry research' },
  { kind: 'open_source_scan', label: 'Open-source scan' },
  { kind: 'cloud_vendor_scan', label: 'Cloud-vendor scan' },
  { kind: 'team_brainstorm', label: 'Team brainstorm' },
  { kind: 'stakeholder_feedback', label: 'Stakeholder feedback' },
  { kind: 'support_ticket_review', label: 'Support-ticket review' },
  { kind: 'metrics_review', label: 'Metrics review' },
];
export const kindLabel = (kind: SourceKind): string => KINDS.find((k) => k.kind === kind)?.label ?? 'Session';
export const MODES: CycleMode[] = ['discovery', 'prioritization', 'roadmap', 'closed'];
export const OBSERVATION_KINDS: ObservationKind[] = ['quote', 'pain', 'request', 'idea', 'fact'];
export const RELATIONS: Relation[] = ['internal_user', 'stakeholder', 'peer_company', 'vendor', 'researcher', 'teammate'];
export const TAG_GROUPS: TagGroup[] = ['area', 'segment', 'theme'];

// ---- refusals ----

/** Thrown by commands; the IPC layer hands it to the UI as `{kind, message}`. */
export class Refusal {
  constructor(
    readonly kind: ErrorKind,
    readonly message: string,
  ) {}
  toJSON(): IpcError {
    return { kind: this.kind, message: this.message };
  }
}

export const fail = (kind: ErrorKind, message: string): never => {
  throw new Refusal(kind, message);
};

/** The shell capitalizes core's messages before they cross IPC. */
export function capitalize(s: string): string {
  const first = s.charAt(0);
  return first && first !== first.toUpperCase() ? first.toUpperCase() + s.slice(1) : s;
}

/** `DomainError::InvalidInput`: "Field: reason". */
export const invalid = (field: string, reason: string): never => fail('invalid_input', capitalize(`${field}: ${reason}`));
/** `DomainError::NotFound`: "Entity <id> was not found". */
export const notFound = (entity: string, id: string): never => fail('not_found', capitalize(`${entity} ${id} was not found`));
/** `DomainError::CannotMerge`, which the shell reports as `invalid_input`. */
export const cannotMerge = (reason: string): never => fail('invalid_input', capitalize(reason));

/** What core sends for a `None` in an optional field: nothing (`skip_serializing_if`), as ts-rs types it (`field?: T`). */
export const NONE = undefined;

// ---- input ----

/** Characters as Rust counts them (code points). */
export const charCount = (s: string): number => [...s].length;

/** `input::bounded`: trimmed, refused when longer than `max` characters (or empty, when `required`). */
export function bounded(field: string, value: unknown, max: number, required?: string): string {
  const text = String(value ?? '').trim();
  if (!text && required) invalid(field, required);
  if (charCount(text) > max) invalid(field, `keep it under ${max} characters`);
  return text;
}

export const str = (v: unknown): string => (v == null ? '' : String(v));
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
export const record = (v: unknown): Args => (v && typeof v === 'object' ? (v as Args) : {});
/** Distinct values in their first order (link tables are keyed, so repeats are ignored). */
export const distinct = (ids: string[]): string[] => [...new Set(ids)];

// ---- ordering ----

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
export function cmpDesc(a: string, b: string): number {
  return -cmp(a, b);
}
/** SQLite's NOCASE folds ASCII letters only. */
export const nocase = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
export const cmpNocase = (a: string, b: string): number => cmp(nocase(a), nocase(b));

// ---- dates ----

export function isDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** A date argument (serde would refuse a malformed one before core sees it). */
export function day(field: string, value: unknown): string {
  if (!isDay(value)) invalid(field, `"${String(value)}" is not a date`);
  return value as string;
}

// ---- ids ----

/** Ids that look like UUIDs and sort in creation order, as v7 ones do. */
function idMaker(prefix: string) {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

/** One counter per kind of row, kept across workspaces so no id is ever reused. */
export class Ids {
  cycle = idMaker('c0000000');
  session = idMaker('50000000');
  team = idMaker('7ea00000');
  person = idMaker('9e000000');
  tag = idMaker('7a900000');
  observation = idMaker('0b500000');
  idea = idMaker('1dea0000');
  merge = idMaker('3e700000');
}

// ---- the stored rows ----

export interface CycleRow {
  id: string;
  name: string;
  mode: CycleMode;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRow {
  id: string;
  cycleId: string;
  kind: SourceKind;
  title: string;
  heldOn: string;
  /** Person ids in order (links to trashed people are kept, and hidden). */
  people: string[];
  links: SessionLink[];
  notes: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface TeamRow {
  id: string;
  name: string;
  orgArea: string;
  segment: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface PersonRow {
  id: string;
  name: string;
  /** Kept while the team is in the trash; shown only while it is live. */
  teamId: string | null;
  role: string;
  relation: Relation;
  goals: string;
  support: string;
  interaction: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** Set when merged into another person (then also deleted, and not listed in the trash). */
  mergedInto: string | null;
}

export interface TagRow {
  id: string;
  name: string;
  colour: string;
  group: TagGroup | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  mergedInto: string | null;
}

export interface ObservationRow {
  id: string;
  cycleId: string;
  sessionId: string | null;
  kind: ObservationKind;
  text: string;
  passage: string;
  passageStart: number | null;
  passageState: PassageState;
  observedOn: string;
  people: string[];
  tags: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  mergedInto: string | null;
  /** Made by `seed.bulkObservations` (left out of snapshots: there may be 100,000). */
  generated?: true;
}

export interface IdeaRow {
  id: string;
  cycleId: string;
  title: string;
  description: string;
  /** Observation ids. */
  evidence: string[];
  score: number | null;
  effort: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** One link row that pointed at the merged one, as merge.rs records it. */
export interface MovedLink {
  table: 'session_person' | 'observation_person' | 'observation_tag' | 'idea_observation' | 'person_fields';
  other: string;
  position: number;
  keptHadIt: boolean;
  /** For `person_fields`: the kept person's fields before the merge. */
  fields?: Pick<PersonRow, 'teamId' | 'role' | 'goals' | 'support' | 'interaction'>;
}

export interface MergeRow {
  id: string;
  entity: 'person' | 'observation' | 'tag';
  keptId: string;
  mergedId: string;
  moved: MovedLink[];
  createdAt: string;
  undoneAt: string | null;
}

/** Everything one workspace holds. */
export interface World {
  cycles: CycleRow[];
  currentCycle: string | null;
  sessions: Map<string, SessionRow>;
  teams: Map<string, TeamRow>;
  people: Map<string, PersonRow>;
  tags: Map<string, TagRow>;
  observations: Map<string, ObservationRow>;
  ideas: Map<string, IdeaRow>;
  merges: Map<string, MergeRow>;
  /** The workspace's own templates; kinds without one use the built-in template. */
  templates: Map<SourceKind, string>;
  askLoadThreshold: number;
  /** Bumped whenever observations are added or re-dated, so a sorted list can be reused. */
  observationOrder: number;
}

export const DEFAULT_ASK_LOAD_THRESHOLD = 3;

export function emptyWorld(): World {
  return {
    cycles: [],
    currentCycle: null,
    sessions: new Map(),
    teams: new Map(),
    people: new Map(),
    tags: new Map(),
    observations: new Map(),
    ideas: new Map(),
    merges: new Map(),
    templates: new Map(),
    askLoadThreshold: DEFAULT_ASK_LOAD_THRESHOLD,
    observationOrder: 0,
  };
}

// ---- seeds ----

/** A cycle to seed. Listed oldest first; `current` picks the current one (else the first). */
export interface SeedCycle {
  id?: string;
  name: string;
  mode?: CycleMode;
  current?: boolean;
}

/** A session to seed; `cycle` is the cycle's name (or id). `deleted` puts it in the trash. */
export interface SeedSession {
  id?: string;
  cycle: string;
  title: string;
  kind?: SourceKind;
  heldOn?: string;
  /** Comma-separated names: each distinct name (any case) is one person, linked in order. */
  participants?: string;
  /** Names (or ids) of people, linked in order after `participants`; unknown names become people. */
  people?: string[];
  notes?: string;
  links?: SessionLink[];
  deleted?: boolean;
}

export interface SeedTeam {
  id?: string;
  name: string;
  orgArea?: string;
  segment?: string;
  deleted?: boolean;
}

export interface SeedPerson {
  id?: string;
  name: string;
  /** The team's name (or id). */
  team?: string;
  role?: string;
  relation?: Relation;
  goals?: string;
  support?: string;
  interaction?: string;
  deleted?: boolean;
}

export interface SeedTag {
  id?: string;
  name: string;
  /** `#rrggbb`; the palette's next colour when absent. */
  colour?: string;
  group?: TagGroup;
  deleted?: boolean;
}

export interface SeedObservation {
  id?: string;
  /** The session's title (or id); the observation is in its cycle. */
  session?: string;
  /** The cycle's name (or id) of one typed directly; the current cycle when absent. */
  cycle?: string;
  kind?: ObservationKind;
  /** Defaults to the passage. */
  text?: string;
  /** Must be in the session's notes. */
  passage?: string;
  /** Names (or ids); unknown names become people. */
  people?: string[];
  /** Names (or ids); unknown names become tags. */
  tags?: string[];
  /** Defaults to the session's date, or today. */
  observedOn?: string;
  deleted?: boolean;
}

export interface SeedIdea {
  id?: string;
  cycle: string;
  title: string;
  description?: string;
  /** Observations by text (exact) or id. */
  evidence?: string[];
  /** Shown only once the cycle has left discovery. */
  score?: number;
  effort?: string;
  deleted?: boolean;
}

export interface Seed {
  cycles?: SeedCycle[];
  sessions?: SeedSession[];
  /** Many generated sessions in one cycle: `count` rows, kinds round-robin, one per day back from `lastDay`. */
  bulk?: { cycle: string; count: number; kinds?: SourceKind[]; lastDay?: string; titlePrefix?: string };
  teams?: SeedTeam[];
  people?: SeedPerson[];
  tags?: SeedTag[];
  observations?: SeedObservation[];
  ideas?: SeedIdea[];
  askLoadThreshold?: number;
  /** The workspace's own templates. */
  templates?: Partial<Record<SourceKind, string>>;
  /**
   * Many generated observations typed directly in one cycle, over generated people and
   * tags and every kind, newest ("Observation <count>") first, a few hundred per day back from today.
   */
  bulkObservations?: { cycle: string; count: number };
}
