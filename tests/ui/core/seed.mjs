// Plants a journey's `seed` in its workspace through real operations of the test
// server, in the order a person would make them: the register (teams, people, tags),
// cycles, sessions, observations and ideas; then the trash; then each cycle moves on
// to its mode (ideas are scored on the way, once judging is allowed); last, the
// current cycle. A seed that names something missing fails at once.
//
// The seed's shape (names refer to things by name or by the seed's own id):
//   cycles:       [{ id?, name, mode?, current? }]
//   teams:        [{ id?, name, orgArea?, segment?, deleted? }]
//   people:       [{ id?, name, team?, role?, relation?, goals?, support?, interaction?, deleted? }]
//   tags:         [{ id?, name, colour?, group?, deleted? }]
//   sessions:     [{ id?, cycle, title, kind?, heldOn?, participants? ("A, B"), people?, notes?, links?, tags?, deleted? }]
//   observations: [{ id?, session? | cycle?, kind?, text?, passage?, people?, tags?, observedOn?, deleted? }]
//   ideas:        [{ id?, cycle, title, description?, evidence? (texts or ids), tags?, score?, effort?, deleted? }]
//   bulk:             { cycle, count, kinds?, lastDay?, titlePrefix? }   many sessions
//   bulkObservations: { cycle, count }                                 many observations
//   askLoadThreshold, templates: { kind: body }
//
// Returns `ids`: the seed's own ids (and names) mapped to the real ids core gave.

const MODES = ['discovery', 'prioritization', 'roadmap', 'closed'];

/** `YYYY-MM-DD` `days` after `day`. */
export function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function seedError(message) {
  throw new Error(`Seed: ${message}`);
}

export async function plantSeed(server, seed = {}) {
  const op = (name, input) => server.op(name, input);
  const today = new Date().toISOString().slice(0, 10);
  /** Seed id or name → real id, per kind of thing. */
  const ids = { cycle: new Map(), team: new Map(), person: new Map(), tag: new Map(), session: new Map(), observation: new Map(), idea: new Map() };
  const remember = (kind, row, real) => {
    if (row.id) ids[kind].set(row.id, real);
    ids[kind].set(row.name ?? row.title ?? row.text, real);
    return real;
  };
  const lookup = (kind, ref) => ids[kind].get(ref) ?? [...ids[kind].entries()].find(([k]) => typeof k === 'string' && k.toLowerCase() === String(ref).toLowerCase())?.[1];
  const trash = [];

  if (seed.askLoadThreshold !== undefined) await op('set_ask_load_threshold', { threshold: seed.askLoadThreshold });
  for (const [kind, body] of Object.entries(seed.templates ?? {})) await op('set_template', { kind, body });

  for (const t of seed.teams ?? []) {
    const team = await op('create_team', { team: { name: t.name, orgArea: t.orgArea ?? '', segment: t.segment ?? '' } });
    remember('team', t, team.id);
    if (t.deleted) trash.push(['delete_team', team.id]);
  }
  const personRef = async (ref) => {
    const known = lookup('person', ref);
    if (known) return known;
    const person = await op('create_person', { person: { name: ref } });
    return remember('person', { name: ref }, person.id);
  };
  for (const p of seed.people ?? []) {
    const teamId = p.team ? (lookup('team', p.team) ?? seedError(`no team "${p.team}"`)) : undefined;
    const person = await op('create_person', {
      person: { name: p.name, teamId, role: p.role ?? '', relation: p.relation ?? 'internal_user', goals: p.goals ?? '', support: p.support ?? '', interaction: p.interaction ?? '' },
    });
    remember('person', p, person.id);
    if (p.deleted) trash.push(['delete_person', person.id]);
  }
  const tagRef = async (ref) => {
    const known = lookup('tag', ref);
    if (known) return known;
    const tag = await op('create_tag', { tag: { name: ref } });
    return remember('tag', { name: ref }, tag.id);
  };
  for (const t of seed.tags ?? []) {
    const tag = await op('create_tag', { tag: { name: t.name, colour: t.colour, group: t.group } });
    remember('tag', t, tag.id);
    if (t.deleted) trash.push(['delete_tag', tag.id]);
  }

  for (const c of seed.cycles ?? []) {
    const cycle = await op('create_cycle', { name: c.name });
    remember('cycle', c, cycle.id);
  }
  const cycleOf = (ref) => lookup('cycle', ref) ?? seedError(`no cycle "${ref}"`);

  const notesOf = new Map();
  for (const [i, s] of (seed.sessions ?? []).entries()) {
    const names = (s.participants ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    const people = [];
    for (const ref of [...names, ...(s.people ?? [])]) {
      const id = await personRef(ref);
      if (!people.includes(id)) people.push(id);
    }
    const notes = s.notes ?? '';
    const tags = [];
    for (const ref of s.tags ?? []) tags.push(await tagRef(ref));
    const session = await op('create_session', {
      session: { cycleId: cycleOf(s.cycle), kind: s.kind ?? 'coffee_chat', title: s.title, heldOn: s.heldOn ?? addDays(today, -i), people, links: s.links ?? [], tags: [...new Set(tags)], notes },
    });
    remember('session', s, session.id);
    notesOf.set(session.id, notes);
    if (s.deleted) trash.push(['delete_session', session.id]);
  }
  if (seed.bulk) await server.bulk('sessions', { ...seed.bulk, cycle: cycleOf(seed.bulk.cycle) });

  for (const o of seed.observations ?? []) {
    const sessionId = o.session === undefined ? undefined : (lookup('session', o.session) ?? seedError(`no session "${o.session}"`));
    if (o.passage && sessionId && !notesOf.get(sessionId).includes(o.passage)) seedError(`the passage "${o.passage}" is not in the notes of "${o.session}"`);
    const people = [];
    for (const ref of o.people ?? []) people.push(await personRef(ref));
    const tags = [];
    for (const ref of o.tags ?? []) tags.push(await tagRef(ref));
    const observation = await op('create_observation', {
      observation: {
        sessionId,
        cycleId: sessionId ? undefined : o.cycle !== undefined ? cycleOf(o.cycle) : (await op('list_cycles', {})).find((c) => c.current)?.id ?? seedError('an observation needs a cycle'),
        kind: o.kind ?? 'pain',
        text: o.text ?? '',
        passage: o.passage,
        people: [...new Set(people)],
        tags: [...new Set(tags)],
        observedOn: o.observedOn,
      },
    });
    if (o.id) ids.observation.set(o.id, observation.id);
    ids.observation.set(observation.text, observation.id);
    if (o.deleted) trash.push(['delete_observation', observation.id]);
  }
  if (seed.bulkObservations) await server.bulk('observations', { ...seed.bulkObservations, cycle: cycleOf(seed.bulkObservations.cycle) });

  const scores = [];
  for (const i of seed.ideas ?? []) {
    const evidence = (i.evidence ?? []).map((ref) => lookup('observation', ref) ?? seedError(`no observation "${ref}"`));
    const tags = [];
    for (const ref of i.tags ?? []) tags.push(await tagRef(ref));
    const idea = await op('create_idea', { cycleId: cycleOf(i.cycle), idea: { title: i.title, description: i.description ?? '', evidence: [...new Set(evidence)], tags: [...new Set(tags)] } });
    remember('idea', i, idea.id);
    if (i.score !== undefined || i.effort !== undefined) scores.push([cycleOf(i.cycle), idea.id, { score: i.score, effort: i.effort }]);
    if (i.deleted) trash.push(['delete_idea', idea.id]);
  }

  // The trash, in seed order, before any cycle closes (a closed cycle changes no more).
  for (const [name, id] of trash) await op(name, { id });

  for (const c of seed.cycles ?? []) {
    const target = MODES.indexOf(c.mode ?? 'discovery');
    if (target < 0) seedError(`no mode "${c.mode}"`);
    const id = cycleOf(c.name);
    for (let mode = 0; mode < target; mode++) {
      await op('advance_cycle', { id });
      // Judging is allowed from prioritization on: score this cycle's ideas there.
      if (mode === 0) for (const [cycle, idea, assessment] of scores) if (cycle === id) await op('assess_idea', { id: idea, assessment });
    }
  }
  const current = (seed.cycles ?? []).find((c) => c.current);
  if (current) await op('set_current_cycle', { id: cycleOf(current.name) });
  return ids;
}
