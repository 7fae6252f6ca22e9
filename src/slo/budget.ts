/**
 * Error-budget maths for an event-based (occurrences) SLO: pure functions of numbers.
 *
 * Notation (see /work/shared/research/slo-tools.md §3): objective T, budget B = 1 − T,
 * error ratio E = bad / total, burn rate BR = E / B, window w, period P.
 */
import { PerfgateError } from '../core/errors.js';

/** Significant digits kept by {@link stripFloatNoise}. */
export const RATIO_SIGNIFICANT_DIGITS = 12;

/**
 * Rounds to {@link RATIO_SIGNIFICANT_DIGITS} significant digits so that `1 − 0.999` is `0.001`
 * and `0.02 · 28d / 1h` is `13.44`, not Sloth's `0.0009999999999999432` (float noise only).
 */
export function stripFloatNoise(value: number): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(RATIO_SIGNIFICANT_DIGITS)) : value;
}

/** Converts an objective written as a percentage (`99.5`) to a fraction (`0.995`). */
export function objectiveFromPercent(percent: number): number {
  return percent / 100;
}

/**
 * The error budget B = 1 − T for an objective T given as a fraction in (0, 1]. T = 1 ("no bad
 * event at all") gives B = 0: any bad event then burns at an infinite rate.
 * Throws `INVALID_ARGUMENT` for T > 1, T ≤ 0 or a non-finite T.
 */
export function errorBudget(objective: number): number {
  if (!Number.isFinite(objective) || objective <= 0 || objective > 1) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `SLO objective must be a fraction in (0, 1], got ${objective}`,
      {
        hint:
          objective > 1 && objective <= 100
            ? 'Percentages go through objectiveFromPercent (99.9 → 0.999).'
            : 'Write the objective as a fraction such as 0.999.',
      },
    );
  }
  return stripFloatNoise(1 - objective);
}

/** Event counts over one window: either good or bad events, plus the total. */
export type EventCounts = { total: number; good: number } | { total: number; bad: number };

function badEvents(counts: EventCounts): number {
  const bad = 'bad' in counts ? counts.bad : counts.total - counts.good;
  const valid =
    Number.isFinite(counts.total) &&
    counts.total >= 0 &&
    Number.isFinite(bad) &&
    bad >= 0 &&
    bad <= counts.total;
  if (!valid) {
    throw new PerfgateError('INVALID_ARGUMENT', `Invalid event counts ${JSON.stringify(counts)}`, {
      hint: 'Counts must be finite, non-negative, and good/bad may not exceed total.',
    });
  }
  return bad;
}

/** E = bad / total, or undefined when there was no traffic (total = 0). */
export function errorRatio(counts: EventCounts): number | undefined {
  const bad = badEvents(counts);
  return counts.total === 0 ? undefined : bad / counts.total;
}

/**
 * BR = E / B: 1 spends exactly the budget over the period, 2 spends it in half the period. With a
 * zero budget (100 % objective) no error burns 0 and any error burns at +Infinity.
 */
export function burnRate(ratio: number, budget: number): number {
  if (budget === 0) return ratio > 0 ? Number.POSITIVE_INFINITY : 0;
  return stripFloatNoise(ratio / budget);
}

/**
 * Share of the **period's** budget spent during the observed window, assuming the window's
 * traffic is representative: C = BR · w / P = E · (w / P) / B (1 = budget used up; can exceed 1).
 * A window longer than the period counts as the period (`w` is capped at `P`): no traffic can
 * spend more than all of one period's events failing, 1 / B.
 */
export function budgetConsumed(rate: number, windowMs: number, periodMs: number): number {
  if (rate === 0) return 0;
  return stripFloatNoise((rate * Math.min(windowMs, periodMs)) / periodMs);
}

/**
 * Time until the remaining budget R is used up if BR holds: R · P / BR (budget spent per ms is BR / P).
 * 0 when the budget is already exhausted (R ≤ 0); undefined when BR = 0 (it never runs out).
 */
export function timeToExhaustionMs(remaining: number, rate: number, periodMs: number): number | undefined {
  if (remaining <= 0) return 0;
  if (rate === 0) return undefined;
  return (remaining * periodMs) / rate;
}

export interface BudgetInput {
  /** T as a fraction in (0, 1). */
  objective: number;
  /** Events observed during the window. */
  counts: EventCounts;
  /** Observed window w in ms, 0 < w ≤ P. */
  windowMs: number;
  /** SLO period P in ms (for example 30 days). */
  periodMs: number;
}

interface BudgetBase {
  objective: number;
  budget: number;
  windowMs: number;
  periodMs: number;
}

/** Budget status; `no-data` when the window saw no traffic, so nothing here is NaN or ∞. */
export type BudgetStatus =
  | (BudgetBase & {
      state: 'ok';
      errorRatio: number;
      burnRate: number;
      /** C = BR · w / P. */
      consumed: number;
      /** R = 1 − C (negative once the budget is overspent). */
      remaining: number;
      /** R · P / BR; undefined when BR = 0. */
      timeToExhaustionMs: number | undefined;
    })
  | (BudgetBase & { state: 'no-data' });

function checkWindow(windowMs: number, periodMs: number): void {
  const valid = Number.isFinite(periodMs) && periodMs > 0 && Number.isFinite(windowMs) && windowMs > 0;
  if (!valid || windowMs > periodMs) {
    throw new PerfgateError('INVALID_ARGUMENT', `Invalid SLO window ${windowMs}ms for period ${periodMs}ms`, {
      hint: 'The window and period must be positive and the window no longer than the period.',
    });
  }
}

/** Computes E, BR, C, R and the time to exhaustion for one observed window of an SLO period. */
export function budgetStatus(input: BudgetInput): BudgetStatus {
  const { objective, counts, windowMs, periodMs } = input;
  const budget = errorBudget(objective);
  checkWindow(windowMs, periodMs);
  const base: BudgetBase = { objective, budget, windowMs, periodMs };
  const ratio = errorRatio(counts);
  if (ratio === undefined) return { ...base, state: 'no-data' };
  const rate = burnRate(ratio, budget);
  const consumed = budgetConsumed(rate, windowMs, periodMs);
  const remaining = stripFloatNoise(1 - consumed);
  return {
    ...base,
    state: 'ok',
    errorRatio: ratio,
    burnRate: rate,
    consumed,
    remaining,
    timeToExhaustionMs: timeToExhaustionMs(remaining, rate, periodMs),
  };
}
