/**
 * The run's one abort signal, fed by SIGINT and by the time budget, and the hard abort: a step
 * that has not settled `graceMs` after the abort is abandoned (its promise rejects), so a stuck
 * step can never keep services running past the budget.
 */
import type { Clock } from '../core/clock.js';
import { PerfgateError } from '../core/errors.js';

/** After an abort, a step gets this long to wind down (write partial results) before it is abandoned. */
export const DEFAULT_HARD_ABORT_GRACE_MS = 15_000;

export type AbortCause = 'interrupted' | 'time-budget';

export interface RunAbort {
  readonly signal: AbortSignal;
  cause(): AbortCause | undefined;
  /** Runs `step` with the run's signal; rejects if it outlives an abort by more than the grace. */
  guard<T>(step: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Stops the budget timer and unhooks the external signal. */
  dispose(): void;
}

export function createRunAbort(options: {
  clock: Clock;
  budgetMs: number;
  graceMs: number;
  external?: AbortSignal;
}): RunAbort {
  const { clock, budgetMs, graceMs, external } = options;
  const controller = new AbortController();
  const timers = new AbortController();
  let cause: AbortCause | undefined;
  const abort = (why: AbortCause) => {
    if (controller.signal.aborted) return;
    cause = why;
    controller.abort(
      why === 'interrupted'
        ? new PerfgateError('ABORTED', 'the run was interrupted')
        : new PerfgateError('TIME_BUDGET_EXCEEDED', `the time budget of ${budgetMs} ms ran out`),
    );
  };
  const onExternal = () => abort('interrupted');
  if (external?.aborted) abort('interrupted');
  external?.addEventListener('abort', onExternal, { once: true });
  clock.sleep(budgetMs, timers.signal).then(
    () => abort('time-budget'),
    () => {},
  );
  /** Rejects `graceMs` after the abort; `release` unhooks it once the step has settled. */
  const abandoned = () => {
    let release = () => {};
    const promise = new Promise<never>((_, reject) => {
      const afterGrace = () =>
        clock.sleep(graceMs, timers.signal).then(
          () => reject(controller.signal.reason),
          () => {},
        );
      if (controller.signal.aborted) afterGrace();
      else {
        controller.signal.addEventListener('abort', afterGrace, { once: true });
        release = () => controller.signal.removeEventListener('abort', afterGrace);
      }
    });
    return { promise, release: () => release() };
  };
  return {
    signal: controller.signal,
    cause: () => cause,
    guard: (step) => {
      const limit = abandoned();
      return Promise.race([step(controller.signal), limit.promise]).finally(limit.release);
    },
    dispose: () => {
      timers.abort();
      external?.removeEventListener('abort', onExternal);
    },
  };
}
