/** Recording a run in history and reading its trends back, for `perfgate report` and `perfgate history`. */
import { resolve } from 'node:path';
import {
  computeTrends,
  DEFAULT_HISTORY_PATH,
  DEFAULT_TREND_RUNS,
  HistoryStore,
  type RunReport,
  summarizeRun,
  type Trend,
} from '../../report/index.js';
import type { CliIo } from '../io.js';

/** Trend charts in one report at most: metrics with step changes first. */
export const MAX_REPORT_TRENDS = 24;

function mostTelling(trends: Trend[]): Trend[] {
  const withChanges = trends.filter((trend) => trend.changes.length > 0);
  const without = trends.filter((trend) => trend.changes.length === 0);
  return [...withChanges, ...without].slice(0, MAX_REPORT_TRENDS);
}

/** The env var naming the history database (a flag wins over it). */
export const HISTORY_DB_ENV = 'PERFGATE_HISTORY_DB';

export function historyPath(io: CliIo, flag: string | undefined): string {
  return resolve(io.cwd, flag ?? io.env[HISTORY_DB_ENV] ?? DEFAULT_HISTORY_PATH);
}

/** Appends the run (once per runKey) and returns the trends of its metrics over recent history. */
export function recordAndTrend(
  path: string,
  report: RunReport,
  runKey: string,
): { runId: number; added: boolean; trends: Trend[] } {
  const store = HistoryStore.open(path, { create: true });
  try {
    const summary = summarizeRun(report);
    const { id, added } = store.append(summary, runKey);
    const metrics = new Set(summary.metrics.map((metric) => metric.name));
    const trends = computeTrends(store.series(DEFAULT_TREND_RUNS), { metrics });
    return { runId: id, added, trends: mostTelling(trends) };
  } finally {
    store.close();
  }
}
