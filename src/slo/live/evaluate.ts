/**
 * One live evaluation of an SLO against Prometheus: the error ratio over every tier window and
 * over the budget period, burn rates, the tier that fires, remaining budget and the spec's
 * severity level. A failed query or an empty answer is "no data", never "good".
 */
import {
  type AlertLevel,
  classifyBudget,
  firingTier,
  moreSevere,
  remainingBudgetLevel,
} from '../alert-policy.js';
import { burnRate, stripFloatNoise } from '../budget.js';
import { calendarPeriodEnd, calendarPeriodStart } from '../calendar.js';
import type { BudgetSlo } from '../model.js';
import type { PrometheusQuerier } from '../prometheus/client.js';
import { rollingElapsedExpr } from '../rules/period.js';
import { errorRatioExpr, presenceSelector, promDuration } from '../rules/promql.js';
import type { BurnRateTier } from '../windows.js';

export interface WindowReading {
  windowMs: number;
  errorRatio?: number;
  burnRate?: number;
}

export type Trend = 'rising' | 'falling' | 'steady' | 'unknown';
export type LiveLevel = AlertLevel | 'no-data';

export interface LiveStatus {
  slo: BudgetSlo;
  atMs: number;
  windows: WindowReading[];
  /**
   * Budget period so far: the rolling period, or the calendar period since it started. `elapsed`
   * is the share of the whole period it covers (a rolling period: since the SLI's data first
   * appeared), and `remaining` = 1 − E / B × elapsed: what is left of the period's budget after
   * what was really spent, the same figure the generated rules record.
   */
  period: { windowMs: number; errorRatio?: number; elapsed?: number; remaining?: number };
  firingTier?: BurnRateTier;
  /**
   * What alerts follow: the firing burn-rate tier's severity or, when more severe, the remaining
   * budget's (< 10 % critical, < 20 % warning by default); ok or no-data.
   */
  alert: LiveLevel;
  /** Why `alert` is not ok: a burn-rate tier fires, or the budget is nearly spent. */
  alertCause?: 'burn-rate' | 'remaining-budget';
  /** The spec's severity policy on the fastest tier's long-window burn rate and the remaining budget. */
  level: LiveLevel;
  trend: Trend;
  /** Why there is no data, when a query failed. */
  error?: string;
}

/** Windows evaluated: every tier's short and long window, shortest first. */
export function tierWindows(slo: BudgetSlo): number[] {
  return [...new Set(slo.tiers.flatMap((tier) => [tier.shortWindowMs, tier.longWindowMs]))].sort(
    (a, b) => a - b,
  );
}

function periodWindowMs(slo: BudgetSlo, atMs: number): number {
  if (slo.period.kind === 'rolling') return slo.period.nominalMs;
  const start = calendarPeriodStart(atMs, slo.period.unit, slo.period.timeZone);
  return Math.max(1_000, Math.floor((atMs - start) / 1_000) * 1_000);
}

/** The share of the period elapsed: a calendar period's from its start, a rolling one's from its first data. */
async function elapsedShare(
  querier: PrometheusQuerier,
  slo: BudgetSlo,
  atMs: number,
): Promise<number | undefined> {
  const { period } = slo;
  if (period.kind === 'calendar') {
    const start = calendarPeriodStart(atMs, period.unit, period.timeZone);
    const end = calendarPeriodEnd(atMs, period.unit, period.timeZone);
    return Math.min(1, (atMs - start) / (end - start));
  }
  const presence = slo.prometheus === undefined ? undefined : presenceSelector(slo.prometheus);
  if (presence === undefined) return 1;
  const result = await querier.query(rollingElapsedExpr(period.nominalMs, presence), atMs);
  if (result.state === 'errored') return undefined;
  const sample = result.samples[0];
  return sample === undefined ? 0 : Math.min(1, Math.max(0, sample.value));
}

/** 1 − E / B × elapsed; with a zero budget, 0 once any event was bad. */
export function remainingBudget(errorRatio: number, budget: number, elapsed: number): number {
  if (budget === 0) return errorRatio > 0 ? 0 : 1;
  return stripFloatNoise(1 - (errorRatio / budget) * elapsed);
}

async function ratioOver(
  querier: PrometheusQuerier,
  slo: BudgetSlo,
  windowMs: number,
  atMs: number,
): Promise<{ ratio?: number; error?: string }> {
  if (slo.prometheus === undefined) return { error: 'no prometheus source' };
  const result = await querier.query(errorRatioExpr(slo.prometheus, promDuration(windowMs)), atMs);
  if (result.state === 'errored') return { error: result.error };
  const sample = result.samples[0];
  return sample === undefined ? {} : { ratio: Math.min(1, Math.max(0, sample.value)) };
}

function trendOf(current: number | undefined, previous: number | undefined): Trend {
  if (current === undefined || previous === undefined) return 'unknown';
  if (current > previous * 1.1 + 1e-9) return 'rising';
  if (current < previous * 0.9 - 1e-9) return 'falling';
  return 'steady';
}

function firing(slo: BudgetSlo, windows: readonly WindowReading[]): BurnRateTier | undefined {
  const byWindow = new Map<number, number>();
  for (const reading of windows)
    if (reading.burnRate !== undefined) byWindow.set(reading.windowMs, reading.burnRate);
  return firingTier(slo.tiers, byWindow);
}

/** Evaluates `slo` at `atMs`; `previous` (the last status) gives the trend. */
export async function evaluateSlo(
  querier: PrometheusQuerier,
  slo: BudgetSlo,
  atMs: number,
  previous?: LiveStatus,
): Promise<LiveStatus> {
  const periodMs = periodWindowMs(slo, atMs);
  const [readings, elapsed] = await Promise.all([
    Promise.all([...tierWindows(slo), periodMs].map((windowMs) => ratioOver(querier, slo, windowMs, atMs))),
    elapsedShare(querier, slo, atMs),
  ]);
  const error = readings.find((reading) => reading.error !== undefined)?.error;
  const windows = tierWindows(slo).map((windowMs, i) => {
    const ratio = readings[i]?.ratio;
    return ratio === undefined
      ? { windowMs }
      : { windowMs, errorRatio: ratio, burnRate: burnRate(ratio, slo.budget) };
  });
  const periodRatio = readings[readings.length - 1]?.ratio;
  const remaining =
    periodRatio === undefined || elapsed === undefined
      ? undefined
      : remainingBudget(periodRatio, slo.budget, elapsed);
  const fastest = [...slo.tiers].sort((a, b) => a.longWindowMs - b.longWindowMs)[0];
  const headline = windows.find((reading) => reading.windowMs === fastest?.longWindowMs)?.burnRate;
  const status: LiveStatus = {
    slo,
    atMs,
    windows,
    period: {
      windowMs: periodMs,
      ...(periodRatio === undefined ? {} : { errorRatio: periodRatio }),
      ...(elapsed === undefined ? {} : { elapsed }),
      ...(remaining === undefined ? {} : { remaining }),
    },
    alert: 'no-data',
    level: 'no-data',
    trend: trendOf(
      headline,
      previous?.windows.find((reading) => reading.windowMs === fastest?.longWindowMs)?.burnRate,
    ),
  };
  if (error !== undefined) return { ...status, error };
  if (headline === undefined || remaining === undefined) return status;
  const tier = firing(slo, windows);
  const budget = { objective: slo.objective, budget: slo.budget, windowMs: periodMs, periodMs };
  const policy = classifyBudget(
    {
      ...budget,
      state: 'ok',
      errorRatio: periodRatio ?? 0,
      burnRate: headline,
      consumed: 1 - remaining,
      remaining,
      timeToExhaustionMs: undefined,
    },
    slo.thresholds,
  );
  const burning = tier?.severity ?? 'ok';
  const budgetLevel =
    slo.remainingBudgetAlerts === false ? 'ok' : remainingBudgetLevel(remaining, slo.thresholds);
  const alert = moreSevere(burning, budgetLevel);
  const alertCause = alert === 'ok' ? undefined : alert === burning ? 'burn-rate' : 'remaining-budget';
  return {
    ...status,
    alert,
    ...(alertCause === undefined ? {} : { alertCause }),
    level: policy.level,
    ...(tier ? { firingTier: tier } : {}),
  };
}
