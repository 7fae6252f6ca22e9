/**
 * Descriptive statistics over samples sorted once (STYLE.md #4).
 *
 * Every function here is pure and synchronous. Functions that need at least one value throw
 * `INVALID_ARGUMENT` on empty input instead of returning `NaN`; sample variance needs two.
 */
import { PerfgateError } from '../core/errors.js';

declare const sortedBrand: unique symbol;

/**
 * Finite numbers in ascending order. Only {@link sortSamples} produces this type, so a function
 * taking `SortedSamples` may rely on order and finiteness without re-checking.
 */
export type SortedSamples = readonly number[] & { readonly [sortedBrand]: true };

/**
 * Throws `INVALID_ARGUMENT` naming the first index whose value is `NaN` or ±Infinity.
 * `label` names the sample in the message (`'samples'`, `'base'`, …).
 */
export function assertFiniteSamples(values: readonly number[], label = 'samples'): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || !Number.isFinite(value)) {
      throw new PerfgateError(
        'INVALID_ARGUMENT',
        `${label}[${i}] is ${value}; samples must be finite numbers`,
        {
          hint: 'Drop failed or missing measurements before computing statistics.',
        },
      );
    }
  }
}

/**
 * Copies and sorts `values` ascending (numerically; the input is not mutated).
 * Throws `INVALID_ARGUMENT` naming the index of the first `NaN` or ±Infinity. Empty input is
 * accepted and yields an empty `SortedSamples`.
 */
export function sortSamples(values: readonly number[]): SortedSamples {
  assertFiniteSamples(values);
  return [...values].sort((a, b) => a - b) as unknown as SortedSamples;
}

function requireNonEmpty(sorted: SortedSamples, what: string): void {
  if (sorted.length === 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `${what} of an empty sample is undefined`);
  }
}

/** Element `i` of an array the caller has bounds-checked (keeps `noUncheckedIndexedAccess` honest). */
function at(values: readonly number[], i: number): number {
  const value = values[i];
  if (value === undefined) throw new RangeError(`index ${i} out of range 0..${values.length - 1}`);
  return value;
}

/**
 * The q-quantile by Hyndman & Fan (1996) definition 7, the default of R's `quantile()` and
 * numpy's `percentile(..., method='linear')`: with n sorted values x[0..n−1],
 * h = (n − 1)·q, and Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * So Q(0) is the minimum, Q(1) the maximum, and Q(0.5) the usual median.
 * Throws `INVALID_ARGUMENT` for an empty sample or q outside [0, 1].
 */
export function quantile(sorted: SortedSamples, q: number): number {
  requireNonEmpty(sorted, 'A quantile');
  if (!(q >= 0 && q <= 1)) {
    throw new PerfgateError('INVALID_ARGUMENT', `quantile q must be in [0, 1], got ${q}`);
  }
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = at(sorted, lo);
  if (lo === h) return below;
  return below + (h - lo) * (at(sorted, lo + 1) - below);
}

/** The median, `quantile(sorted, 0.5)`: the mean of the two middle values when n is even. */
export function median(sorted: SortedSamples): number {
  return quantile(sorted, 0.5);
}

/** The smallest value. Throws on an empty sample. */
export function min(sorted: SortedSamples): number {
  requireNonEmpty(sorted, 'The minimum');
  return at(sorted, 0);
}

/** The largest value. Throws on an empty sample. */
export function max(sorted: SortedSamples): number {
  requireNonEmpty(sorted, 'The maximum');
  return at(sorted, sorted.length - 1);
}

/** The arithmetic mean. Throws on an empty sample. */
export function mean(sorted: SortedSamples): number {
  requireNonEmpty(sorted, 'The mean');
  let sum = 0;
  for (const value of sorted) sum += value;
  return sum / sorted.length;
}

/**
 * The sample variance Σ(x − x̄)² / (n − 1), computed in two passes for accuracy.
 * Throws `INVALID_ARGUMENT` when n < 2 (one value says nothing about spread).
 */
export function variance(sorted: SortedSamples): number {
  if (sorted.length < 2) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `sample variance needs at least 2 values, got ${sorted.length}`,
    );
  }
  const centre = mean(sorted);
  let squares = 0;
  for (const value of sorted) squares += (value - centre) ** 2;
  return squares / (sorted.length - 1);
}

/** The sample standard deviation √variance (n − 1 denominator). Throws when n < 2. */
export function stddev(sorted: SortedSamples): number {
  return Math.sqrt(variance(sorted));
}

/**
 * Multiply {@link mad} by this to estimate σ of normally distributed data (1 / Φ⁻¹(3/4)).
 */
export const MAD_NORMAL_SCALE = 1.482602218505602;

/**
 * The raw median absolute deviation median(|x − median(x)|), not scaled; multiply by
 * {@link MAD_NORMAL_SCALE} for a σ estimate. Throws on an empty sample.
 */
export function mad(sorted: SortedSamples): number {
  const centre = median(sorted);
  return median(sortSamples(sorted.map((value) => Math.abs(value - centre))));
}

/** A one-line description of a sample; quantiles are Hyndman–Fan type 7 (see {@link quantile}). */
export interface Summary {
  n: number;
  mean: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  /** Sample standard deviation (n − 1); `undefined` when n = 1. */
  stddev: number | undefined;
}

/** Summarises a non-empty sample. Throws `INVALID_ARGUMENT` on an empty one. */
export function summarize(sorted: SortedSamples): Summary {
  requireNonEmpty(sorted, 'A summary');
  return {
    n: sorted.length,
    mean: mean(sorted),
    median: median(sorted),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    min: min(sorted),
    max: max(sorted),
    stddev: sorted.length < 2 ? undefined : stddev(sorted),
  };
}
