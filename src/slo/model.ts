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
  | {
      /**
       * A PromQL value sampled at every rule evaluation (a queue length, a summary quantile): the
       * objective is that `percentile` % of the samples meet the target (`slo.operator slo.target`).
       */
      kind: 'gauge';
      percentile: number;
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

/** The unit a histogram's `le` bounds are written in (from its name or `sli.prometheus.unit`). */
export type HistogramUnit = 's' | 'ms';

/**
 * Where live data comes from. Queries keep the `{{window}}` placeholder for the range (written
 * `{{window}}`, or `{{.window}}` as Sloth and OpenSLO write it).
 */
export type PrometheusSource =
  | { kind: 'ratio'; events: 'good' | 'bad'; eventsQuery: string; totalQuery: string }
  /** A query that already is the error ratio over `{{window}}` (Sloth's `raw`, OpenSLO's `raw`). */
  | { kind: 'error-ratio'; query: string }
  | {
      kind: 'histogram';
      metric: string;
      /** Label matchers without braces, e.g. `route="/api/route"`; '' for none. */
      selector: string;
      unit: HistogramUnit;
      /** The latency target in the histogram's unit. */
      threshold: number;
      /**
       * The `le` bound (in the histogram's unit) that counts as good: the target itself, or (when
       * `buckets` lack it) the largest bucket below it, which makes the live SLI stricter than the
       * SLO (a warning says so).
       */
      le: number;
      /** Known `le` bounds, when the config lists them. */
      buckets?: readonly number[];
    }
  | {
      /** A sampled value: each evaluation is bad when `query` breaks the target (`bad` says how). */
      kind: 'gauge';
      query: string;
      bad: { operator: Operator; value: number };
    };

export interface SloLinks {
  runbook?: string;
  dashboard?: string;
}

/** How the burn-rate tiers were chosen for the period, for `validate` to explain. */
export interface TierOrigin {
  kind: 'workbook' | 'scaled' | 'custom';
  explanation: string;
}

export interface Slo {
  /**
   * Unique across every config sharing a Prometheus: `service-name`, or the config's `id`. Every
   * generated series and alert carries it as the `slo_id` label, and every rule selects on it.
   */
  id: string;
  name: string;
  service: string;
  description?: string;
  indicator: Indicator;
  target: SloTarget;
  /**
   * T as a fraction for budget SLIs (ratio, latency, gauge): 0.995 for availability ≥ 99.5 %,
   * 0.99 for error rate ≤ 1 %, 0.95 for a p95; 1 for "no bad event at all". Undefined for value
   * SLIs (throughput, memory).
   */
  objective?: number;
  /** B = 1 − T (0 for a 100 % objective: any bad event breaks it). */
  budget?: number;
  period: SloPeriod;
  tiers: readonly BurnRateTier[];
  tierOrigin: TierOrigin;
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
