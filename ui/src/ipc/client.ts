/**
 * The one door to the backend. Nothing else in the UI imports `@tauri-apps/api`.
 * Types come from Rust (ts-rs) in ./generated; errors arrive as `{ kind, message }`
 * and are rethrown as `IpcFailure` so callers can switch on `kind`.
 */
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { ChartFormat, ChosenFile, Dropped, ErrorKind, ImportProgress, NotesChosen, SourceKind, SyncReport, SyncStage, VaultImported, WaveImport, WaveImported, ExportOf, Format, IpcError, RecentWorkspace, SavedExport, WorkspaceStatus } from './generated';
import { operations, STALE, type OpName } from './generated/ops';
import { stale } from '../lib/stale.svelte';

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

/** Runs one operation of the table; what it makes stale is marked once it succeeded. */
async function op<T>(name: OpName, input: Record<string, unknown>): Promise<T> {
  const result = await call<T>('op', { name, input });
  stale.mark(STALE[name]);
  if (STALE[name].some((list) => list !== 'sharing')) stale.writes++;
  return result;
}

/** Runs a sync or a share in the shell, reporting its stages; what it brought in reloads. */
async function syncing(command: 'sync_workspace' | 'share_workspace', args: Record<string, unknown>, onstage?: (stage: SyncStage) => void): Promise<SyncReport> {
  let unlisten: (() => void) | undefined;
  try {
    unlisten = await listen<SyncStage>('sync-progress', (e) => onstage?.(e.payload));
  } catch {
    // Outside the desktop shell there are no events: the sync still runs.
  }
  try {
    const report = await call<SyncReport>(command, args);
    // Records others changed came in outside the operation table: every list reloads.
    if (report.received > 0) stale.markAll();
    else stale.mark(['sharing']);
    return report;
  } catch (e) {
    stale.mark(['sharing']);
    throw e;
  } finally {
    unlisten?.();
  }
}

/** Everything the UI can ask of the backend: the operation table, and the shell. */
export const backend = {
  ...operations(op),

  // What only the desktop shell does: files, dialogs, links, start-up.
  workspaceStatus: () => call<WorkspaceStatus>('workspace_status'),
  openWorkspace: (path: string) => call<WorkspaceStatus>('open_workspace', { path }),
  openDefaultWorkspace: () => call<WorkspaceStatus>('open_default_workspace'),
  chooseWorkspaceToOpen: () => call<WorkspaceStatus | null>('choose_workspace_to_open'),
  chooseNewWorkspace: () => call<WorkspaceStatus | null>('choose_new_workspace'),
  recentWorkspaces: () => call<RecentWorkspace[]>('recent_workspaces'),
  openSampleWorkspace: () => call<WorkspaceStatus>('open_sample_workspace'),
  /** Checks the rest of a large workspace file that opening checked only in part. */
  checkWorkspace: () => call<null>('check_workspace'),
  openExternal: (url: string) => call<null>('open_external', { url }),
  /**
   * Asks where to save a cycle's document or planning pack and writes it there (PDF
   * is typeset by the shell); null when the user cancels.
   */
  saveExport: (of: ExportOf, format: Format) => call<SavedExport | null>('save_export', { of, format }),
  /** Opens a file this session saved, in the system's app for it (any other path is refused). */
  openSaved: (path: string) => call<null>('open_saved', { path }),
  /** Shows a file this session saved in its folder (any other path is refused). */
  showSavedInFolder: (path: string) => call<null>('show_saved_in_folder', { path }),
  /**
   * Asks where to save a chart the page drew (`content`: the SVG or PNG's bytes in
   * base64; `fileName` only suggests a name) and writes it there; null when the user cancels.
   */
  saveChart: (fileName: string, format: ChartFormat, content: string) => call<SavedExport | null>('save_chart', { fileName, format, content }),
  /**
   * Asks which survey export to import and reads it (the shell reads; the page gets the
   * bytes of the one file picked, for previewSurveyImport and importSurveyWave); null
   * when the user cancels.
   */
  chooseSurveyFile: () => call<ChosenFile | null>('choose_survey_file'),
  /**
   * Asks which transcript to import (VTT, SRT, text, a Word document) and reads it: the
   * page gets the bytes of the one file picked, for previewTranscriptImport and
   * importTranscript; null when the user cancels.
   */
  chooseTranscriptFile: () => call<ChosenFile | null>('choose_transcript_file'),
  /**
   * Asks which folder of notes to import (an Obsidian vault, Markdown, a Joplin RAW
   * export), reads it and says what an import would bring; null when the user cancels.
   * The shell keeps what it read for importChosenNotes.
   */
  chooseNotesFolder: () => call<NotesChosen | null>('choose_notes_folder'),
  /**
   * Asks which file of notes to import (a Notion export as a .zip, a Joplin .jex, a CSV
   * of notes from Productboard or Dovetail), reads it and says what an import would
   * bring; null when the user cancels. Kept by the shell for importChosenNotes, as a folder is.
   */
  chooseNotesFile: () => call<NotesChosen | null>('choose_notes_file'),
  /**
   * Asks which ticket queue's export to import (Jira, ServiceNow or Zendesk CSV, GitHub
   * issues JSON) and reads it: the page gets the bytes of the one file picked, for
   * previewTickets and importTickets; null when the user cancels.
   */
  chooseTicketFile: () => call<ChosenFile | null>('choose_ticket_file'),
  /**
   * Imports the notes last chosen as sessions of the current cycle, all or nothing;
   * with `quotes`, passages quoted as `> "…" said Name` become Name's quote observations.
   */
  importChosenNotes: async (kind: SourceKind, addPeople: boolean, quotes = false, onprogress?: (p: ImportProgress) => void): Promise<VaultImported> => {
    let unlisten: (() => void) | undefined;
    try {
      unlisten = await listen<ImportProgress>('notes-import-progress', (e) => onprogress?.(e.payload));
    } catch {
      // Outside the desktop shell there are no events: the import still runs.
    }
    try {
      const done = await call<VaultImported>('import_chosen_notes', { kind, addPeople, quotes });
      // Sessions, people and tags were made outside the operation table: every list reloads.
      stale.markAll();
      return done;
    } finally {
      unlisten?.();
    }
  },
  /** Stops the notes import running: it rolls back whole. */
  cancelNotesImport: () => call<null>('cancel_notes_import'),
  /**
   * Imports a wave as importSurveyWave does, reporting progress to `onprogress` (the
   * shell's events) and stopping, with nothing written, on cancelSurveyImport.
   */
  importSurvey: async (fileName: string, content: string, wave: WaveImport, onprogress?: (p: ImportProgress) => void): Promise<WaveImported> => {
    let unlisten: (() => void) | undefined;
    try {
      unlisten = await listen<ImportProgress>('survey-import-progress', (e) => onprogress?.(e.payload));
    } catch {
      // Outside the desktop shell there are no events: the import still runs.
    }
    try {
      const done = await call<WaveImported>('import_survey', { fileName, content, wave });
      stale.mark(STALE.import_survey_wave);
      return done;
    } finally {
      unlisten?.();
    }
  },
  cancelSurveyImport: () => call<null>('cancel_survey_import'),
  startupPainted: (rows: number) => call<null>('startup_painted', { rows }),
  /**
   * Ties the workspace to a git repository (a path or URL the user's git reaches, with
   * their own credentials) and syncs it; the shell runs it off the window's thread.
   */
  shareWorkspace: (repo: string, onstage?: (stage: SyncStage) => void) => syncing('share_workspace', { repo }, onstage),
  /**
   * Asks where to keep a copy of the shared workspace at `repo`, makes it from the
   * repository (tied to it, ready to sync) and opens it; null when the person cancels.
   */
  joinSharedWorkspace: (repo: string) => call<WorkspaceStatus | null>('join_shared_workspace', { repo }),
  /** Commits what changed here, merges what others pushed (conflicts kept aside), pushes. */
  syncWorkspace: (onstage?: (stage: SyncStage) => void) => syncing('sync_workspace', {}, onstage),
};

export type Backend = typeof backend;

/**
 * Calls `changed` when another process (the command line, another window, a sync
 * tool) changed the open workspace; every list is marked stale first.
 */
export async function onWorkspaceChanged(changed: () => void): Promise<void> {
  try {
    await listen('workspace-changed', () => {
      stale.markAll();
      changed();
    });
  } catch {
    // Outside the desktop shell (a browser preview) nothing else writes the file.
  }
}

/**
 * Calls `dropped` with what a file dropped on the window is: the shell reads it (the
 * page never learns its path) and says whether it is a transcript, or why not.
 */
export async function onFileDropped(dropped: (what: Dropped) => void): Promise<void> {
  try {
    await listen<Dropped>('file-dropped', (e) => dropped(e.payload));
  } catch {
    // Outside the desktop shell (a browser preview) nothing is dropped on a window.
  }
}

/**
 * Calls `chosen` with the palette command a menu item of the window's menu bar names
 * (File, Go): the shell builds the menu, the page runs the command.
 */
export async function onMenuCommand(chosen: (id: string) => void): Promise<void> {
  try {
    await listen<string>('menu-command', (e) => chosen(e.payload));
  } catch {
    // Outside the desktop shell (a browser preview) there is no menu bar.
  }
}

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
