/**
 * Percentile-bootstrap confidence interval for the ratio of medians, candidate / base: the effect
 * size a benchmark regression gate reports (a ratio of 1.10 means the candidate is 10 % slower).
 * Resample units should be process-level replicates, never in-process samples
 * (research/bench-tools.md, Conclusions 1-2).
 */
import { PerfgateError } from '../core/errors.js';
import { type Random, randomIndex } from './random.js';
import { assertFiniteSamples, median, quantile, sortSamples } from './sorted.js';

export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
export const DEFAULT_BOOTSTRAP_CONFIDENCE = 0.95;

export interface MedianRatioOptions {
  /** The only source of randomness; pass `mulberry32(seed)` for a reproducible interval. */
  random: Random;
  /** Number of bootstrap resamples, an integer ≥ 1. Default {@link DEFAULT_BOOTSTRAP_RESAMPLES}. */
  resamples?: number;
  /** Two-sided confidence level in (0, 1). Default {@link DEFAULT_BOOTSTRAP_CONFIDENCE}. */
  confidence?: number;
}

export interface RatioInterval {
  /** median(candidate) / median(base) on the observed samples. */
  estimate: number;
  /** Lower and upper bounds: type-7 quantiles (1 ∓ confidence)/2 of the resampled ratios. */
  lower: number;
  upper: number;
  confidence: number;
  resamples: number;
}

function validate(base: readonly number[], candidate: readonly number[], options: MedianRatioOptions): void {
  for (const [label, values] of [
    ['base', base],
    ['candidate', candidate],
  ] as const) {
    if (values.length === 0) throw new PerfgateError('INVALID_ARGUMENT', `${label} sample is empty`);
    assertFiniteSamples(values, label);
    if (values.some((value) => value <= 0)) {
      throw new PerfgateError(
        'INVALID_ARGUMENT',
        `${label} samples must be positive for a ratio of medians`,
        {
          hint: 'Ratios are defined for durations or throughputs, which are > 0.',
        },
      );
    }
  }
  const { resamples = DEFAULT_BOOTSTRAP_RESAMPLES, confidence = DEFAULT_BOOTSTRAP_CONFIDENCE } = options;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new PerfgateError('INVALID_ARGUMENT', `resamples must be an integer ≥ 1, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new PerfgateError('INVALID_ARGUMENT', `confidence must be in (0, 1), got ${confidence}`);
  }
}

/** The median of n draws with replacement from `values`. */
function resampledMedian(values: readonly number[], random: Random, scratch: Float64Array): number {
  for (let i = 0; i < scratch.length; i++) {
    scratch[i] = values[randomIndex(random, values.length)] ?? Number.NaN;
  }
  scratch.sort();
  const mid = scratch.length >> 1;
  const upper = scratch[mid] ?? Number.NaN;
  return scratch.length % 2 === 1 ? upper : ((scratch[mid - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * Percentile-bootstrap CI of median(candidate) / median(base), resampling each sample
 * independently with replacement. Both samples must be non-empty, finite and positive; throws
 * `INVALID_ARGUMENT` otherwise. Deterministic given the `random` stream: base is drawn before
 * candidate within each resample.
 */
export function bootstrapMedianRatio(
  base: readonly number[],
  candidate: readonly number[],
  options: MedianRatioOptions,
): RatioInterval {
  validate(base, candidate, options);
  const {
    random,
    resamples = DEFAULT_BOOTSTRAP_RESAMPLES,
    confidence = DEFAULT_BOOTSTRAP_CONFIDENCE,
  } = options;
  const baseScratch = new Float64Array(base.length);
  const candidateScratch = new Float64Array(candidate.length);
  const ratios: number[] = new Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const baseMedian = resampledMedian(base, random, baseScratch);
    ratios[r] = resampledMedian(candidate, random, candidateScratch) / baseMedian;
  }
  const sortedRatios = sortSamples(ratios);
  const alpha = 1 - confidence;
  return {
    estimate: median(sortSamples(candidate)) / median(sortSamples(base)),
    lower: quantile(sortedRatios, alpha / 2),
    upper: quantile(sortedRatios, 1 - alpha / 2),
    confidence,
    resamples,
  };
}
