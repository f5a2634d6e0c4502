/** Keyboard shortcuts: one table, used by the key handler and shown in the palette. */

export interface Shortcut {
  key: string;
  mod: boolean;
  shift?: boolean;
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether a key event is this shortcut (Ctrl on Linux/Windows, Cmd on macOS). */
export function matches(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & { code?: string },
  s: Shortcut,
  mac = IS_MAC,
): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  if (mod !== s.mod || e.altKey) return false;
  if (!!s.shift !== e.shiftKey) return false;
  // With Shift a digit key types a symbol ("(" for 9 on a US layout): match the key itself.
  if (/^[0-9]$/.test(s.key) && e.code === `Digit${s.key}`) return true;
  return e.key.toLowerCase() === s.key.toLowerCase();
}

/** "Ctrl+Shift+N" or "⌘⇧N". */
export function describe(s: Shortcut, mac = IS_MAC): string {
  const key = s.key.length === 1 ? s.key.toUpperCase() : s.key;
  if (mac) return `${s.mod ? '⌘' : ''}${s.shift ? '⇧' : ''}${key}`;
  return [s.mod ? 'Ctrl' : '', s.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

export const SHORTCUTS = {
  palette: { key: 'k', mod: true },
  newSession: { key: 'n', mod: true },
  switchCycle: { key: 'j', mod: true },
  openWorkspace: { key: 'o', mod: true },
  newWorkspace: { key: 'n', mod: true, shift: true },
  goSessions: { key: '1', mod: true },
  goObservations: { key: '2', mod: true },
  goPeople: { key: '3', mod: true },
  goIdeas: { key: '4', mod: true },
  goTags: { key: '5', mod: true },
  goCoverage: { key: '6', mod: true },
  goCycles: { key: '7', mod: true },
  goTrash: { key: '8', mod: true },
  goPains: { key: '9', mod: true },
  goSolutions: { key: '0', mod: true },
  goTradeoffs: { key: '9', mod: true, shift: true },
  goDocuments: { key: '0', mod: true, shift: true },
  goRoadmap: { key: '8', mod: true, shift: true },
  goSurveys: { key: '7', mod: true, shift: true },
  goLoop: { key: '6', mod: true, shift: true },
  cite: { key: 'l', mod: true, shift: true },
  search: { key: 'f', mod: true, shift: true },
  newObservation: { key: 'o', mod: true, shift: true },
  togglePreview: { key: 'e', mod: true },
} satisfies Record<string, Shortcut>;

export type ShortcutName = keyof typeof SHORTCUTS;
