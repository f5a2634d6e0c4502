/** Ask-load: how often someone was asked for their time, and when that deserves a warning. */
import { backend, type PersonSummary } from '../ipc/client';

let threshold: Promise<number> | null = null;

/** The workspace's threshold, fetched once per workspace (call `forgetThreshold` when it changes). */
export function askLoadThreshold(): Promise<number> {
  threshold ??= backend.askLoadThreshold().catch(() => {
    threshold = null;
    return 3;
  });
  return threshold;
}

export function forgetThreshold(): void {
  threshold = null;
}

/** The warning for asking this person again, or undefined when they have room. */
export function askLoadWarning(p: Pick<PersonSummary, 'askLoad'>, limit: number): string | undefined {
  return p.askLoad >= limit ? `Asked ${p.askLoad}× in the last 90 days (your limit is ${limit})` : undefined;
}
