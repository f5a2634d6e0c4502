/**
 * The discovery register of the fake backend: people and teams, observations, tags,
 * ideas, merges (with undo), search, coverage and session templates — with the rules
 * and messages of `groundwork-core` (person.rs, observation.rs, tag.rs, idea.rs,
 * merge.rs, search.rs, coverage.rs, template.rs, trash.rs).
 *
 * It works on the `World` of the open workspace, which `FakeBackend` owns; sessions use
 * it for their people, their templates and to re-anchor passages when notes change.
 */

import type {
  Assessment,
  Coverage,
  Evidence,
  Idea,
  MergeDone,
  NewObservation,
  Observation,
  ObservationFilter,
  ObservationKind,
  ObservationList,
  ObservationQuery,
  PeopleQuery,
  Person,
  PersonInput,
  PersonRef,
  PersonSummary,
  Relation,
  SearchEntity,
  SearchHit,
  SearchQuery,
  SearchResults,
  SessionTemplate,
  SourceKind,
  Tag,
  TagGroup,
  TagInput,
  TagRef,
  Team,
  TeamInput,
  TrashEntity,
  TrashItem,
} from '../../../ui/src/ipc/generated';
import {
  type Args,
  type CycleRow,
  type IdeaRow,
  type Ids,
  type MergeRow,
  type MovedLink,
  type ObservationRow,
  type PersonRow,
  type SessionRow,
  type TagRow,
  type TeamRow,
  type World,
  KINDS,
  NONE,
  OBSERVATION_KINDS,
  RELATIONS,
  TAG_GROUPS,
  addDays,
  bounded,
  cannotMerge,
  capitalize,
  charCount,
  cmp,
  cmpDesc,
  cmpNocase,
  day,
  distinct,
  fail,
  invalid,
  kindLabel,
  nocase,
  notFound,
  record,
  str,
  strings,
} from './common';
import { MAX_TERMS, ftsQuery, locate, match, snippet, textMatches } from './text';

/** What the register needs from the backend around it. */
export interface Host {
  /** The open workspace's rows. */
  world(): World;
  ids: Ids;
  /** A timestamp, strictly later than the last one. */
  now(): string;
  /** Today, `YYYY-MM-DD` (UTC, as core's clock). */
  today(): string;
  /** A cycle, or `not_found`. */
  cycle(id: string): CycleRow;
  /** A cycle that is not closed, or `read_only`. */
  writable(id: string): CycleRow;
}

// ---- limits, as in core ----

const MAX_NAME = 200;
const MAX_SHORT = 200;
const MAX_ANSWER = 10_000;
const MAX_PEOPLE_PER_ITEM = 200;
const ASK_LOAD_DAYS = 90;
const MAX_TAG_NAME = 80;
const MAX_BULK = 100_000;
const MAX_OBSERVATION = 20_000;
const MAX_TAGS_PER_OBSERVATION = 50;
const MAX_IDEA_TITLE = 300;
const MAX_IDEA_DESCRIPTION = 50_000;
const MAX_EVIDENCE = 1000;
const MAX_TEMPLATE = 20_000;
const MAX_HITS = 200;

/** Colours new tags take in turn (tag.rs). */
export const PALETTE = ['#2563eb', '#c2410c', '#15803d', '#9333ea', '#b91c1c', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#475569'];

/** The templates Groundwork ships (template.rs `builtin_template`). */
export const BUILTIN_TEMPLATES: Record<SourceKind, string> = {
  sla_conversation: '## Service\n\n\n## Level expected\n\n\n## Level delivered today\n\n\n## Gap and impact\n\n',
  user_survey: '## Wave and audience\n\n\n## Response rate\n\n\n## Numbers that stand out\n\n\n## Free-text themes\n\n',
  coffee_chat: '## What they are working on\n\n\n## What slows them down\n\n\n## Can we help with anything?\n\n',
  discussion_group: '## Topic\n\n\n## Who spoke\n\n\n## What we heard\n\n\n## Open questions\n\n',
  customer_advisory_group: '## Proposal shown\n\n\n## Reactions\n\n\n## What they could use on its own\n\n\n## Concerns\n\n',
  peer_company_chat: '## Company\n\n\n## How they solve it\n\n\n## What they would do differently\n\n\n## What not to copy\n\n',
  academic_research: '## Paper\n\n\n## Claim\n\n\n## Evidence\n\n\n## Relevance to us\n\n',
  industry_research: '## Source\n\n\n## Finding\n\n\n## Relevance to us\n\n',
  open_source_scan: '## Project\n\n\n## Maturity and community\n\n\n## What it could replace\n\n\n## Risks\n\n',
  cloud_vendor_scan: '## Vendor\n\n\n## Offering\n\n\n## Maturity\n\n\n## What it could replace\n\n',
  team_brainstorm: '## Prompt\n\n\n## Ideas (no judging yet)\n\n',
  stakeholder_feedback: '## Your goals\n\n\n## How can the platform team support you?\n\n\n## How do you prefer to interact with us?\n\n',
  support_ticket_review: '## Period and queue\n\n\n## Patterns\n\n\n## Tickets worth a closer look\n\n',
  metrics_review: '## Metrics and alerts looked at\n\n\n## What changed\n\n\n## Questions to ask users\n\n',
};

// ---- filters (ObservationFilter::push_sql, and search's reading of it) ----

interface Filter {
  cycleId: string | null;
  sessionId: string | null;
  from: string | null;
  to: string | null;
  kinds: string[];
  sourceKinds: string[];
  tagIds: Set<string>;
  personIds: Set<string>;
  teamIds: Set<string>;
}

function readFilter(v: unknown): Filter {
  const f = record(v) as Partial<ObservationFilter>;
  return {
    cycleId: f.cycleId ? String(f.cycleId) : null,
    sessionId: f.sessionId ? String(f.sessionId) : null,
    from: f.from == null ? null : day('from', f.from),
    to: f.to == null ? null : day('to', f.to),
    kinds: strings(f.kinds),
    sourceKinds: strings(f.sourceKinds),
    tagIds: new Set(strings(f.tagIds)),
    personIds: new Set(strings(f.personIds)),
    teamIds: new Set(strings(f.teamIds)),
  };
}

const observationOnly = (f: Filter) => f.kinds.length > 0 || f.tagIds.size > 0;
const emptyFilter = (f: Filter) =>
  !f.cycleId && !f.sessionId && !f.from && !f.to && !f.kinds.length && !f.sourceKinds.length && !f.tagIds.size && !f.personIds.size && !f.teamIds.size;

const SEARCH_ENTITIES: SearchEntity[] = ['session', 'observation', 'person', 'idea', 'tag'];

function checkKind(kind: unknown): ObservationKind {
  if (!OBSERVATION_KINDS.includes(kind as ObservationKind)) invalid('kind', `unknown observation kind "${String(kind)}"`);
  return kind as ObservationKind;
}

function checkSourceKind(kind: unknown): SourceKind {
  if (!KINDS.some((k) => k.kind === kind)) fail('invalid_input', `Unknown source kind "${String(kind)}"`);
  return kind as SourceKind;
}

export class Register {
  readonly #host: Host;
  #sorted: { world: World; order: number; size: number; rows: ObservationRow[] } | null = null;

  constructor(host: Host) {
    this.#host = host;
  }

  get #w(): World {
    return this.#host.world();
  }

  /** The register's IPC commands by name (`ui/src/ipc/client.ts`), each given the call's arguments. */
  readonly commands: Record<string, (a: Args) => unknown> = {
    list_people: (a) => this.listPeople(record(a.query) as Partial<PeopleQuery>),
    people_by_id: (a) => this.peopleById(strings(a.ids)),
    get_person: (a) => this.person(str(a.id)),
    create_person: (a) => this.createPerson(record(a.person)),
    update_person: (a) => this.updatePerson(str(a.id), record(a.person)),
    delete_person: (a) => this.#trash(this.#livePerson(str(a.id))),
    list_teams: () => this.listTeams(),
    create_team: (a) => this.createTeam(record(a.team)),
    update_team: (a) => this.updateTeam(str(a.id), record(a.team)),
    delete_team: (a) => this.#trash(this.#team(str(a.id))),
    ask_load_threshold: () => this.#w.askLoadThreshold,
    set_ask_load_threshold: (a) => this.setAskLoadThreshold(a.threshold),
    merge_people: (a) => this.mergePeople(str(a.kept), str(a.merged)),
    merge_observations: (a) => this.mergeObservations(str(a.kept), str(a.merged)),
    undo_merge: (a) => this.undoMerge(str(a.mergeId)),

    list_observations: (a) => this.listObservations(record(a.query) as Partial<ObservationQuery>),
    get_observation: (a) => this.#observationDto(this.#liveObservation(str(a.id))),
    create_observation: (a) => this.createObservation(record(a.observation) as Partial<NewObservation>),
    update_observation: (a) => this.updateObservation(str(a.id), record(a.update)),
    delete_observation: (a) => this.#trash(this.#writableObservation(str(a.id), false)),

    list_tags: () => this.listTags(),
    create_tag: (a) => this.createTag(record(a.tag) as Partial<TagInput>),
    update_tag: (a) => this.updateTag(str(a.id), record(a.tag) as Partial<TagInput>),
    merge_tags: (a) => this.mergeTags(str(a.kept), str(a.merged)),
    tag_observations: (a) => this.tagObservations(str(a.tagId), strings(a.observationIds), a.add !== false),
    delete_tag: (a) => this.#trash(this.#tag(str(a.id))),

    list_ideas: (a) => this.listIdeas(str(a.cycleId)),
    create_idea: (a) => this.createIdea(str(a.cycleId), record(a.idea)),
    update_idea: (a) => this.updateIdea(str(a.id), record(a.idea)),
    assess_idea: (a) => this.assessIdea(str(a.id), record(a.assessment) as Partial<Assessment>),
    delete_idea: (a) => this.#trash(this.#writableIdea(str(a.id), false)),

    search: (a) => this.search(record(a.query) as Partial<SearchQuery>),
    coverage: (a) => this.coverage(str(a.cycleId)),
    list_templates: () => KINDS.map((k) => this.template(k.kind)),
    set_template: (a) => this.setTemplate(a.kind, a.body),
    reset_template: (a) => {
      const kind = checkSourceKind(a.kind);
      this.#w.templates.delete(kind);
      return this.template(kind);
    },
  };

  #trash(row: { deletedAt: string | null }): null {
    row.deletedAt = this.#host.now();
    return null;
  }

  // ---------------- people and teams ----------------

  #team(id: string): TeamRow {
    const t = this.#w.teams.get(id);
    return t && t.deletedAt === null ? t : notFound('team', id);
  }

  #teamDto(t: TeamRow): Team {
    let people = 0;
    for (const p of this.#w.people.values()) if (p.teamId === t.id && p.deletedAt === null) people++;
    return { id: t.id, name: t.name, orgArea: t.orgArea, segment: t.segment, people };
  }

  listTeams(): Team[] {
    return [...this.#w.teams.values()]
      .filter((t) => t.deletedAt === null)
      .sort((a, b) => cmpNocase(a.name, b.name) || cmp(a.id, b.id))
      .map((t) => this.#teamDto(t));
  }

  #cleanTeam(input: Args): Pick<TeamRow, 'name' | 'orgArea' | 'segment'> {
    const t = input as Partial<TeamInput>;
    return {
      name: bounded('name', t.name, MAX_NAME, 'a team needs a name, e.g. "Payments"'),
      orgArea: bounded('org area', t.orgArea, MAX_SHORT),
      segment: bounded('segment', t.segment, MAX_SHORT),
    };
  }

  /** Live names are unique (SQLite NOCASE: ASCII letters in any case). */
  #uniqueName(rows: Iterable<{ id: string; name: string; deletedAt: string | null }>, name: string, what: string, except?: string): void {
    for (const r of rows) {
      if (r.id !== except && r.deletedAt === null && nocase(r.name) === nocase(name)) invalid('name', `a ${what} named "${name}" already exists`);
    }
  }

  createTeam(input: Args): Team {
    const fields = this.#cleanTeam(input);
    this.#uniqueName(this.#w.teams.values(), fields.name, 'team');
    const at = this.#host.now();
    const row: TeamRow = { id: this.#host.ids.team(), ...fields, createdAt: at, updatedAt: at, deletedAt: null };
    this.#w.teams.set(row.id, row);
    return this.#teamDto(row);
  }

  updateTeam(id: string, input: Args): Team {
    const fields = this.#cleanTeam(input);
    const t = this.#team(id);
    this.#uniqueName(this.#w.teams.values(), fields.name, 'team', id);
    Object.assign(t, fields, { updatedAt: this.#host.now() });
    return this.#teamDto(t);
  }

  #livePerson(id: string): PersonRow {
    const p = this.#w.people.get(id);
    return p && p.deletedAt === null ? p : notFound('person', id);
  }

  /** Each person's last session and how many sessions asked for them in the last 90 days. */
  #contacts(): Map<string, { last: string; recent: number }> {
    const since = addDays(this.#host.today(), -ASK_LOAD_DAYS);
    const out = new Map<string, { last: string; recent: number }>();
    for (const s of this.#w.sessions.values()) {
      if (s.deletedAt !== null) continue;
      for (const id of s.people) {
        const c = out.get(id) ?? { last: s.heldOn, recent: 0 };
        if (s.heldOn > c.last) c.last = s.heldOn;
        if (s.heldOn >= since) c.recent++;
        out.set(id, c);
      }
    }
    return out;
  }

  #summary(p: PersonRow, contacts: Map<string, { last: string; recent: number }>): PersonSummary {
    const team = p.teamId === null ? undefined : this.#w.teams.get(p.teamId);
    const live = team && team.deletedAt === null ? team : undefined;
    const c = contacts.get(p.id);
    return {
      id: p.id,
      name: p.name,
      teamId: live ? live.id : NONE,
      teamName: live?.name ?? '',
      role: p.role,
      relation: p.relation,
      lastContact: c?.last ?? null,
      askLoad: c?.recent ?? 0,
    };
  }

  #profile(p: PersonRow): Person {
    const sessions = [...this.#w.sessions.values()]
      .filter((s) => s.deletedAt === null && s.people.includes(p.id))
      .sort((a, b) => cmpDesc(a.heldOn, b.heldOn) || cmpDesc(a.id, b.id))
      .map((s) => ({ id: s.id, kind: s.kind, title: s.title, heldOn: s.heldOn }));
    let observationCount = 0;
    for (const o of this.#w.observations.values()) if (o.deletedAt === null && o.people.includes(p.id)) observationCount++;
    return {
      ...this.#summary(p, this.#contacts()),
      goals: p.goals,
      support: p.support,
      interaction: p.interaction,
      sessions,
      observationCount,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }

  person(id: string): Person {
    return this.#profile(this.#livePerson(id));
  }

  listPeople(q: Partial<PeopleQuery>): PersonSummary[] {
    const text = nocase(str(q.text).trim());
    const contacts = this.#contacts();
    return [...this.#w.people.values()]
      .filter(
        (p) =>
          p.deletedAt === null &&
          (!text || nocase(p.name).includes(text)) &&
          (q.teamId == null || p.teamId === q.teamId) &&
          (q.relation == null || p.relation === q.relation),
      )
      .sort((a, b) => cmpNocase(a.name, b.name) || cmp(a.id, b.id))
      .map((p) => this.#summary(p, contacts));
  }

  peopleById(ids: string[]): PersonSummary[] {
    const wanted = new Set(ids);
    const contacts = this.#contacts();
    return [...this.#w.people.values()]
      .filter((p) => p.deletedAt === null && wanted.has(p.id))
      .sort((a, b) => cmpNocase(a.name, b.name))
      .map((p) => this.#summary(p, contacts));
  }

  #cleanPerson(input: Args): Omit<PersonRow, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'mergedInto'> {
    const p = input as Partial<PersonInput>;
    const teamId = p.teamId == null ? null : this.#team(String(p.teamId)).id;
    const relation = (p.relation ?? 'internal_user') as Relation;
    if (!RELATIONS.includes(relation)) invalid('relation', `unknown relation "${String(relation)}"`);
    return {
      name: bounded('name', p.name, MAX_NAME, 'a person needs a name'),
      teamId,
      role: bounded('role', p.role, MAX_SHORT),
      relation,
      goals: bounded('goals', p.goals, MAX_ANSWER),
      support: bounded('support', p.support, MAX_ANSWER),
      interaction: bounded('interaction', p.interaction, MAX_ANSWER),
    };
  }

  createPerson(input: Args): Person {
    const fields = this.#cleanPerson(input);
    const at = this.#host.now();
    const row: PersonRow = { id: this.#host.ids.person(), ...fields, createdAt: at, updatedAt: at, deletedAt: null, mergedInto: null };
    this.#w.people.set(row.id, row);
    return this.#profile(row);
  }

  updatePerson(id: string, input: Args): Person {
    const p = this.#livePerson(id);
    Object.assign(p, this.#cleanPerson(input), { updatedAt: this.#host.now() });
    return this.#profile(p);
  }

  setAskLoadThreshold(threshold: unknown): number {
    const n = Number(threshold);
    if (!Number.isInteger(n) || n < 1 || n > 100) invalid('threshold', 'choose between 1 and 100 sessions in 90 days');
    this.#w.askLoadThreshold = n;
    return n;
  }

  /** A list of people for a session or an observation: at most 200, each a live person. Repeats are dropped. */
  checkPeople(ids: string[]): string[] {
    if (ids.length > MAX_PEOPLE_PER_ITEM) invalid('people', `name at most ${MAX_PEOPLE_PER_ITEM} people`);
    for (const id of ids) this.#livePerson(id);
    return distinct(ids);
  }

  /** The live people among `ids`, in that order. */
  #liveRefs(ids: string[]): PersonRef[] {
    const out: PersonRef[] = [];
    for (const id of ids) {
      const p = this.#w.people.get(id);
      if (p && p.deletedAt === null) out.push({ id: p.id, name: p.name });
    }
    return out;
  }

  /** A session's live people, in their order. */
  sessionPeople(s: SessionRow): PersonRef[] {
    return this.#liveRefs(s.people);
  }

  /** A session's live participants' names for its list row. */
  participants(s: SessionRow): string {
    return this.#liveRefs(s.people)
      .map((p) => p.name)
      .join(', ');
  }

  // ---------------- tags ----------------

  #tag(id: string): TagRow {
    const t = this.#w.tags.get(id);
    return t && t.deletedAt === null ? t : notFound('tag', id);
  }

  #tagDto(t: TagRow, count?: number): Tag {
    if (count === undefined) {
      count = 0;
      for (const o of this.#w.observations.values()) if (o.deletedAt === null && o.tags.includes(t.id)) count++;
    }
    return { id: t.id, name: t.name, colour: t.colour, group: t.group ?? NONE, count };
  }

  listTags(): Tag[] {
    const counts = new Map<string, number>();
    for (const o of this.#w.observations.values()) {
      if (o.deletedAt !== null) continue;
      for (const t of o.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return [...this.#w.tags.values()]
      .filter((t) => t.deletedAt === null)
      .sort((a, b) => cmpNocase(a.name, b.name) || cmp(a.id, b.id))
      .map((t) => this.#tagDto(t, counts.get(t.id) ?? 0));
  }

  #colour(c: unknown): string {
    const colour = str(c).trim().toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(colour)) invalid('colour', 'use a colour like #2563eb');
    return colour;
  }

  #group(g: unknown): TagGroup | null {
    if (g == null) return null;
    if (!TAG_GROUPS.includes(g as TagGroup)) invalid('group', `unknown tag group "${String(g)}"`);
    return g as TagGroup;
  }

  /** The colour a new tag takes: the palette in turn, counting every tag ever made (trashed too). */
  nextColour(): string {
    return PALETTE[this.#w.tags.size % PALETTE.length];
  }

  createTag(input: Partial<TagInput>): Tag {
    const name = bounded('name', input.name, MAX_TAG_NAME, 'a tag needs a name, e.g. "flaky tests"');
    const colour = input.colour == null ? this.nextColour() : this.#colour(input.colour);
    const group = this.#group(input.group);
    this.#uniqueName(this.#w.tags.values(), name, 'tag');
    const at = this.#host.now();
    const row: TagRow = { id: this.#host.ids.tag(), name, colour, group, createdAt: at, updatedAt: at, deletedAt: null, mergedInto: null };
    this.#w.tags.set(row.id, row);
    return this.#tagDto(row, 0);
  }

  updateTag(id: string, input: Partial<TagInput>): Tag {
    const t = this.#tag(id);
    const name = bounded('name', input.name, MAX_TAG_NAME, 'a tag needs a name');
    const colour = input.colour == null ? t.colour : this.#colour(input.colour);
    const group = this.#group(input.group);
    this.#uniqueName(this.#w.tags.values(), name, 'tag', id);
    Object.assign(t, { name, colour, group, updatedAt: this.#host.now() });
    return this.#tagDto(t);
  }

  mergeTags(kept: string, merged: string): MergeDone {
    if (kept === merged) invalid('tags', 'choose two different tags to merge');
    const k = this.#tag(kept);
    const m = this.#tag(merged);
    const moved: MovedLink[] = [];
    for (const o of this.#w.observations.values()) {
      if (!o.tags.includes(m.id)) continue;
      const keptHadIt = o.tags.includes(k.id);
      o.tags = keptHadIt ? o.tags.filter((t) => t !== m.id) : o.tags.map((t) => (t === m.id ? k.id : t));
      moved.push({ table: 'observation_tag', other: o.id, position: 0, keptHadIt });
    }
    const at = this.#host.now();
    Object.assign(m, { deletedAt: at, mergedInto: k.id });
    return this.#record('tag', k.id, m.id, moved, at);
  }

  tagObservations(tagId: string, ids: string[], add: boolean): number {
    const tag = this.#tag(tagId);
    if (ids.length > MAX_BULK) invalid('observations', `tag at most ${MAX_BULK} observations at once`);
    const rows = ids.map((id) => this.#w.observations.get(id));
    for (const o of rows) {
      const c = o && this.#host.cycle(o.cycleId);
      if (c && c.mode === 'closed') fail('read_only', `The cycle "${c.name}" is closed and read-only`);
    }
    let changed = 0;
    for (const o of rows) {
      if (!o) continue;
      const has = o.tags.includes(tag.id);
      if (add && !has && o.deletedAt === null) {
        o.tags = [...o.tags, tag.id];
        changed++;
      } else if (!add && has) {
        o.tags = o.tags.filter((t) => t !== tag.id);
        changed++;
      }
    }
    return changed;
  }

  // ---------------- observations ----------------

  #liveObservation(id: string): ObservationRow {
    const o = this.#w.observations.get(id);
    return o && o.deletedAt === null ? o : notFound('observation', id);
  }

  /** observation.rs `writable_observation`: a live (or trashed) observation whose cycle may change. */
  #writableObservation(id: string, trashed: boolean): ObservationRow {
    const o = this.#w.observations.get(id);
    if (!o || (o.deletedAt !== null) !== trashed) notFound(trashed ? 'trashed observation' : 'observation', id);
    this.#host.writable(o!.cycleId);
    return o!;
  }

  #observationDto(o: ObservationRow): Observation {
    const w = this.#w;
    const s = o.sessionId === null ? undefined : w.sessions.get(o.sessionId);
    const tags: TagRef[] = [];
    for (const id of o.tags) {
      const t = w.tags.get(id);
      if (t && t.deletedAt === null) tags.push({ id: t.id, name: t.name, colour: t.colour });
    }
    return {
      id: o.id,
      cycleId: o.cycleId,
      sessionId: o.sessionId ?? NONE,
      sessionTitle: s?.title ?? '',
      sourceKind: s?.kind ?? NONE,
      kind: o.kind,
      text: o.text,
      passage: o.passage,
      passageStart: o.passageStart ?? NONE,
      passageState: o.passageState,
      observedOn: o.observedOn,
      people: this.#liveRefs(o.people).sort((a, b) => cmpNocase(a.name, b.name)),
      tags: tags.sort((a, b) => cmpNocase(a.name, b.name)),
      readOnly: this.#host.cycle(o.cycleId).mode === 'closed',
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }

  /** Every observation (trashed too), newest first; kept until one is added or re-dated. */
  #newestFirst(): ObservationRow[] {
    const w = this.#w;
    const s = this.#sorted;
    if (s && s.world === w && s.order === w.observationOrder && s.size === w.observations.size) return s.rows;
    const rows = [...w.observations.values()].sort((a, b) => cmpDesc(a.observedOn, b.observedOn) || cmpDesc(a.id, b.id));
    this.#sorted = { world: w, order: w.observationOrder, size: w.observations.size, rows };
    return rows;
  }

  /** ObservationFilter::push_sql as a test on one row. */
  #observationTest(f: Filter): (o: ObservationRow) => boolean {
    const { sessions, people } = this.#w;
    return (o) =>
      (!f.cycleId || o.cycleId === f.cycleId) &&
      (!f.sessionId || o.sessionId === f.sessionId) &&
      (!f.from || o.observedOn >= f.from) &&
      (!f.to || o.observedOn <= f.to) &&
      (!f.kinds.length || f.kinds.includes(o.kind)) &&
      (!f.sourceKinds.length || (o.sessionId !== null && f.sourceKinds.includes(sessions.get(o.sessionId)?.kind ?? ''))) &&
      (!f.tagIds.size || o.tags.some((t) => f.tagIds.has(t))) &&
      (!f.personIds.size || o.people.some((p) => f.personIds.has(p))) &&
      (!f.teamIds.size || o.people.some((p) => f.teamIds.has(people.get(p)?.teamId ?? '')));
  }

  listObservations(q: Partial<ObservationQuery>): ObservationList {
    const f = readFilter(q.filter);
    const text = str(q.text);
    const fts = ftsQuery(text);
    const offset = Math.max(0, Math.floor(Number(q.offset ?? 0)) || 0);
    const limit = q.limit == null ? Infinity : Math.max(0, Number(q.limit));
    const test = this.#observationTest(f);
    const page: ObservationRow[] = [];
    let matching = 0;
    // Only symbols or emoji: nothing to search for, so nothing matches.
    if (fts || !text.trim()) {
      for (const o of this.#newestFirst()) {
        if (o.deletedAt !== null || !test(o) || (fts && !textMatches(o.text, fts))) continue;
        if (matching >= offset && page.length < limit) page.push(o);
        matching++;
      }
    }
    return { observations: page.map((o) => this.#observationDto(o)), offset, matching };
  }

  #cleanText(text: unknown): string {
    const t = str(text).trim();
    if (charCount(t) > MAX_OBSERVATION) {
      invalid('text', `keep an observation under ${MAX_OBSERVATION} characters; it is one atom of what was said`);
    }
    return t;
  }

  /** observation.rs `write_links`, checked before anything is written. */
  #links(people: unknown, tags: unknown): { people: string[]; tags: string[] } {
    const p = this.checkPeople(strings(people));
    const t = strings(tags);
    if (t.length > MAX_TAGS_PER_OBSERVATION) invalid('tags', `an observation holds at most ${MAX_TAGS_PER_OBSERVATION} tags`);
    for (const id of t) this.#tag(id);
    return { people: p, tags: distinct(t) };
  }

  createObservation(n: Partial<NewObservation>): Observation {
    // The kind and the date are read before core sees anything (serde).
    const kind = checkKind(n.kind);
    const observedOnGiven = n.observedOn == null ? null : day('observed on', n.observedOn);
    let text = this.#cleanText(n.text);
    let cycleId: string;
    let notes: string | null = null;
    let observedOn: string;
    if (n.sessionId != null) {
      const s = this.#w.sessions.get(String(n.sessionId));
      if (!s || s.deletedAt !== null) notFound('session', String(n.sessionId));
      cycleId = this.#host.writable(s!.cycleId).id;
      notes = s!.notes;
      observedOn = s!.heldOn;
    } else {
      if (n.cycleId == null) invalid('cycle', 'an observation typed directly needs a cycle');
      cycleId = this.#host.writable(String(n.cycleId)).id;
      observedOn = this.#host.today();
    }
    const passage = str(n.passage).replace(/[\r\n]+$/, '');
    let start: number | null = null;
    const kept = notes !== null && passage !== '';
    if (kept) {
      if (charCount(passage) > MAX_OBSERVATION) invalid('passage', `select under ${MAX_OBSERVATION} characters for one observation`);
      start = locate(notes!, passage, typeof n.passageStart === 'number' ? n.passageStart : null);
      if (start === null) invalid('passage', 'that passage is not in the saved notes yet; wait for "Saved" and try again');
    }
    if (!text) text = kept ? passage.trim() : '';
    if (!text) invalid('text', 'write what was observed, or select a passage of the notes');
    if (observedOnGiven !== null) observedOn = observedOnGiven;
    const links = this.#links(n.people, n.tags);
    const at = this.#host.now();
    const row: ObservationRow = {
      id: this.#host.ids.observation(),
      cycleId,
      sessionId: n.sessionId == null ? null : String(n.sessionId),
      kind,
      text,
      passage: kept ? passage : '',
      passageStart: start,
      passageState: kept ? 'found' : 'none',
      observedOn,
      ...links,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      mergedInto: null,
    };
    this.#w.observations.set(row.id, row);
    return this.#observationDto(row);
  }

  updateObservation(id: string, u: Args): Observation {
    const kind = checkKind(u.kind);
    const observedOn = day('observed on', u.observedOn);
    const o = this.#writableObservation(id, false);
    const text = this.#cleanText(u.text);
    if (!text) invalid('text', 'an observation needs words');
    const links = this.#links(u.people, u.tags);
    if (observedOn !== o.observedOn) this.#w.observationOrder++;
    Object.assign(o, { kind, text, observedOn, ...links, updatedAt: this.#host.now() });
    return this.#observationDto(o);
  }

  /** observation.rs `reanchor`: after a session's notes changed, re-find its observations' passages. */
  reanchor(sessionId: string, notes: string): void {
    for (const o of this.#w.observations.values()) {
      if (o.sessionId !== sessionId || o.passage === '') continue;
      const at = locate(notes, o.passage, o.passageStart);
      if (at === null) o.passageState = 'lost';
      else {
        o.passageStart = at;
        o.passageState = 'found';
      }
    }
  }

  // ---------------- ideas ----------------

  #writableIdea(id: string, trashed: boolean): IdeaRow {
    const i = this.#w.ideas.get(id);
    if (!i || (i.deletedAt !== null) !== trashed) notFound(trashed ? 'trashed idea' : 'idea', id);
    this.#host.writable(i!.cycleId);
    return i!;
  }

  #ideaDto(i: IdeaRow): Idea {
    const mode = this.#host.cycle(i.cycleId).mode;
    const evidence: Evidence[] = i.evidence
      .map((id) => this.#w.observations.get(id))
      .filter((o): o is ObservationRow => o !== undefined)
      .sort((a, b) => cmp(a.observedOn, b.observedOn) || cmp(a.id, b.id))
      .map((o) => ({ id: o.id, kind: o.kind, text: o.text, trashed: o.deletedAt !== null }));
    const judged = mode !== 'discovery' && (i.score !== null || i.effort !== null);
    return {
      id: i.id,
      cycleId: i.cycleId,
      title: i.title,
      description: i.description,
      evidence,
      assessment: judged ? { score: i.score ?? NONE, effort: i.effort ?? NONE } : NONE,
      readOnly: mode === 'closed',
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
    };
  }

  listIdeas(cycleId: string): Idea[] {
    return [...this.#w.ideas.values()]
      .filter((i) => i.cycleId === cycleId && i.deletedAt === null)
      .sort((a, b) => cmpDesc(a.createdAt, b.createdAt) || cmpDesc(a.id, b.id))
      .map((i) => this.#ideaDto(i));
  }

  /** `cited`: what the idea cites already; those may be in the trash (evidence is never lost). */
  #cleanIdea(input: Args, cited: string[] = []): Pick<IdeaRow, 'title' | 'description' | 'evidence'> {
    const evidence = strings(input.evidence);
    if (evidence.length > MAX_EVIDENCE) invalid('evidence', `an idea cites at most ${MAX_EVIDENCE} observations`);
    const title = bounded('title', input.title, MAX_IDEA_TITLE, 'an idea needs a title, e.g. "Quarantine flaky tests automatically"');
    const description = bounded('description', input.description, MAX_IDEA_DESCRIPTION);
    for (const id of evidence) if (!cited.includes(id)) this.#liveObservation(id);
    return { title, description, evidence: distinct(evidence) };
  }

  createIdea(cycleId: string, input: Args): Idea {
    const cycle = this.#host.writable(cycleId);
    const fields = this.#cleanIdea(input);
    const at = this.#host.now();
    const row: IdeaRow = { id: this.#host.ids.idea(), cycleId: cycle.id, ...fields, score: null, effort: null, createdAt: at, updatedAt: at, deletedAt: null };
    this.#w.ideas.set(row.id, row);
    return this.#ideaDto(row);
  }

  updateIdea(id: string, input: Args): Idea {
    const i = this.#writableIdea(id, false);
    Object.assign(i, this.#cleanIdea(input, i.evidence), { updatedAt: this.#host.now() });
    return this.#ideaDto(i);
  }

  assessIdea(id: string, a: Partial<Assessment>): Idea {
    const i = this.#writableIdea(id, false);
    const cycle = this.#host.cycle(i.cycleId);
    if (cycle.mode === 'discovery') {
      fail(
        'judging_in_discovery',
        `The cycle "${cycle.name}" is in discovery, where nothing is scored, ranked or sized; move it to prioritization first`,
      );
    }
    const score = a.score == null ? null : Number(a.score);
    if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 10)) invalid('score', 'score from 1 to 10');
    const effort = a.effort == null ? null : String(a.effort);
    if (effort !== null && !['S', 'M', 'L', 'XL'].includes(effort)) invalid('effort', 'size effort as S, M, L or XL');
    Object.assign(i, { score, effort, updatedAt: this.#host.now() });
    return this.#ideaDto(i);
  }

  // ---------------- merges (merge.rs) ----------------

  mergePeople(kept: string, merged: string): MergeDone {
    if (kept === merged) cannotMerge('choose two different people to merge');
    const k = this.#livePerson(kept);
    const m = this.#livePerson(merged);
    const moved: MovedLink[] = [];
    for (const s of this.#w.sessions.values()) {
      const position = s.people.indexOf(m.id);
      if (position < 0) continue;
      const keptHadIt = s.people.includes(k.id);
      // The kept one takes the merged one's place in the order.
      s.people = keptHadIt ? s.people.filter((p) => p !== m.id) : s.people.map((p) => (p === m.id ? k.id : p));
      moved.push({ table: 'session_person', other: s.id, position, keptHadIt });
    }
    for (const o of this.#w.observations.values()) {
      if (!o.people.includes(m.id)) continue;
      const keptHadIt = o.people.includes(k.id);
      o.people = keptHadIt ? o.people.filter((p) => p !== m.id) : o.people.map((p) => (p === m.id ? k.id : p));
      moved.push({ table: 'observation_person', other: o.id, position: 0, keptHadIt });
    }
    // Empty fields of the kept person take the merged one's; undo puts them back.
    const { teamId, role, goals, support, interaction } = k;
    moved.push({ table: 'person_fields', other: '', position: 0, keptHadIt: true, fields: { teamId, role, goals, support, interaction } });
    const at = this.#host.now();
    Object.assign(k, {
      teamId: k.teamId ?? m.teamId,
      role: k.role || m.role,
      goals: k.goals || m.goals,
      support: k.support || m.support,
      interaction: k.interaction || m.interaction,
      updatedAt: at,
    });
    Object.assign(m, { deletedAt: at, mergedInto: k.id });
    return this.#record('person', k.id, m.id, moved, at);
  }

  mergeObservations(kept: string, merged: string): MergeDone {
    if (kept === merged) cannotMerge('choose two different observations to merge');
    const k = this.#writableObservation(kept, false);
    const m = this.#writableObservation(merged, false);
    const moved: MovedLink[] = [];
    for (const table of ['observation_person', 'observation_tag'] as const) {
      const field = table === 'observation_person' ? 'people' : 'tags';
      for (const other of m[field]) {
        const keptHadIt = k[field].includes(other);
        if (!keptHadIt) k[field] = [...k[field], other];
        moved.push({ table, other, position: 0, keptHadIt });
      }
      m[field] = [];
    }
    for (const i of this.#w.ideas.values()) {
      if (!i.evidence.includes(m.id)) continue;
      const keptHadIt = i.evidence.includes(k.id);
      i.evidence = keptHadIt ? i.evidence.filter((o) => o !== m.id) : i.evidence.map((o) => (o === m.id ? k.id : o));
      moved.push({ table: 'idea_observation', other: i.id, position: 0, keptHadIt });
    }
    const at = this.#host.now();
    Object.assign(m, { deletedAt: at, mergedInto: k.id });
    return this.#record('observation', k.id, m.id, moved, at);
  }

  #record(entity: MergeRow['entity'], keptId: string, mergedId: string, moved: MovedLink[], at: string): MergeDone {
    const id = this.#host.ids.merge();
    this.#w.merges.set(id, { id, entity, keptId, mergedId, moved, createdAt: at, undoneAt: null });
    return { mergeId: id, entity, keptId, mergedId, linksMoved: moved.filter((l) => l.table !== 'person_fields').length };
  }

  undoMerge(mergeId: string): null {
    const w = this.#w;
    const r = w.merges.get(mergeId) ?? notFound('merge', mergeId);
    if (r.undoneAt !== null) cannotMerge('this merge was already undone');
    if (r.entity === 'tag') {
      // Tag names are unique among live tags: one made since may hold the name.
      const m = w.tags.get(r.mergedId);
      const taken = m && [...w.tags.values()].find((t) => t.deletedAt === null && t.id !== m.id && t.name.toLowerCase() === m.name.toLowerCase());
      if (taken) cannotMerge(`a tag named “${taken.name}” exists now; rename it, then undo the merge`);
    }
    if (r.entity === 'observation') {
      const merged = w.observations.get(r.mergedId);
      if (merged) this.#host.writable(merged.cycleId);
    }
    const { keptId: kept, mergedId: merged } = r;
    const without = (list: string[], id: string, keptHadIt: boolean) => (keptHadIt ? list : list.filter((x) => x !== id));
    const withId = (list: string[], id: string) => (list.includes(id) ? list : [...list, id]);
    for (const link of r.moved) {
      switch (link.table) {
        case 'person_fields': {
          const k = w.people.get(kept);
          if (k && link.fields) Object.assign(k, link.fields);
          break;
        }
        case 'session_person': {
          const s = w.sessions.get(link.other);
          if (!s) break;
          s.people = without(s.people, kept, link.keptHadIt);
          if (!s.people.includes(merged)) s.people.splice(Math.min(link.position, s.people.length), 0, merged);
          break;
        }
        case 'observation_person':
        case 'observation_tag': {
          const field = link.table === 'observation_person' ? 'people' : 'tags';
          const k = w.observations.get(kept);
          if (r.entity === 'person' || r.entity === 'tag') {
            // The other end is an observation; the link pointed at the merged person or tag.
            const o = w.observations.get(link.other);
            if (o) o[field] = withId(without(o[field], kept, link.keptHadIt), merged);
          } else {
            const m = w.observations.get(merged);
            if (k) k[field] = without(k[field], link.other, link.keptHadIt);
            if (m) m[field] = withId(m[field], link.other);
          }
          break;
        }
        case 'idea_observation': {
          const i = w.ideas.get(link.other);
          if (i) i.evidence = withId(without(i.evidence, kept, link.keptHadIt), merged);
          break;
        }
      }
    }
    const row = r.entity === 'person' ? w.people.get(merged) : r.entity === 'tag' ? w.tags.get(merged) : w.observations.get(merged);
    if (row) Object.assign(row, { deletedAt: null, mergedInto: null });
    r.undoneAt = this.#host.now();
    return null;
  }

  // ---------------- search (search.rs) ----------------

  search(q: Partial<SearchQuery>): SearchResults {
    const text = str(q.text);
    const fts = ftsQuery(text);
    if (!fts) {
      return { hits: [], terms: [], notice: text.trim() ? 'Type a word to search: symbols and emoji alone match nothing.' : NONE };
    }
    const limit = Math.min(q.limit == null ? 50 : Number(q.limit), MAX_HITS);
    const f = readFilter(q.filter);
    let entities = strings(q.entities).length ? (strings(q.entities) as SearchEntity[]) : SEARCH_ENTITIES;
    // A filter narrows to the things it can describe.
    if (observationOnly(f)) {
      entities = entities.filter((e) => e === 'observation');
    } else if (!emptyFilter(f)) {
      const onlyCycle = !f.personIds.size && !f.teamIds.size && !f.sourceKinds.length && !f.from && !f.to && !f.sessionId;
      entities = entities.filter((e) => e === 'session' || e === 'observation' || (e === 'idea' && onlyCycle));
    }
    if (!entities.length) return { hits: [], terms: fts.terms, notice: NONE };

    const w = this.#w;
    const found: { hit: SearchHit; titled: boolean; at: string }[] = [];
    const consider = (columns: [string, string], at: string, make: (snippet: string) => Omit<SearchHit, 'snippet'>) => {
      const m = match(columns, fts);
      if (!m) return;
      const [title, body] = m;
      const snip = body.marked.size > 0 || title.marked.size === 0 ? snippet(body, 16) : snippet(title, 12);
      found.push({ hit: { ...make(snip), snippet: snip }, titled: title.marked.size > 0, at });
    };
    const base = { sessionId: NONE, observationKind: NONE, sourceKind: NONE };
    if (entities.includes('session')) {
      for (const s of w.sessions.values()) {
        if (s.deletedAt !== null || !this.#sessionTest(s, f)) continue;
        consider([s.title, s.notes], s.updatedAt, () => ({ ...base, entity: 'session', id: s.id, title: s.title, context: kindLabel(s.kind), sessionId: s.id, sourceKind: s.kind }));
      }
    }
    if (entities.includes('observation')) {
      const test = this.#observationTest(f);
      for (const o of w.observations.values()) {
        if (o.deletedAt !== null || !test(o) || !textMatches(o.text, fts)) continue;
        const s = o.sessionId === null ? undefined : w.sessions.get(o.sessionId);
        consider(['', o.text], o.updatedAt, () => ({
          entity: 'observation',
          id: o.id,
          title: o.kind.charAt(0).toUpperCase() + o.kind.slice(1),
          context: s ? `${kindLabel(s.kind)} · ${s.title}` : 'Typed directly',
          sessionId: o.sessionId ?? NONE,
          observationKind: o.kind,
          sourceKind: s?.kind ?? NONE,
        }));
      }
    }
    if (entities.includes('person')) {
      for (const p of w.people.values()) {
        if (p.deletedAt !== null) continue;
        const team = p.teamId === null ? '' : (w.teams.get(p.teamId)?.name ?? '');
        const context = [p.role, team].filter(Boolean).join(' · ');
        consider([p.name, [p.role, p.goals, p.support, p.interaction].join(' ')], p.updatedAt, () => ({ ...base, entity: 'person', id: p.id, title: p.name, context }));
      }
    }
    if (entities.includes('idea')) {
      for (const i of w.ideas.values()) {
        if (i.deletedAt !== null || (f.cycleId && i.cycleId !== f.cycleId)) continue;
        consider([i.title, i.description], i.updatedAt, () => ({ ...base, entity: 'idea', id: i.id, title: i.title, context: '' }));
      }
    }
    if (entities.includes('tag')) {
      for (const t of w.tags.values()) {
        if (t.deletedAt !== null) continue;
        consider([t.name, ''], t.updatedAt, () => ({ ...base, entity: 'tag', id: t.id, title: t.name, context: '' }));
      }
    }
    // Core orders by FTS5's rank; here: matches in a title first, then the most recently changed.
    found.sort((a, b) => Number(b.titled) - Number(a.titled) || cmpDesc(a.at, b.at) || cmpDesc(a.hit.id, b.hit.id));
    return {
      hits: found.slice(0, Math.max(0, limit)).map((f) => f.hit),
      terms: fts.terms,
      notice: fts.truncated ? `Searched for the first ${MAX_TERMS} words; the rest were ignored.` : NONE,
    };
  }

  /** The session-level parts of a filter, read against a session itself. */
  #sessionTest(s: SessionRow, f: Filter): boolean {
    const people = this.#w.people;
    return (
      (!f.cycleId || s.cycleId === f.cycleId) &&
      (!f.sessionId || s.id === f.sessionId) &&
      (!f.from || s.heldOn >= f.from) &&
      (!f.to || s.heldOn <= f.to) &&
      (!f.sourceKinds.length || f.sourceKinds.includes(s.kind)) &&
      (!f.personIds.size || s.people.some((p) => f.personIds.has(p))) &&
      (!f.teamIds.size || s.people.some((p) => f.teamIds.has(people.get(p)?.teamId ?? '')))
    );
  }

  // ---------------- coverage (coverage.rs) ----------------

  coverage(cycleId: string): Coverage {
    const cycle = this.#host.cycle(cycleId);
    const w = this.#w;
    const sessions = [...w.sessions.values()].filter((s) => s.cycleId === cycle.id && s.deletedAt === null);
    const observations = [...w.observations.values()].filter((o) => o.cycleId === cycle.id && o.deletedAt === null);
    const channels = KINDS.map(({ kind }) => {
      const used = sessions.filter((s) => s.kind === kind);
      return { kind, sessions: used.length, lastHeld: used.length ? used.reduce((m, s) => (s.heldOn > m ? s.heldOn : m), used[0].heldOn) : null };
    });
    const teamOf = (personId: string) => {
      const p = w.people.get(personId);
      return p && p.deletedAt === null ? p.teamId : null;
    };
    const teams = [...w.teams.values()]
      .filter((t) => t.deletedAt === null)
      .map((t) => ({
        teamId: t.id,
        name: t.name,
        segment: t.segment,
        sessions: sessions.filter((s) => s.people.some((p) => teamOf(p) === t.id)).length,
        observations: observations.filter((o) => o.people.some((p) => teamOf(p) === t.id)).length,
      }))
      .sort((a, b) => a.sessions + a.observations - (b.sessions + b.observations) || cmp(a.name.toLowerCase(), b.name.toLowerCase()));
    const segments: Coverage['segments'] = [];
    for (const t of teams) {
      if (!t.segment) continue;
      const heard = t.sessions + t.observations > 0 ? 1 : 0;
      const s = segments.find((x) => x.segment === t.segment);
      if (s) {
        s.teams += 1;
        s.teamsHeard += heard;
      } else segments.push({ segment: t.segment, teams: 1, teamsHeard: heard });
    }
    segments.sort((a, b) => a.teamsHeard - b.teamsHeard || cmp(a.segment, b.segment));
    const askLoad = this.listPeople({})
      .filter((p) => p.askLoad > 0)
      .sort((a, b) => b.askLoad - a.askLoad || cmp(a.name, b.name));
    return { cycleId: cycle.id, channels, teams, segments, askLoad, threshold: w.askLoadThreshold };
  }

  // ---------------- templates (template.rs) ----------------

  template(kind: SourceKind): SessionTemplate {
    const own = this.#w.templates.get(kind);
    return own === undefined ? { kind, body: BUILTIN_TEMPLATES[kind], customized: false } : { kind, body: own, customized: true };
  }

  setTemplate(kind: unknown, body: unknown): SessionTemplate {
    const k = checkSourceKind(kind);
    const b = str(body);
    if (charCount(b) > MAX_TEMPLATE) invalid('template', `keep a template under ${MAX_TEMPLATE} characters`);
    this.#w.templates.set(k, b);
    return this.template(k);
  }

  // ---------------- trash (trash.rs), beside the sessions' own ----------------

  /** Trashed observations, people, teams, tags and ideas; merged duplicates are not listed. */
  trashItems(): TrashItem[] {
    const w = this.#w;
    const items: TrashItem[] = [];
    const cycleName = (id: string) => w.cycles.find((c) => c.id === id)?.name ?? '';
    for (const o of w.observations.values()) {
      if (o.deletedAt === null || o.mergedInto !== null) continue;
      items.push({ entity: 'observation', id: o.id, title: [...o.text].slice(0, 200).join(''), context: `${capitalize(o.kind)} · ${cycleName(o.cycleId)}`, deletedAt: o.deletedAt });
    }
    for (const p of w.people.values()) {
      if (p.deletedAt !== null && p.mergedInto === null) items.push({ entity: 'person', id: p.id, title: p.name, context: 'Person', deletedAt: p.deletedAt });
    }
    for (const t of w.teams.values()) if (t.deletedAt !== null) items.push({ entity: 'team', id: t.id, title: t.name, context: 'Team', deletedAt: t.deletedAt });
    for (const t of w.tags.values()) if (t.deletedAt !== null && t.mergedInto === null) items.push({ entity: 'tag', id: t.id, title: t.name, context: 'Tag', deletedAt: t.deletedAt });
    for (const i of w.ideas.values()) {
      if (i.deletedAt !== null) items.push({ entity: 'idea', id: i.id, title: i.title, context: `Idea · ${cycleName(i.cycleId)}`, deletedAt: i.deletedAt });
    }
    return items;
  }

  /** Brings back one of the register's trashed things (sessions are the backend's own). */
  restore(entity: Exclude<TrashEntity, 'session'>, id: string): null {
    const w = this.#w;
    let row: { deletedAt: string | null } | undefined;
    if (entity === 'observation') row = this.#writableObservation(id, true);
    else if (entity === 'idea') row = this.#writableIdea(id, true);
    else {
      const table = entity === 'person' ? w.people : entity === 'team' ? w.teams : w.tags;
      const r = table.get(id);
      if (!r || r.deletedAt === null) notFound('trashed item', id);
      if (entity !== 'person') {
        for (const other of (table as Map<string, TeamRow | TagRow>).values()) {
          if (other.deletedAt === null && nocase(other.name) === nocase(r!.name)) invalid('name', `a live ${entity} already has this name; rename that one first`);
        }
      }
      row = r;
    }
    row!.deletedAt = null;
    return null;
  }
}
