/**
 * An SLO's budget terms for one finished test: E, BR = E/B, the share of the period's budget the
 * tested traffic would spend (C = BR · d / P) and the multiwindow tiers that would have fired.
 * A test is one stationary window, so both windows of a tier see the same burn rate: a tier fires
 * when BR > its factor (strictly, as the alert rules compare).
 */
import { formatDuration } from '../../core/duration.js';
import { type AlertVerdict, classifyBudget } from '../alert-policy.js';
import { budgetConsumed, burnRate, stripFloatNoise } from '../budget.js';
import type { BudgetSlo } from '../model.js';
import type { BurnRateTier } from '../windows.js';

/** One number of a check, with the formula that produced it (for `--explain`). */
export interface ExplainLine {
  name: string;
  formula: string;
  value: string;
}

export interface BudgetTerms {
  total: number;
  bad: number;
  /** E = bad / total. */
  errorRatio: number;
  budget: number;
  /** BR = E / B. */
  burnRate: number;
  /**
   * C = BR · min(d, P) / P: the share of one period's budget this traffic spends; undefined when
   * the test duration is unknown. A run longer than the period counts as one period (at most 1 / B).
   */
  periodShare?: number;
  /** True when the run was longer than the period, so C was capped at one period. */
  periodCapped?: boolean;
  /** R = 1 − C: what this traffic would leave of one period's budget (negative: overspent). */
  remaining?: number;
  /** Tiers with BR > factor, most severe first. */
  firingTiers: BurnRateTier[];
  /** The spec's severity policy applied to BR alone (remaining budget is unknown to a test). */
  level: AlertVerdict['level'];
  /** True when E was interpolated rather than counted. */
  approximate: boolean;
}

const fmt = (value: number): string =>
  Number.isFinite(value) ? String(stripFloatNoise(Number(value.toPrecision(6)))) : value > 0 ? '∞' : '−∞';
const pct = (value: number): string => `${fmt(value * 100)} %`;

export function budgetTerms(
  slo: BudgetSlo,
  counts: { total: number; bad: number; approximate: boolean },
  durationMs: number | undefined,
): BudgetTerms {
  const errorRatio = counts.bad / counts.total;
  const rate = burnRate(errorRatio, slo.budget);
  const firingTiers = slo.tiers
    .filter((tier) => rate > tier.factor)
    .sort((a, b) => (a.severity === b.severity ? b.factor - a.factor : a.severity === 'critical' ? -1 : 1));
  const level = classifyBudget(
    {
      ...statusBase(slo),
      state: 'ok',
      errorRatio,
      burnRate: rate,
      consumed: 0,
      remaining: 1,
      timeToExhaustionMs: undefined,
    },
    slo.thresholds,
  ).level;
  const terms: BudgetTerms = {
    total: counts.total,
    bad: counts.bad,
    errorRatio,
    budget: slo.budget,
    burnRate: rate,
    firingTiers,
    level,
    approximate: counts.approximate,
  };
  if (durationMs !== undefined && durationMs > 0) {
    terms.periodShare = budgetConsumed(rate, durationMs, slo.period.nominalMs);
    terms.remaining = slo.budget === 0 ? (counts.bad > 0 ? 0 : 1) : stripFloatNoise(1 - terms.periodShare);
    if (durationMs > slo.period.nominalMs) terms.periodCapped = true;
  }
  return terms;
}

function statusBase(slo: BudgetSlo) {
  const periodMs = slo.period.nominalMs;
  return { objective: slo.objective, budget: slo.budget, windowMs: periodMs, periodMs };
}

/** The budget terms as `--explain` lines: each number with its formula. */
export function explainBudget(
  slo: BudgetSlo,
  terms: BudgetTerms,
  durationMs: number | undefined,
): ExplainLine[] {
  const approx = terms.approximate ? ' (approximate: interpolated from percentiles)' : '';
  const lines: ExplainLine[] = [
    { name: 'T', formula: 'objective', value: pct(slo.objective) },
    {
      name: 'B',
      formula: `1 − T = 1 − ${fmt(slo.objective)}`,
      value: `${fmt(slo.budget)} (${pct(slo.budget)})`,
    },
    {
      name: 'E',
      formula: `bad / total = ${fmt(terms.bad)} / ${terms.total}${approx}`,
      value: `${fmt(terms.errorRatio)} (${pct(terms.errorRatio)})`,
    },
    {
      name: 'BR',
      formula: `E / B = ${fmt(terms.errorRatio)} / ${fmt(slo.budget)}`,
      value: fmt(terms.burnRate),
    },
  ];
  const period = formatDuration(slo.period.nominalMs);
  if (terms.periodShare !== undefined && durationMs !== undefined) {
    const capped = terms.periodCapped
      ? ` (the run, ${formatDuration(durationMs)}, is longer than the period: counted as one period, so at most 1 / B = ${slo.budget === 0 ? '∞' : pct(1 / slo.budget)})`
      : '';
    lines.push({
      name: 'C',
      formula: `BR · min(d, P) / P = ${fmt(terms.burnRate)} · ${formatDuration(Math.min(durationMs, slo.period.nominalMs))} / ${period}${capped}`,
      value: `${pct(terms.periodShare)} of the period's budget`,
    });
  }
  if (terms.remaining !== undefined) {
    lines.push({
      name: 'R',
      formula: slo.budget === 0 ? 'no budget (objective 100 %): 0 once any event is bad' : '1 − C',
      value: `${pct(terms.remaining)} of the period's budget left${terms.remaining < 0 ? ' (overspent)' : ''}`,
    });
  }
  for (const tier of slo.tiers) {
    const fires = terms.burnRate > tier.factor;
    lines.push({
      name: `tier ${tier.name}`,
      formula:
        `fires when BR > f = X · P / L = ${fmt(tier.budgetShare)} · ${period} / ${formatDuration(tier.longWindowMs)} ` +
        `= ${fmt(tier.factor)} (${tier.severity}, windows ${formatDuration(tier.longWindowMs)}/${formatDuration(tier.shortWindowMs)})`,
      value: fires ? 'would fire' : 'quiet',
    });
  }
  const t = slo.thresholds;
  lines.push({
    name: 'level',
    formula: `critical if BR > ${t.criticalBurnRate}, warning if BR > ${t.warningBurnRate}`,
    value: terms.level,
  });
  return lines;
}
