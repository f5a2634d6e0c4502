/**
 * The workspace area's one door to core and the shell: opening and creating workspaces
 * (each an opener for `app.openWorkspace`, which applies what it opened), the cycles,
 * and the trash. Components call these, not `backend`.
 */
import { backend, type TrashEntity } from '../ipc/client';

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
