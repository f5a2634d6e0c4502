/** Tells the backend, once, that the first screen with data has been painted (the start-up figure). */
import { backend } from '../ipc/client';

let reported = false;

export function reportStartupPaint(rows: number): void {
  if (reported) return;
  reported = true;
  // Two frames: layout and paint have happened before start-up is called done.
  requestAnimationFrame(() => requestAnimationFrame(() => void backend.startupPainted(rows).catch(() => {})));
}
