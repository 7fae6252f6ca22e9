/** Recording a run in history and reading its trends back, for `perfgate report` and `perfgate history`. */
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { formatIssue, historyUrlFromText } from '../../config/index.js';
import { isPerfgateError, PerfgateError } from '../../core/errors.js';
import {
  computeTrends,
  DEFAULT_HISTORY_PATH,
  DEFAULT_TREND_RUNS,
  isHistoryUrl,
  openHistoryStore,
  type RunReport,
  redactedLocation,
  summarizeRun,
  type Trend,
} from '../../report/index.js';
import { findConfigFile } from '../config-file.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';

/** Trend charts in one report at most: metrics with step changes first. */
export const MAX_REPORT_TRENDS = 24;

function mostTelling(trends: Trend[]): Trend[] {
  const withChanges = trends.filter((trend) => trend.changes.length > 0);
  const without = trends.filter((trend) => trend.changes.length === 0);
  return [...withChanges, ...without].slice(0, MAX_REPORT_TRENDS);
}

/** The env var naming the history database (a flag wins over it). */
export const HISTORY_DB_ENV = 'PERFGATE_HISTORY_DB';

/**
 * The history's location: a file (relative to the working directory) or a `postgres://` URL; the
 * flag wins, then PERFGATE_HISTORY_DB, then the config's `history.url`.
 */
export function historyPath(io: CliIo, flag: string | undefined, configured?: string): string {
  const location = flag ?? io.env[HISTORY_DB_ENV] ?? configured ?? DEFAULT_HISTORY_PATH;
  return isHistoryUrl(location) ? location : resolve(io.cwd, location);
}

/**
 * Where a command records or reads history: --history-db, PERFGATE_HISTORY_DB, the config's
 * `history.url` (the config file found as every command finds it; only its `history` section is
 * read), else .perfgate/history.db. `configFile` is perfgate's --config (not `perfgate load`'s,
 * which names an Artillery config).
 */
export function historyLocation(io: CliIo, flag: string | undefined, configFile?: string): string {
  if (flag !== undefined || io.env[HISTORY_DB_ENV] !== undefined) return historyPath(io, flag);
  const file = findConfigFile(io, configFile);
  if (file === undefined) return historyPath(io, undefined);
  const { url, issues } = historyUrlFromText(io.readFile(file), file, io.env);
  if (issues.length > 0) {
    throw new PerfgateError('CONFIG_INVALID', issues.map(formatIssue).join('\n'), {
      hint: 'fix the history section, or name the history with --history-db',
    });
  }
  return historyPath(io, undefined, url);
}

/**
 * Opens the history for the CLI. SQLite runs as WebAssembly: V8 would recompile its hot functions
 * with the optimising tier on background threads, ~0.4 s of CPU for the handful of statements a
 * run writes (measured: a 1-second `perfgate load` took 1.38 s of CPU, 0.98 s with Liftoff only),
 * and that CPU is taken from the machine the next test runs on. Liftoff's code is fast enough for
 * these statements. Set here, at the end of a command, so the load engine's own WebAssembly
 * (undici's HTTP parser) keeps its optimised code while a test runs.
 */
export function openCliHistory(
  path: string,
  options: { create: boolean },
): ReturnType<typeof openHistoryStore> {
  setFlagsFromString('--liftoff-only');
  return openHistoryStore(path, options);
}

/**
 * Appends the run (once per runKey) and returns the trends of its metrics over recent history
 * (none when `withTrends` is false: nothing would show them).
 */
export async function recordAndTrend(
  path: string,
  report: RunReport,
  runKey: string,
  withTrends = true,
): Promise<{ runId: number; added: boolean; trends: Trend[] }> {
  const store = await openCliHistory(path, { create: true });
  try {
    const summary = summarizeRun(report);
    const { id, added } = await store.append(summary, runKey);
    if (!withTrends) return { runId: id, added, trends: [] };
    const metrics = new Set(summary.metrics.map((metric) => metric.name));
    const trends = computeTrends(await store.series(DEFAULT_TREND_RUNS), { metrics });
    return { runId: id, added, trends: mostTelling(trends) };
  } finally {
    await store.close();
  }
}

/**
 * Records the run in history and puts its trends in the report. When history cannot work here
 * (its engine does not load, another process holds it) the report goes on without it after one
 * warning naming the reason; a damaged or too-new history file still stops the command.
 */
export async function recordInHistory(
  output: Output,
  path: string,
  report: RunReport,
  runKey: string,
  withTrends = true,
): Promise<void> {
  try {
    const recorded = await recordAndTrend(path, report, runKey, withTrends);
    report.trends = recorded.trends;
    output.info(
      `${recorded.added ? 'recorded' : 'already recorded'} as run #${recorded.runId} in ${redactedLocation(path)}`,
    );
  } catch (error) {
    if (!isPerfgateError(error) || error.kind !== 'could-not-run') throw error;
    output.warn(`history off for this run: ${error.message}${error.hint ? ` — ${error.hint}` : ''}`);
  }
}
