/**
 * An in-memory stand-in for Groundwork's Rust backend, for driving the built front
 * end in a browser. It answers every command of `ui/src/ipc/client.ts` with the
 * same JSON shapes and the same rules as `groundwork-core` (modes only move
 * forward, a closed cycle refuses every write with `read_only`, deleting moves to
 * the trash, counts ignore the kind filter…), so journeys behave as they would on
 * a real workspace.
 *
 * This file holds the workspace, cycles, sessions and the trash; the discovery
 * register (people, teams, observations, tags, ideas, merges, search, coverage,
 * templates) is in `discovery.ts`, its word and passage rules in `text.ts`, seeding
 * (and the sample workspace) in `seed.ts`, the shared rows and seed shapes in `common.ts`.
 *
 * Tests configure it before the app loads through `window.__GW_MOCK_CONFIG__`
 * (see {@link MockConfig}) and read every call at `window.__GW_MOCK_CALLS__`.
 * `window.__GW_MOCK__` offers a few levers at run time (fail a command, emit an
 * event, read the state).
 */

// ---- DTOs: the very types generated from Rust for the UI (type-only; esbuild drops them) ----

import type {
  Cycle,
  ErrorKind,
  IpcError,
  KindCount,
  NotesSaved,
  RecentWorkspace,
  Session,
  SessionLink,
  SessionList,
  SessionQuery,
  SessionSummary,
  SourceKind,
  TrashEntity,
  TrashItem,
  WorkspaceInfo,
  WorkspaceStatus,
} from '../../../ui/src/ipc/generated';
import {
  type Args,
  type CycleRow,
  type Seed,
  type SessionRow,
  type World,
  Ids,
  KINDS,
  MODES,
  Refusal,
  charCount,
  cmp,
  cmpDesc,
  emptyWorld,
  fail,
  isDay,
  kindLabel,
  record,
  strings,
} from './common';
import { Register } from './discovery';
import { plantSeed, sampleSeed } from './seed';

export type { IpcError, RecentWorkspace, SessionLink, SourceKind, WorkspaceInfo };
export type { Seed, SeedCycle, SeedIdea, SeedObservation, SeedPerson, SeedSession, SeedTag, SeedTeam } from './common';

// ---- Configuration ----

/** An injected failure: the command throws `{kind, message}` for the next `times` calls (all, when absent). */
export interface Failure {
  kind: ErrorKind;
  message: string;
  times?: number;
}

export interface MockConfig {
  /** What `workspace_status` answers. Default: an open workspace. */
  status?: 'open' | 'failed';
  workspace?: Partial<WorkspaceInfo>;
  /** The failure `workspace_status` reports when `status` is 'failed'. */
  failure?: { path?: string; error?: IpcError };
  /** A notice shown once the workspace opens (a migration). */
  notice?: string | null;
  /** What the open workspace holds (see {@link Seed}). */
  seed?: Seed;
  failOn?: Record<string, Failure>;
  /** Milliseconds to wait before answering, per command. */
  delayMs?: Record<string, number>;
  recent?: RecentWorkspace[];
  /** What the native file dialogs "pick": a path, or null for Cancel (the default). */
  dialogs?: { open?: string | null; create?: string | null };
}

export interface CallRecord {
  seq: number;
  cmd: string;
  args: unknown;
  ok: boolean;
  error?: IpcError;
  at: number;
}

// ---- limits, as in core ----

const MAX_CYCLE_NAME = 120;
const MAX_TITLE = 300;
const MAX_NOTES_BYTES = 4 * 1024 * 1024;
const MAX_LINKS = 100;
const MAX_LINK = 4096;
/** The schema core writes (migrations 0001 to 0003). */
const SCHEMA_VERSION = 3;
const DEFAULT_PATH = '/home/ada/Groundwork/My workspace.groundwork';
const SAMPLE_NAME = 'Northwind Freight sample';

function stem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The first words of some Markdown as plain text, as core's `excerpt` makes them. */
function excerpt(markdown: string): string {
  let out = '';
  for (const raw of markdown.slice(0, 400).split('\n')) {
    const line = raw.trim().replace(/^[#>\-*+ ]+/, '').trim();
    if (!line) continue;
    if (out) out += ' ';
    out += line.replace(/[*_`]/g, '');
    if ([...out].length >= 160) break;
  }
  const chars = [...out];
  return chars.length > 160 ? chars.slice(0, 159).join('') + '…' : out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A small, safe Markdown subset: headings, bullet lists, paragraphs, bold. Everything is escaped first. */
export function renderMarkdown(md: string): string {
  const inline = (s: string) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  const out: string[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map(inline).join('\n')}</p>`);
    if (list.length) out.push(`<ul>${list.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`);
    para = [];
    list = [];
  };
  for (const line of md.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*+]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (item) {
      if (para.length) flush();
      list.push(item[1]);
    } else if (line.trim() === '') {
      flush();
    } else {
      if (list.length) flush();
      para.push(line);
    }
  }
  flush();
  return out.join('\n');
}

const REGISTER_TRASH: TrashEntity[] = ['observation', 'person', 'team', 'tag', 'idea'];

export class FakeBackend {
  calls: CallRecord[] = [];
  failOn: Record<string, Failure>;
  delayMs: Record<string, number>;
  /** Links the UI asked to open in the browser. */
  opened: string[] = [];

  #config: MockConfig;
  #status: 'open' | 'failed' | 'none';
  #workspace: WorkspaceInfo;
  #failure: { path: string; error: IpcError };
  #notice: string | null;
  /** The open workspace's rows; replaced when another workspace opens. */
  #w: World = emptyWorld();
  #ids = new Ids();
  #register: Register;
  #clock = 0;
  #seq = 0;

  constructor(config: MockConfig = {}) {
    this.#config = config;
    this.failOn = { ...(config.failOn ?? {}) };
    this.delayMs = { ...(config.delayMs ?? {}) };
    const path = config.workspace?.path ?? DEFAULT_PATH;
    this.#workspace = { path, name: config.workspace?.name ?? stem(path), schemaVersion: config.workspace?.schemaVersion ?? SCHEMA_VERSION };
    this.#failure = {
      path: config.failure?.path ?? '/home/ada/Documents/notes.groundwork',
      error: config.failure?.error ?? {
        kind: 'workspace_not_database',
        message: 'The file "/home/ada/Documents/notes.groundwork" is not a Groundwork workspace: it is not a database',
      },
    };
    this.#notice = config.notice ?? null;
    this.#status = config.status === 'failed' ? 'failed' : 'open';
    this.#register = new Register({
      world: () => this.#w,
      ids: this.#ids,
      now: () => this.#now(),
      today: () => this.#today(),
      cycle: (id) => this.#cycle(id),
      writable: (id) => this.#writable(id),
    });
    plantSeed(config.seed ?? {}, this.#w, this.#ids);
  }

  // -- time: real wall time, but strictly increasing so orders are stable --
  #now(): string {
    const t = Math.max(Date.now(), this.#clock + 1);
    this.#clock = t;
    return new Date(t).toISOString();
  }

  /** Today as core's clock sees it (UTC). */
  #today(): string {
    return new Date(Math.max(Date.now(), this.#clock)).toISOString().slice(0, 10);
  }

  // -- dispatch --

  /** Answers one IPC call; throws `{kind, message}` like the real shell. */
  async handle(cmd: string, args: Record<string, unknown> = {}): Promise<unknown> {
    const seq = ++this.#seq;
    const record: CallRecord = { seq, cmd, args: cloneArgs(args), ok: true, at: Date.now() };
    this.calls.push(record);
    const delay = this.delayMs[cmd];
    if (delay) await new Promise((r) => setTimeout(r, delay));
    try {
      const injected = this.failOn[cmd];
      if (injected) {
        if (injected.times !== undefined) {
          injected.times -= 1;
          if (injected.times <= 0) delete this.failOn[cmd];
        }
        throw new Refusal(injected.kind, injected.message);
      }
      const result = this.#dispatch(cmd, args);
      // Everything crosses IPC as JSON: the UI never shares objects with the store.
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (e) {
      const error: IpcError =
        e instanceof Refusal ? e.toJSON() : { kind: 'internal', message: `Mock backend bug in ${cmd}: ${e instanceof Error ? e.message : String(e)}` };
      record.ok = false;
      record.error = error;
      throw error;
    }
  }

  #dispatch(cmd: string, a: Args): unknown {
    switch (cmd) {
      case 'workspace_status':
        return this.#describe();
      case 'open_workspace':
        return this.#open(String(a.path ?? ''), 'must_exist');
      case 'open_default_workspace':
        return this.#open(this.#config.workspace?.path ?? DEFAULT_PATH, 'open_or_create');
      case 'choose_workspace_to_open': {
        const picked = this.#config.dialogs?.open ?? null;
        return picked === null ? null : this.#open(picked, 'must_exist');
      }
      case 'choose_new_workspace': {
        const picked = this.#config.dialogs?.create ?? null;
        return picked === null ? null : this.#open(picked.endsWith('.groundwork') ? picked : `${picked}.groundwork`, 'create_new');
      }
      case 'open_sample_workspace':
        return this.#openSample();
      case 'check_workspace':
        // The seeded workspace is sound; a journey injects damage with `failOn`.
        return null;
      case 'recent_workspaces':
        return this.#config.recent ?? (this.#status === 'open' ? [{ path: this.#workspace.path, name: this.#workspace.name, exists: true }] : []);

      case 'list_cycles':
        this.#needOpen();
        return [...this.#w.cycles].sort((x, y) => (x.createdAt === y.createdAt ? cmpDesc(x.id, y.id) : cmpDesc(x.createdAt, y.createdAt))).map((c) => this.#cycleDto(c));
      case 'create_cycle':
        return this.#createCycle(a.name);
      case 'rename_cycle':
        return this.#renameCycle(String(a.id), a.name);
      case 'set_current_cycle': {
        this.#needOpen();
        const c = this.#cycle(String(a.id));
        this.#w.currentCycle = c.id;
        return this.#cycleDto(c);
      }
      case 'advance_cycle': {
        this.#needOpen();
        const c = this.#cycle(String(a.id));
        const i = MODES.indexOf(c.mode);
        if (i === MODES.length - 1) fail('read_only', `The cycle "${c.name}" is already closed`);
        c.mode = MODES[i + 1];
        c.updatedAt = this.#now();
        return this.#cycleDto(c);
      }

      case 'list_source_kinds':
        return KINDS;
      case 'list_sessions':
        this.#needOpen();
        return this.#listSessions(record(a.query) as Partial<SessionQuery>);
      case 'get_session':
        this.#needOpen();
        return this.#sessionDto(this.#live(String(a.id)));
      case 'create_session':
        return this.#createSession(record(a.session));
      case 'update_session':
        return this.#updateSession(String(a.id), record(a.update));
      case 'save_notes':
        return this.#saveNotes(String(a.id), a.notes);
      case 'delete_session': {
        this.#needOpen();
        const s = this.#live(String(a.id));
        this.#writable(s.cycleId);
        s.deletedAt = this.#now();
        return null;
      }

      case 'list_trash':
        this.#needOpen();
        return this.#listTrash();
      case 'restore_from_trash':
        this.#needOpen();
        return this.#restore(a.entity, String(a.id));

      case 'render_markdown':
        return renderMarkdown(String(a.markdown ?? ''));
      case 'open_external': {
        const url = String(a.url ?? '');
        const lower = url.trim().toLowerCase();
        if (!(lower.startsWith('https://') || lower.startsWith('http://') || lower.startsWith('mailto:'))) {
          fail('invalid_input', `Only web (http, https) and mail links can be opened, not "${url}"`);
        }
        this.opened.push(url.trim());
        return null;
      }
      case 'startup_painted':
        return null;

      default: {
        // People, teams, observations, tags, ideas, merges, search, coverage, templates.
        const commands = this.#register.commands;
        if (Object.hasOwn(commands, cmd)) {
          this.#needOpen();
          return commands[cmd](a);
        }
        // Window plugin calls made by @tauri-apps/api/window (e.g. destroy after a close request).
        if (cmd.startsWith('plugin:window|') || cmd.startsWith('plugin:webview|')) return null;
        return fail('internal', `Unknown command ${cmd}`);
      }
    }
  }

  // -- workspace --

  #describe(): WorkspaceStatus {
    if (this.#status === 'open') {
      const notice = this.#notice;
      this.#notice = null;
      return { state: 'open', workspace: { ...this.#workspace }, notice };
    }
    if (this.#status === 'failed') return { state: 'failed', path: this.#failure.path, error: { ...this.#failure.error } };
    return { state: 'failed', path: '', error: { kind: 'no_workspace', message: 'No workspace is open. Open or create one first.' } };
  }

  #open(path: string, mode: 'must_exist' | 'open_or_create' | 'create_new'): WorkspaceStatus {
    const known = (this.#config.recent ?? []).find((r) => r.path === path);
    if (mode === 'must_exist' && known && !known.exists) {
      const failed: WorkspaceStatus = { state: 'failed', path, error: { kind: 'workspace_missing', message: `There is no workspace at ${path}` } };
      if (this.#status !== 'open') {
        this.#status = 'failed';
        this.#failure = { path, error: failed.error };
      }
      return failed;
    }
    const same = path === this.#workspace.path;
    this.#status = 'open';
    if (!same || mode === 'create_new') {
      // Another file: start from an empty workspace.
      this.#workspace = { path, name: stem(path), schemaVersion: SCHEMA_VERSION };
      this.#w = emptyWorld();
    }
    return this.#describe();
  }

  /** The sample workspace, beside the default one: made afresh unless it is the one open. */
  #openSample(): WorkspaceStatus {
    const beside = this.#config.workspace?.path ?? DEFAULT_PATH;
    const path = `${beside.slice(0, Math.max(beside.lastIndexOf('/'), beside.lastIndexOf('\\')) + 1)}${SAMPLE_NAME}.groundwork`;
    if (this.#status !== 'open' || this.#workspace.path !== path) {
      this.#status = 'open';
      this.#workspace = { path, name: SAMPLE_NAME, schemaVersion: SCHEMA_VERSION };
      this.#w = emptyWorld();
      plantSeed(sampleSeed(this.#today()), this.#w, this.#ids);
    }
    return this.#describe();
  }

  #needOpen(): void {
    if (this.#status !== 'open') fail('no_workspace', 'No workspace is open. Open or create one first.');
  }

  // -- cycles --

  #cycle(id: string): CycleRow {
    return this.#w.cycles.find((c) => c.id === id) ?? fail('not_found', `Cycle ${id} was not found`);
  }

  #writable(id: string): CycleRow {
    const c = this.#cycle(id);
    if (c.mode === 'closed') fail('read_only', `The cycle "${c.name}" is closed and read-only`);
    return c;
  }

  #cycleDto(c: CycleRow): Cycle {
    let count = 0;
    for (const s of this.#w.sessions.values()) if (s.cycleId === c.id && s.deletedAt === null) count++;
    const allows = { capture: c.mode !== 'closed', judge: c.mode === 'prioritization' || c.mode === 'roadmap', planRoadmap: c.mode === 'roadmap', showsJudgement: c.mode !== 'discovery' };
    return { id: c.id, name: c.name, mode: c.mode, allows, current: c.id === this.#w.currentCycle, sessionCount: count, createdAt: c.createdAt, updatedAt: c.updatedAt };
  }

  #cleanCycleName(name: unknown, except?: string): string {
    const n = String(name ?? '').trim();
    if (!n) fail('invalid_input', 'Name: a cycle needs a name, e.g. "2027 H1 planning"');
    if ([...n].length > MAX_CYCLE_NAME) fail('invalid_input', `Name: keep it under ${MAX_CYCLE_NAME} characters`);
    if (this.#w.cycles.some((c) => c.id !== except && c.name.toLowerCase() === n.toLowerCase())) {
      fail('duplicate_name', `A cycle named "${n}" already exists`);
    }
    return n;
  }

  #createCycle(name: unknown): Cycle {
    this.#needOpen();
    const n = this.#cleanCycleName(name);
    const at = this.#now();
    const row: CycleRow = { id: this.#ids.cycle(), name: n, mode: 'discovery', createdAt: at, updatedAt: at };
    this.#w.cycles.push(row);
    if (this.#w.currentCycle === null) this.#w.currentCycle = row.id;
    return this.#cycleDto(row);
  }

  #renameCycle(id: string, name: unknown): Cycle {
    this.#needOpen();
    const c = this.#writable(id);
    const n = this.#cleanCycleName(name, id);
    if (n !== c.name) {
      c.name = n;
      c.updatedAt = this.#now();
    }
    return this.#cycleDto(c);
  }

  // -- sessions --

  #live(id: string): SessionRow {
    const s = this.#w.sessions.get(id);
    if (!s || s.deletedAt !== null) fail('not_found', `Session ${id} was not found`);
    return s!;
  }

  #sessionDto(s: SessionRow): Session {
    return {
      id: s.id,
      cycleId: s.cycleId,
      kind: s.kind,
      title: s.title,
      heldOn: s.heldOn,
      people: this.#register.sessionPeople(s),
      links: s.links.map((l) => ({ ...l })),
      notes: s.notes,
      readOnly: this.#cycle(s.cycleId).mode === 'closed',
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  #listSessions(q: Partial<SessionQuery>): SessionList {
    const scope = [...this.#w.sessions.values()].filter((s) => s.deletedAt === null && (!q.cycleId || s.cycleId === q.cycleId));
    const perKind = new Map<SourceKind, number>();
    for (const s of scope) perKind.set(s.kind, (perKind.get(s.kind) ?? 0) + 1);
    const counts = KINDS.filter((k) => perKind.has(k.kind)).map<KindCount>((k) => ({ kind: k.kind, count: perKind.get(k.kind)! }));
    const kinds = q.kinds ?? [];
    const oldest = q.sort === 'oldest_first';
    const matching = scope
      .filter((s) => kinds.length === 0 || kinds.includes(s.kind))
      .sort((x, y) => {
        const c = x.heldOn === y.heldOn ? cmp(x.id, y.id) : cmp(x.heldOn, y.heldOn);
        return oldest ? c : -c;
      });
    // Pages like core: `offset` rows skipped, at most `limit` returned.
    const offset = q.offset ?? 0;
    const sessions = matching.slice(offset, q.limit == null ? undefined : offset + q.limit).map<SessionSummary>((s) => ({
      id: s.id,
      cycleId: s.cycleId,
      kind: s.kind,
      title: s.title,
      heldOn: s.heldOn,
      participants: this.#register.participants(s),
      excerpt: excerpt(s.notes),
      updatedAt: s.updatedAt,
    }));
    return { sessions, offset, counts, total: scope.length, matching: matching.length };
  }

  #checkKind(kind: unknown): SourceKind {
    if (!KINDS.some((k) => k.kind === kind)) fail('invalid_input', `Unknown source kind "${String(kind)}"`);
    return kind as SourceKind;
  }

  #checkDay(heldOn: unknown): string {
    if (!isDay(heldOn)) fail('invalid_input', `Held on: "${String(heldOn)}" is not a date`);
    return heldOn as string;
  }

  #cleanTitle(title: unknown): string {
    const t = String(title ?? '').trim();
    if (!t) fail('invalid_input', 'Title: give the session a title, e.g. "Coffee chat with the payments team"');
    if ([...t].length > MAX_TITLE) fail('invalid_input', `Title: keep the title under ${MAX_TITLE} characters`);
    return t;
  }

  #cleanLinks(links: unknown): SessionLink[] {
    const list = Array.isArray(links) ? (links as SessionLink[]) : [];
    if (list.length > MAX_LINKS) fail('invalid_input', `Links: a session holds at most ${MAX_LINKS} links`);
    const out: SessionLink[] = [];
    for (const l of list) {
      const url = String(l?.url ?? '').trim();
      const label = String(l?.label ?? '').trim();
      if (!url && !label) continue;
      if (!url) fail('invalid_input', `Links: the link "${label}" has no address`);
      // eslint-disable-next-line no-control-regex
      if (charCount(url) > MAX_LINK || /[\u0000-\u001f\u007f-\u009f]/.test(url)) {
        fail('invalid_input', 'Links: a link address is too long or holds control characters');
      }
      out.push({ url, label });
    }
    return out;
  }

  #checkNotes(notes: unknown): string {
    const n = String(notes ?? '');
    const bytes = new TextEncoder().encode(n).length;
    if (bytes > MAX_NOTES_BYTES) {
      fail('invalid_input', `Notes: these notes are ${(bytes / 1048576).toFixed(1)} MiB; one session holds at most 4 MiB. Split them into several sessions.`);
    }
    return n;
  }

  #createSession(n: Args): Session {
    this.#needOpen();
    const cycle = this.#writable(String(n.cycleId ?? ''));
    const kind = this.#checkKind(n.kind);
    const heldOn = this.#checkDay(n.heldOn);
    const title = this.#cleanTitle(n.title);
    const links = this.#cleanLinks(n.links);
    // Absent notes start from the kind's template (the workspace's own, or the built-in one).
    const notes = this.#checkNotes(n.notes == null ? this.#register.template(kind).body : n.notes);
    const people = this.#register.checkPeople(strings(n.people));
    const at = this.#now();
    const row: SessionRow = { id: this.#ids.session(), cycleId: cycle.id, kind, title, heldOn, people, links, notes, createdAt: at, updatedAt: at, deletedAt: null };
    this.#w.sessions.set(row.id, row);
    return this.#sessionDto(row);
  }

  #updateSession(id: string, u: Args): Session {
    this.#needOpen();
    const s = this.#live(id);
    this.#writable(s.cycleId);
    const kind = this.#checkKind(u.kind);
    const heldOn = this.#checkDay(u.heldOn);
    const title = this.#cleanTitle(u.title);
    const links = this.#cleanLinks(u.links);
    const people = this.#register.checkPeople(strings(u.people));
    Object.assign(s, { title, kind, heldOn, people, links, updatedAt: this.#now() });
    return this.#sessionDto(s);
  }

  #saveNotes(id: string, notes: unknown): NotesSaved {
    this.#needOpen();
    const text = this.#checkNotes(notes);
    const s = this.#live(id);
    this.#writable(s.cycleId);
    // Unchanged notes keep their time; changed ones move their observations' passages along.
    if (s.notes !== text) {
      s.notes = text;
      s.updatedAt = this.#now();
      this.#register.reanchor(s.id, text);
    }
    return { updatedAt: s.updatedAt, excerpt: excerpt(text) };
  }

  // -- trash --

  #listTrash(): TrashItem[] {
    const sessions = [...this.#w.sessions.values()]
      .filter((s) => s.deletedAt !== null)
      .map<TrashItem>((s) => ({
        entity: 'session',
        id: s.id,
        title: s.title,
        context: `${kindLabel(s.kind)} · ${this.#cycle(s.cycleId).name}`,
        deletedAt: s.deletedAt!,
      }));
    return [...sessions, ...this.#register.trashItems()].sort((x, y) => cmpDesc(x.deletedAt, y.deletedAt) || cmpDesc(x.id, y.id));
  }

  #restore(entity: unknown, id: string): null {
    if (entity === 'session') {
      const s = this.#w.sessions.get(id);
      if (!s || s.deletedAt === null) fail('not_found', `Trashed session ${id} was not found`);
      this.#writable(s!.cycleId);
      s!.deletedAt = null;
      return null;
    }
    if (!REGISTER_TRASH.includes(entity as TrashEntity)) fail('invalid_input', `Entity: unknown kind "${String(entity)}"`);
    return this.#register.restore(entity as Exclude<TrashEntity, 'session'>, id);
  }

  // -- for tests --

  /**
   * A plain copy of the store, for assertions: the rows as stored (links as ids, with
   * `deletedAt`, `mergedInto`…), plus each session's `participants` and each tag's live
   * `count`. Observations made by `seed.bulkObservations` are only counted, in
   * `generatedObservations` (there may be 100,000).
   */
  snapshot() {
    const w = this.#w;
    const tagCounts = new Map<string, number>();
    let generatedObservations = 0;
    for (const o of w.observations.values()) {
      if (o.generated && o.deletedAt === null) generatedObservations++;
      if (o.deletedAt === null) for (const t of o.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    }
    return {
      status: this.#status,
      workspace: { ...this.#workspace },
      currentCycle: w.currentCycle,
      cycles: w.cycles.map((c) => this.#cycleDto(c)),
      sessions: [...w.sessions.values()].map((s) => ({
        ...s,
        people: [...s.people],
        participants: this.#register.participants(s),
        links: s.links.map((l) => ({ ...l })),
      })),
      teams: [...w.teams.values()].map((t) => ({ ...t })),
      people: [...w.people.values()].map((p) => ({ ...p })),
      tags: [...w.tags.values()].map((t) => ({ ...t, count: tagCounts.get(t.id) ?? 0 })),
      observations: [...w.observations.values()].filter((o) => !o.generated).map((o) => ({ ...o, people: [...o.people], tags: [...o.tags] })),
      generatedObservations,
      ideas: [...w.ideas.values()].map((i) => ({ ...i, evidence: [...i.evidence] })),
      merges: [...w.merges.values()].map((m) => ({ ...m, moved: m.moved.map((l) => ({ ...l })) })),
      templates: Object.fromEntries(w.templates),
      askLoadThreshold: w.askLoadThreshold,
    };
  }
}

function cloneArgs(args: Record<string, unknown>): unknown {
  try {
    return JSON.parse(JSON.stringify(args));
  } catch {
    return '[unserializable]';
  }
}
