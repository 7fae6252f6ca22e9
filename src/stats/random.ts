/**
 * Injected randomness (STYLE.md #5): statistics never call `Math.random`; they take a `Random`.
 */
import { PerfgateError } from '../core/errors.js';

/** Returns a uniformly distributed number in [0, 1) on each call. */
export type Random = () => number;

/**
 * A seeded PRNG (mulberry32 by Tommy Ettinger: 32-bit state, period 2³²), good enough for
 * bootstrap resampling and reproducible across platforms. The same seed gives the same stream.
 * `seed` must be an integer; it is taken modulo 2³².
 */
export function mulberry32(seed: number): Random {
  if (!Number.isInteger(seed)) {
    throw new PerfgateError('INVALID_ARGUMENT', `PRNG seed must be an integer, got ${seed}`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n) drawn from `random`; robust to a `Random` that returns exactly 1. */
export function randomIndex(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
