/**
 * The history store: one record per run and one per metric value of it. `HistoryStore` is the
 * contract every backend keeps (today an SQLite file, sqlite-store.ts); callers open one with
 * `openHistoryStore` (open.ts) and never know which. Methods are async so a networked store fits
 * the same interface. This folder is the report layer's I/O edge: nothing else in src/report
 * touches files.
 *
 * Contract: opening never overwrites or "repairs" a file. A file that is not a perfgate history
 * database (or is damaged) raises HISTORY_CORRUPT and is left exactly as it was; one written by a
 * newer perfgate raises HISTORY_TOO_NEW; a store that cannot work here at all (its engine does not
 * load) raises HISTORY_UNAVAILABLE, and one another process holds raises HISTORY_LOCKED — callers
 * that only record history go on without it after a warning.
 */
import type { MetricValue, RunSummary } from './summary.js';

export const DEFAULT_HISTORY_PATH = '.perfgate/history.db';

/** A `postgres://` (or `postgresql://`) URL names a shared PostgreSQL store instead of a file. */
export function isHistoryUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location for messages: a URL without its password. */
export function redactedLocation(location: string): string {
  if (!isHistoryUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface HistoryRun {
  id: number;
  runKey: string;
  recordedAt: number;
  title: string;
  status: RunSummary['status'];
  commit?: string;
  branch?: string;
  environment?: string;
  gatesTotal: number;
  gatesFailed: number;
  failedGates: string[];
}

export interface MetricPoint {
  runId: number;
  recordedAt: number;
  value: number;
}

export interface MetricSeries {
  name: string;
  unit?: string;
  better: 'lower' | 'higher';
  /** Oldest first. */
  points: MetricPoint[];
}

export interface OpenOptions {
  /** false: fail with FILE_NOT_FOUND instead of creating a new store. */
  create: boolean;
  /** How long to wait for another process's write before HISTORY_LOCKED (default 5 s). */
  busyTimeoutMs?: number;
}

export interface HistoryStore {
  /** Where it lives, for messages (a file path). */
  readonly location: string;
  /** Appends a run; a run already recorded under `runKey` is not added twice. */
  append(summary: RunSummary, runKey: string): Promise<{ id: number; added: boolean }>;
  /** The newest `limit` runs, newest first. */
  listRuns(limit: number): Promise<HistoryRun[]>;
  /** One run and its metrics; HISTORY_RUN_NOT_FOUND when there is no such run. */
  getRun(id: number): Promise<{ run: HistoryRun; metrics: MetricValue[] }>;
  /** Each metric's values over the newest `limit` runs, oldest first. */
  series(limit: number): Promise<MetricSeries[]>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
