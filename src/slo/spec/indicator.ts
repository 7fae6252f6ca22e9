/**
 * The SLI and objective of a spec: what is measured, which operator and unit fit it, and T as a
 * fraction. Every mismatch is reported at the field that causes it.
 */
import { errorBudget, stripFloatNoise } from '../budget.js';
import type { Indicator } from '../model.js';
import { issueAt, type SloSpec, type SpecReport } from './types.js';

const UPPER = new Set(['<=', '<']);
const LATENCY_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000 };

function latencyOf(spec: SloSpec, report: SpecReport): Indicator {
  const { sli, slo } = spec;
  if (slo.unit !== undefined && LATENCY_UNITS[slo.unit] === undefined) {
    issueAt(report, ['slo', 'unit'], `a latency target is in ms or s, not "${slo.unit}"`);
  }
  if (!UPPER.has(slo.operator)) {
    issueAt(
      report,
      ['slo', 'operator'],
      `a latency target needs operator <= or < (requests at most this long), not ${slo.operator}`,
    );
  }
  if (!(slo.target > 0))
    issueAt(report, ['slo', 'target'], `a latency target must be above 0, got ${slo.target}`);
  return {
    kind: 'latency',
    percentile: sli.percentile ?? 95,
    thresholdMs: stripFloatNoise(slo.target * (LATENCY_UNITS[slo.unit ?? 'ms'] ?? 1)),
    loadMetric: sli.loadMetric ?? 'perfgate.http.duration',
  };
}

/** A share of events in percent: availability and success rate at least it, error rate at most it. */
function ratioOf(
  spec: SloSpec,
  measure: 'availability' | 'error_rate' | 'success_rate',
  report: SpecReport,
): Indicator {
  const { slo } = spec;
  const upper = measure === 'error_rate';
  if (UPPER.has(slo.operator) !== upper) {
    const wanted = upper ? '<= or < (a share of bad events)' : '>= or > (a share of good events)';
    issueAt(report, ['slo', 'operator'], `${measure} needs operator ${wanted}, not ${slo.operator}`);
  }
  if (slo.unit !== undefined && slo.unit !== '%') {
    issueAt(report, ['slo', 'unit'], `${measure} is a percentage: unit "%" (or none), not "${slo.unit}"`);
  }
  const inRange = upper ? slo.target >= 0 && slo.target < 100 : slo.target > 0 && slo.target <= 100;
  if (!inRange) {
    const range = upper
      ? '[0, 100) (0 means no bad event at all)'
      : '(0, 100] (100 means no bad event at all)';
    issueAt(report, ['slo', 'target'], `${measure} is a percentage in ${range}, got ${slo.target}`);
  }
  return { kind: 'ratio', measure };
}

export function indicatorOf(spec: SloSpec, report: SpecReport): Indicator {
  const { sli } = spec;
  switch (sli.type) {
    case 'latency':
      return latencyOf(spec, report);
    case 'availability':
    case 'success_rate':
    case 'error_rate':
      return ratioOf(spec, sli.type, report);
    case 'gauge':
      if (sli.prometheus?.query === undefined) {
        issueAt(report, ['sli', 'prometheus'], 'a gauge SLI needs prometheus.query: the value to sample');
      }
      return { kind: 'gauge', percentile: sli.percentile ?? 99 };
    case 'throughput':
      if (spec.slo.unit !== undefined && spec.slo.unit !== 'rps') {
        issueAt(report, ['slo', 'unit'], `throughput is in rps, not "${spec.slo.unit}"`);
      }
      return { kind: 'throughput' };
    case 'memory':
      if (spec.slo.unit !== undefined && spec.slo.unit !== 'MB' && spec.slo.unit !== 'bytes') {
        issueAt(report, ['slo', 'unit'], `memory is in MB or bytes, not "${spec.slo.unit}"`);
      }
      return { kind: 'memory', measure: sli.measure ?? 'heapDelta' };
  }
}

/** T as a fraction: the share of events (or samples) that must be good. */
export function objectiveOf(indicator: Indicator, target: number): number | undefined {
  if (indicator.kind === 'latency' || indicator.kind === 'gauge')
    return stripFloatNoise(indicator.percentile / 100);
  if (indicator.kind !== 'ratio') return undefined;
  return stripFloatNoise(indicator.measure === 'error_rate' ? 1 - target / 100 : target / 100);
}

/** B = 1 − T; a configured budgetPercentage must agree with it. */
export function budgetOf(
  spec: SloSpec,
  objective: number | undefined,
  report: SpecReport,
): number | undefined {
  if (objective === undefined || !(objective > 0 && objective <= 1)) return undefined;
  const budget = errorBudget(objective);
  const configured = spec.errorBudget?.budgetPercentage;
  if (configured !== undefined && Math.abs(configured / 100 - budget) > 1e-9) {
    issueAt(
      report,
      ['errorBudget', 'budgetPercentage'],
      `budgetPercentage ${configured} disagrees with the target, which leaves ${stripFloatNoise(budget * 100)} %`,
    );
  }
  return budget;
}
