/**
 * What history keeps of a run: a row of facts and one number per metric, named
 * `load/<test>/p95`, `slo/<name>`, `bench/<suite › name>/median`… Pure: a RunReport in, rows out.
 */
import type { RunReport } from '../model.js';

export interface MetricValue {
  name: string;
  value: number;
  unit?: string;
  /** Which direction is an improvement (so a trend can say "worse"). */
  better: 'lower' | 'higher';
}

export interface RunSummary {
  recordedAt: number;
  title: string;
  status: RunReport['verdict']['status'];
  commit?: string;
  branch?: string;
  environment?: string;
  gatesTotal: number;
  gatesFailed: number;
  failedGates: string[];
  metrics: MetricValue[];
}

function loadMetrics(report: RunReport): MetricValue[] {
  return report.loadTests.flatMap((test) => {
    const prefix = `load/${test.name}`;
    const metrics: MetricValue[] = [];
    for (const key of ['p50', 'p95', 'p99'] as const) {
      const value = test.latency?.[key];
      if (value !== undefined) metrics.push({ name: `${prefix}/${key}`, value, unit: 'ms', better: 'lower' });
    }
    if (test.rps !== undefined)
      metrics.push({ name: `${prefix}/rps`, value: test.rps, unit: 'rps', better: 'higher' });
    if (test.requests > 0) {
      metrics.push({ name: `${prefix}/error_ratio`, value: test.errors / test.requests, better: 'lower' });
    }
    return metrics;
  });
}

function sloMetrics(report: RunReport): MetricValue[] {
  return report.slos.flatMap((slo) =>
    slo.measured === undefined
      ? []
      : [
          {
            name: `slo/${slo.name}`,
            value: slo.measured,
            unit: slo.unit,
            better: slo.operator?.startsWith('>') ? 'higher' : 'lower',
          },
        ],
  );
}

function benchMetrics(report: RunReport): MetricValue[] {
  return report.benchmarks.map((b) => ({
    name: `bench/${b.suite === undefined ? b.name : `${b.suite} › ${b.name}`}/median`,
    value: b.median,
    unit: b.unit,
    better: 'lower',
  }));
}

/** The summary history stores for `report`; duplicate metric names keep the first value. */
export function summarizeRun(report: RunReport): RunSummary {
  const seen = new Set<string>();
  const metrics = [...loadMetrics(report), ...sloMetrics(report), ...benchMetrics(report)].filter(
    (metric) => {
      if (seen.has(metric.name) || !Number.isFinite(metric.value)) return false;
      seen.add(metric.name);
      return true;
    },
  );
  const failed = report.verdict.gates.filter((gate) => gate.status === 'failed');
  return {
    recordedAt: report.generatedAt,
    title: report.title,
    status: report.verdict.status,
    commit: report.run.commit,
    branch: report.run.branch,
    environment: report.run.environment,
    gatesTotal: report.verdict.gates.length,
    gatesFailed: failed.length,
    failedGates: failed.map((gate) => gate.name),
    metrics,
  };
}
