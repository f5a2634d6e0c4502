/**
 * Installs the fake backend into the page before the app's own scripts run
 * (bundled to an IIFE and given to Playwright's `page.addInitScript`).
 *
 *   window.__GW_MOCK_CONFIG__  read here: how to seed and what to fail (MockConfig)
 *   window.__GW_MOCK_CALLS__   every IPC call, in order: { seq, cmd, args, ok, error? }
 *   window.__GW_MOCK__         levers: fail(cmd, error|null), emit(event, payload), state(), opened()
 */
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { FakeBackend, type Failure, type MockConfig } from './backend';

declare global {
  interface Window {
    __GW_MOCK_CONFIG__?: MockConfig;
    __GW_MOCK_CALLS__?: FakeBackend['calls'];
    __GW_MOCK__?: {
      backend: FakeBackend;
      fail(cmd: string, failure: Failure | null): void;
      emit(event: string, payload?: unknown): Promise<unknown>;
      state(): ReturnType<FakeBackend['snapshot']>;
      opened(): string[];
    };
  }
}

const backend = new FakeBackend(window.__GW_MOCK_CONFIG__ ?? {});

mockWindows('main');
mockIPC((cmd, payload) => backend.handle(cmd, (payload ?? {}) as Record<string, unknown>), { shouldMockEvents: true });

window.__GW_MOCK_CALLS__ = backend.calls;
window.__GW_MOCK__ = {
  backend,
  fail(cmd, failure) {
    if (failure) backend.failOn[cmd] = { ...failure };
    else delete backend.failOn[cmd];
  },
  // Goes through the mocked event plugin, as an event from Rust would (e.g. 'tauri://close-requested').
  emit: (event, payload) =>
    (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__.invoke(
      'plugin:event|emit',
      { event, payload: payload ?? null },
    ),
  state: () => backend.snapshot(),
  opened: () => [...backend.opened],
};
