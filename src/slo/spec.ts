/**
 * The one place that knows the written shape of an SLO (the config's `slos:` entries, STYLE.md #10):
 * `SloSpec` mirrors src/config/schema/slos.ts structurally, and `sloFromSpec` turns it into the model.
 */
import { PerfgateError } from '../core/errors.js';
import { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS, validateThresholds } from './alert-policy.js';
import { errorBudget, stripFloatNoise } from './budget.js';
import type { CalendarUnit, Indicator, PrometheusSource, Slo, SloPeriod } from './model.js';
import { type TierSpec, tiersForPeriod, WORKBOOK_TIERS } from './windows.js';

const DAY_MS = 86_400_000;

/** Nominal lengths of calendar periods (policy: a month is 30d, a quarter 90d, for factors and rules). */
export const CALENDAR_NOMINAL_MS: Readonly<Record<CalendarUnit, number>> = {
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  quarter: 90 * DAY_MS,
};

export const DEFAULT_PERIOD_MS = 30 * DAY_MS;

export interface PrometheusSourceSpec {
  good?: string;
  bad?: string;
  total?: string;
  histogram?: string;
  selector?: string;
  buckets?: number[];
}

export interface SliSpec {
  type: 'latency' | 'availability' | 'error_rate' | 'success_rate' | 'throughput' | 'memory';
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
  name: string;
  service: string;
  description?: string;
  sli: SliSpec;
  slo: { target: number; operator: '<=' | '>=' | '<' | '>'; unit?: string };
  errorBudget?: { period?: number | CalendarUnit; timezone?: string; budgetPercentage?: number };
  labels?: Record<string, string>;
  /** `perfgate run` may pass without covering this SLO. */
  allowUncovered?: boolean;
  alerting?: {
    runbook?: string;
    dashboard?: string;
    tiers?: TierSpecInput[];
    thresholds?: Partial<AlertThresholds>;
    remainingBudgetAlerts?: boolean;
  };
}

export type SloOutcome = { state: 'ok'; slo: Slo } | { state: 'invalid'; issues: string[] };

const UPPER = new Set(['<=', '<']);

function indicatorOf(spec: SloSpec, issues: string[]): Indicator {
  const { sli, slo } = spec;
  switch (sli.type) {
    case 'latency': {
      const scale = slo.unit === 's' ? 1_000 : 1;
      if (slo.unit !== undefined && slo.unit !== 'ms' && slo.unit !== 's') {
        issues.push(`a latency target is in ms or s, not ${slo.unit}`);
      }
      if (!UPPER.has(slo.operator)) issues.push('a latency target needs operator <= or <');
      return {
        kind: 'latency',
        percentile: sli.percentile ?? 95,
        thresholdMs: slo.target * scale,
        loadMetric: sli.loadMetric ?? 'perfgate.http.duration',
      };
    }
    case 'availability':
    case 'success_rate':
      if (UPPER.has(slo.operator)) issues.push(`${sli.type} needs operator >= or > (a share of good events)`);
      return { kind: 'ratio', measure: sli.type };
    case 'error_rate':
      if (!UPPER.has(slo.operator)) issues.push('error_rate needs operator <= or < (a share of bad events)');
      return { kind: 'ratio', measure: 'error_rate' };
    case 'throughput':
      return { kind: 'throughput' };
    case 'memory':
      return { kind: 'memory', measure: sli.measure ?? 'heapDelta' };
  }
}

/** T as a fraction: the share of events that must be good. */
function objectiveOf(indicator: Indicator, target: number): number | undefined {
  if (indicator.kind === 'latency') return indicator.percentile / 100;
  if (indicator.kind !== 'ratio') return undefined;
  return stripFloatNoise(indicator.measure === 'error_rate' ? 1 - target / 100 : target / 100);
}

function budgetOf(spec: SloSpec, objective: number | undefined, issues: string[]): number | undefined {
  if (objective === undefined) return undefined;
  let budget: number;
  try {
    budget = errorBudget(objective);
  } catch (error) {
    issues.push(`objective ${objective * 100} % leaves no error budget (${(error as Error).message})`);
    return undefined;
  }
  const configured = spec.errorBudget?.budgetPercentage;
  if (configured !== undefined && Math.abs(configured / 100 - budget) > 1e-9) {
    issues.push(`budgetPercentage ${configured} disagrees with the target, which leaves ${budget * 100} %`);
  }
  return budget;
}

function periodOf(spec: SloSpec): SloPeriod {
  const period = spec.errorBudget?.period ?? DEFAULT_PERIOD_MS;
  if (typeof period === 'number') return { kind: 'rolling', nominalMs: period };
  const timeZone = spec.errorBudget?.timezone ?? 'UTC';
  return { kind: 'calendar', unit: period, timeZone, nominalMs: CALENDAR_NOMINAL_MS[period] };
}

function tierSpecs(inputs: TierSpecInput[] | undefined): readonly TierSpec[] {
  if (inputs === undefined) return WORKBOOK_TIERS;
  return inputs.map(({ name, severity, long, short, factor, budgetPercent }) => {
    const windows = { name, severity, longWindowMs: long, shortWindowMs: short };
    return factor !== undefined
      ? { ...windows, factor }
      : { ...windows, budgetShare: (budgetPercent ?? 0) / 100 };
  });
}

/** The `le` bucket to count as good: the threshold when it is a bucket, else the largest one below it. */
function bucketFor(
  histogram: string,
  thresholdSeconds: number,
  buckets: readonly number[] | undefined,
  report: { issues: string[]; warnings: string[] },
): number {
  if (buckets === undefined) {
    report.warnings.push(
      `${histogram}: the le="${thresholdSeconds}" bucket is assumed to exist; list sli.prometheus.buckets to have it checked`,
    );
    return thresholdSeconds;
  }
  if (buckets.some((le) => Math.abs(le - thresholdSeconds) < 1e-12)) return thresholdSeconds;
  const below = buckets.filter((le) => le < thresholdSeconds);
  const where = `latency threshold ${thresholdSeconds}s is not a bucket of ${histogram} (le: ${buckets.join(', ')})`;
  if (below.length === 0) {
    report.issues.push(`${where}, and no bucket lies below it: Prometheus cannot count good requests`);
    return thresholdSeconds;
  }
  const le = Math.max(...below);
  report.warnings.push(
    `${where}: the live SLI counts requests over ${le}s as bad, STRICTER than the SLO; add a ${thresholdSeconds}s bucket to the service`,
  );
  return le;
}

function prometheusOf(
  spec: SloSpec,
  indicator: Indicator,
  report: { issues: string[]; warnings: string[] },
): PrometheusSource | undefined {
  const { issues } = report;
  const source = spec.sli.prometheus;
  if (source === undefined) return undefined;
  if (source.histogram !== undefined) {
    if (indicator.kind !== 'latency') {
      issues.push('a histogram source needs a latency SLI');
      return undefined;
    }
    const thresholdSeconds = stripFloatNoise(indicator.thresholdMs / 1_000);
    const { buckets } = source;
    const le = bucketFor(source.histogram, thresholdSeconds, buckets, report);
    const base = { kind: 'histogram' as const, metric: source.histogram, selector: source.selector ?? '' };
    return buckets === undefined
      ? { ...base, thresholdSeconds, le }
      : { ...base, thresholdSeconds, le, buckets };
  }
  const events = source.good !== undefined ? 'good' : 'bad';
  const eventsQuery = source.good ?? source.bad ?? '';
  const totalQuery = source.total ?? '';
  if (source.selector !== undefined) issues.push('`selector` applies to histogram sources only');
  for (const query of [eventsQuery, totalQuery]) {
    if (!query.includes('{{window}}')) issues.push(`PromQL "${query}" needs {{window}} for the range`);
  }
  if (indicator.kind !== 'ratio' && indicator.kind !== 'latency') {
    issues.push('a good/bad/total source needs a ratio or latency SLI');
  }
  return { kind: 'ratio', events, eventsQuery, totalQuery };
}

/** Validates one spec and builds the model; every problem is listed, none thrown. */
export function sloFromSpec(spec: SloSpec): SloOutcome {
  const issues: string[] = [];
  const indicator = indicatorOf(spec, issues);
  const objective = objectiveOf(indicator, spec.slo.target);
  const budget = budgetOf(spec, objective, issues);
  const period = periodOf(spec);
  const thresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...spec.alerting?.thresholds };
  issues.push(...validateThresholds(thresholds));
  let tiers: Slo['tiers'] = [];
  try {
    tiers = tiersForPeriod(period.nominalMs, tierSpecs(spec.alerting?.tiers));
  } catch (error) {
    issues.push((error as Error).message);
  }
  const warnings: string[] = [];
  const prometheus = prometheusOf(spec, indicator, { issues, warnings });
  const neverFires = budget === undefined ? [] : tiers.filter((tier) => tier.factor * budget >= 1);
  for (const tier of neverFires) {
    warnings.push(
      `tier ${tier.name} can never fire: it needs an error ratio above ${tier.factor} × ${(budget ?? 0) * 100} % ≥ 100 %`,
    );
  }
  if (issues.length > 0) return { state: 'invalid', issues: issues.map((issue) => `${spec.name}: ${issue}`) };
  const { endpoint, scenario, benchmark, region } = spec.sli;
  const slo: Slo = {
    name: spec.name,
    service: spec.service,
    indicator,
    target: { value: spec.slo.target, operator: spec.slo.operator },
    period,
    tiers,
    thresholds,
    scope: { endpoint, scenario, benchmark, ...(region === undefined ? {} : { region }) },
    labels: spec.labels ?? {},
    links: { runbook: spec.alerting?.runbook, dashboard: spec.alerting?.dashboard },
    warnings: warnings.map((warning) => `${spec.name}: ${warning}`),
  };
  if (spec.description !== undefined) slo.description = spec.description;
  if (spec.allowUncovered === true) slo.allowUncovered = true;
  if (spec.alerting?.remainingBudgetAlerts === false) slo.remainingBudgetAlerts = false;
  if (spec.slo.unit !== undefined) slo.target.unit = spec.slo.unit;
  if (objective !== undefined && budget !== undefined) Object.assign(slo, { objective, budget });
  if (prometheus !== undefined) slo.prometheus = prometheus;
  return { state: 'ok', slo };
}

/** Every SLO of a config, or `INVALID_ARGUMENT` listing every problem of every SLO. */
export function slosFromSpecs(specs: readonly SloSpec[]): Slo[] {
  const outcomes = specs.map(sloFromSpec);
  const issues = outcomes.flatMap((outcome) => (outcome.state === 'invalid' ? outcome.issues : []));
  if (issues.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `invalid SLOs:\n  ${issues.join('\n  ')}`, {
      hint: 'fix the slos: section of the config',
    });
  }
  return outcomes.flatMap((outcome) => (outcome.state === 'ok' ? [outcome.slo] : []));
}
