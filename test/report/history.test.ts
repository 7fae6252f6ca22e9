import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { describe, expect, it } from 'vitest';
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA_VERSION } from '../../src/report/history/migrations.js';
import { openHistoryStore, summarizeRun } from '../../src/report/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { errorCode, historyStoreContract } from './history-contract.js';
import { sampleReport } from './sample-report.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'perfgate-history-'));
const open = (path: string, create: boolean) => openHistoryStore(path, { create });

/** Writes an SQLite file with `sql` run in it, the way another program would. */
function sqliteFile(sql: string): string {
  const path = join(tempDir(), 'other.db');
  const db = new sqlite.Database(path);
  db.exec(sql);
  db.close();
  return path;
}

historyStoreContract('SQLite file', () => {
  const path = join(tempDir(), 'nested', 'history.db');
  return { open: (create) => open(path, create) };
});

describe('the SQLite history file', () => {
  it('creates the file and its folder, readable by others as before (0644 under the usual umask)', async () => {
    const path = join(tempDir(), 'a', 'b', 'history.db');
    const store = await open(path, true);
    expect(await store.schemaVersion()).toBe(HISTORY_SCHEMA_VERSION);
    await store.close();
    expect(statSync(path).mode & 0o044).toBe(0o044 & ~process.umask());
  });

  it('reads a history written by perfgate 0.1 through better-sqlite3, and appends to it', async () => {
    const path = join(tempDir(), 'history.db');
    copyFileSync(join(REPO_ROOT, 'test', 'fixtures', 'history', 'written-by-better-sqlite3.db'), path);
    const store = await open(path, false);
    expect((await store.listRuns(5)).map((run) => [run.id, run.status, run.runKey])).toEqual([
      [2, 'passed', 'run-b'],
      [1, 'failed', 'run-a'],
    ]);
    const { metrics } = await store.getRun(1);
    expect(metrics.find((m) => m.name === 'slo/model_router_availability')?.value).toBe(98.96);
    expect((await store.getRun(2)).run.failedGates).toEqual([]);
    const added = await store.append(summarizeRun(sampleReport('third')), 'run-c');
    expect(added).toEqual({ id: 3, added: true });
    expect(
      (await store.series(10)).find((m) => m.name === 'slo/model_router_availability')?.points,
    ).toHaveLength(3);
    await store.close();
  });

  it('migrates a version-1 database forward, keeping its runs', async () => {
    const path = sqliteFile(
      `${HISTORY_MIGRATIONS[0]};
       PRAGMA user_version = 1;
       INSERT INTO runs (run_key, recorded_at, title, status, gates_total, gates_failed) VALUES ('old', 1, 'old run', 'passed', 2, 0);`,
    );
    const store = await open(path, false);
    expect(await store.schemaVersion()).toBe(2);
    expect(await store.listRuns(5)).toMatchObject([{ id: 1, title: 'old run', failedGates: [] }]);
    await store.close();
  });

  it('refuses a file that is not a history database and leaves it byte for byte', async () => {
    const path = join(tempDir(), 'history.db');
    const garbage = Buffer.from('this is not an SQLite database, it is a text file\n'.repeat(200));
    writeFileSync(path, garbage);
    expect(await errorCode(() => open(path, true))).toBe('HISTORY_CORRUPT');
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses another SQLite database rather than adding tables to it', async () => {
    const path = sqliteFile('CREATE TABLE invoices (id INTEGER)');
    const before = readFileSync(path);
    expect(await errorCode(() => open(path, true))).toBe('HISTORY_CORRUPT');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database from a newer perfgate', async () => {
    expect(await errorCode(() => open(sqliteFile('PRAGMA user_version = 99'), true))).toBe('HISTORY_TOO_NEW');
  });

  it('says when there is no history yet instead of creating one', async () => {
    expect(await errorCode(() => open(join(tempDir(), 'none.db'), false))).toBe('FILE_NOT_FOUND');
  });

  it('names the lock a killed writer left behind instead of hanging', async () => {
    const path = join(tempDir(), 'history.db');
    await (await open(path, true)).close();
    mkdirSync(`${path}.lock`);
    const started = Date.now();
    const opened = await openHistoryStore(path, { create: false, busyTimeoutMs: 300 }).catch(
      (error) => error,
    );
    expect(opened).toMatchObject({ code: 'HISTORY_LOCKED', hint: expect.stringContaining(`${path}.lock`) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
