/**
 * The app's shared state: the open workspace, its cycles, which view is shown,
 * and the things any screen may ask for (a new session, the palette). Screens read
 * it; only these methods talk to the backend for workspace-wide state.
 */
import { backend, IpcFailure, onFileDropped, onWorkspaceChanged, type ChosenFile, type Cycle, type NotesChosen, type IpcError, type SourceKind, type SourceKindInfo, type WorkspaceInfo, type WorkspaceStatus } from '../ipc/client';
import { stale } from '../lib/stale.svelte';
import { toasts } from '../lib/toast.svelte';

/** How long after opening the rest of a large file is checked. */
const CHECK_AFTER_MS = 1000;

export type View = 'search' | 'sessions' | 'observations' | 'people' | 'ideas' | 'pains' | 'solutions' | 'tradeoffs' | 'documents' | 'roadmap' | 'surveys' | 'loop' | 'tags' | 'coverage' | 'templates' | 'cycles' | 'trash' | 'sharing';

class AppState {
  phase = $state<'loading' | 'open' | 'failed'>('loading');
  workspace = $state<WorkspaceInfo | null>(null);
  failure = $state<{ path: string; error: IpcError } | null>(null);
  cycles = $state<Cycle[]>([]);
  kinds = $state<SourceKindInfo[]>([]);
  view = $state<View>('sessions');

  /** Dialogs and overlays any screen or shortcut may open. */
  newSessionOpen = $state(false);
  /** The dialog that imports notes from other tools (Obsidian, Markdown, Joplin). */
  importNotesOpen = $state(false);
  /** Notes dropped on the window, read by the shell: the notes dialog opens on them. */
  droppedNotes = $state<NotesChosen | null>(null);
  /** A ticket queue's export dropped on the window: the tickets dialog previews it. */
  droppedTickets = $state<ChosenFile | null>(null);
  /** The dialog that imports a support queue's export (Jira, ServiceNow, Zendesk, GitHub). */
  importTicketsOpen = $state(false);
  /**
   * The dialog that imports a transcript: into the session it was opened from
   * (`sessionId`), or into a new session when that is null.
   */
  importTranscript = $state<{ sessionId: string | null; dropped?: ChosenFile } | null>(null);
  /**
   * A session's transcript to show, scrolled to and highlighting one turn (or just
   * shown, without `turnId`); the session's editor clears it once shown.
   */
  focusTurn = $state<{ sessionId: string; turnId: string | null } | null>(null);
  newCycleOpen = $state(false);
  /** The dialog that shares the workspace through a git repository ('join': makes a copy of a shared one). */
  shareOpen = $state<false | 'share' | 'join'>(false);
  paletteOpen = $state(false);
  paletteMode = $state<'commands' | 'cycles' | 'search'>('commands');

  /** The person whose profile the People view shows. */
  selectedPersonId = $state<string | null>(null);
  /** An idea for the Ideas view to open (it clears this once shown). */
  selectedIdeaId = $state<string | null>(null);
  /** The pain the Pains view shows. */
  selectedPainId = $state<string | null>(null);
  selectedSolutionId = $state<string | null>(null);
  /** An observation to scroll to and highlight in the Observations view. */
  selectedObservationId = $state<string | null>(null);

  /** The session open in the editor. */
  selectedSessionId = $state<string | null>(null);
  /** Bumped when another process changed the open workspace (lists refresh on their own). */
  outsideChanges = $state(0);
  /** A session just created: its editor puts the cursor in the notes. */
  focusNotesOf: string | null = null;

  currentCycle = $derived(this.cycles.find((c) => c.current) ?? null);

  /** Things to save before the workspace changes or the window closes. */
  #flushers = new Set<() => Promise<void>>();

  registerFlush(flush: () => Promise<void>): () => void {
    this.#flushers.add(flush);
    return () => this.#flushers.delete(flush);
  }

  async flushAll(): Promise<void> {
    await Promise.allSettled([...this.#flushers].map((f) => f()));
  }

  kindLabel(kind: SourceKind): string {
    return this.kinds.find((k) => k.kind === kind)?.label ?? kind;
  }

  async boot(): Promise<void> {
    void onWorkspaceChanged(() => {
      this.outsideChanges++;
      void this.refreshCycles().catch(() => {});
    });
    // A file or folder dropped on the window opens its import: a transcript into the
    // session in view, notes or a ticket queue into the current cycle.
    void onFileDropped((what) => {
      if (what.kind === 'refused') {
        toasts.error(what.message);
        return;
      }
      if (this.phase !== 'open' || !this.currentCycle) return;
      if (what.kind === 'transcript') {
        this.importTranscript = { sessionId: this.view === 'sessions' ? this.selectedSessionId : null, dropped: what.file };
      } else if (what.kind === 'notes') {
        this.droppedNotes = what.chosen;
        this.importNotesOpen = true;
      } else {
        this.droppedTickets = what.file;
        this.importTicketsOpen = true;
      }
    });
    try {
      // The status first: it opens the start-up workspace, which every operation needs.
      await this.apply(await backend.workspaceStatus());
    } catch (e) {
      this.failure = { path: '', error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } };
      this.phase = 'failed';
    }
  }

  /** Shows what an open attempt gave. A failure while a workspace is open is a message, not a screen. */
  async apply(status: WorkspaceStatus | null): Promise<void> {
    if (!status) return;
    if (status.state === 'open') {
      if (!this.kinds.length) this.kinds = await backend.listSourceKinds();
      // What was said of another workspace (its syncs, its Undo) no longer applies.
      if (this.workspace && this.workspace.path !== status.workspace.path) toasts.items = [];
      this.workspace = status.workspace;
      this.failure = null;
      this.selectedSessionId = null;
      await this.refreshCycles();
      this.phase = 'open';
      this.view = 'sessions';
      // Another workspace: every list shows other data now.
      stale.markAll();
      if (status.notice) toasts.show(status.notice, { ms: 10000 });
      // After the first screen has painted, so the check does not compete with it.
      const path = status.workspace.path;
      setTimeout(() => void this.checkWholeFile(path), CHECK_AFTER_MS);
    } else if (this.phase === 'open') {
      toasts.show(status.error.message, { tone: 'error' });
    } else {
      this.failure = { path: status.path, error: status.error };
      this.phase = 'failed';
    }
  }

  /**
   * Opening checks a very large file only in part; this checks the rest while the
   * person works. Damage found stays on screen until dismissed.
   */
  async checkWholeFile(path: string): Promise<void> {
    try {
      await backend.checkWorkspace();
    } catch (e) {
      if (this.workspace?.path !== path) return;
      if (e instanceof IpcFailure && e.kind === 'workspace_damaged') {
        toasts.show(`${e.message.replace(/[.!?]?$/, '.')} Copy the file somewhere safe before you change more: what is shown was read before the damage.`, { tone: 'error', ms: 0 });
      } else {
        toasts.error(e);
      }
    }
  }

  async refreshCycles(): Promise<void> {
    this.cycles = await backend.listCycles();
  }

  async openWorkspace(open: () => Promise<WorkspaceStatus | null>): Promise<void> {
    await this.flushAll();
    try {
      await this.apply(await open());
    } catch (e) {
      toasts.error(e);
    }
  }

  async switchCycle(id: string): Promise<void> {
    await this.flushAll();
    try {
      await backend.setCurrentCycle(id);
      this.selectedSessionId = null;
      await this.refreshCycles();
      // Another cycle: every list shown for the current cycle reloads.
      stale.markAll();
      this.view = 'sessions';
    } catch (e) {
      toasts.error(e);
    }
  }

  go(view: View): void {
    this.view = view;
  }

  requestNewSession(): void {
    if (this.phase !== 'open') return;
    if (!this.currentCycle) {
      this.newCycleOpen = true;
      return;
    }
    if (!this.currentCycle.allows.capture) {
      toasts.show(`“${this.currentCycle.name}” is closed and read-only. Switch to an open cycle to log sessions.`, { tone: 'error' });
      return;
    }
    this.view = 'sessions';
    this.newSessionOpen = true;
  }

  /** Opens a session in the Sessions view. */
  openSession(id: string): void {
    this.view = 'sessions';
    this.selectedSessionId = id;
  }

  /** Opens a session on its transcript, scrolled to and highlighting `turnId` when given. */
  openTurn(sessionId: string, turnId: string | null): void {
    this.focusTurn = { sessionId, turnId };
    this.openSession(sessionId);
  }

  /** Opens a person's profile in the People view. */
  openPerson(id: string): void {
    this.view = 'people';
    this.selectedPersonId = id;
  }

  /** Opens an idea in the Ideas view. */
  openIdea(id: string): void {
    this.view = 'ideas';
    this.selectedIdeaId = id;
  }

  /** Opens a solution in the Solutions view. */
  openSolution(id: string): void {
    this.view = 'solutions';
    this.selectedSolutionId = id;
  }

  /** Opens a pain in the Pains view. */
  openPain(id: string): void {
    this.view = 'pains';
    this.selectedPainId = id;
  }

  openPalette(mode: 'commands' | 'cycles' | 'search' = 'commands'): void {
    if (this.phase !== 'open' && mode === 'cycles') return;
    this.paletteMode = mode;
    this.paletteOpen = true;
  }
}

export const app = new AppState();

export const MODE_LABEL: Record<Cycle['mode'], string> = {
  discovery: 'Discovery',
  prioritization: 'Prioritization',
  roadmap: 'Roadmap',
  closed: 'Closed',
};
