/** What both history backends (SQLite file, PostgreSQL) write and read the same way. */
import type { MetricSeries } from './store.js';
import type { RunSummary } from './summary.js';

/** A run's column values in the order both stores insert them (run_key … failed_gates). */
export function runInsertValues(summary: RunSummary, runKey: string): (string | number | null)[] {
  return [
    runKey,
    summary.recordedAt,
    summary.title,
    summary.status,
    summary.commit ?? null,
    summary.branch ?? null,
    summary.environment ?? null,
    summary.gatesTotal,
    summary.gatesFailed,
    JSON.stringify(summary.failedGates),
  ];
}

export interface SeriesRow {
  name: string;
  value: number;
  unit: string | null;
  better: 'lower' | 'higher';
  run_id: number;
  /** A number (SQLite) or its text (PostgreSQL's BIGINT). */
  recorded_at: number | string;
}

/** Rows ordered by metric name, then run: one series per metric, oldest point first. */
export function groupIntoSeries(rows: readonly SeriesRow[]): MetricSeries[] {
  const byName = new Map<string, MetricSeries>();
  for (const row of rows) {
    let series = byName.get(row.name);
    if (series === undefined) {
      series = { name: row.name, unit: row.unit ?? undefined, better: row.better, points: [] };
      byName.set(row.name, series);
    }
    series.points.push({ runId: row.run_id, recordedAt: Number(row.recorded_at), value: row.value });
  }
  return [...byName.values()];
}
