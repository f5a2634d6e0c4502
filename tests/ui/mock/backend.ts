/**
 * An in-memory stand-in for Groundwork's Rust backend, for driving the built front
 * end in a browser. It answers every command of `ui/src/ipc/client.ts` with the
 * same JSON shapes and the same rules as `groundwork-core` (modes only move
 * forward, a closed cycle refuses every write with `read_only`, deleting moves to
 * the trash, counts ignore the kind filter…), so journeys behave as they would on
 * a real workspace.
 *
 * Tests configure it before the app loads through `window.__GW_MOCK_CONFIG__`
 * (see {@link MockConfig}) and read every call at `window.__GW_MOCK_CALLS__`.
 * `window.__GW_MOCK__` offers a few levers at run time (fail a command, emit an
 * event, read the state).
 */

// ---- DTOs: the very types generated from Rust for the UI (type-only; esbuild drops them) ----

import type {
  Cycle,
  CycleMode,
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
  SourceKindInfo,
  TrashItem,
  WorkspaceInfo,
  WorkspaceStatus,
} from '../../../ui/src/ipc/generated';

export type { IpcError, RecentWorkspace, SessionLink, SourceKind, WorkspaceInfo };

// ---- Configuration ----

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
  participants?: string;
  notes?: string;
  links?: SessionLink[];
  deleted?: boolean;
}

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
  seed?: {
    cycles?: SeedCycle[];
    sessions?: SeedSession[];
    /** Many generated sessions in one cycle: `count` rows, kinds round-robin, one per day back from `lastDay`. */
    bulk?: { cycle: string; count: number; kinds?: SourceKind[]; lastDay?: string; titlePrefix?: string };
  };
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

// ---- The fake store ----

const KINDS: SourceKindInfo[] = [
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
const MODES: CycleMode[] = ['discovery', 'prioritization', 'roadmap', 'closed'];
const MAX_CYCLE_NAME = 120;
const MAX_TITLE = 300;
const MAX_PARTICIPANTS = 2000;
const MAX_NOTES_BYTES = 4 * 1024 * 1024;
const MAX_LINKS = 100;

interface CycleRow {
  id: string;
  name: string;
  mode: CycleMode;
  createdAt: string;
  updatedAt: string;
}
interface SessionRow {
  id: string;
  cycleId: string;
  kind: SourceKind;
  title: string;
  heldOn: string;
  participants: string;
  links: SessionLink[];
  notes: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Thrown by commands; the IPC layer hands it to the UI as `{kind, message}`. */
class Refusal {
  constructor(
    readonly kind: ErrorKind,
    readonly message: string,
  ) {}
  toJSON(): IpcError {
    return { kind: this.kind, message: this.message };
  }
}

const fail = (kind: ErrorKind, message: string): never => {
  throw new Refusal(kind, message);
};

/** Ids that look like UUIDs and sort in creation order, as v7 ones do. */
function idMaker(prefix: string) {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

function stem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The fields a session shows both in its list row and in the editor. */
function listed(s: SessionRow) {
  const { id, cycleId, kind, title, heldOn, participants } = s;
  return { id, cycleId, kind, title, heldOn, participants };
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

function isDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

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
  #cycles: CycleRow[] = [];
  #sessions = new Map<string, SessionRow>();
  #currentCycle: string | null = null;
  #cycleId = idMaker('c0000000');
  #sessionId = idMaker('50000000');
  #clock = 0;
  #seq = 0;

  constructor(config: MockConfig = {}) {
    this.#config = config;
    this.failOn = { ...(config.failOn ?? {}) };
    this.delayMs = { ...(config.delayMs ?? {}) };
    const path = config.workspace?.path ?? '/home/ada/Groundwork/My workspace.groundwork';
    this.#workspace = { path, name: config.workspace?.name ?? stem(path), schemaVersion: config.workspace?.schemaVersion ?? 1 };
    this.#failure = {
      path: config.failure?.path ?? '/home/ada/Documents/notes.groundwork',
      error: config.failure?.error ?? {
        kind: 'workspace_not_database',
        message: 'The file "/home/ada/Documents/notes.groundwork" is not a Groundwork workspace: it is not a database',
      },
    };
    this.#notice = config.notice ?? null;
    this.#status = config.status === 'failed' ? 'failed' : 'open';
    this.#seed();
  }

  // -- time: real wall time, but strictly increasing so orders are stable --
  #now(): string {
    const t = Math.max(Date.now(), this.#clock + 1);
    this.#clock = t;
    return new Date(t).toISOString();
  }

  #seed(): void {
    const seed = this.#config.seed ?? {};
    const base = Date.now() - 30 * 24 * 3600 * 1000;
    (seed.cycles ?? []).forEach((c, i) => {
      const at = new Date(base + i * 60_000).toISOString();
      const row: CycleRow = { id: c.id ?? this.#cycleId(), name: c.name, mode: c.mode ?? 'discovery', createdAt: at, updatedAt: at };
      this.#cycles.push(row);
      if (c.current || this.#currentCycle === null) this.#currentCycle = row.id;
    });
    const cycleOf = (ref: string): CycleRow =>
      this.#cycles.find((c) => c.name === ref || c.id === ref) ?? fail('not_found', `Seed: no cycle "${ref}"`);
    const today = new Date().toISOString().slice(0, 10);
    (seed.sessions ?? []).forEach((s, i) => {
      const at = new Date(base + 3600_000 + i * 1000).toISOString();
      const row: SessionRow = {
        id: s.id ?? this.#sessionId(),
        cycleId: cycleOf(s.cycle).id,
        kind: s.kind ?? 'coffee_chat',
        title: s.title,
        heldOn: s.heldOn ?? addDays(today, -i),
        participants: s.participants ?? '',
        links: s.links ?? [],
        notes: s.notes ?? '',
        createdAt: at,
        updatedAt: at,
        deletedAt: s.deleted ? new Date(base + 7200_000 + i * 1000).toISOString() : null,
      };
      this.#sessions.set(row.id, row);
    });
    if (seed.bulk) {
      const { count, kinds = ['coffee_chat', 'sla_conversation', 'user_survey', 'team_brainstorm'], lastDay = today, titlePrefix = 'Session' } = seed.bulk;
      const cycle = cycleOf(seed.bulk.cycle);
      const at = new Date(base).toISOString();
      for (let i = 0; i < count; i++) {
        // i = 0 is the oldest; the newest is held on `lastDay`.
        const row: SessionRow = {
          id: this.#sessionId(),
          cycleId: cycle.id,
          kind: kinds[i % kinds.length],
          title: `${titlePrefix} ${i + 1}`,
          heldOn: addDays(lastDay, -(count - 1 - i)),
          participants: i % 3 === 0 ? 'Priya (Payments), Tom (SRE)' : '',
          links: [],
          notes: i % 2 === 0 ? `Notes for session ${i + 1}: the refund flow takes too long.` : '',
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        };
        this.#sessions.set(row.id, row);
      }
    }
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

  #dispatch(cmd: string, a: Record<string, unknown>): unknown {
    switch (cmd) {
      case 'workspace_status':
        return this.#describe();
      case 'open_workspace':
        return this.#open(String(a.path ?? ''), 'must_exist');
      case 'open_default_workspace':
        return this.#open(this.#config.workspace?.path ?? '/home/ada/Groundwork/My workspace.groundwork', 'open_or_create');
      case 'choose_workspace_to_open': {
        const picked = this.#config.dialogs?.open ?? null;
        return picked === null ? null : this.#open(picked, 'must_exist');
      }
      case 'choose_new_workspace': {
        const picked = this.#config.dialogs?.create ?? null;
        return picked === null ? null : this.#open(picked.endsWith('.groundwork') ? picked : `${picked}.groundwork`, 'create_new');
      }
      case 'recent_workspaces':
        return this.#config.recent ?? (this.#status === 'open' ? [{ path: this.#workspace.path, name: this.#workspace.name, exists: true }] : []);

      case 'list_cycles':
        this.#needOpen();
        return [...this.#cycles].sort((x, y) => (x.createdAt === y.createdAt ? cmpDesc(x.id, y.id) : cmpDesc(x.createdAt, y.createdAt))).map((c) => this.#cycleDto(c));
      case 'create_cycle':
        return this.#createCycle(a.name);
      case 'rename_cycle':
        return this.#renameCycle(String(a.id), a.name);
      case 'set_current_cycle': {
        this.#needOpen();
        const c = this.#cycle(String(a.id));
        this.#currentCycle = c.id;
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
        return this.#listSessions((a.query ?? {}) as Partial<SessionQuery>);
      case 'get_session':
        this.#needOpen();
        return this.#sessionDto(this.#live(String(a.id)));
      case 'create_session':
        return this.#createSession((a.session ?? {}) as Record<string, unknown>);
      case 'update_session':
        return this.#updateSession(String(a.id), (a.update ?? {}) as Record<string, unknown>);
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
        return [...this.#sessions.values()]
          .filter((s) => s.deletedAt !== null)
          .sort((x, y) => (x.deletedAt === y.deletedAt ? cmpDesc(x.id, y.id) : cmpDesc(x.deletedAt!, y.deletedAt!)))
          .map<TrashItem>((s) => ({
            entity: 'session',
            id: s.id,
            title: s.title,
            context: `${KINDS.find((k) => k.kind === s.kind)?.label ?? 'Session'} · ${this.#cycle(s.cycleId).name}`,
            deletedAt: s.deletedAt!,
          }));
      case 'restore_from_trash': {
        this.#needOpen();
        if (a.entity !== 'session') fail('invalid_input', `Entity: unknown kind "${String(a.entity)}"`);
        const s = this.#sessions.get(String(a.id));
        if (!s || s.deletedAt === null) fail('not_found', `Trashed session ${String(a.id)} was not found`);
        this.#writable(s!.cycleId);
        s!.deletedAt = null;
        return null;
      }

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

      // Window plugin calls made by @tauri-apps/api/window (e.g. destroy after a close request).
      default:
        if (cmd.startsWith('plugin:window|') || cmd.startsWith('plugin:webview|')) return null;
        return fail('internal', `Unknown command ${cmd}`);
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
      this.#workspace = { path, name: stem(path), schemaVersion: 1 };
      this.#cycles = [];
      this.#sessions.clear();
      this.#currentCycle = null;
    }
    return this.#describe();
  }

  #needOpen(): void {
    if (this.#status !== 'open') fail('no_workspace', 'No workspace is open. Open or create one first.');
  }

  // -- cycles --

  #cycle(id: string): CycleRow {
    return this.#cycles.find((c) => c.id === id) ?? fail('not_found', `Cycle ${id} was not found`);
  }

  #writable(id: string): CycleRow {
    const c = this.#cycle(id);
    if (c.mode === 'closed') fail('read_only', `The cycle "${c.name}" is closed and read-only`);
    return c;
  }

  #cycleDto(c: CycleRow): Cycle {
    let count = 0;
    for (const s of this.#sessions.values()) if (s.cycleId === c.id && s.deletedAt === null) count++;
    return { id: c.id, name: c.name, mode: c.mode, current: c.id === this.#currentCycle, sessionCount: count, createdAt: c.createdAt, updatedAt: c.updatedAt };
  }

  #cleanCycleName(name: unknown, except?: string): string {
    const n = String(name ?? '').trim();
    if (!n) fail('invalid_input', 'Name: a cycle needs a name, e.g. "2027 H1 planning"');
    if ([...n].length > MAX_CYCLE_NAME) fail('invalid_input', `Name: keep it under ${MAX_CYCLE_NAME} characters`);
    if (this.#cycles.some((c) => c.id !== except && c.name.toLowerCase() === n.toLowerCase())) {
      fail('duplicate_name', `A cycle named "${n}" already exists`);
    }
    return n;
  }

  #createCycle(name: unknown): Cycle {
    this.#needOpen();
    const n = this.#cleanCycleName(name);
    const at = this.#now();
    const row: CycleRow = { id: this.#cycleId(), name: n, mode: 'discovery', createdAt: at, updatedAt: at };
    this.#cycles.push(row);
    if (this.#currentCycle === null) this.#currentCycle = row.id;
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
    const s = this.#sessions.get(id);
    if (!s || s.deletedAt !== null) fail('not_found', `Session ${id} was not found`);
    return s!;
  }

  #sessionDto(s: SessionRow): Session {
    return {
      ...listed(s),
      links: s.links.map((l) => ({ ...l })),
      notes: s.notes,
      readOnly: this.#cycle(s.cycleId).mode === 'closed',
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  #listSessions(q: Partial<SessionQuery>): SessionList {
    const scope = [...this.#sessions.values()].filter((s) => s.deletedAt === null && (!q.cycleId || s.cycleId === q.cycleId));
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
    const sessions = matching
      .slice(offset, q.limit == null ? undefined : offset + q.limit)
      .map<SessionSummary>((s) => ({
        ...listed(s),
        excerpt: excerpt(s.notes),
        updatedAt: s.updatedAt,
      }));
    return { sessions, offset, counts, total: scope.length, matching: matching.length };
  }

  #checkKind(kind: unknown): SourceKind {
    if (!KINDS.some((k) => k.kind === kind)) fail('invalid_input', `Unknown source kind "${String(kind)}"`);
    return kind as SourceKind;
  }

  #cleanTitle(title: unknown): string {
    const t = String(title ?? '').trim();
    if (!t) fail('invalid_input', 'Title: give the session a title, e.g. "Coffee chat with the payments team"');
    if ([...t].length > MAX_TITLE) fail('invalid_input', `Title: keep the title under ${MAX_TITLE} characters`);
    return t;
  }

  #cleanParticipants(p: unknown): string {
    const t = String(p ?? '').trim();
    if ([...t].length > MAX_PARTICIPANTS) fail('invalid_input', `Participants: keep participants under ${MAX_PARTICIPANTS} characters`);
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

  #createSession(n: Record<string, unknown>): Session {
    this.#needOpen();
    const cycle = this.#writable(String(n.cycleId ?? ''));
    const title = this.#cleanTitle(n.title);
    const kind = this.#checkKind(n.kind);
    if (!isDay(n.heldOn)) fail('invalid_input', `Held on: "${String(n.heldOn)}" is not a date`);
    const participants = this.#cleanParticipants(n.participants);
    const links = this.#cleanLinks(n.links);
    const notes = this.#checkNotes(n.notes);
    const at = this.#now();
    const row: SessionRow = {
      id: this.#sessionId(),
      cycleId: cycle.id,
      kind,
      title,
      heldOn: n.heldOn as string,
      participants,
      links,
      notes,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    this.#sessions.set(row.id, row);
    return this.#sessionDto(row);
  }

  #updateSession(id: string, u: Record<string, unknown>): Session {
    this.#needOpen();
    const s = this.#live(id);
    this.#writable(s.cycleId);
    const title = this.#cleanTitle(u.title);
    const kind = this.#checkKind(u.kind);
    if (!isDay(u.heldOn)) fail('invalid_input', `Held on: "${String(u.heldOn)}" is not a date`);
    const participants = this.#cleanParticipants(u.participants);
    const links = this.#cleanLinks(u.links);
    Object.assign(s, { title, kind, heldOn: u.heldOn as string, participants, links, updatedAt: this.#now() });
    return this.#sessionDto(s);
  }

  #saveNotes(id: string, notes: unknown): NotesSaved {
    this.#needOpen();
    const text = this.#checkNotes(notes);
    const s = this.#live(id);
    this.#writable(s.cycleId);
    if (s.notes === text) return { updatedAt: s.updatedAt, excerpt: excerpt(text) };
    s.notes = text;
    s.updatedAt = this.#now();
    return { updatedAt: s.updatedAt, excerpt: excerpt(text) };
  }

  // -- for tests --

  /** A plain copy of the store, for assertions. */
  snapshot() {
    return {
      status: this.#status,
      workspace: { ...this.#workspace },
      currentCycle: this.#currentCycle,
      cycles: this.#cycles.map((c) => this.#cycleDto(c)),
      sessions: [...this.#sessions.values()].map((s) => ({ ...s, links: s.links.map((l) => ({ ...l })) })),
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function cmpDesc(a: string, b: string): number {
  return -cmp(a, b);
}

function cloneArgs(args: Record<string, unknown>): unknown {
  try {
    return JSON.parse(JSON.stringify(args));
  } catch {
    return '[unserializable]';
  }
}
