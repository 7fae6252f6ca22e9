/**
 * The written shape of an SLO (the config's `slos:` entries). It mirrors src/config/schema/slos.ts
 * structurally; only src/slo/spec* knows it (STYLE.md #10).
 */
import type { AlertThresholds } from '../alert-policy.js';
import type { CalendarUnit, HistogramUnit } from '../model.js';

export interface PrometheusSourceSpec {
  good?: string;
  bad?: string;
  total?: string;
  /** A query that is the error ratio over `{{window}}` (Sloth's raw `error_ratio_query`). */
  errorRatio?: string;
  /** A query that is the success ratio over `{{window}}` (OpenSLO's raw with rawType success). */
  successRatio?: string;
  histogram?: string;
  selector?: string;
  buckets?: number[];
  /** The unit of the histogram's `le` bounds; default from the metric name (`_seconds`, `_milliseconds`). */
  unit?: HistogramUnit;
  /** A gauge SLI's value, sampled at every evaluation. */
  query?: string;
}

export interface SliSpec {
  type: 'latency' | 'availability' | 'error_rate' | 'success_rate' | 'throughput' | 'memory' | 'gauge';
  percentile?: number;
  loadMetric?: 'perfgate.http.duration' | 'http.response_time';
  measure?: 'heapUsed' | 'rss' | 'heapDelta';
  endpoint?: string;
  scenario?: string;
  benchmark?: string;
  region?: string;
  prometheus?: PrometheusSourceSpec;
}

export interface TierSpecInput {
  name: string;
  severity: 'critical' | 'warning';
  long: number;
  short: number;
  factor?: number;
  budgetPercent?: number;
}

export interface SloSpec {
  id?: string;
  name: string;
  service: string;
  description?: string;
  sli: SliSpec;
  slo: { target: number; operator: '<=' | '>=' | '<' | '>'; unit?: string };
  errorBudget?: {
    period?: number | CalendarUnit;
    timezone?: string;
    budgetPercentage?: number;
    windows?: TierSpecInput[];
  };
  labels?: Record<string, string>;
  /** `perfgate run` may pass without covering this SLO. */
  allowUncovered?: boolean;
  alerting?: {
    runbook?: string;
    dashboard?: string;
    /** The same as `errorBudget.windows` (its older name). */
    tiers?: TierSpecInput[];
    thresholds?: Partial<AlertThresholds>;
    remainingBudgetAlerts?: boolean;
  };
}

/** A problem with one field of an SLO spec; `path` is relative to the spec (`['sli', 'prometheus', 'bad']`). */
export interface SpecIssue {
  path: Array<string | number>;
  message: string;
}

/** Collects located issues and plain warnings while a spec is read. */
export interface SpecReport {
  issues: SpecIssue[];
  warnings: string[];
}

export const issueAt = (report: SpecReport, path: Array<string | number>, message: string): void => {
  report.issues.push({ path, message });
};
