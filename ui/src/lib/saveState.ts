/** One save indicator for an editor that saves two things (details and notes). */
import type { SaveState } from './autosave';

export const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  dirty: 'Unsaved changes',
  error: 'Save failed',
};

/** The worst of the states: an error beats saving beats unsaved beats saved. */
export function combineSaveStates(...states: SaveState[]): SaveState {
  const order: SaveState[] = ['error', 'saving', 'dirty', 'saved'];
  return order.find((s) => states.includes(s)) ?? 'saved';
}
