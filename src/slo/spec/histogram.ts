/**
 * A latency SLI on a classic Prometheus histogram: the `le` bound that counts as good, in the
 * histogram's own unit (seconds by Prometheus' convention, milliseconds when the name says so).
 */
import { stripFloatNoise } from '../budget.js';
import type { HistogramUnit, Indicator, PrometheusSource } from '../model.js';
import { checkPromql } from '../promql/check.js';
import { vectorSelectors } from '../promql/selectors.js';
import { issueAt, type SloSpec, type SpecReport } from './types.js';

type LatencyIndicator = Extract<Indicator, { kind: 'latency' }>;
const HERE = ['sli', 'prometheus'] as const;

/** The unit a histogram's name states: `_seconds` → s, `_milliseconds`/`_ms` → ms (Prometheus naming). */
export function unitFromName(metric: string): HistogramUnit | undefined {
  if (/_seconds$/.test(metric)) return 's';
  if (/_(milliseconds|millis|ms)$/i.test(metric)) return 'ms';
  return undefined;
}

function unitOf(spec: SloSpec, metric: string, report: SpecReport): HistogramUnit {
  const configured = spec.sli.prometheus?.unit;
  const named = unitFromName(metric);
  if (configured !== undefined && named !== undefined && configured !== named) {
    issueAt(report, [...HERE, 'unit'], `unit ${configured} contradicts the metric name ${metric} (${named})`);
  }
  if (configured === undefined && named === undefined) {
    report.warnings.push(
      `${metric}: its name states no unit, so its le bounds are read as seconds (Prometheus' convention); set sli.prometheus.unit if not`,
    );
  }
  return configured ?? named ?? 's';
}

function checkSelector(metric: string, selector: string, report: SpecReport): void {
  const expr = `${metric}_bucket{${selector}}`;
  for (const issue of checkPromql(expr))
    issueAt(report, [...HERE, 'selector'], `"${selector}": ${issue.message}`);
  const [parsed] = vectorSelectors(expr);
  if (parsed?.matchers.some((matcher) => matcher.name === 'le')) {
    issueAt(report, [...HERE, 'selector'], 'must not match `le`: perfgate picks the bucket from the target');
  }
}

/**
 * The bucket to count as good: the threshold when it is a bucket (operator <=), else the largest
 * one below it — stricter than the SLO (a warning says so). Operator < needs a bucket strictly
 * below the threshold, since a bucket counts requests ≤ its bound.
 */
function bucketFor(
  metric: string,
  threshold: number,
  unit: HistogramUnit,
  spec: SloSpec,
  report: SpecReport,
): number {
  const { buckets } = spec.sli.prometheus ?? {};
  const strict = spec.slo.operator === '<';
  if (buckets === undefined) {
    if (strict) {
      issueAt(
        report,
        ['slo', 'operator'],
        `operator < on a histogram needs the bucket below ${threshold}${unit}: list sli.prometheus.buckets, or use <=`,
      );
    } else {
      report.warnings.push(
        `${metric}: the le="${threshold}" bucket is assumed to exist; list sli.prometheus.buckets to have it checked`,
      );
    }
    return threshold;
  }
  const exact = buckets.some((le) => Math.abs(le - threshold) < 1e-12);
  if (exact && !strict) return threshold;
  const below = buckets.filter((le) => le < threshold - 1e-12);
  const where = `latency threshold ${threshold}${unit} is not a bucket of ${metric} (le: ${buckets.join(', ')})`;
  if (below.length === 0) {
    issueAt(
      report,
      ['slo', 'target'],
      strict && exact
        ? `operator < needs a bucket below ${threshold}${unit} (a bucket counts requests ≤ its bound), and ${metric} has none`
        : `${where}, and no bucket lies below it: Prometheus cannot count good requests`,
    );
    return threshold;
  }
  const le = Math.max(...below);
  report.warnings.push(
    strict && exact
      ? `${metric}: operator < counts requests ≤ ${le}${unit} as good (a bucket counts requests ≤ its bound), STRICTER than the SLO`
      : `${where}: the live SLI counts requests over ${le}${unit} as bad, STRICTER than the SLO; add a ${threshold}${unit} bucket to the service`,
  );
  return le;
}

export function histogramSourceOf(
  spec: SloSpec,
  metric: string,
  indicator: LatencyIndicator,
  report: SpecReport,
): PrometheusSource {
  const name = metric.replace(/_bucket$/, '');
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) {
    issueAt(report, [...HERE, 'histogram'], `"${metric}" is not a metric name`);
  }
  const selector = spec.sli.prometheus?.selector ?? '';
  if (selector !== '') checkSelector(name, selector, report);
  const unit = unitOf(spec, name, report);
  const threshold = stripFloatNoise(unit === 's' ? indicator.thresholdMs / 1_000 : indicator.thresholdMs);
  const le = bucketFor(name, threshold, unit, spec, report);
  const source: PrometheusSource = { kind: 'histogram', metric: name, selector, unit, threshold, le };
  const { buckets } = spec.sli.prometheus ?? {};
  return buckets === undefined ? source : { ...source, buckets };
}
