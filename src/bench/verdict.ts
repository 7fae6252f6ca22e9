/**
 * Regression verdicts that never contradict their own numbers. Each comparison (compare.ts) is a
 * bootstrap distribution of the ratio candidate / base; the suite-level error rate is controlled
 * by the confidence of the interval each benchmark is judged by (Holm's step-down or
 * Benjamini–Hochberg levels, below), and the verdict is read off that interval alone:
 * - regression: the interval lies above 1 (it excludes "no change") and the estimate is at least
 *   the minimum effect Δ (the `minor` threshold); severity by the estimate: minor Δ–`major` %,
 *   major up to `critical` %, critical above;
 * - improved: the mirror image (the interval below 1, the estimate at least Δ faster);
 * - unchanged: the interval lies inside (1 − Δ, 1 + Δ), or it excludes 1 but the estimate is
 *   smaller than Δ ("unchanged (below threshold)");
 * - unstable: the processes split into speeds the two sides do not share (compare.ts);
 * - inconclusive: anything else — the noise cannot resolve Δ here, or (reason `disturbed`) too
 *   few processes ran while the machine was quiet (compare.ts). Never a pass.
 */
import type { RatioInterval } from '../stats/bootstrap.js';
import { bootstrapPValue, ratioIntervalOf } from '../stats/min-ratio.js';
import type { Mode } from '../stats/modes.js';
import { benjaminiHochbergAdjust, holmAdjust } from '../stats/multiple-testing.js';
import type { Comparison, ModeMatch } from './compare.js';

export interface SeverityThresholds {
  /** Slowdown % from which a regression is minor; also the minimum effect of interest. */
  minor: number;
  major: number;
  critical: number;
}

export type FalseDiscoveryControl = 'holm' | 'benjamini-hochberg';

export interface VerdictPolicy extends SeverityThresholds {
  /** Suite-level error rate (family-wise for Holm, FDR for BH). Default {@link DEFAULT_ALPHA}. */
  alpha?: number;
  falseDiscovery: FalseDiscoveryControl;
  /**
   * The smallest change worth reporting, Δ in %. Default `minor`; a gate threshold below `minor`
   * lowers it (`--threshold 5` must see a 6 % slowdown, reported as minor).
   */
  minimumEffect?: number;
}

export const DEFAULT_ALPHA = 0.05;

export type RegressionSeverity = 'minor' | 'major' | 'critical';
export type BenchVerdict =
  | { kind: 'improved' }
  | { kind: 'unchanged'; belowThreshold?: true }
  | { kind: 'regression'; severity: RegressionSeverity }
  | { kind: 'inconclusive'; reason?: 'disturbed' }
  | { kind: 'unstable' };

export interface JudgedComparison {
  /** candidate / base, with the interval the verdict was read from. */
  ratio: RatioInterval;
  /** (ratio − 1) × 100: positive is slower. */
  changePct: number;
  /** Two-sided bootstrap p-value of "no change", before and after the suite adjustment. */
  pValue: number;
  adjustedPValue: number;
  match: ModeMatch;
  modes?: { base: Mode[]; candidate: Mode[] };
  processes: Comparison['processes'];
  /** The machine-speed correction applied, as a factor (1 when none). */
  machineCorrection: number;
  /** σ (log) of the error added for what one session cannot show (session spread, correction). */
  extraLogSd: number;
  verdict: BenchVerdict;
}

export function severityOf(changePct: number, thresholds: SeverityThresholds): RegressionSeverity {
  if (changePct > thresholds.critical) return 'critical';
  return changePct >= thresholds.major ? 'major' : 'minor';
}

/** The verdict an interval supports (see the module comment). */
export function classifyInterval(ratio: RatioInterval, policy: VerdictPolicy): BenchVerdict {
  const delta = (policy.minimumEffect ?? policy.minor) / 100;
  const changePct = (ratio.estimate - 1) * 100;
  if (ratio.lower > 1) {
    return ratio.estimate >= 1 + delta
      ? { kind: 'regression', severity: severityOf(changePct, policy) }
      : { kind: 'unchanged', belowThreshold: true };
  }
  if (ratio.upper < 1) {
    return ratio.estimate <= 1 - delta ? { kind: 'improved' } : { kind: 'unchanged', belowThreshold: true };
  }
  if (ratio.lower > 1 - delta && ratio.upper < 1 + delta) return { kind: 'unchanged' };
  return { kind: 'inconclusive' };
}

/**
 * The confidence each comparison is judged at, consistent with its adjusted p-value: under Holm
 * the r-th smallest p of m is rejected while p ≤ α/(m − r + 1), so a rejected one is shown at that
 * level and the rest at α/(m − R) (R rejected), where their intervals include 1; under
 * Benjamini–Hochberg all are shown at α·max(R, 1)/m.
 */
export function judgementLevels(pValues: readonly number[], policy: VerdictPolicy): number[] {
  const alpha = policy.alpha ?? DEFAULT_ALPHA;
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  if (policy.falseDiscovery === 'benjamini-hochberg') {
    let rejected = 0;
    order.forEach(({ p }, rank) => {
      if (p <= (alpha * (rank + 1)) / m) rejected = rank + 1;
    });
    return pValues.map(() => 1 - (alpha * Math.max(rejected, 1)) / m);
  }
  const levels: number[] = new Array(m);
  let rank = 0;
  for (; rank < m; rank++) {
    const entry = order[rank];
    if (entry === undefined || entry.p > alpha / (m - rank)) break;
    levels[entry.i] = 1 - alpha / (m - rank);
  }
  for (let r = rank; r < m; r++) {
    const entry = order[r];
    if (entry !== undefined) levels[entry.i] = 1 - alpha / (m - rank);
  }
  return levels;
}

/** p-values adjusted across the suite by the policy's procedure (Holm or Benjamini–Hochberg). */
export function adjustPValues(pValues: readonly number[], policy: VerdictPolicy): number[] {
  return policy.falseDiscovery === 'holm' ? holmAdjust(pValues) : benjaminiHochbergAdjust(pValues);
}

/**
 * A comparison with a disturbed side keeps only a verdict the disturbance works against: a
 * disturbance only slows a side down, so a disturbed candidate can hide an improvement but never
 * fake one, and a disturbed base can hide a regression but never fake one. A change larger than
 * the disturbance could cause is kept too: a side whose machine state read D times slower ran its
 * benchmarks at most D² slower (measured under a CPU hog: state 1.45× slower, benchmarks 1.6–1.7×,
 * an exponent of 1.4), so a tenfold slowdown is a regression on any disturbed machine. Anything
 * else is inconclusive (machine disturbed).
 */
function disturbedVerdict(read: BenchVerdict, ratio: RatioInterval, comparison: Comparison): BenchVerdict {
  const side = comparison.processes.disturbed;
  const { base, candidate } = comparison.disturbance ?? {
    base: Number.POSITIVE_INFINITY,
    candidate: Number.POSITIVE_INFINITY,
  };
  if (read.kind === 'improved' && (side === 'candidate' || ratio.upper * base ** 2 < 1)) return read;
  if (read.kind === 'regression' && (side === 'base' || ratio.lower > candidate ** 2)) return read;
  return { kind: 'inconclusive', reason: 'disturbed' };
}

/** Adjusts for the whole suite (see {@link judgementLevels}) and judges each comparison. */
export function judgeSuite(comparisons: readonly Comparison[], policy: VerdictPolicy): JudgedComparison[] {
  const pValues = comparisons.map((comparison) => bootstrapPValue(comparison.distribution));
  const adjusted = adjustPValues(pValues, policy);
  const levels = judgementLevels(pValues, policy);
  return comparisons.map((comparison, i) => {
    const ratio = ratioIntervalOf(comparison.distribution, levels[i] ?? 1 - DEFAULT_ALPHA);
    const verdict: BenchVerdict =
      comparison.match === 'ambiguous'
        ? { kind: 'unstable' }
        : comparison.match === 'disturbed'
          ? disturbedVerdict(classifyInterval(ratio, policy), ratio, comparison)
          : classifyInterval(ratio, policy);
    return {
      ratio,
      changePct: (ratio.estimate - 1) * 100,
      pValue: pValues[i] ?? 1,
      adjustedPValue: adjusted[i] ?? 1,
      match: comparison.match,
      ...(comparison.modes ? { modes: comparison.modes } : {}),
      processes: comparison.processes,
      machineCorrection: Math.exp(comparison.logCorrection),
      extraLogSd: comparison.extraLogSd,
      verdict,
    };
  });
}

/** `regression (major)`, `unchanged (below threshold)`, … as people read it. */
export function verdictLabel(verdict: BenchVerdict): string {
  if (verdict.kind === 'regression') return `regression (${verdict.severity})`;
  if (verdict.kind === 'unchanged' && verdict.belowThreshold) return 'unchanged (below threshold)';
  return verdict.kind;
}
