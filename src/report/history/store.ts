/**
 * The history store: an SQLite file (better-sqlite3) with one row per run and one per metric
 * value. This folder is the report layer's I/O edge: nothing else in src/report touches files.
 *
 * Contract: opening never overwrites or "repairs" a file. A file that is not a perfgate history
 * database (or is damaged) raises HISTORY_CORRUPT and is left exactly as it was; a database
 * written by a newer perfgate raises HISTORY_TOO_NEW.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PerfgateError } from '../../core/errors.js';
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA_VERSION } from './migrations.js';
import type { MetricValue, RunSummary } from './summary.js';

export const DEFAULT_HISTORY_PATH = '.perfgate/history.db';

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
  /** false: fail with FILE_NOT_FOUND instead of creating a new database. */
  create: boolean;
}

interface RunRow {
  id: number;
  run_key: string;
  recorded_at: number;
  title: string;
  status: RunSummary['status'];
  commit_sha: string | null;
  branch: string | null;
  environment: string | null;
  gates_total: number;
  gates_failed: number;
  failed_gates: string;
}

function toRun(row: RunRow): HistoryRun {
  const failedGates: unknown = JSON.parse(row.failed_gates);
  return {
    id: row.id,
    runKey: row.run_key,
    recordedAt: row.recorded_at,
    title: row.title,
    status: row.status,
    commit: row.commit_sha ?? undefined,
    branch: row.branch ?? undefined,
    environment: row.environment ?? undefined,
    gatesTotal: row.gates_total,
    gatesFailed: row.gates_failed,
    failedGates: Array.isArray(failedGates) ? failedGates.map(String) : [],
  };
}

function corrupt(path: string, cause: unknown): PerfgateError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PerfgateError(
    'HISTORY_CORRUPT',
    `${path} is not a readable perfgate history database (${reason})`,
    {
      hint: 'perfgate left the file untouched: move it away (or pass --history-db another path) to start a new history.',
      cause,
    },
  );
}

export class HistoryStore {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** Opens (and migrates) the database at `path`; creates it and its folder when `create`. */
  static open(path: string, options: OpenOptions): HistoryStore {
    if (!options.create && !existsSync(path)) {
      throw new PerfgateError('FILE_NOT_FOUND', `no history database at ${path}`, {
        hint: 'History is recorded by `perfgate report`; pass --history-db if it lives elsewhere.',
      });
    }
    mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw corrupt(path, error);
    }
    try {
      migrate(db, path);
      db.pragma('foreign_keys = ON');
      return new HistoryStore(db, path);
    } catch (error) {
      db.close();
      throw error instanceof PerfgateError ? error : corrupt(path, error);
    }
  }

  /** Appends a run; a run already recorded under `runKey` is not added twice. */
  append(summary: RunSummary, runKey: string): { id: number; added: boolean } {
    const existing = this.db.prepare('SELECT id FROM runs WHERE run_key = ?').get(runKey) as
      | { id: number }
      | undefined;
    if (existing !== undefined) return { id: existing.id, added: false };
    const insertRun = this.db.prepare(
      `INSERT INTO runs (run_key, recorded_at, title, status, commit_sha, branch, environment, gates_total, gates_failed, failed_gates)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMetric = this.db.prepare(
      'INSERT INTO metrics (run_id, name, value, unit, better) VALUES (?, ?, ?, ?, ?)',
    );
    const id = this.db.transaction(() => {
      const { lastInsertRowid } = insertRun.run(
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
      );
      for (const metric of summary.metrics) {
        insertMetric.run(lastInsertRowid, metric.name, metric.value, metric.unit ?? null, metric.better);
      }
      return Number(lastInsertRowid);
    })();
    return { id, added: true };
  }

  /** The newest `limit` runs, newest first. */
  listRuns(limit: number): HistoryRun[] {
    const rows = this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[];
    return rows.map(toRun);
  }

  getRun(id: number): { run: HistoryRun; metrics: MetricValue[] } {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    if (row === undefined) {
      throw new PerfgateError('HISTORY_RUN_NOT_FOUND', `no run #${id} in ${this.path}`, {
        hint: 'List the runs with `perfgate history`.',
      });
    }
    const metrics = this.db
      .prepare('SELECT name, value, unit, better FROM metrics WHERE run_id = ? ORDER BY name')
      .all(id) as { name: string; value: number; unit: string | null; better: 'lower' | 'higher' }[];
    return { run: toRun(row), metrics: metrics.map((m) => ({ ...m, unit: m.unit ?? undefined })) };
  }

  /** Each metric's values over the newest `limit` runs, oldest first. */
  series(limit: number): MetricSeries[] {
    const rows = this.db
      .prepare(
        `SELECT m.name, m.value, m.unit, m.better, r.id AS run_id, r.recorded_at
         FROM metrics m JOIN (SELECT id, recorded_at FROM runs ORDER BY id DESC LIMIT ?) r ON r.id = m.run_id
         ORDER BY m.name, r.id`,
      )
      .all(limit) as {
      name: string;
      value: number;
      unit: string | null;
      better: 'lower' | 'higher';
      run_id: number;
      recorded_at: number;
    }[];
    const byName = new Map<string, MetricSeries>();
    for (const row of rows) {
      let series = byName.get(row.name);
      if (series === undefined) {
        series = { name: row.name, unit: row.unit ?? undefined, better: row.better, points: [] };
        byName.set(row.name, series);
      }
      series.points.push({ runId: row.run_id, recordedAt: row.recorded_at, value: row.value });
    }
    return [...byName.values()];
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }
}

/** Applies the migrations this database lacks, each in its own transaction. */
function migrate(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > HISTORY_SCHEMA_VERSION) {
    throw new PerfgateError(
      'HISTORY_TOO_NEW',
      `${path} has history schema version ${version}; this perfgate knows up to ${HISTORY_SCHEMA_VERSION}`,
      { hint: 'Upgrade perfgate to read this history.' },
    );
  }
  if (version === 0) assertEmptyOrOurs(db, path);
  HISTORY_MIGRATIONS.slice(version).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    })();
  });
}

/** A version-0 file with tables of its own is some other database: refuse rather than add to it. */
function assertEmptyOrOurs(db: Database.Database, path: string): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  if (tables.length > 0) {
    throw corrupt(path, new Error(`it holds other tables (${tables.map((t) => t.name).join(', ')})`));
  }
}
