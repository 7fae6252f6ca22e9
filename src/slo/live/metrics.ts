/**
 * The monitor's own state as Prometheus metrics (served by the CLI on --metrics-port).
 * Levels: -1 no data, 0 ok, 1 warning, 2 critical.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import { promDuration } from '../rules/promql.js';
import type { LiveLevel, LiveStatus } from './evaluate.js';

const LEVEL_VALUE: Readonly<Record<LiveLevel, number>> = { 'no-data': -1, ok: 0, warning: 1, critical: 2 };

export interface MonitorMetrics {
  registry: Registry;
  record(status: LiveStatus): void;
  evaluation(prometheusUp: boolean): void;
}

export function createMonitorMetrics(): MonitorMetrics {
  const registry = new Registry();
  const labelNames = ['slo', 'service'] as const;
  const registers = [registry];
  const errorRatio = new Gauge({
    name: 'perfgate_slo_error_ratio',
    help: 'Error ratio over a window.',
    labelNames: [...labelNames, 'window'],
    registers,
  });
  const burn = new Gauge({
    name: 'perfgate_slo_burn_rate',
    help: 'Burn rate (error ratio / budget) over a window.',
    labelNames: [...labelNames, 'window'],
    registers,
  });
  const remaining = new Gauge({
    name: 'perfgate_slo_error_budget_remaining_ratio',
    help: 'Share of the period budget left (negative when overspent).',
    labelNames,
    registers,
  });
  const alert = new Gauge({
    name: 'perfgate_slo_alert_level',
    help: 'Burn-rate alert: -1 no data, 0 ok, 1 warning, 2 critical.',
    labelNames,
    registers,
  });
  const level = new Gauge({
    name: 'perfgate_slo_policy_level',
    help: 'Severity policy level: -1 no data, 0 ok, 1 warning, 2 critical.',
    labelNames,
    registers,
  });
  const up = new Gauge({
    name: 'perfgate_monitor_prometheus_up',
    help: '1 when the last evaluation reached Prometheus.',
    registers,
  });
  const evaluations = new Counter({
    name: 'perfgate_monitor_evaluations_total',
    help: 'Evaluation rounds.',
    registers,
  });
  const failures = new Counter({
    name: 'perfgate_monitor_query_failures_total',
    help: 'Rounds in which Prometheus could not be queried.',
    registers,
  });
  return {
    registry,
    record(status) {
      const labels = { slo: status.slo.name, service: status.slo.service };
      for (const reading of status.windows) {
        const windowLabels = { ...labels, window: promDuration(reading.windowMs) };
        if (reading.errorRatio === undefined) {
          errorRatio.remove(windowLabels);
          burn.remove(windowLabels);
        } else {
          errorRatio.set(windowLabels, reading.errorRatio);
          burn.set(windowLabels, reading.burnRate ?? 0);
        }
      }
      if (status.period.remaining === undefined) remaining.remove(labels);
      else remaining.set(labels, status.period.remaining);
      alert.set(labels, LEVEL_VALUE[status.alert]);
      level.set(labels, LEVEL_VALUE[status.level]);
    },
    evaluation(prometheusUp) {
      evaluations.inc();
      up.set(prometheusUp ? 1 : 0);
      if (!prometheusUp) failures.inc();
    },
  };
}
