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

class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  /** Shows a message; `ms: 0` keeps it until the person dismisses it. */
  show(message: string, options: { tone?: Toast['tone']; action?: ToastAction; actions?: ToastAction[]; ms?: number } = {}): void {
    const id = this.#next++;
    const actions = [...(options.action ? [options.action] : []), ...(options.actions ?? [])];
    this.items = [...this.items, { id, message, tone: options.tone ?? 'info', actions }];
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
