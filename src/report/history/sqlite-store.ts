/**
 * The history as an SQLite file, through node-sqlite3-wasm: SQLite compiled to WebAssembly with
 * direct file access, so installing perfgate builds nothing natively and history works wherever
 * Node runs (files written earlier by better-sqlite3 are the same format and open as they are).
 * The engine is imported on first use, so commands that keep no history never load it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'node-sqlite3-wasm';
import { PerfgateError } from '../../core/errors.js';
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA_VERSION } from './migrations.js';
import { groupIntoSeries, type RunRow, runInsertValues, toHistoryRun } from './rows.js';
import type { HistoryRun, HistoryStore, MetricSeries, OpenOptions } from './store.js';
import type { MetricValue, RunSummary } from './summary.js';

/** How long to wait for another process's write before giving up (better-sqlite3's default). */
export const HISTORY_BUSY_TIMEOUT_MS = 5_000;

interface MetricRow {
  name: string;
  value: number;
  unit: string | null;
  better: 'lower' | 'higher';
}

const reasonOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

function corrupt(path: string, cause: unknown): PerfgateError {
  return new PerfgateError(
    'HISTORY_CORRUPT',
    `${path} is not a readable perfgate history database (${reasonOf(cause)})`,
    {
      hint: 'perfgate left the file untouched: move it away (or pass --history-db another path) to start a new history.',
      cause,
    },
  );
}

/** SQLite's "database is locked" after the busy timeout: another writer, or a lock left by a killed one. */
function failure(path: string, cause: unknown): PerfgateError {
  if (!/database is locked|SQLITE_BUSY/i.test(reasonOf(cause))) return corrupt(path, cause);
  return new PerfgateError('HISTORY_LOCKED', `${path} is locked by another perfgate process`, {
    hint: `If no other perfgate runs, a killed one left the lock: remove the folder ${path}.lock`,
    cause,
  });
}

type Engine = typeof import('node-sqlite3-wasm');

async function loadEngine(): Promise<Engine> {
  try {
    const module = (await import('node-sqlite3-wasm')) as Engine & { default?: Engine };
    return module.default ?? module;
  } catch (error) {
    throw new PerfgateError('HISTORY_UNAVAILABLE', `SQLite could not load: ${reasonOf(error)}`, {
      hint: 'history needs WebAssembly, which `node --jitless` turns off',
      cause: error,
    });
  }
}

export async function openSqliteHistory(path: string, options: OpenOptions): Promise<HistoryStore> {
  const exists = existsSync(path);
  if (!options.create && !exists) {
    throw new PerfgateError('FILE_NOT_FOUND', `no history database at ${path}`, {
      hint: 'History is recorded by `perfgate report`; pass --history-db if it lives elsewhere.',
    });
  }
  const { Database } = await loadEngine();
  if (!exists) {
    mkdirSync(dirname(path), { recursive: true });
    // Created here so it gets the usual permissions (the engine would make it owner-only).
    writeFileSync(path, '', { flag: 'wx' });
  }
  let db: Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw corrupt(path, error);
  }
  try {
    const busyTimeout = Math.round(options.busyTimeoutMs ?? HISTORY_BUSY_TIMEOUT_MS);
    db.exec(`PRAGMA busy_timeout = ${busyTimeout}; PRAGMA foreign_keys = ON`);
    migrate(db, path);
    return new SqliteHistoryStore(db, path);
  } catch (error) {
    db.close();
    throw error instanceof PerfgateError ? error : failure(path, error);
  }
}

class SqliteHistoryStore implements HistoryStore {
  constructor(
    private readonly db: Database,
    readonly location: string,
  ) {}

  async append(summary: RunSummary, runKey: string): Promise<{ id: number; added: boolean }> {
    return this.guard(() => {
      const existing = this.db.get('SELECT id FROM runs WHERE run_key = ?', [runKey]) as {
        id: number;
      } | null;
      if (existing !== null) return { id: existing.id, added: false };
      const id = transaction(this.db, () => {
        const { lastInsertRowid } = this.db.run(
          `INSERT INTO runs (run_key, recorded_at, title, status, commit_sha, branch, environment, gates_total, gates_failed, failed_gates)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          runInsertValues(summary, runKey),
        );
        const insert = this.db.prepare(
          'INSERT INTO metrics (run_id, name, value, unit, better) VALUES (?, ?, ?, ?, ?)',
        );
        try {
          for (const m of summary.metrics) {
            insert.run([lastInsertRowid, m.name, m.value, m.unit ?? null, m.better]);
          }
        } finally {
          insert.finalize();
        }
        return Number(lastInsertRowid);
      });
      return { id, added: true };
    });
  }

  async listRuns(limit: number): Promise<HistoryRun[]> {
    return this.guard(() =>
      (this.db.all('SELECT * FROM runs ORDER BY id DESC LIMIT ?', [limit]) as unknown as RunRow[]).map(
        toHistoryRun,
      ),
    );
  }

  async getRun(id: number): Promise<{ run: HistoryRun; metrics: MetricValue[] }> {
    const found = this.guard(() => {
      const row = this.db.get('SELECT * FROM runs WHERE id = ?', [id]) as RunRow | null;
      if (row === null) return undefined;
      const metrics = this.db.all(
        'SELECT name, value, unit, better FROM metrics WHERE run_id = ? ORDER BY name',
        [id],
      ) as unknown as MetricRow[];
      return { run: toHistoryRun(row), metrics: metrics.map((m) => ({ ...m, unit: m.unit ?? undefined })) };
    });
    if (found === undefined) {
      throw new PerfgateError('HISTORY_RUN_NOT_FOUND', `no run #${id} in ${this.location}`, {
        hint: 'List the runs with `perfgate history`.',
      });
    }
    return found;
  }

  async series(limit: number): Promise<MetricSeries[]> {
    const rows = this.guard(
      () =>
        this.db.all(
          `SELECT m.name, m.value, m.unit, m.better, r.id AS run_id, r.recorded_at
           FROM metrics m JOIN (SELECT id, recorded_at FROM runs ORDER BY id DESC LIMIT ?) r ON r.id = m.run_id
           ORDER BY m.name, r.id`,
          [limit],
        ) as unknown as (MetricRow & { run_id: number; recorded_at: number })[],
    );
    return groupIntoSeries(rows);
  }

  async schemaVersion(): Promise<number> {
    return this.guard(() => userVersion(this.db));
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  /** SQLite's errors as perfgate's: locked, or a damaged file. */
  private guard<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw error instanceof PerfgateError ? error : failure(this.location, error);
    }
  }
}

function userVersion(db: Database): number {
  const row = db.get('PRAGMA user_version') as { user_version: number } | null;
  return row?.user_version ?? 0;
}

/** Runs `work` in one transaction: all of it is written, or none. */
function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Applies the migrations this database lacks, each in its own transaction. */
function migrate(db: Database, path: string): void {
  const version = userVersion(db);
  if (version > HISTORY_SCHEMA_VERSION) {
    throw new PerfgateError(
      'HISTORY_TOO_NEW',
      `${path} has history schema version ${version}; this perfgate knows up to ${HISTORY_SCHEMA_VERSION}`,
      { hint: 'Upgrade perfgate to read this history.' },
    );
  }
  if (version === 0) assertEmptyOrOurs(db, path);
  HISTORY_MIGRATIONS.slice(version).forEach((sql, i) => {
    transaction(db, () => {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${version + i + 1}`);
    });
  });
}

/** A version-0 file with tables of its own is some other database: refuse rather than add to it. */
function assertEmptyOrOurs(db: Database, path: string): void {
  const tables = db.all("SELECT name FROM sqlite_master WHERE type = 'table'") as { name: string }[];
  if (tables.length > 0) {
    throw corrupt(path, new Error(`it holds other tables (${tables.map((t) => t.name).join(', ')})`));
  }
}
