/**
 * The SLI recordings of one SLO: the error ratio over every tier window and a rolling period
 * (Sloth's `slo:sli_error:ratio_rate<window>` names). A gauge SLI first records one sample per
 * evaluation (1 = the value broke the target) and averages those over each window.
 */
import type { BudgetSlo, PrometheusSource } from '../model.js';
import { fillWindow } from '../promql/window.js';
import { identityLabels, ofSlo } from './identity.js';
import { errorRatioExpr, gaugeBadSampleExpr, promDuration, recordedWindows } from './promql.js';
import type { RecordingRule } from './types.js';

export const GAUGE_SAMPLE_RECORD = 'slo:sli_error:sample';

export const sliRecord = (windowMs: number): string => `slo:sli_error:ratio_rate${promDuration(windowMs)}`;

/** Queries with a subquery cost one evaluation per step: over a 30d period, thousands each time. */
function hasSubquery(source: PrometheusSource): boolean {
  const queries =
    source.kind === 'ratio'
      ? [source.eventsQuery, source.totalQuery]
      : source.kind === 'histogram'
        ? []
        : [source.query];
  return queries.some((query) => /\[[^\]]*:[^\]]*\]/.test(fillWindow(query, '5m')));
}

/**
 * The SLI over window `windowMs`. Over a rolling period, a gauge or a query with a subquery is the
 * average of the shortest window's recorded ratio (Sloth's period SLI): one read of recorded
 * samples instead of the query re-run at every step of the period.
 */
function windowExpr(slo: BudgetSlo, source: PrometheusSource, windowMs: number, shortestMs: number): string {
  const window = promDuration(windowMs);
  if (source.kind === 'gauge') return `avg_over_time(${ofSlo(GAUGE_SAMPLE_RECORD, slo)}[${window}])`;
  if (windowMs === slo.period.nominalMs && windowMs !== shortestMs && hasSubquery(source)) {
    return `avg_over_time(${ofSlo(sliRecord(shortestMs), slo)}[${window}])`;
  }
  return errorRatioExpr(source, window);
}

export function sliRules(slo: BudgetSlo, source: PrometheusSource): RecordingRule[] {
  const labels = identityLabels(slo);
  const rules: RecordingRule[] = [];
  if (source.kind === 'gauge') {
    rules.push({ record: GAUGE_SAMPLE_RECORD, expr: gaugeBadSampleExpr(source), labels });
  }
  const windows = recordedWindows(slo);
  const shortest = windows[0] ?? slo.period.nominalMs;
  for (const windowMs of windows) {
    const expr = windowExpr(slo, source, windowMs, shortest);
    rules.push({ record: sliRecord(windowMs), expr, labels: { ...labels, window: promDuration(windowMs) } });
  }
  return rules;
}
