/**
 * Whether a modal (a dialog, the command palette, anything marked aria-modal) is open.
 * While one is, only its own keys work: every window-wide key handler asks here first
 * and leaves app shortcuts alone, so keys typed in a dialog never act behind it.
 */

const MODAL = '[aria-modal="true"]';

/** Whether any modal is open now. */
export function modalOpen(root: ParentNode = document): boolean {
  return root.querySelector(MODAL) !== null;
}

/**
 * Whether a window-wide handler should leave this key to a modal: one is open, or the
 * key was typed in one (which may be closing on this very key).
 */
export function keyBelongsToModal(e: Pick<Event, 'target'>, root: ParentNode = document): boolean {
  const target = e.target;
  if (target instanceof Element && target.closest(MODAL)) return true;
  return modalOpen(root);
}
