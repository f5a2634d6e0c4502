/**
 * The workspace area's one door to core and the shell: opening and creating workspaces
 * (each an opener for `app.openWorkspace`, which applies what it opened), the cycles,
 * the trash, and sharing through git. Components call these, not `backend`.
 */
import { backend, type Settle, type SyncStage, type TrashEntity } from '../ipc/client';

// ---- Workspaces (the shell's dialogs and files)

export const chooseWorkspaceToOpen = () => backend.chooseWorkspaceToOpen();
export const chooseNewWorkspace = () => backend.chooseNewWorkspace();
export const openDefaultWorkspace = () => backend.openDefaultWorkspace();
export const openSampleWorkspace = () => backend.openSampleWorkspace();
export const openWorkspaceAt = (path: string) => backend.openWorkspace(path);
export const recentWorkspaces = () => backend.recentWorkspaces();

// ---- Cycles

export const createCycle = (name: string) => backend.createCycle(name);
export const renameCycle = (id: string, name: string) => backend.renameCycle(id, name);

/** Moves a cycle to its next mode, one step forward. */
export const advanceCycle = (id: string) => backend.advanceCycle(id);
export const returnCycleToDiscovery = (id: string, reason: string) => backend.returnToDiscovery(id, reason);
export const cycleHistory = (id: string) => backend.cycleHistory(id);

/** The review shown before a cycle leaves discovery. */
export const cycleReview = (id: string) => backend.cycleReview(id);

// ---- Trash

export const listTrash = () => backend.listTrash();
export const restoreFromTrash = (entity: TrashEntity, id: string) => backend.restoreFromTrash(entity, id);

// ---- Sharing through git (the shell runs git and the merge; see sharing/sharing.svelte.ts)

export const shareStatus = () => backend.shareStatus();
/** An opener (for `app.openWorkspace`): a copy of the shared workspace at `repo`. */
export const joinSharedWorkspace = (repo: string) => () => backend.joinSharedWorkspace(repo);
export const shareWorkspace = (repo: string, onstage?: (stage: SyncStage) => void) => backend.shareWorkspace(repo, onstage);
export const syncWorkspace = (onstage?: (stage: SyncStage) => void) => backend.syncWorkspace(onstage);
export const setAutoSync = (minutes: number | null) => backend.setAutoSync(minutes);
export const listConflicts = () => backend.listConflicts();
export const settleConflict = (id: string, choice: Settle) => backend.settleConflict(id, choice);
