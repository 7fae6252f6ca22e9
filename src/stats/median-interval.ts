/**
 * Percentile-bootstrap confidence interval of one sample's median: the error bar perfgate prints
 * next to a benchmark's median. Resample process-level values (one median per process), not
 * in-process samples, which are correlated (research/bench-tools.md, Conclusions 1-2).
 */
import { PerfgateError } from '../core/errors.js';
import { DEFAULT_BOOTSTRAP_CONFIDENCE, DEFAULT_BOOTSTRAP_RESAMPLES } from './bootstrap.js';
import { type Random, randomIndex } from './random.js';
import { assertFiniteSamples, median, quantile, sortSamples } from './sorted.js';

export interface MedianIntervalOptions {
  /** The only source of randomness; pass `mulberry32(seed)` for a reproducible interval. */
  random: Random;
  /** Integer ≥ 1; default {@link DEFAULT_BOOTSTRAP_RESAMPLES}. */
  resamples?: number;
  /** Two-sided level in (0, 1); default {@link DEFAULT_BOOTSTRAP_CONFIDENCE}. */
  confidence?: number;
}

export interface MedianInterval {
  /** The observed median (type 7). */
  estimate: number;
  /** Type-7 quantiles (1 ∓ confidence)/2 of the resampled medians. */
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * Bootstrap CI of the median of a non-empty finite sample. With one value the interval is that
 * value. Throws `INVALID_ARGUMENT` on empty input, non-finite values or bad options.
 */
export function bootstrapMedianInterval(
  values: readonly number[],
  options: MedianIntervalOptions,
): MedianInterval {
  if (values.length === 0) throw new PerfgateError('INVALID_ARGUMENT', 'sample is empty');
  assertFiniteSamples(values);
  const {
    random,
    resamples = DEFAULT_BOOTSTRAP_RESAMPLES,
    confidence = DEFAULT_BOOTSTRAP_CONFIDENCE,
  } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new PerfgateError('INVALID_ARGUMENT', `resamples must be an integer ≥ 1, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new PerfgateError('INVALID_ARGUMENT', `confidence must be in (0, 1), got ${confidence}`);
  }
  const scratch = new Float64Array(values.length);
  const medians: number[] = new Array(resamples);
  const mid = values.length >> 1;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < scratch.length; i++) scratch[i] = values[randomIndex(random, values.length)] ?? 0;
    scratch.sort();
    const upper = scratch[mid] ?? 0;
    medians[r] = values.length % 2 === 1 ? upper : ((scratch[mid - 1] ?? 0) + upper) / 2;
  }
  const sorted = sortSamples(medians);
  const alpha = 1 - confidence;
  return {
    estimate: median(sortSamples(values)),
    lower: quantile(sorted, alpha / 2),
    upper: quantile(sorted, 1 - alpha / 2),
    confidence,
  };
}
