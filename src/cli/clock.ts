import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../core/clock.js';

/** The real clock; the only place perfgate reads wall time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: async (ms, signal) => {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  },
};
