/**
 * Tukey's fences (Exploratory Data Analysis, 1977), as criterion.rs reports them: values beyond
 * Q1 − k·IQR or Q3 + k·IQR are outliers, "mild" for k = 1.5 and "severe" for k = 3. Quartiles
 * are Hyndman–Fan type 7 ({@link quantile}).
 */
import { PerfgateError } from '../core/errors.js';
import { quantile, type SortedSamples } from './sorted.js';

export const TUKEY_MILD = 1.5;
export const TUKEY_SEVERE = 3;

export interface TukeyOutliers {
  /** Q1 − 1.5·IQR and Q3 + 1.5·IQR. */
  lowerFence: number;
  upperFence: number;
  /** Values below the lower fence / above the upper fence (mild or severe). */
  low: number;
  high: number;
  /** Of those, how many lie beyond the 3·IQR fences. */
  severe: number;
}

/** Counts the outliers of a non-empty sample; throws `INVALID_ARGUMENT` on an empty one. */
export function tukeyOutliers(sorted: SortedSamples): TukeyOutliers {
  if (sorted.length === 0) throw new PerfgateError('INVALID_ARGUMENT', 'Tukey fences of an empty sample');
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const fences = (k: number) => [q1 - k * iqr, q3 + k * iqr] as const;
  const [lowerFence, upperFence] = fences(TUKEY_MILD);
  const [severeLow, severeHigh] = fences(TUKEY_SEVERE);
  let low = 0;
  let high = 0;
  let severe = 0;
  for (const value of sorted) {
    if (value < lowerFence) low++;
    if (value > upperFence) high++;
    if (value < severeLow || value > severeHigh) severe++;
  }
  return { lowerFence, upperFence, low, high, severe };
}
