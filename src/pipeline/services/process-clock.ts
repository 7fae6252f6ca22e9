import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../core/clock.js';

/**
 * The default clock of service management when the caller injects none: monotonic time from
 * `performance.now()`, wall time derived from `performance.timeOrigin`, abortable sleeps.
 */
export const processClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  monotonic: () => performance.now(),
  sleep: async (ms, signal) => {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  },
};
