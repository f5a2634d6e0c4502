import { describe as group, expect, it } from 'vitest';
import { describe, matches, SHORTCUTS } from './shortcuts';

const key = (k: string, o: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...o });

group('shortcuts', () => {
  it('use Ctrl on Linux and Windows and Cmd on macOS', () => {
    expect(matches(key('k', { ctrlKey: true }), SHORTCUTS.palette, false)).toBe(true);
    expect(matches(key('k', { metaKey: true }), SHORTCUTS.palette, false)).toBe(false);
    expect(matches(key('k', { metaKey: true }), SHORTCUTS.palette, true)).toBe(true);
  });

  it('tell new session from new workspace by Shift', () => {
    expect(matches(key('n', { ctrlKey: true }), SHORTCUTS.newSession, false)).toBe(true);
    expect(matches(key('N', { ctrlKey: true, shiftKey: true }), SHORTCUTS.newSession, false)).toBe(false);
    expect(matches(key('N', { ctrlKey: true, shiftKey: true }), SHORTCUTS.newWorkspace, false)).toBe(true);
  });

  it('match a digit with Shift by the key pressed, whatever symbol it types', () => {
    const shifted = { ...key('(', { ctrlKey: true, shiftKey: true }), code: 'Digit9' };
    expect(matches(shifted, SHORTCUTS.goTradeoffs, false)).toBe(true);
    expect(matches(shifted, SHORTCUTS.goPains, false)).toBe(false);
    expect(matches({ ...key('9', { ctrlKey: true }), code: 'Digit9' }, SHORTCUTS.goPains, false)).toBe(true);
  });

  it('are described the way each platform writes them', () => {
    expect(describe(SHORTCUTS.newWorkspace, false)).toBe('Ctrl+Shift+N');
    expect(describe(SHORTCUTS.newWorkspace, true)).toBe('⌘⇧N');
  });

  it('are all different', () => {
    const seen = new Set(Object.values(SHORTCUTS).map((s) => describe(s, false)));
    expect(seen.size).toBe(Object.keys(SHORTCUTS).length);
  });
});
