/**
 * Regression verdicts from process-level replicates (research/bench-tools.md, Conclusion 1):
 * each side is a list of per-process medians; the decision combines a Mann–Whitney U test
 * (p adjusted across the suite) with the bootstrap CI of the ratio of medians and the minimum
 * effect of interest, the `minor` threshold Δ:
 * - regression: significantly slower, and either the estimate reaches 3/4 of Δ or it reaches Δ/2
 *   with a CI reaching 1 + Δ (a relevant slowdown is plausible). The 3/4 tolerance keeps a true
 *   Δ slowdown measured as, say, +9.5 % from being missed. Severity from the estimate:
 *   minor below `major` %, major up to `critical` %, critical above;
 * - improved: the mirror image, with 1/(1 + Δ);
 * - unchanged: the whole CI lies inside (1/(1 + Δ), 1 + Δ): any change is smaller than Δ;
 * - inconclusive: anything else — the noise cannot resolve Δ with these processes. Never a pass.
 */
import { bootstrapMedianRatio, type RatioInterval } from '../stats/bootstrap.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { benjaminiHochbergAdjust, holmAdjust } from '../stats/multiple-testing.js';
import { mulberry32 } from '../stats/random.js';

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
   * lowers it (`--threshold 5` must see a 6 % slowdown). Changes below `minor` are labelled minor.
   */
  minimumEffect?: number;
}

export const DEFAULT_ALPHA = 0.05;
/** A significant change of at least this share of the minor threshold is reported on its estimate alone. */
export const DETECTION_SHARE = 0.75;
/** Fixed so a verdict is a function of the data alone. */
const BOOTSTRAP_SEED = 0x5eed;

export type RegressionSeverity = 'minor' | 'major' | 'critical';
export type BenchVerdict =
  | { kind: 'improved' }
  | { kind: 'unchanged' }
  | { kind: 'regression'; severity: RegressionSeverity }
  | { kind: 'inconclusive' };

/** One benchmark's evidence before the suite-level adjustment. */
export interface Comparison {
  /** candidate / base, median of per-process medians, with its bootstrap CI. */
  ratio: RatioInterval;
  /** (ratio − 1) × 100: positive is slower. */
  changePct: number;
  /** Two-sided Mann–Whitney p-value on per-process medians, before adjustment. */
  pValue: number;
}

export interface JudgedComparison extends Comparison {
  adjustedPValue: number;
  verdict: BenchVerdict;
}

/** Compares per-process medians of base and candidate (each non-empty, positive). */
export function compareProcesses(base: readonly number[], candidate: readonly number[]): Comparison {
  const ratio = bootstrapMedianRatio(base, candidate, { random: mulberry32(BOOTSTRAP_SEED) });
  return { ratio, changePct: (ratio.estimate - 1) * 100, pValue: mannWhitneyU(candidate, base).pValue };
}

export function severityOf(changePct: number, thresholds: SeverityThresholds): RegressionSeverity {
  if (changePct > thresholds.critical) return 'critical';
  return changePct >= thresholds.major ? 'major' : 'minor';
}

/** The verdict for one comparison whose p-value has already been adjusted for the suite. */
export function classifyComparison(
  comparison: Comparison,
  adjustedPValue: number,
  policy: VerdictPolicy,
): BenchVerdict {
  const delta = (policy.minimumEffect ?? policy.minor) / 100;
  const slowBound = 1 + delta;
  const fastBound = 1 / slowBound;
  const { estimate, lower, upper } = comparison.ratio;
  const significant = adjustedPValue < (policy.alpha ?? DEFAULT_ALPHA);
  const slower = estimate >= 1 + DETECTION_SHARE * delta || (estimate >= 1 + delta / 2 && upper >= slowBound);
  if (significant && slower)
    return { kind: 'regression', severity: severityOf(comparison.changePct, policy) };
  const faster =
    estimate <= 1 / (1 + DETECTION_SHARE * delta) || (estimate <= 1 / (1 + delta / 2) && lower <= fastBound);
  if (significant && faster) return { kind: 'improved' };
  if (lower > fastBound && upper < slowBound) return { kind: 'unchanged' };
  return { kind: 'inconclusive' };
}

/** Adjusts the p-values across all comparisons (Holm or Benjamini–Hochberg) and judges each. */
export function judgeSuite(comparisons: readonly Comparison[], policy: VerdictPolicy): JudgedComparison[] {
  const pValues = comparisons.map((comparison) => comparison.pValue);
  const adjusted = policy.falseDiscovery === 'holm' ? holmAdjust(pValues) : benjaminiHochbergAdjust(pValues);
  return comparisons.map((comparison, i) => {
    const adjustedPValue = adjusted[i] ?? 1;
    return { ...comparison, adjustedPValue, verdict: classifyComparison(comparison, adjustedPValue, policy) };
  });
}

/** `regression (major)`, `unchanged`, … as people read it. */
export function verdictLabel(verdict: BenchVerdict): string {
  return verdict.kind === 'regression' ? `regression (${verdict.severity})` : verdict.kind;
}
