/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test: the rank test the benchmark gate runs over
 * per-process medians of base and candidate (research/bench-tools.md B2/B3: 5 + 5 processes held
 * false alarms at 5 % and caught 93-100 % of 10 % slowdowns).
 */
import { PerfgateError } from '../core/errors.js';
import { assertFiniteSamples } from './sorted.js';

/** With no ties and both samples at most this large, `'auto'` uses the exact distribution. */
export const MANN_WHITNEY_EXACT_MAX_N = 10;

export type MannWhitneyMethod = 'exact' | 'normal';

export interface MannWhitneyOptions {
  /** `'auto'` (default): exact when both n ≤ {@link MANN_WHITNEY_EXACT_MAX_N} and no ties. */
  method?: MannWhitneyMethod | 'auto';
}

export interface MannWhitneyResult {
  /**
   * U of the first sample x: the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting ½
   * (equivalently R₁ − n₁(n₁+1)/2). 0 when every x is below every y, n₁·n₂ when every x is above.
   */
  u: number;
  /** Signed, continuity-corrected z of U (positive when x tends larger); only for `'normal'`. */
  z?: number;
  /** Two-sided p-value in [0, 1]. */
  pValue: number;
  method: MannWhitneyMethod;
}

interface Ranked {
  u: number;
  /** Σ (t³ − t) over groups of t tied values in the pooled sample. */
  tieSum: number;
}

/** U of x and the tie term, from midranks of the pooled sample. */
function rankSums(x: readonly number[], y: readonly number[]): Ranked {
  const pooled = [
    ...x.map((value) => ({ value, fromX: true })),
    ...y.map((value) => ({ value, fromX: false })),
  ];
  pooled.sort((a, b) => a.value - b.value);
  let rankSumX = 0;
  let tieSum = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start;
    while (end + 1 < pooled.length && pooled[end + 1]?.value === pooled[start]?.value) end++;
    const midrank = (start + end) / 2 + 1;
    const t = end - start + 1;
    tieSum += t ** 3 - t;
    for (let i = start; i <= end; i++) if (pooled[i]?.fromX) rankSumX += midrank;
    start = end + 1;
  }
  return { u: rankSumX - (x.length * (x.length + 1)) / 2, tieSum };
}

/**
 * Counts of arrangements giving each U = 0..n₁n₂ under H₀ with no ties, by the recurrence
 * c(i, j, u) = c(i − 1, j, u − j) + c(i, j − 1, u): the largest pooled value is either an x
 * (beating all j y's) or a y. The counts sum to C(n₁ + n₂, n₁).
 */
export function exactUDistribution(n1: number, n2: number): number[] {
  // row[j] holds the counts for (i, j) as i advances.
  let row: number[][] = Array.from({ length: n2 + 1 }, () => [1]);
  for (let i = 1; i <= n1; i++) {
    const next: number[][] = [new Array(1).fill(1)];
    for (let j = 1; j <= n2; j++) {
      const counts = new Array<number>(i * j + 1).fill(0);
      (row[j] ?? []).forEach((count, u) => {
        counts[u + j] = (counts[u + j] ?? 0) + count;
      });
      (next[j - 1] ?? []).forEach((count, u) => {
        counts[u] = (counts[u] ?? 0) + count;
      });
      next.push(counts);
    }
    row = next;
  }
  return row[n2] ?? [1];
}

function exactPValue(u: number, n1: number, n2: number): number {
  const counts = exactUDistribution(n1, n2);
  const total = counts.reduce((sum, count) => sum + count, 0);
  // The distribution is symmetric about n₁n₂/2, so the smaller tail is P(U ≤ min(u, n₁n₂ − u)).
  const tailEnd = Math.min(u, n1 * n2 - u);
  let tail = 0;
  for (let k = 0; k <= tailEnd; k++) tail += counts[k] ?? 0;
  return Math.min(1, (2 * tail) / total);
}

/**
 * erfc(x) by the Chebyshev fit of Numerical Recipes (erfcc): relative error < 1.2 × 10⁻⁷
 * everywhere, ample for p-values compared with thresholds like 0.05.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(-z * z + poly);
  return x >= 0 ? value : 2 - value;
}

function normalResult(u: number, n1: number, n2: number, tieSum: number): MannWhitneyResult {
  const n = n1 + n2;
  const centre = (n1 * n2) / 2;
  const varianceU = ((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1)));
  if (!(varianceU > 0)) return { u, z: 0, pValue: 1, method: 'normal' };
  const distance = Math.max(0, Math.abs(u - centre) - 0.5);
  const z = (Math.sign(u - centre) * distance) / Math.sqrt(varianceU);
  // Two-sided: 2·(1 − Φ(|z|)) = erfc(|z| / √2).
  return { u, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)), method: 'normal' };
}

/**
 * Tests H₀ "x and y come from the same distribution" against a two-sided shift.
 * - `'exact'`: the permutation distribution of U (no ties allowed; throws `INVALID_ARGUMENT` if tied).
 * - `'normal'`: mean n₁n₂/2, variance n₁n₂/12 · (n + 1 − Σ(t³ − t) / (n(n − 1))) (tie-corrected),
 *   with a 0.5 continuity correction toward the mean; all values tied gives z = 0, p = 1.
 * Both samples must be non-empty and finite.
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  if (x.length === 0 || y.length === 0) {
    throw new PerfgateError('INVALID_ARGUMENT', 'Mann–Whitney U needs at least one value in each sample');
  }
  assertFiniteSamples(x, 'x');
  assertFiniteSamples(y, 'y');
  const { u, tieSum } = rankSums(x, y);
  const requested = options.method ?? 'auto';
  const small = x.length <= MANN_WHITNEY_EXACT_MAX_N && y.length <= MANN_WHITNEY_EXACT_MAX_N;
  if (requested === 'exact' && tieSum > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', 'the exact Mann–Whitney distribution assumes no ties', {
      hint: "Use method 'normal' or 'auto' for tied data.",
    });
  }
  if (requested === 'exact' || (requested === 'auto' && small && tieSum === 0)) {
    return { u, pValue: exactPValue(u, x.length, y.length), method: 'exact' };
  }
  return normalResult(u, x.length, y.length, tieSum);
}
