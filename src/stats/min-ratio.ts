/**
 * The ratio of two sides' fastest steady states, min(candidate) / min(base), as a bootstrap
 * distribution over the values (each a process's low quantile). On a shared machine, other work
 * only ever slows code down: a process that ran while the machine was disturbed is slow, never
 * fast, so the minimum over processes stays put between sessions while medians move with the
 * neighbours' load (measured here: a session-to-session spread of 0.5–2.7 % for the minimum of
 * per-process 10th percentiles against 12–23 % for the median of medians). Resample whole
 * processes, never in-process samples (research/bench-tools.md, Conclusion 1).
 *
 * Error the resampling cannot see (the spread between sessions, an uncertain machine-speed
 * correction) is added to every replicate as independent normal noise on the log scale, so the
 * interval and the p-value come from one distribution and always agree.
 */
import { PerfgateError } from '../core/errors.js';
import { DEFAULT_BOOTSTRAP_RESAMPLES, type RatioInterval } from './bootstrap.js';
import { type Random, randomIndex } from './random.js';
import { assertFiniteSamples, quantile, type SortedSamples, sortSamples } from './sorted.js';

export interface MinRatioOptions {
  /** The only source of randomness; pass `mulberry32(seed)` for a reproducible result. */
  random: Random;
  /** Integer ≥ 1. Default {@link DEFAULT_BOOTSTRAP_RESAMPLES}. */
  resamples?: number;
  /** σ of extra log-scale error added to each replicate. Default 0. */
  extraLogSd?: number;
  /** Subtracted from every log ratio: log of a correction factor the ratio is divided by. Default 0. */
  logShift?: number;
}

/** The bootstrap distribution of log(min(candidate) / min(base)). */
export interface LogRatioDistribution {
  /** log of the observed ratio (after the shift). */
  estimate: number;
  replicates: SortedSamples;
}

function validate(label: string, values: readonly number[]): void {
  if (values.length === 0) throw new PerfgateError('INVALID_ARGUMENT', `${label} sample is empty`);
  assertFiniteSamples(values, label);
  if (values.some((value) => value <= 0)) {
    throw new PerfgateError('INVALID_ARGUMENT', `${label} values must be positive for a ratio`);
  }
}

/** The minimum of `draws` values drawn with replacement. */
function resampledMin(values: readonly number[], draws: number, random: Random): number {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < draws; i++) {
    least = Math.min(least, values[randomIndex(random, values.length)] ?? least);
  }
  return least;
}

/**
 * A side's minimum as `draws` processes would show it: the sample minimum when the side has that
 * many, else the expected minimum of `draws` values drawn from it (exact: the i-th smallest of n is
 * the minimum with probability ((n−i+1)/n)^k − ((n−i)/n)^k).
 */
export function expectedMin(values: readonly number[], draws: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (draws >= n) return sorted[0] ?? Number.NaN;
  return sorted.reduce(
    (sum, value, i) => sum + value * (((n - i) / n) ** draws - ((n - i - 1) / n) ** draws),
    0,
  );
}

/** A standard normal deviate by Box–Muller from two uniforms of `random`. */
function normalDeviate(random: Random): number {
  const u = 1 - random(); // (0, 1]: log(0) is impossible
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Resamples each side with replacement (base first in each resample, then the candidate, then the
 * noise draw: the result is a function of the `random` stream). Both sides must be non-empty,
 * finite and positive; throws `INVALID_ARGUMENT` otherwise.
 *
 * Sides of different sizes are compared as equally many processes (the smaller side's count):
 * the minimum of more processes is lower by chance alone, so 10 baseline processes against 6 new
 * ones would read as a slowdown (measured here: a bimodal benchmark whose fast mode had 7
 * processes in the baseline and 2 now read +14 % on unchanged code).
 */
export function bootstrapMinLogRatio(
  base: readonly number[],
  candidate: readonly number[],
  options: MinRatioOptions,
): LogRatioDistribution {
  validate('base', base);
  validate('candidate', candidate);
  const { random, resamples = DEFAULT_BOOTSTRAP_RESAMPLES, extraLogSd = 0, logShift = 0 } = options;
  if (!Number.isInteger(resamples) || resamples < 1 || !(extraLogSd >= 0)) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `bad bootstrap options: ${resamples} resamples, σ ${extraLogSd}`,
    );
  }
  const draws = Math.min(base.length, candidate.length);
  const replicates: number[] = new Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const baseMin = resampledMin(base, draws, random);
    const logRatio = Math.log(resampledMin(candidate, draws, random) / baseMin) - logShift;
    replicates[r] = extraLogSd > 0 ? logRatio + extraLogSd * normalDeviate(random) : logRatio;
  }
  return {
    estimate: Math.log(expectedMin(candidate, draws) / expectedMin(base, draws)) - logShift,
    replicates: sortSamples(replicates),
  };
}

/** The two-sided percentile interval of the ratio at `confidence` in (0, 1). */
export function ratioIntervalOf(distribution: LogRatioDistribution, confidence: number): RatioInterval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new PerfgateError('INVALID_ARGUMENT', `confidence must be in (0, 1), got ${confidence}`);
  }
  const alpha = 1 - confidence;
  const { replicates } = distribution;
  return {
    estimate: Math.exp(distribution.estimate),
    lower: Math.exp(quantile(replicates, alpha / 2)),
    upper: Math.exp(quantile(replicates, 1 - alpha / 2)),
    confidence,
    resamples: replicates.length,
  };
}

/**
 * Two-sided bootstrap p-value of "no change": twice the share of replicates on the far side of
 * ratio 1 (at least one replicate's worth, so it is never 0). An interval at level 1 − a excludes
 * ratio 1 exactly when this is below a, up to the interpolation between replicates.
 */
export function bootstrapPValue(distribution: LogRatioDistribution): number {
  const { replicates } = distribution;
  const n = replicates.length;
  const below = replicates.filter((value) => value <= 0).length;
  const above = replicates.filter((value) => value >= 0).length;
  return Math.min(1, (2 * Math.max(1, Math.min(below, above))) / n);
}
