/**
 * Time, injected (STYLE.md #5): only `src/cli` builds the real clock, so schedules and timeouts
 * are testable without touching globals.
 */
export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch (for timestamps in results). */
  now(): number;
  /** Monotonic milliseconds with sub-millisecond resolution (for measuring durations). */
  monotonic(): number;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
