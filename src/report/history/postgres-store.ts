/**
 * The history in a PostgreSQL database, for teams whose CI runners share one store
 * (`--history-db postgres://…` or PERFGATE_HISTORY_DB). Same contract as the SQLite file
 * (store.ts): its own tables (`perfgate_runs`, `perfgate_metrics`, `perfgate_schema`) beside
 * whatever else the database holds, created and migrated on first use under an advisory lock so
 * two runners starting together do not both migrate. Through node-postgres (`pg`), loaded only
 * for such a URL.
 */
import type { Client } from 'pg';
import { PerfgateError } from '../../core/errors.js';
import { groupIntoSeries, type RunRow, runInsertValues, toHistoryRun } from './rows.js';
import {
  type HistoryRun,
  type HistoryStore,
  type MetricSeries,
  type OpenOptions,
  redactedLocation,
} from './store.js';
import type { MetricValue, RunSummary } from './summary.js';

/** Numbered migrations, applied once each, in order; append, never edit a released one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE perfgate_runs (
     id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     run_key TEXT NOT NULL UNIQUE,
     recorded_at BIGINT NOT NULL,
     title TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'untrusted')),
     commit_sha TEXT,
     branch TEXT,
     environment TEXT,
     gates_total INTEGER NOT NULL,
     gates_failed INTEGER NOT NULL,
     failed_gates JSONB NOT NULL DEFAULT '[]'
   );
   CREATE TABLE perfgate_metrics (
     run_id INTEGER NOT NULL REFERENCES perfgate_runs(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     value DOUBLE PRECISION NOT NULL,
     unit TEXT,
     better TEXT NOT NULL CHECK (better IN ('lower', 'higher')),
     PRIMARY KEY (run_id, name)
   );
   CREATE INDEX perfgate_metrics_by_name ON perfgate_metrics (name, run_id);`,
];
/** Any number that identifies perfgate's migration lock among a database's advisory locks. */
const MIGRATION_LOCK = 0x7065_7266;

const reasonOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

function unavailable(location: string, cause: unknown): PerfgateError {
  return new PerfgateError('HISTORY_UNAVAILABLE', `history at ${location}: ${reasonOf(cause)}`, {
    hint: 'check the history URL (--history-db or PERFGATE_HISTORY_DB), the server and its credentials',
    cause,
  });
}

export async function openPostgresHistory(url: string, options: OpenOptions): Promise<HistoryStore> {
  const location = redactedLocation(url);
  const pg = (await import('pg')).default;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.busyTimeoutMs ?? 5_000,
  });
  // A dropped connection after the store is open surfaces on the next query, not as a crash.
  client.on('error', () => {});
  try {
    await client.connect();
    await migrate(client, location, options.create);
  } catch (error) {
    await client.end().catch(() => {});
    throw error instanceof PerfgateError ? error : unavailable(location, error);
  }
  return new PostgresHistoryStore(client, location);
}

async function schemaVersionOf(client: Client): Promise<number> {
  const exists = await client.query("SELECT to_regclass('perfgate_schema') IS NOT NULL AS present");
  if (exists.rows[0]?.present !== true) return 0;
  const row = await client.query('SELECT version FROM perfgate_schema');
  return Number(row.rows[0]?.version ?? 0);
}

async function migrate(client: Client, location: string, create: boolean): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const version = await schemaVersionOf(client);
    if (version > MIGRATIONS.length) {
      throw new PerfgateError(
        'HISTORY_TOO_NEW',
        `${location} has history schema version ${version}; this perfgate knows up to ${MIGRATIONS.length}`,
        { hint: 'Upgrade perfgate to read this history.' },
      );
    }
    if (version === 0 && !create) {
      throw new PerfgateError('FILE_NOT_FOUND', `no perfgate history in ${location}`, {
        hint: 'History is recorded by `perfgate run`, `load` and `bench`; this database has none yet.',
      });
    }
    if (version === 0) await client.query('CREATE TABLE perfgate_schema (version INTEGER NOT NULL)');
    if (version === 0) await client.query('INSERT INTO perfgate_schema (version) VALUES (0)');
    for (const [index, sql] of MIGRATIONS.slice(version).entries()) {
      await client.query(sql);
      await client.query('UPDATE perfgate_schema SET version = $1', [version + index + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

class PostgresHistoryStore implements HistoryStore {
  constructor(
    private readonly client: Client,
    readonly location: string,
  ) {}

  async append(summary: RunSummary, runKey: string): Promise<{ id: number; added: boolean }> {
    return this.guard(async () => {
      // Looked up first: a conflicting INSERT still takes a number from the identity sequence, and
      // run numbers with gaps (#1, #3) read as lost runs. ON CONFLICT covers two runners racing.
      const known = await this.existingId(runKey);
      if (known !== undefined) return { id: known, added: false };
      await this.client.query('BEGIN');
      try {
        const inserted = await this.client.query(
          `INSERT INTO perfgate_runs (run_key, recorded_at, title, status, commit_sha, branch, environment, gates_total, gates_failed, failed_gates)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (run_key) DO NOTHING RETURNING id`,
          runInsertValues(summary, runKey),
        );
        const id = inserted.rows[0]?.id as number | undefined;
        if (id === undefined) {
          await this.client.query('ROLLBACK');
          return { id: (await this.existingId(runKey)) as number, added: false };
        }
        for (const m of summary.metrics) {
          await this.client.query(
            'INSERT INTO perfgate_metrics (run_id, name, value, unit, better) VALUES ($1, $2, $3, $4, $5)',
            [id, m.name, m.value, m.unit ?? null, m.better],
          );
        }
        await this.client.query('COMMIT');
        return { id, added: true };
      } catch (error) {
        await this.client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  private async existingId(runKey: string): Promise<number | undefined> {
    const existing = await this.client.query('SELECT id FROM perfgate_runs WHERE run_key = $1', [runKey]);
    return existing.rows[0]?.id as number | undefined;
  }

  async listRuns(limit: number): Promise<HistoryRun[]> {
    return this.guard(async () => {
      const result = await this.client.query('SELECT * FROM perfgate_runs ORDER BY id DESC LIMIT $1', [
        limit,
      ]);
      return (result.rows as RunRow[]).map(toHistoryRun);
    });
  }

  async getRun(id: number): Promise<{ run: HistoryRun; metrics: MetricValue[] }> {
    const found = await this.guard(async () => {
      const run = await this.client.query('SELECT * FROM perfgate_runs WHERE id = $1', [id]);
      const row = run.rows[0] as RunRow | undefined;
      if (row === undefined) return undefined;
      const metrics = await this.client.query(
        'SELECT name, value, unit, better FROM perfgate_metrics WHERE run_id = $1 ORDER BY name',
        [id],
      );
      const values = (metrics.rows as (MetricValue & { unit: string | null })[]).map((m) => ({
        ...m,
        unit: m.unit ?? undefined,
      }));
      return { run: toHistoryRun(row), metrics: values };
    });
    if (found === undefined) {
      throw new PerfgateError('HISTORY_RUN_NOT_FOUND', `no run #${id} in ${this.location}`, {
        hint: 'List the runs with `perfgate history`.',
      });
    }
    return found;
  }

  async series(limit: number): Promise<MetricSeries[]> {
    const rows = await this.guard(async () => {
      const result = await this.client.query(
        `SELECT m.name, m.value, m.unit, m.better, r.id AS run_id, r.recorded_at
         FROM perfgate_metrics m
         JOIN (SELECT id, recorded_at FROM perfgate_runs ORDER BY id DESC LIMIT $1) r ON r.id = m.run_id
         ORDER BY m.name, r.id`,
        [limit],
      );
      return result.rows as (MetricValue & { unit: string | null; run_id: number; recorded_at: string })[];
    });
    return groupIntoSeries(rows);
  }

  async schemaVersion(): Promise<number> {
    return this.guard(() => schemaVersionOf(this.client));
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw error instanceof PerfgateError ? error : unavailable(this.location, error);
    }
  }
}
