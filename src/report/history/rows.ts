/** What both history backends (SQLite file, PostgreSQL) write and read the same way. */
import type { HistoryRun, MetricSeries } from './store.js';
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

/** A `runs` row as both stores read it back (PostgreSQL gives BIGINT as text, JSONB parsed). */
export interface RunRow {
  id: number;
  run_key: string;
  recorded_at: number | string;
  title: string;
  status: RunSummary['status'];
  commit_sha: string | null;
  branch: string | null;
  environment: string | null;
  gates_total: number;
  gates_failed: number;
  /** JSON text (SQLite) or the parsed array (PostgreSQL). */
  failed_gates: unknown;
}

export function toHistoryRun(row: RunRow): HistoryRun {
  const failed = typeof row.failed_gates === 'string' ? JSON.parse(row.failed_gates) : row.failed_gates;
  return {
    id: row.id,
    runKey: row.run_key,
    recordedAt: Number(row.recorded_at),
    title: row.title,
    status: row.status,
    commit: row.commit_sha ?? undefined,
    branch: row.branch ?? undefined,
    environment: row.environment ?? undefined,
    gatesTotal: row.gates_total,
    gatesFailed: row.gates_failed,
    failedGates: Array.isArray(failed) ? failed.map(String) : [],
  };
}
