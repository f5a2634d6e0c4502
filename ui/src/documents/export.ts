/** Saving a document, the roadmap or the planning pack where the person chooses. */
import { backend, type ExportOf, type Format } from '../ipc/client';
import { toasts } from '../lib/toast.svelte';

export const FORMATS: [Format, string][] = [
  ['md', 'Markdown'],
  ['html', 'HTML'],
  ['pdf', 'PDF'],
];

/**
 * Saves what was typed (`ready`), then the export, and says where it went; true once
 * saved (false when the person cancelled the dialog or the save failed).
 */
export async function saveExport(ready: () => Promise<void>, of: ExportOf, format: Format): Promise<boolean> {
  try {
    await ready();
    const saved = await backend.saveExport(of, format);
    if (!saved) return false;
    toasts.show(`Saved to ${saved.path} (${saved.citations} citations as footnotes).`);
    return true;
  } catch (e) {
    toasts.error(e);
    return false;
  }
}
