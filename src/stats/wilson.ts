/**
 * Confidence bounds on a proportion from few events: the Wilson score interval (Wilson 1927), the
 * inversion of the score test, which stays inside [0, 1] and keeps its coverage for small n and
 * ratios near 0 where the normal ("Wald") interval collapses (one failure in 40 requests).
 * Reference values: scipy's `binomtest(k, n).proportion_ci(method='wilson')`, in wilson.test.ts.
 */
import { PerfgateError } from '../core/errors.js';
import { normalQuantile } from './normal.js';

export interface ProportionInterval {
  /** events / total. */
  estimate: number;
  lower: number;
  upper: number;
  /** Two-sided confidence of [lower, upper]. */
  confidence: number;
}

function validate(events: number, total: number, confidence: number): void {
  if (!Number.isFinite(total) || total <= 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `a proportion needs a positive total, got ${total}`);
  }
  if (!(events >= 0 && events <= total)) {
    throw new PerfgateError('INVALID_ARGUMENT', `events must lie in [0, ${total}], got ${events}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new PerfgateError('INVALID_ARGUMENT', `confidence must be in (0, 1), got ${confidence}`);
  }
}

/** The bounds for a given z (centre ± half-width of the score interval). */
function wilsonBounds(events: number, total: number, z: number): { lower: number; upper: number } {
  const p = events / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  // At 0 and n events the exact bound is 0 or 1; rounding must not move it.
  return {
    lower: events === 0 ? 0 : Math.max(0, centre - half),
    upper: events === total ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The two-sided Wilson score interval for `events` of `total` at `confidence` (e.g. 0.95).
 * `events` may be fractional (a share of a histogram's count); `total` must be positive.
 */
export function wilsonInterval(events: number, total: number, confidence: number): ProportionInterval {
  validate(events, total, confidence);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { estimate: events / total, ...wilsonBounds(events, total, z), confidence };
}

/** The one-sided lower bound at `confidence`: the true ratio is above it with that confidence. */
export function wilsonLowerBound(events: number, total: number, confidence: number): number {
  validate(events, total, confidence);
  return wilsonBounds(events, total, normalQuantile(confidence)).lower;
}

/**
 * The fewest events at which an observed ratio `observed` (> `limit`) would put the one-sided
 * Wilson lower bound above `limit` at `confidence`. The Wilson bound crosses `limit` exactly where
 * the score test rejects, (observed − limit)·√n / √(limit·(1 − limit)) > z, so
 * n > z²·limit·(1 − limit) / (observed − limit)². Undefined when `observed` ≤ `limit` (no number
 * of events can show a ratio over the limit that was not observed) or `limit` is 0 (one event shows it).
 */
export function eventsToShowExcess(observed: number, limit: number, confidence: number): number | undefined {
  if (!(observed > limit) || !(limit >= 0 && limit < 1)) return undefined;
  if (!(confidence > 0 && confidence < 1)) {
    throw new PerfgateError('INVALID_ARGUMENT', `confidence must be in (0, 1), got ${confidence}`);
  }
  if (limit === 0) return 1;
  const z = normalQuantile(confidence);
  return Math.floor((z * z * limit * (1 - limit)) / (observed - limit) ** 2) + 1;
}
