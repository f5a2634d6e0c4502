/** Short messages at the bottom of the window, some with an action (Undo). */

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** What the toast offers, first the main one (Undo, Open). */
  actions: ToastAction[];
}

/** The most messages on screen at once. */
export const MAX_SHOWN = 3;

class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  /**
   * Shows a message; `ms: 0` keeps it until the person dismisses it. The same message
   * shown again replaces itself, and past three on screen the oldest plain note makes
   * room (an error or one with an action stays until it times out or is dismissed), so
   * a run of messages never climbs over the screen.
   */
  show(message: string, options: { tone?: Toast['tone']; action?: ToastAction; actions?: ToastAction[]; ms?: number } = {}): void {
    const id = this.#next++;
    const actions = [...(options.action ? [options.action] : []), ...(options.actions ?? [])];
    const tone = options.tone ?? 'info';
    let items = this.items.filter((t) => !(t.message === message && t.tone === tone && !t.actions.length));
    while (items.length >= MAX_SHOWN) {
      const plain = items.findIndex((t) => t.tone === 'info' && !t.actions.length);
      items = items.filter((_, i) => i !== (plain >= 0 ? plain : 0));
    }
    this.items = [...items, { id, message, tone, actions }];
    const ms = options.ms ?? (options.tone === 'error' ? 8000 : actions.length ? 7000 : 3500);
    if (ms > 0) setTimeout(() => this.dismiss(id), ms);
  }

  error(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.show(message, { tone: 'error' });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
