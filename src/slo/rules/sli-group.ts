/**
 * The SLI recordings of one SLO: the error ratio over every tier window and a rolling period
 * (Sloth's `slo:sli_error:ratio_rate<window>` names). A gauge SLI first records one sample per
 * evaluation (1 = the value broke the target) and averages those over each window.
 */
import type { BudgetSlo, PrometheusSource } from '../model.js';
import { identityLabels, ofSlo } from './identity.js';
import { errorRatioExpr, gaugeBadSampleExpr, promDuration, recordedWindows } from './promql.js';
import type { RecordingRule } from './types.js';

export const GAUGE_SAMPLE_RECORD = 'slo:sli_error:sample';

export const sliRecord = (windowMs: number): string => `slo:sli_error:ratio_rate${promDuration(windowMs)}`;

export function sliRules(slo: BudgetSlo, source: PrometheusSource): RecordingRule[] {
  const labels = identityLabels(slo);
  const rules: RecordingRule[] = [];
  if (source.kind === 'gauge')
    rules.push({ record: GAUGE_SAMPLE_RECORD, expr: gaugeBadSampleExpr(source), labels });
  for (const windowMs of recordedWindows(slo)) {
    const window = promDuration(windowMs);
    const expr =
      source.kind === 'gauge'
        ? `avg_over_time(${ofSlo(GAUGE_SAMPLE_RECORD, slo)}[${window}])`
        : errorRatioExpr(source, window);
    rules.push({ record: sliRecord(windowMs), expr, labels: { ...labels, window } });
  }
  return rules;
}
