/**
 * Predicts what the generated rules do on synthetic counters, so the promtool tests can state the
 * expected alerts. Counters start at a huge offset so Prometheus' extrapolation is the same for
 * every series and a ratio of rates is exactly Δbad / Δtotal over the samples in the window.
 * Prometheus 2.x selects samples in [t − w, t], 3.x in (t − w, t]: both are computed, and a time
 * where they disagree (or a ratio sits on a threshold) is reported as ambiguous.
 */
import type { BudgetSlo } from '../model.js';
import type { BurnRateTier } from '../windows.js';
import { firstSeenStepMs } from './period.js';
import { selects, sliCounters, type TestSeries } from './test-series.js';

/** Every counter starts here (far from 0, exact in float64 with integer increments). */
export const COUNTER_OFFSET = 1e12;

/** A stretch of traffic: `steps` samples, each adding `total` events of which `bad` are bad. */
export interface Phase {
  steps: number;
  total: number;
  bad: number;
}

export interface Scenario {
  intervalMs: number;
  phases: readonly Phase[];
}

/** Cumulative value of a series at each sample (sample 0 = offset). */
export function seriesValues(series: TestSeries, scenario: Scenario): number[] {
  const values = [COUNTER_OFFSET];
  let value = COUNTER_OFFSET;
  for (const phase of scenario.phases) {
    const increment =
      series.role === 'bad' ? phase.bad : series.role === 'good' ? phase.total - phase.bad : phase.total;
    for (let i = 0; i < phase.steps; i++) {
      value += increment;
      values.push(value);
    }
  }
  return values;
}

/** promtool's expanding notation for a series: `a+bxn` per phase. */
export function valuesNotation(series: TestSeries, scenario: Scenario): string {
  const values = seriesValues(series, scenario);
  const parts = [`${values[0]}`];
  let index = 0;
  for (const phase of scenario.phases) {
    if (phase.steps === 0) continue;
    const first = values[index + 1] ?? 0;
    const step = first - (values[index] ?? 0);
    parts.push(phase.steps === 1 ? `${first}` : `${first}+${step}x${phase.steps - 1}`);
    index += phase.steps;
  }
  return parts.join(' ');
}

export interface Counters {
  bad: number[];
  total: number[];
}

/** The bad and total counters one SLO reads from the series (its own selectors decide). */
export function countersFor(slo: BudgetSlo, series: readonly TestSeries[], scenario: Scenario): Counters {
  if (slo.prometheus === undefined) return { bad: [], total: [] };
  const sli = sliCounters(slo.prometheus);
  const samples = 1 + scenario.phases.reduce((sum, phase) => sum + phase.steps, 0);
  const bad = new Array<number>(samples).fill(0);
  const total = new Array<number>(samples).fill(0);
  for (const entry of series) {
    const asSeries = { metric: entry.metric, labels: entry.labels };
    const inEvents = selects(sli.eventSelector, asSeries);
    const inTotal = selects(sli.totalSelector, asSeries);
    if (!inEvents && !inTotal) continue;
    const values = seriesValues(entry, scenario);
    values.forEach((value, i) => {
      if (inTotal) total[i] = (total[i] ?? 0) + value;
      if (inEvents) bad[i] = (bad[i] ?? 0) + (sli.events === 'bad' ? value : -value);
    });
  }
  if (sli.events === 'good') {
    for (const [i, value] of total.entries()) bad[i] = value + (bad[i] ?? 0);
  }
  return { bad, total };
}

/** Error ratio over window `windowMs` at time `atMs`, or undefined (< 2 samples, or no traffic). */
export function windowRatio(
  counters: Counters,
  intervalMs: number,
  atMs: number,
  windowMs: number,
  leftOpen: boolean,
): number | undefined {
  const last = Math.min(Math.floor(atMs / intervalMs), counters.total.length - 1);
  const start = atMs - windowMs;
  let first = Math.max(0, Math.ceil(start / intervalMs));
  if (leftOpen && first * intervalMs === start) first += 1;
  if (last - first < 1) return undefined;
  const total = (counters.total[last] ?? 0) - (counters.total[first] ?? 0);
  if (!(total > 0)) return undefined;
  return ((counters.bad[last] ?? 0) - (counters.bad[first] ?? 0)) / total;
}

export type TierState = 'firing' | 'quiet' | 'ambiguous';

function exceeds(ratio: number | undefined, threshold: number): boolean | 'ambiguous' {
  if (ratio === undefined) return false;
  if (threshold === 0) return ratio > 0;
  if (Math.abs(ratio - threshold) <= threshold * 1e-9) return 'ambiguous';
  return ratio > threshold;
}

/**
 * The budget left at `atMs` as the rules record it for a rolling period: 1 − E(P) / B × elapsed,
 * where elapsed = (atMs − 0) / (P − step) because every test series starts at t = 0 (period.ts; 0 once
 * any event was bad). Undefined without traffic, or for calendar periods (their ratio averages
 * recorded samples, which these tests do not model).
 */
export function remainingAt(
  slo: BudgetSlo,
  counters: Counters,
  intervalMs: number,
  atMs: number,
  leftOpen: boolean,
): number | undefined {
  if (slo.period.kind !== 'rolling') return undefined;
  const periodMs = slo.period.nominalMs;
  const ratio = windowRatio(counters, intervalMs, atMs, periodMs, leftOpen);
  if (ratio === undefined) return undefined;
  if (slo.budget === 0) return ratio > 0 ? 0 : 1;
  return 1 - (ratio / slo.budget) * Math.min(1, atMs / (periodMs - firstSeenStepMs(periodMs)));
}

/** Whether `tier` of `slo` fires at `atMs`, under both sample-selection rules. */
export function tierState(
  slo: BudgetSlo,
  tier: BurnRateTier,
  counters: Counters,
  intervalMs: number,
  atMs: number,
): TierState {
  const threshold = tier.factor * slo.budget;
  const verdicts = [false, true].map((leftOpen) => {
    const long = exceeds(windowRatio(counters, intervalMs, atMs, tier.longWindowMs, leftOpen), threshold);
    const short = exceeds(windowRatio(counters, intervalMs, atMs, tier.shortWindowMs, leftOpen), threshold);
    if (long === 'ambiguous' || short === 'ambiguous') return 'ambiguous';
    return long && short ? 'firing' : 'quiet';
  });
  return verdicts[0] === verdicts[1] ? (verdicts[0] as TierState) : 'ambiguous';
}
