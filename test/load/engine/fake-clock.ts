import type { Clock } from '../../../src/core/clock.js';

interface Timer {
  readonly at: number;
  readonly resolve: () => void;
}

/**
 * A virtual clock: `sleep` waits for `run` to advance time, which jumps straight to the next
 * timer once every pending promise has settled, so a 60-second schedule runs in milliseconds.
 */
export class FakeClock implements Clock {
  #now = 0;
  #timers: Timer[] = [];
  readonly wallStart = 1_700_000_000_000;

  now(): number {
    return this.wallStart + this.#now;
  }

  monotonic(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      const timer = {
        at: this.#now + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs `work` to completion, advancing virtual time whenever everything else is waiting. */
  async run<T>(work: Promise<T>, hooks: { at?: number; action?: () => void } = {}): Promise<T> {
    let done = false;
    const finished = work.finally(() => {
      done = true;
    });
    // Handled here so a rejection is not reported before the caller awaits what run returns.
    finished.catch(() => {});
    let hookPending = hooks.at !== undefined;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift();
      if (!next) continue;
      if (hookPending && hooks.at !== undefined && next.at >= hooks.at) {
        this.#now = hooks.at;
        hookPending = false;
        hooks.action?.();
        this.#timers.unshift(next);
        continue;
      }
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    return finished;
  }
}
