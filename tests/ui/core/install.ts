/**
 * The journeys' IPC, installed before the app's own scripts (bundled to an IIFE for
 * Playwright's `page.addInitScript`). Every workspace operation goes to real core:
 * the test server (`tests/server`) runs the operation table on a temporary workspace
 * of this journey. Only what a browser cannot get from core stays here: injected
 * failures (an error, a delay, a call held until released), the file dialogs, the
 * window's events, and the shell's choice of which file is open.
 *
 *   window.__GW_TEST_CONFIG__  read here (TestConfig)
 *   window.__GW_MOCK_CALLS__   every IPC call, in order: { seq, cmd, args, ok, error? }
 *   window.__GW_MOCK__         levers: fail(cmd, failure|null), release(cmd), emit(event, payload), opened()
 */
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { IpcError, RecentWorkspace, WorkspaceInfo, WorkspaceStatus } from '../../../ui/src/ipc/generated';

/** An injected failure: the command throws `{kind, message}` for the next `times` calls (all, when absent). */
export interface Failure {
  kind: IpcError['kind'];
  message: string;
  times?: number;
}

export interface TestConfig {
  /** The test server, e.g. http://127.0.0.1:41234. */
  server: string;
  /** This journey's workspace on the server. */
  workspaceId: string;
  /** The workspace as the shell describes it. */
  workspace: WorkspaceInfo;
  /** What `workspace_status` answers first. Default: the workspace is open. */
  status?: 'open' | 'failed';
  /** The failure `workspace_status` reports when `status` is 'failed'. */
  failure?: { path?: string; error?: IpcError };
  /** A notice shown once the workspace opens (a migration). */
  notice?: string | null;
  failOn?: Record<string, Failure>;
  /** Milliseconds to wait before answering, per command. */
  delayMs?: Record<string, number>;
  /** Commands whose calls wait, unanswered, until the test calls `__GW_MOCK__.release(cmd)`. */
  holdOn?: string[];
  recent?: RecentWorkspace[];
  /** What the native file dialogs "pick": a path, or null for Cancel (the default). */
  dialogs?: {
    open?: string | null;
    create?: string | null;
    /** Where the save dialog keeps a copy of a shared workspace (Cancel when absent). */
    join?: string | null;
    /** Cancel the save dialog of an export (it saves by default). */
    cancelSave?: boolean;
    /** The survey export the open dialog picks: its name and bytes in base64 (Cancel when absent). */
    surveyFile?: { fileName: string; content: string } | null;
    /** The transcript the open dialog picks: its name and bytes in base64 (Cancel when absent). */
    transcriptFile?: { fileName: string; content: string } | null;
    /** The ticket export the open dialog picks: its name and bytes in base64 (Cancel when absent). */
    ticketFile?: { fileName: string; content: string } | null;
    /** The folder of notes the "Import notes" dialog picks (a path on this machine). */
    notesFolder?: string | null;
    /** The file of notes (a Notion .zip, a Joplin .jex, a CSV of notes) the "Import notes" dialog picks (a path on this machine). */
    notesFile?: string | null;
  };
}

export interface CallRecord {
  seq: number;
  cmd: string;
  args: unknown;
  /** Whether the call succeeded (true until it fails). */
  ok: boolean;
  /** Whether the answer has arrived (a call is recorded when it starts). */
  done: boolean;
  error?: IpcError;
  at: number;
}

declare global {
  interface Window {
    __GW_TEST_CONFIG__?: TestConfig;
    __GW_MOCK_CALLS__?: CallRecord[];
    __GW_MOCK__?: {
      fail(cmd: string, failure: Failure | null): void;
      release(cmd: string): void;
      emit(event: string, payload?: unknown): Promise<unknown>;
      opened(): string[];
    };
  }
}

const config = window.__GW_TEST_CONFIG__ as TestConfig;
const calls: CallRecord[] = [];
const failOn: Record<string, Failure> = { ...(config.failOn ?? {}) };
const held = new Map<string, Array<() => void>>((config.holdOn ?? []).map((cmd) => [cmd, []]));
const opened: string[] = [];
/** The files saved this session: the only ones open_saved and show_saved_in_folder accept. */
const savedPaths = new Set<string>();
let seq = 0;
let status: 'open' | 'failed' = config.status ?? 'open';
let workspace: WorkspaceInfo = { ...config.workspace };
let notice: string | null = config.notice ?? null;

class Refusal {
  constructor(readonly error: IpcError) {}
}

function refuse(kind: IpcError['kind'], message: string): never {
  throw new Refusal({ kind, message });
}

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${config.server}/workspaces/${config.workspaceId}${path}`, {
    method: 'POST',
    body: JSON.stringify(body ?? {}),
  });
  const json = await res.json();
  if (!res.ok) throw new Refusal(json as IpcError);
  return json;
}

function stem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function describe(): WorkspaceStatus {
  if (status === 'open') {
    const once = notice;
    notice = null;
    return { state: 'open', workspace: { ...workspace }, notice: once };
  }
  return { state: 'failed', path: config.failure?.path ?? workspace.path, error: config.failure?.error ?? { kind: 'no_workspace', message: 'No workspace is open. Open or create one first.' } };
}

/** Opens `path` as the shell would: the server makes (or opens) a file of that name for this journey. */
async function open(path: string, mode: 'must_exist' | 'open_or_create' | 'create_new'): Promise<WorkspaceStatus> {
  const known = (config.recent ?? []).find((r) => r.path === path);
  if (mode === 'must_exist' && known && !known.exists) {
    const failed: WorkspaceStatus = { state: 'failed', path, error: { kind: 'workspace_missing', message: `${path} does not exist` } };
    if (status !== 'open') status = 'failed';
    return failed;
  }
  try {
    // The journey's folder stands for the person's disk: a file opened there is made
    // when it is not there yet, as picking another person's file would find it.
    const opened = (await post('/open', { file: stem(path) + '.groundwork', mode: mode === 'create_new' ? 'create_new' : 'open_or_create' })) as { workspace: WorkspaceInfo };
    workspace = { ...opened.workspace, path, name: stem(path) };
    status = 'open';
    return describe();
  } catch (e) {
    if (e instanceof Refusal) return { state: 'failed', path, error: e.error };
    throw e;
  }
}

async function shell(cmd: string, a: Record<string, unknown>): Promise<unknown> {
  switch (cmd) {
    case 'workspace_status':
      return describe();
    case 'open_workspace':
      return open(String(a.path ?? ''), 'must_exist');
    case 'open_default_workspace':
      return open(config.workspace.path, 'open_or_create');
    case 'choose_workspace_to_open': {
      const picked = config.dialogs?.open ?? null;
      return picked === null ? null : open(picked, 'must_exist');
    }
    case 'choose_new_workspace': {
      const picked = config.dialogs?.create ?? null;
      return picked === null ? null : open(picked.endsWith('.groundwork') ? picked : `${picked}.groundwork`, 'create_new');
    }
    case 'open_sample_workspace': {
      const sample = (await post('/sample', {})) as { workspace: WorkspaceInfo };
      const beside = config.workspace.path;
      const path = `${beside.slice(0, Math.max(beside.lastIndexOf('/'), beside.lastIndexOf('\\')) + 1)}${sample.workspace.name}.groundwork`;
      workspace = { ...sample.workspace, path };
      status = 'open';
      return describe();
    }
    case 'check_workspace':
      // The journey's workspace is sound; a journey injects damage with `failOn`.
      return null;
    case 'recent_workspaces':
      return config.recent ?? (status === 'open' ? [{ path: workspace.path, name: workspace.name, exists: true }] : []);
    case 'open_external': {
      const url = String(a.url ?? '');
      if (!/^(https?:\/\/|mailto:)/i.test(url.trim())) refuse('invalid_input', `Only web (http, https) and mail links can be opened, not "${url}"`);
      opened.push(url.trim());
      return null;
    }
    case 'startup_painted':
      return null;
    case 'choose_survey_file': {
      const picked = config.dialogs?.surveyFile ?? null;
      return picked === null ? null : { ...picked, bytes: atob(picked.content).length };
    }
    case 'choose_transcript_file': {
      const picked = config.dialogs?.transcriptFile ?? null;
      return picked === null ? null : { ...picked, bytes: atob(picked.content).length };
    }
    case 'choose_ticket_file': {
      const picked = config.dialogs?.ticketFile ?? null;
      return picked === null ? null : { ...picked, bytes: atob(picked.content).length };
    }
    case 'import_survey':
      // Core imports as the shell would; the browser gets no progress events.
      return post('/op/import_survey_wave', a);
    case 'cancel_survey_import':
    case 'cancel_notes_import':
      return null;
    case 'choose_notes_folder': {
      // The journey names the folder the dialog picks; the server reads it as the shell would.
      const folder = config.dialogs?.notesFolder ?? null;
      return folder === null ? null : post('/notes', { folder });
    }
    case 'choose_notes_file': {
      // The server reads a file of notes as it reads a folder: core tells them apart.
      const file = config.dialogs?.notesFile ?? null;
      return file === null ? null : post('/notes', { folder: file });
    }
    case 'import_chosen_notes':
      return post('/notes/import', a);
    case 'share_workspace':
      // The server shares as the shell does; a journey that names no repository gets a
      // new bare one in its folder. No progress events reach the browser.
      return post('/share', a);
    case 'sync_workspace':
      return post('/sync', a);
    case 'join_shared_workspace': {
      // The journey names where the save dialog keeps the copy (`dialogs.join`).
      const file = config.dialogs?.join ?? null;
      if (file === null) return null;
      const joined = (await post('/join', { repo: a.repo, file })) as { workspace: WorkspaceInfo };
      workspace = { ...joined.workspace, name: stem(file) };
      status = 'open';
      return describe();
    }
    case 'save_export': {
      // The server makes the file as the shell does (PDF too) in the journey's folder.
      if (config.dialogs?.cancelSave) return null;
      const saved = (await post('/export', a)) as { path: string } | null;
      if (saved) savedPaths.add(saved.path);
      return saved;
    }
    case 'open_saved':
    case 'show_saved_in_folder':
      // As the shell: only a file saved this session, and nothing is launched here.
      if (!savedPaths.has(String(a.path))) refuse('invalid_input', 'Only a file Groundwork saved for you can be opened from here');
      return null;
    case 'save_chart': {
      // The page drew the file; the shell checks it is what it says and saves it. The
      // call (name, format, content) is recorded for the journey to read.
      if (config.dialogs?.cancelSave) return null;
      const bytes = atob(String(a.content ?? ''));
      const looksRight = a.format === 'png' ? bytes.startsWith('\x89PNG\r\n\x1a\n') : /^(\uFEFF|\xEF\xBB\xBF)?\s*(<svg|<\?xml)/.test(bytes);
      if (!looksRight) refuse('invalid_input', `The chart did not arrive as a ${String(a.format).toUpperCase()} image; it was not saved. Try again`);
      savedPaths.add(`/exports/${String(a.fileName)}`);
      return { path: `/exports/${String(a.fileName)}`, bytes: bytes.length, citations: 0 };
    }
    default:
      // Window plugin calls made by @tauri-apps/api/window (e.g. destroy after a close request).
      if (cmd.startsWith('plugin:window|') || cmd.startsWith('plugin:webview|')) return null;
      return refuse('internal', `Unknown command ${cmd}`);
  }
}

/** Answers one IPC call; throws `{kind, message}` like the real shell. */
async function handle(cmd: string, args: Record<string, unknown>): Promise<unknown> {
  const record: CallRecord = { seq: ++seq, cmd, args: JSON.parse(JSON.stringify(args ?? {})), ok: true, done: false, at: Date.now() };
  calls.push(record);
  const delay = config.delayMs?.[cmd];
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const waiting = held.get(cmd);
  if (waiting) await new Promise<void>((r) => waiting.push(r));
  try {
    const injected = failOn[cmd];
    if (injected) {
      if (injected.times !== undefined) {
        injected.times -= 1;
        if (injected.times <= 0) delete failOn[cmd];
      }
      refuse(injected.kind, injected.message);
    }
    if (isOperation(cmd)) {
      if (status !== 'open') refuse('no_workspace', 'No workspace is open. Open or create one first.');
      return await post(`/op/${cmd}`, args);
    }
    return await shell(cmd, args);
  } catch (e) {
    const error: IpcError = e instanceof Refusal ? e.error : { kind: 'internal', message: `Test backend: ${e instanceof Error ? e.message : String(e)}` };
    record.ok = false;
    record.error = error;
    throw error;
  } finally {
    record.done = true;
  }
}

const SHELL = new Set(['workspace_status', 'open_workspace', 'open_default_workspace', 'choose_workspace_to_open', 'choose_new_workspace', 'open_sample_workspace', 'check_workspace', 'recent_workspaces', 'open_external', 'startup_painted', 'save_export', 'open_saved', 'show_saved_in_folder', 'save_chart', 'choose_survey_file', 'choose_transcript_file', 'choose_ticket_file', 'import_survey', 'cancel_survey_import', 'choose_notes_folder', 'choose_notes_file', 'import_chosen_notes', 'cancel_notes_import', 'share_workspace', 'sync_workspace', 'join_shared_workspace']);
function isOperation(cmd: string): boolean {
  return !SHELL.has(cmd) && !cmd.startsWith('plugin:');
}

mockWindows('main');
// Workspace operations arrive as `op` with the operation's name and input; they are
// recorded under the operation's name, as journeys look for them.
mockIPC(
  (cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    if (cmd === 'op') return handle(String(args.name), (args.input ?? {}) as Record<string, unknown>);
    return handle(cmd, args);
  },
  { shouldMockEvents: true },
);

window.__GW_MOCK_CALLS__ = calls;
window.__GW_MOCK__ = {
  fail(cmd, failure) {
    if (failure) failOn[cmd] = { ...failure };
    else delete failOn[cmd];
  },
  release(cmd) {
    const waiting = held.get(cmd) ?? [];
    held.delete(cmd);
    for (const go of waiting) go();
  },
  // Goes through the mocked event plugin, as an event from Rust would (e.g. 'tauri://close-requested').
  emit: (event, payload) =>
    (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__.invoke('plugin:event|emit', {
      event,
      payload: payload ?? null,
    }),
  opened: () => [...opened],
};
