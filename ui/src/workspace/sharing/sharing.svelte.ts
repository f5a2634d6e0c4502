/**
 * Sharing the workspace through git, as the app shows it: whether it is shared, a sync
 * running and its stage, what the last one did, the changes made since, and syncing
 * every few minutes while the app is open when the person asked for it. The work runs
 * in the shell (git and the merge off the window's thread); this only asks and shows.
 */
import { IpcFailure, type ShareStatus, type SyncReport, type SyncStage } from '../../ipc/client';
import { setAutoSync, shareStatus, shareWorkspace, syncWorkspace } from '../state';
import { toasts } from '../../lib/toast.svelte';

export const STAGE_LABEL: Record<SyncStage, string> = {
  fetching: 'Fetching what others pushed…',
  merging: 'Merging…',
  pushing: 'Pushing…',
};

/** The choices of how often to sync while the app is open, in minutes (null: when asked). */
export const AUTO_CHOICES: { minutes: number | null; label: string }[] = [
  { minutes: null, label: 'Only when I ask' },
  { minutes: 5, label: 'Every 5 minutes' },
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Every hour' },
];

/** What a sync did, in a sentence. */
export function describeSync(report: SyncReport): string {
  const parts: string[] = [];
  if (report.offline) parts.push('Could not reach the repository: your changes are committed here and wait for the next sync.');
  else if (report.received > 0) parts.push(`Synced: ${report.received} ${report.received === 1 ? 'record' : 'records'} from others.`);
  else if (report.commit) parts.push('Synced: your changes are in the repository.');
  else parts.push('Synced: nothing new on either side.');
  if (report.conflicts > 0) parts.push(`${report.conflicts} ${report.conflicts === 1 ? 'field was' : 'fields were'} changed on both sides; both values are kept until you choose.`);
  return parts.join(' ');
}

class Sharing {
  status = $state<ShareStatus | null>(null);
  /** A sync (or the first share) running, and where it is. */
  running = $state(false);
  stage = $state<SyncStage | null>(null);
  last = $state<SyncReport | null>(null);
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Records changed here since the last sync, waiting to go out. */
  waiting = $derived(this.status?.waiting ?? 0);
  shared = $derived(!!this.status?.repo);

  async load(): Promise<void> {
    try {
      this.status = await shareStatus();
    } catch {
      this.status = null;
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const minutes = this.status?.repo ? this.status.autoMinutes : null;
    if (minutes) this.#timer = setInterval(() => void this.sync({ quiet: true }), minutes * 60_000);
  }

  async #run(work: () => Promise<SyncReport>, quiet: boolean): Promise<SyncReport | null> {
    if (this.running) return null;
    this.running = true;
    this.stage = 'fetching';
    try {
      const report = await work();
      this.last = report;
      if (!quiet || report.conflicts > 0) toasts.show(describeSync(report), { tone: report.offline ? 'error' : 'info', ms: report.conflicts > 0 || report.offline ? 9000 : 4000 });
      return report;
    } catch (e) {
      if (!quiet) toasts.error(e);
      if (quiet || !(e instanceof IpcFailure)) return null;
      throw e;
    } finally {
      this.running = false;
      this.stage = null;
      await this.load();
    }
  }

  /** Ties the workspace to `repo` and syncs it; throws what went wrong, for the dialog to show. */
  share(repo: string): Promise<SyncReport | null> {
    return this.#run(() => shareWorkspace(repo, (s) => (this.stage = s)), false);
  }

  /** Syncs now; `quiet` (the timer) speaks only of conflicts. */
  async sync(options: { quiet?: boolean } = {}): Promise<void> {
    try {
      await this.#run(() => syncWorkspace((s) => (this.stage = s)), options.quiet ?? false);
    } catch {
      // Shown as a toast already; the status holds the last error.
    }
  }

  async setAuto(minutes: number | null): Promise<void> {
    try {
      this.status = await setAutoSync(minutes);
      this.#schedule();
    } catch (e) {
      toasts.error(e);
    }
  }
}

export const sharing = new Sharing();
