/**
 * The documents area's one door to core: the charter and vision (read, save, check,
 * keep versions, compare, export), what they may cite, and the roadmap. Components
 * call these, not `backend`.
 */
import {
  backend,
  type DocumentKind,
  type ExportOf,
  type Format,
  type Lane,
  type RoadmapItemInput,
  type SearchHit,
} from '../ipc/client';
import type { OpName } from '../ipc/generated/ops';
import { toasts } from '../lib/toast.svelte';
import { savedToast } from '../lib/saved';

// ---- Charter and vision

export const getDocument = (cycleId: string, kind: DocumentKind) => backend.getDocument(cycleId, kind);

/** Saves the text over revision `base` (null for a new document); core keeps it as a version when `base` is old. */
export const saveDocument = (cycleId: string, kind: DocumentKind, text: string, base: number | null) => backend.saveDocument(cycleId, kind, text, base);

/** The evidence check: uncited claims, old evidence, top pains not mentioned. */
export const evidenceCheck = (cycleId: string, kind: DocumentKind) => backend.lintDocument(cycleId, kind);

/** How many days old cited evidence may be before the check flags it (the team's limit). */
export const setEvidenceMaxAge = (days: number) => backend.setEvidenceMaxAge(days);

/** The document as it will be exported, in Markdown. */
export const documentMarkdown = async (cycleId: string, kind: DocumentKind) => (await backend.exportDocument(cycleId, kind, 'md')).content;

/** The document as HTML and as Markdown, to copy as rich text. */
export async function documentRichText(cycleId: string, kind: DocumentKind): Promise<{ html: string; markdown: string }> {
  const [html, md] = await Promise.all([backend.exportDocument(cycleId, kind, 'html'), backend.exportDocument(cycleId, kind, 'md')]);
  return { html: html.content, markdown: md.content };
}

export const keepVersion = (documentId: string, note: string) => backend.snapshotDocument(documentId, note);
export const getVersion = (id: string) => backend.getDocumentVersion(id);

/** The changes from version `from` to version `to`, or to the document now when `to` is null. */
export const compareVersions = (from: string, to: string | null) => backend.diffDocumentVersions(from, to);

export const FORMATS: [Format, string][] = [
  ['md', 'Markdown'],
  ['html', 'HTML'],
  ['pdf', 'PDF'],
];

/**
 * Saves what was typed (`ready`), then the export where the person chooses, and says
 * where it went; true once saved (false when they cancelled or the save failed).
 */
export async function saveExport(ready: () => Promise<void>, of: ExportOf, format: Format): Promise<boolean> {
  try {
    await ready();
    const saved = await backend.saveExport(of, format);
    if (!saved) return false;
    savedToast(`Saved to ${saved.path} (${saved.citations} citations as footnotes).`, saved.path);
    return true;
  } catch (e) {
    toasts.error(e);
    return false;
  }
}

// ---- What a document cites

/** A cycle's pains, buckets and solutions, to cite (none in discovery: the call fails there). */
export async function citableOfCycle(cycleId: string) {
  const [pains, buckets, solutions] = await Promise.all([backend.painRows(cycleId), backend.listBuckets(cycleId), backend.listSolutions(cycleId)]);
  return { pains, buckets, solutions };
}

/** Every kudos: they belong to no cycle, so every one can be cited. */
export const citableKudos = () => backend.listKudos();

/** Observations and sessions that match `text`, to cite. */
export async function findEvidence(text: string): Promise<SearchHit[]> {
  const res = await backend.search({ text, entities: ['observation', 'session'], filter: { kinds: [], tagIds: [], personIds: [], teamIds: [], sourceKinds: [] }, limit: 30, offset: 0 });
  return res.hits;
}

/** The observation a citation names, to open where it was said. */
export const citedObservation = (id: string) => backend.getObservation(id);

// ---- Roadmap

/** A cycle's roadmap, and its solutions to put on it (none asked for in discovery). */
/** The reads of the roadmap board. */
export const ROADMAP_BOARD_READS: readonly OpName[] = ['get_roadmap', 'list_solutions'];

export async function roadmapBoard(cycleId: string, withSolutions: boolean) {
  const [roadmap, solutions] = await Promise.all([backend.getRoadmap(cycleId), withSolutions ? backend.listSolutions(cycleId) : Promise.resolve([])]);
  return { roadmap, solutions };
}

export const createRoadmapItem = (solutionId: string, lane: Lane, item: RoadmapItemInput) => backend.createRoadmapItem(solutionId, lane, item);
export const moveRoadmapItem = (id: string, lane: Lane, index: number) => backend.moveRoadmapItem(id, lane, index);
export const updateRoadmapItem = (id: string, item: RoadmapItemInput) => backend.updateRoadmapItem(id, item);
export const deleteRoadmapItem = (id: string) => backend.deleteRoadmapItem(id);
