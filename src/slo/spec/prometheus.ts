/**
 * The `sli.prometheus` source of a spec: which shape it has (good/bad + total, a raw ratio, a
 * histogram, a sampled gauge), whether it fits the SLI, and whether every query is PromQL that
 * Prometheus accepts (checked with its own grammar, the window placeholder filled in).
 */
import { stripFloatNoise } from '../budget.js';
import type { Indicator, Operator, PrometheusSource } from '../model.js';
import { checkPromql } from '../promql/check.js';
import { fillWindow, hasWindowPlaceholder } from '../promql/window.js';
import { histogramSourceOf } from './histogram.js';
import { issueAt, type PrometheusSourceSpec, type SloSpec, type SpecReport } from './types.js';

const HERE = ['sli', 'prometheus'] as const;

/** Reports every PromQL problem of `query` (placeholders filled with 5m) at `field`. */
export function checkQuery(query: string, field: string, report: SpecReport): boolean {
  const issues = checkPromql(fillWindow(query, '5m'));
  for (const issue of issues) {
    const near = query.length > 60 ? `${query.slice(0, 57)}…` : query;
    issueAt(report, [...HERE, field], `PromQL "${near}": ${issue.message}`);
  }
  return issues.length === 0;
}

function windowedQuery(query: string, field: string, report: SpecReport): void {
  if (!hasWindowPlaceholder(query)) {
    issueAt(
      report,
      [...HERE, field],
      `needs {{window}} (or {{.window}}) where the range goes, e.g. rate(x[{{window}}])`,
    );
  }
  checkQuery(query, field, report);
}

/** Which fields were given, so a source with two shapes is named clearly. */
function shapesOf(source: PrometheusSourceSpec): string[] {
  const shapes: string[] = [];
  if (source.good !== undefined || source.bad !== undefined || source.total !== undefined)
    shapes.push('good/bad + total');
  if (source.errorRatio !== undefined || source.successRatio !== undefined)
    shapes.push('errorRatio/successRatio');
  if (source.histogram !== undefined) shapes.push('histogram');
  if (source.query !== undefined) shapes.push('query');
  return shapes;
}

function ratioSource(source: PrometheusSourceSpec, report: SpecReport): PrometheusSource | undefined {
  if ((source.good === undefined) === (source.bad === undefined)) {
    issueAt(report, [...HERE], 'give exactly one of `good` or `bad`, with `total`');
    return undefined;
  }
  if (source.total === undefined) {
    issueAt(report, [...HERE, 'total'], 'is required with `good` or `bad` (all events)');
    return undefined;
  }
  const events = source.good !== undefined ? 'good' : 'bad';
  const eventsQuery = source.good ?? source.bad ?? '';
  windowedQuery(eventsQuery, events, report);
  windowedQuery(source.total, 'total', report);
  return { kind: 'ratio', events, eventsQuery, totalQuery: source.total };
}

function rawSource(source: PrometheusSourceSpec, report: SpecReport): PrometheusSource | undefined {
  if (source.errorRatio !== undefined && source.successRatio !== undefined) {
    issueAt(report, [...HERE, 'successRatio'], 'give one of `errorRatio` or `successRatio`, not both');
    return undefined;
  }
  const field = source.errorRatio !== undefined ? 'errorRatio' : 'successRatio';
  const query = source.errorRatio ?? source.successRatio ?? '';
  windowedQuery(query, field, report);
  return { kind: 'error-ratio', query: field === 'errorRatio' ? query : `1 - (\n${query.trim()}\n)` };
}

const BAD_WHEN: Readonly<Record<Operator, Operator>> = { '<=': '>', '<': '>=', '>=': '<', '>': '<=' };

function gaugeSource(spec: SloSpec, query: string, report: SpecReport): PrometheusSource {
  if (hasWindowPlaceholder(query)) {
    issueAt(
      report,
      [...HERE, 'query'],
      'a gauge is sampled as it is: a {{window}} placeholder has no meaning here',
    );
  } else {
    checkQuery(query, 'query', report);
  }
  return {
    kind: 'gauge',
    query,
    bad: { operator: BAD_WHEN[spec.slo.operator], value: stripFloatNoise(spec.slo.target) },
  };
}

/** The model's source, or undefined (with issues) when the spec's source is unusable. */
export function prometheusOf(
  spec: SloSpec,
  indicator: Indicator,
  report: SpecReport,
): PrometheusSource | undefined {
  const source = spec.sli.prometheus;
  if (source === undefined) return undefined;
  const shapes = shapesOf(source);
  if (shapes.length !== 1) {
    issueAt(
      report,
      [...HERE],
      shapes.length === 0
        ? 'give `good` or `bad` with `total`, `errorRatio`, `successRatio`, `histogram`, or (gauge SLIs) `query`'
        : `give one source shape, not ${shapes.join(' and ')}`,
    );
    return undefined;
  }
  if (source.selector !== undefined && source.histogram === undefined) {
    issueAt(
      report,
      [...HERE, 'selector'],
      'applies to `histogram` sources only (put matchers in the queries)',
    );
  }
  const fits = (kinds: readonly Indicator['kind'][], what: string): boolean => {
    if (kinds.includes(indicator.kind)) return true;
    issueAt(report, ['sli', 'type'], `${what} needs a ${kinds.join(' or ')} SLI, not ${spec.sli.type}`);
    return false;
  };
  if (source.histogram !== undefined) {
    return fits(['latency'], 'a histogram source') && indicator.kind === 'latency'
      ? histogramSourceOf(spec, source.histogram, indicator, report)
      : undefined;
  }
  if (source.query !== undefined) {
    return fits(['gauge'], 'a sampled query') ? gaugeSource(spec, source.query, report) : undefined;
  }
  if (!fits(['ratio', 'latency'], 'an event-ratio source')) return undefined;
  return source.errorRatio !== undefined || source.successRatio !== undefined
    ? rawSource(source, report)
    : ratioSource(source, report);
}
