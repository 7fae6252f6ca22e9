/**
 * The SLO model every other part of src/slo works on: plain data, already validated, with the
 * objective as a fraction and the alert tiers resolved for the period. Built by `sloFromSpec`.
 */
import type { AlertThresholds } from './alert-policy.js';
import type { BurnRateTier } from './windows.js';

export type CalendarUnit = 'week' | 'month' | 'quarter';

/**
 * A rolling window, or a calendar period that resets at the start of each week/month/quarter in
 * `timeZone`. `nominalMs` is the length used where only a fixed length makes sense (burn-rate
 * factors, Prometheus rule windows): 7d, 30d and 90d (the stated `1M = 30d` policy).
 */
export type SloPeriod =
  | { kind: 'rolling'; nominalMs: number }
  | { kind: 'calendar'; unit: CalendarUnit; timeZone: string; nominalMs: number };

/** What is measured. Budget SLIs (ratio, latency) count bad events; value SLIs only compare a number. */
export type Indicator =
  | { kind: 'ratio'; measure: 'availability' | 'error_rate' | 'success_rate' }
  | {
      kind: 'latency';
      /** 95 for p95: the objective is that this share of requests is at most `thresholdMs`. */
      percentile: number;
      thresholdMs: number;
      loadMetric: 'perfgate.http.duration' | 'http.response_time';
    }
  | { kind: 'throughput' }
  | { kind: 'memory'; measure: 'heapUsed' | 'rss' | 'heapDelta' };

export type Operator = '<=' | '>=' | '<' | '>';

/** The SLO's target as written (`p95 <= 2000 ms`, `availability >= 99.5 %`). */
export interface SloTarget {
  value: number;
  operator: Operator;
  unit?: string;
}

/** Which part of a test an SLO judges; all undefined means the whole run. */
export interface SloScope {
  endpoint?: string;
  scenario?: string;
  benchmark?: string;
  /** The region of a distributed load test whose generators' requests alone are judged. */
  region?: string;
}

/** Where live data comes from. PromQL ratio queries contain `{{window}}` for the range. */
export type PrometheusSource =
  | { kind: 'ratio'; events: 'good' | 'bad'; eventsQuery: string; totalQuery: string }
  | {
      kind: 'histogram';
      metric: string;
      /** Label matchers without braces, e.g. `route="/api/route"`; '' for none. */
      selector: string;
      /** The latency target in seconds. */
      thresholdSeconds: number;
      /**
       * The `le` bucket that counts as good: the target itself, or (when `buckets` lack it) the
       * largest bucket below it, which makes the live SLI stricter than the SLO (a warning says so).
       */
      le: number;
      /** Known `le` bounds, when the config lists them. */
      buckets?: readonly number[];
    };

export interface SloLinks {
  runbook?: string;
  dashboard?: string;
}

export interface Slo {
  name: string;
  service: string;
  description?: string;
  indicator: Indicator;
  target: SloTarget;
  /**
   * T as a fraction for budget SLIs (ratio, latency): 0.995 for availability ≥ 99.5 %, 0.99 for
   * error rate ≤ 1 %, 0.95 for a p95. Undefined for value SLIs (throughput, memory).
   */
  objective?: number;
  /** B = 1 − T, or the configured budgetPercentage / 100. */
  budget?: number;
  period: SloPeriod;
  tiers: readonly BurnRateTier[];
  thresholds: AlertThresholds;
  /** False: `perfgate monitor` alerts on burn-rate tiers only, not on the budget left. */
  remainingBudgetAlerts?: false;
  scope: SloScope;
  prometheus?: PrometheusSource;
  labels: Readonly<Record<string, string>>;
  links: SloLinks;
  /** Things the user must hear about but that do not make the SLO invalid. */
  warnings: string[];
  /** A run that does not cover this SLO passes (otherwise an uncovered SLO fails the run's gate). */
  allowUncovered?: true;
}

/** An SLO with an error budget (ratio or latency indicator). */
export type BudgetSlo = Slo & { objective: number; budget: number };

export function hasBudget(slo: Slo): slo is BudgetSlo {
  return slo.objective !== undefined && slo.budget !== undefined;
}
