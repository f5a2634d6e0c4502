/**
 * Fills a fake workspace from a test's `seed` (see {@link Seed} in common.ts), and the
 * small "Northwind Freight sample" that `open_sample_workspace` opens. Seeds are
 * written straight into the rows, without the commands' checks; a seed that names
 * something missing throws at once, so a wrong seed fails loudly.
 */

import type { SourceKind } from '../../../ui/src/ipc/generated';
import {
  type Ids,
  type ObservationRow,
  type PersonRow,
  type Seed,
  type SessionRow,
  type TagRow,
  type World,
  OBSERVATION_KINDS,
  addDays,
} from './common';
import { PALETTE } from './discovery';

const DAY_MS = 24 * 3600 * 1000;

function seedError(message: string): never {
  throw new Error(`Seed: ${message}`);
}

/** The fields that are there (a seed's `undefined` never overrides a default). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Plants `seed` in `world`. Seeded rows were made "30 days ago", in seed order; `now` is the mock's clock. */
export function plantSeed(seed: Seed, world: World, ids: Ids, now = Date.now()): void {
  const base = now - 30 * DAY_MS;
  const iso = (t: number) => new Date(t).toISOString();
  const today = iso(now).slice(0, 10);
  let made = 0;
  let trashed = 0;
  /** A creation time, later for each row seeded. */
  const madeAt = () => iso(base + 1_800_000 + made++ * 1000);
  /** A deletion time, later for each row seeded into the trash. */
  const trashedAt = (deleted: boolean | undefined) => (deleted ? iso(base + 7_200_000 + trashed++ * 1000) : null);

  if (seed.askLoadThreshold !== undefined) world.askLoadThreshold = seed.askLoadThreshold;
  for (const [kind, body] of Object.entries(seed.templates ?? {})) world.templates.set(kind as SourceKind, body);

  // -- the register: teams, people, tags --
  const teamRef = (ref: string) =>
    world.teams.get(ref) ?? [...world.teams.values()].find((t) => t.name.toLowerCase() === ref.toLowerCase()) ?? seedError(`no team "${ref}"`);
  for (const t of seed.teams ?? []) {
    const at = madeAt();
    const id = t.id ?? ids.team();
    world.teams.set(id, { id, name: t.name, orgArea: t.orgArea ?? '', segment: t.segment ?? '', createdAt: at, updatedAt: at, deletedAt: trashedAt(t.deleted) });
  }
  const addPerson = (fields: Partial<PersonRow> & { name: string }): PersonRow => {
    const at = madeAt();
    const row: PersonRow = {
      id: ids.person(),
      teamId: null,
      role: '',
      relation: 'internal_user',
      goals: '',
      support: '',
      interaction: '',
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      mergedInto: null,
      ...fields,
    };
    world.people.set(row.id, row);
    return row;
  };
  for (const p of seed.people ?? []) {
    const { team, deleted, ...fields } = p;
    addPerson({ ...defined(fields), name: p.name, teamId: team ? teamRef(team).id : null, deletedAt: trashedAt(deleted) });
  }
  /** A person by id or name (any case); an unknown name becomes a person. */
  const personRef = (ref: string): PersonRow =>
    world.people.get(ref) ?? [...world.people.values()].find((p) => p.name.toLowerCase() === ref.toLowerCase()) ?? addPerson({ name: ref });

  const addTag = (fields: Partial<TagRow> & { name: string }): TagRow => {
    const at = madeAt();
    const row: TagRow = { id: ids.tag(), colour: PALETTE[world.tags.size % PALETTE.length], group: null, createdAt: at, updatedAt: at, deletedAt: null, mergedInto: null, ...fields };
    world.tags.set(row.id, row);
    return row;
  };
  for (const t of seed.tags ?? []) {
    const { deleted, ...fields } = t;
    addTag({ ...defined(fields), name: t.name, group: t.group ?? null, deletedAt: trashedAt(deleted) });
  }
  /** A tag by id or name (any case); an unknown name becomes a tag. */
  const tagRef = (ref: string): TagRow =>
    world.tags.get(ref) ?? [...world.tags.values()].find((t) => t.name.toLowerCase() === ref.toLowerCase()) ?? addTag({ name: ref });

  // -- cycles and sessions --
  (seed.cycles ?? []).forEach((c, i) => {
    const at = iso(base + i * 60_000);
    const row = { id: c.id ?? ids.cycle(), name: c.name, mode: c.mode ?? 'discovery', createdAt: at, updatedAt: at };
    world.cycles.push(row);
    if (c.current || world.currentCycle === null) world.currentCycle = row.id;
  });
  const cycleOf = (ref: string) => world.cycles.find((c) => c.name === ref || c.id === ref) ?? seedError(`no cycle "${ref}"`);

  (seed.sessions ?? []).forEach((s, i) => {
    const at = iso(base + 3_600_000 + i * 1000);
    const names = (s.participants ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const people = [...new Set([...names, ...(s.people ?? [])].map((ref) => personRef(ref).id))];
    const row: SessionRow = {
      id: s.id ?? ids.session(),
      cycleId: cycleOf(s.cycle).id,
      kind: s.kind ?? 'coffee_chat',
      title: s.title,
      heldOn: s.heldOn ?? addDays(today, -i),
      people,
      links: s.links ?? [],
      notes: s.notes ?? '',
      createdAt: at,
      updatedAt: at,
      deletedAt: trashedAt(s.deleted),
    };
    world.sessions.set(row.id, row);
  });

  if (seed.bulk) {
    const { count, kinds = ['coffee_chat', 'sla_conversation', 'user_survey', 'team_brainstorm'], lastDay = today, titlePrefix = 'Session' } = seed.bulk;
    const cycle = cycleOf(seed.bulk.cycle);
    const at = iso(base);
    const pair = [personRef('Priya (Payments)').id, personRef('Tom (SRE)').id];
    for (let i = 0; i < count; i++) {
      // i = 0 is the oldest; the newest is held on `lastDay`.
      const row: SessionRow = {
        id: ids.session(),
        cycleId: cycle.id,
        kind: kinds[i % kinds.length],
        title: `${titlePrefix} ${i + 1}`,
        heldOn: addDays(lastDay, -(count - 1 - i)),
        people: i % 3 === 0 ? [...pair] : [],
        links: [],
        notes: i % 2 === 0 ? `Notes for session ${i + 1}: the refund flow takes too long.` : '',
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      };
      world.sessions.set(row.id, row);
    }
  }

  // -- observations and ideas --
  const sessionRef = (ref: string) =>
    world.sessions.get(ref) ?? [...world.sessions.values()].find((s) => s.title === ref) ?? seedError(`no session "${ref}"`);
  for (const o of seed.observations ?? []) {
    const session = o.session === undefined ? undefined : sessionRef(o.session);
    const cycleId = session?.cycleId ?? (o.cycle !== undefined ? cycleOf(o.cycle).id : (world.currentCycle ?? seedError('an observation needs a cycle')));
    let passageStart: number | null = null;
    if (o.passage) {
      if (!session) seedError(`the passage "${o.passage}" needs a session`);
      passageStart = session!.notes.indexOf(o.passage);
      if (passageStart < 0) seedError(`the passage "${o.passage}" is not in the notes of "${session!.title}"`);
    }
    const text = (o.text ?? o.passage ?? '').trim() || seedError('an observation needs a text or a passage');
    const at = madeAt();
    const row: ObservationRow = {
      id: o.id ?? ids.observation(),
      cycleId,
      sessionId: session?.id ?? null,
      kind: o.kind ?? 'pain',
      text,
      passage: o.passage ?? '',
      passageStart,
      passageState: o.passage ? 'found' : 'none',
      observedOn: o.observedOn ?? session?.heldOn ?? today,
      people: [...new Set((o.people ?? []).map((ref) => personRef(ref).id))],
      tags: [...new Set((o.tags ?? []).map((ref) => tagRef(ref).id))],
      createdAt: at,
      updatedAt: at,
      deletedAt: trashedAt(o.deleted),
      mergedInto: null,
    };
    world.observations.set(row.id, row);
  }
  const observationRef = (ref: string) =>
    world.observations.get(ref) ?? [...world.observations.values()].find((o) => o.text === ref) ?? seedError(`no observation "${ref}"`);
  for (const i of seed.ideas ?? []) {
    const at = madeAt();
    const id = i.id ?? ids.idea();
    world.ideas.set(id, {
      id,
      cycleId: cycleOf(i.cycle).id,
      title: i.title,
      description: i.description ?? '',
      evidence: [...new Set((i.evidence ?? []).map((ref) => observationRef(ref).id))],
      score: i.score ?? null,
      effort: i.effort ?? null,
      createdAt: at,
      updatedAt: at,
      deletedAt: trashedAt(i.deleted),
    });
  }

  if (seed.bulkObservations) plantBulkObservations(world, ids, cycleOf(seed.bulkObservations.cycle).id, seed.bulkObservations.count, today, personRef, tagRef, iso(base));
}

const BULK_PEOPLE = [
  'Ada Okafor', 'Ben Tran', 'Chen Wei', 'Dara Nolan', 'Eli Moreau', 'Fatima Idris', 'Gus Lindqvist', 'Hana Sato', 'Ivo Petrov', 'Jun Park',
  'Kofi Mensah', 'Lena Vogel', 'Mara Costa', 'Nils Berg', 'Omar Haddad', 'Pia Keller', 'Quinn Avery', 'Rosa Diaz', 'Sam Osei', 'Tara Byrne',
];
const BULK_TAGS = ['flaky tests', 'ci/cd', 'observability', 'kubernetes', 'onboarding', 'cost', 'security', 'docs', 'deploys', 'on-call'];
const BULK_TEXTS = [
  'Builds wait in the queue for too long',
  'Flaky tests block merges to main',
  'Nobody knows who owns the staging cluster',
  'Deploys need a manual approval at night',
  'Dashboards miss the numbers teams ask for',
  'Onboarding a new service takes two weeks',
  'Cloud costs are hard to attribute to teams',
  'Secrets rotation is done by hand',
  'The docs for the deploy tool are out of date',
  'On-call pages fire for things nobody can fix',
];

/**
 * `count` observations typed directly in a cycle, in one plain loop: kinds, people and
 * tags round-robin; "<text> (#n)" with n = 1 the oldest; a few hundred per day back from today.
 */
function plantBulkObservations(
  world: World,
  ids: Ids,
  cycleId: string,
  count: number,
  today: string,
  personRef: (name: string) => PersonRow,
  tagRef: (name: string) => TagRow,
  at: string,
): void {
  const people = BULK_PEOPLE.map((n) => personRef(n).id);
  const tags = BULK_TAGS.map((n) => tagRef(n).id);
  const perDay = Math.max(1, Math.ceil(count / 365));
  const days: string[] = [];
  for (let i = 0; i < count; i++) {
    const back = Math.floor((count - 1 - i) / perDay);
    const observedOn = (days[back] ??= addDays(today, -back));
    const id = ids.observation();
    world.observations.set(id, {
      id,
      cycleId,
      sessionId: null,
      kind: OBSERVATION_KINDS[i % OBSERVATION_KINDS.length],
      text: `${BULK_TEXTS[i % BULK_TEXTS.length]} (#${i + 1})`,
      passage: '',
      passageStart: null,
      passageState: 'none',
      observedOn,
      people: [people[i % people.length]],
      tags: i % 3 === 0 ? [tags[i % tags.length], tags[(i + 3) % tags.length]] : [tags[i % tags.length]],
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      mergedInto: null,
      generated: true,
    });
  }
}

// ---- the sample workspace ----

const PRIYA_NOTES = `## What she's working on
- Moving invoice-worker off the old cron host onto Dock. About halfway.
- PCI audit prep for February.

## What slows her down
- Flaky tests. When one fails they re-run the whole pipeline, 38 minutes each time.
- "I don't trust a red build anymore. The first thing I do is hit retry."
- Conveyor truncates job logs after 10k lines.

## Can we help with anything?
- Would love to mark a test as quarantined without a code change and a full review cycle.
`;

const SLA_NOTES = `## Service
Route planner API, owned by Route Optimization.

## Level expected
p95 under 800 ms during the morning dispatch peak.

## Level delivered today
p95 is 1.9 s between 06:00 and 08:00; the cluster autoscaler reacts too late.

## Gap and impact
Drivers leave the depot late when plans arrive after 07:30.
`;

const SURVEY_NOTES = `## Wave and audience
Developer survey, wave 1: 140 engineers across product teams.

## Numbers that stand out
- 61% say CI is the slowest part of their day.
- Only 22% know how to find the logs of a failed deploy.

## Free-text themes
- "Staging is always broken on Mondays."
`;

/** A small, plausible workspace: one cycle in discovery with people, sessions, observations, tags and ideas. */
export function sampleSeed(today: string): Seed {
  const ago = (days: number) => addDays(today, -days);
  const cycle = '2027 H1 planning';
  return {
    cycles: [{ name: cycle }],
    teams: [
      { name: 'Payments & Billing', orgArea: 'Product', segment: 'Product engineering' },
      { name: 'Route Optimization', orgArea: 'Logistics', segment: 'Data & ML' },
      { name: 'Driver App', orgArea: 'Product', segment: 'Mobile' },
      { name: 'Developer Platform', orgArea: 'Engineering', segment: 'Platform peers' },
    ],
    people: [
      { name: 'Priya Raman', team: 'Payments & Billing', role: 'Senior engineer', relation: 'internal_user' },
      { name: 'Tomás Herrera', team: 'Developer Platform', role: 'Staff engineer, CI/CD', relation: 'teammate' },
      { name: 'Lena Vogel', team: 'Route Optimization', role: 'Engineering manager', relation: 'stakeholder', goals: 'Plans out before 07:00 every day.', support: 'Autoscaling that follows the dispatch peak.', interaction: 'A monthly review, async otherwise.' },
      { name: 'Kofi Mensah', team: 'Driver App', role: 'Mobile lead', relation: 'internal_user' },
      { name: 'Ana Silva', role: 'Solutions architect, CloudCo', relation: 'vendor' },
    ],
    tags: [
      { name: 'flaky tests', group: 'theme', colour: '#b91c1c' },
      { name: 'ci/cd', group: 'area', colour: '#2563eb' },
      { name: 'observability', group: 'area', colour: '#9333ea' },
      { name: 'autoscaling', group: 'theme', colour: '#0e7490' },
    ],
    sessions: [
      { cycle, title: 'Coffee with Priya (Payments)', kind: 'coffee_chat', heldOn: ago(12), people: ['Priya Raman'], notes: PRIYA_NOTES },
      { cycle, title: 'SLA review: route planner API', kind: 'sla_conversation', heldOn: ago(8), people: ['Lena Vogel', 'Tomás Herrera'], notes: SLA_NOTES },
      { cycle, title: 'Developer survey, wave 1', kind: 'user_survey', heldOn: ago(20), notes: SURVEY_NOTES },
      { cycle, title: 'Vendor call: managed CI runners', kind: 'cloud_vendor_scan', heldOn: ago(3), people: ['Ana Silva'], notes: '## Vendor\nCloudCo\n\n## Offering\nManaged CI runners with per-minute billing.\n' },
    ],
    observations: [
      { session: 'Coffee with Priya (Payments)', kind: 'pain', passage: 'When one fails they re-run the whole pipeline, 38 minutes each time.', text: 'A single flaky failure costs Payments a full 38-minute pipeline re-run.', people: ['Priya Raman'], tags: ['flaky tests', 'ci/cd'] },
      { session: 'Coffee with Priya (Payments)', kind: 'quote', passage: "I don't trust a red build anymore. The first thing I do is hit retry.", people: ['Priya Raman'], tags: ['flaky tests'] },
      { session: 'Coffee with Priya (Payments)', kind: 'request', passage: 'Would love to mark a test as quarantined without a code change and a full review cycle.', people: ['Priya Raman'], tags: ['flaky tests'] },
      { session: 'SLA review: route planner API', kind: 'fact', passage: 'p95 is 1.9 s between 06:00 and 08:00; the cluster autoscaler reacts too late.', people: ['Lena Vogel'], tags: ['autoscaling', 'observability'] },
      { session: 'Developer survey, wave 1', kind: 'fact', passage: '61% say CI is the slowest part of their day.', tags: ['ci/cd'] },
      { session: 'Developer survey, wave 1', kind: 'pain', passage: 'Only 22% know how to find the logs of a failed deploy.', tags: ['observability'] },
    ],
    ideas: [
      {
        cycle,
        title: 'Quarantine flaky tests automatically, with an expiry',
        description: 'Tests that flip between fail and pass on one commit stop blocking merges for a while, and the owning team gets a ticket.',
        evidence: ['A single flaky failure costs Payments a full 38-minute pipeline re-run.', 'Would love to mark a test as quarantined without a code change and a full review cycle.'],
      },
      { cycle, title: 'Scale the route planner ahead of the dispatch peak', evidence: ['p95 is 1.9 s between 06:00 and 08:00; the cluster autoscaler reacts too late.'] },
    ],
  };
}
