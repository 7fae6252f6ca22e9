/**
 * The full description of a benchmark's samples: the spec's statistics (mean, median, P95, P99)
 * plus the robust ones a regression gate needs (MAD, p75, Tukey outlier counts). Quantiles are
 * Hyndman–Fan type 7 ({@link quantile}); stddev uses n − 1; MAD is raw (unscaled).
 */
import { type TukeyOutliers, tukeyOutliers } from './outliers.js';
import { mad, max, mean, median, min, quantile, type SortedSamples, stddev } from './sorted.js';

export interface SampleDescription {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** The 10th percentile: a process's undisturbed speed (other work only slows samples down). */
  p10: number;
  median: number;
  p75: number;
  p95: number;
  p99: number;
  /** Sample standard deviation; 0 when n = 1 (no spread observed). */
  stddev: number;
  /** Median absolute deviation, unscaled (multiply by MAD_NORMAL_SCALE for a σ estimate). */
  mad: number;
  outliers: TukeyOutliers;
}

/** Describes a non-empty sample; throws `INVALID_ARGUMENT` on an empty one. */
export function describeSamples(sorted: SortedSamples): SampleDescription {
  return {
    n: sorted.length,
    min: min(sorted),
    max: max(sorted),
    mean: mean(sorted),
    p10: quantile(sorted, 0.1),
    median: median(sorted),
    p75: quantile(sorted, 0.75),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    stddev: sorted.length < 2 ? 0 : stddev(sorted),
    mad: mad(sorted),
    outliers: tukeyOutliers(sorted),
  };
}
