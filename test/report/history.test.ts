import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isPerfgateError } from '../../src/core/errors.js';
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA_VERSION } from '../../src/report/history/migrations.js';
import { HistoryStore, summarizeRun } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'perfgate-history-')), 'nested', 'history.db');

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isPerfgateError(error) ? error.code : `not a PerfgateError: ${String(error)}`;
  }
  return undefined;
}

describe('history store', () => {
  it('creates the database and its folder, appends runs once per key, lists and shows them', () => {
    const path = tempDb();
    const store = HistoryStore.open(path, { create: true });
    expect(store.schemaVersion()).toBe(HISTORY_SCHEMA_VERSION);
    const summary = summarizeRun(sampleReport());
    expect(store.append(summary, 'a')).toEqual({ id: 1, added: true });
    expect(store.append(summary, 'a')).toEqual({ id: 1, added: false });
    expect(store.append({ ...summary, status: 'passed', gatesFailed: 0, failedGates: [] }, 'b')).toEqual({
      id: 2,
      added: true,
    });
    store.close();

    const reopened = HistoryStore.open(path, { create: false });
    expect(reopened.listRuns(10).map((run) => [run.id, run.status])).toEqual([
      [2, 'passed'],
      [1, 'failed'],
    ]);
    const { run, metrics } = reopened.getRun(1);
    expect(run.failedGates).toContain('model_router_availability');
    expect(run.commit).toBe('0123456789abcdef');
    expect(metrics.find((m) => m.name === 'slo/model_router_availability')).toEqual({
      name: 'slo/model_router_availability',
      value: 98.96,
      unit: '%',
      better: 'higher',
    });
    const series = reopened.series(10).find((s) => s.name === 'bench/toolhub › vector search 1k/median');
    expect(series?.points.map((p) => [p.runId, p.value])).toEqual([
      [1, 412],
      [2, 412],
    ]);
    expect(errorCode(() => reopened.getRun(99))).toBe('HISTORY_RUN_NOT_FOUND');
    reopened.close();
  });

  it('migrates a version-1 database forward, keeping its runs', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'perfgate-history-')), 'v1.db');
    const db = new Database(path);
    db.exec(HISTORY_MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    db.prepare(
      "INSERT INTO runs (run_key, recorded_at, title, status, gates_total, gates_failed) VALUES ('old', 1, 'old run', 'passed', 2, 0)",
    ).run();
    db.close();

    const store = HistoryStore.open(path, { create: false });
    expect(store.schemaVersion()).toBe(2);
    expect(store.listRuns(5)).toMatchObject([{ id: 1, title: 'old run', failedGates: [] }]);
    store.close();
  });

  it('refuses a file that is not a history database and leaves it byte for byte', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'perfgate-history-')), 'history.db');
    const garbage = Buffer.from('this is not an SQLite database, it is a text file\n'.repeat(200));
    writeFileSync(path, garbage);
    expect(errorCode(() => HistoryStore.open(path, { create: true }))).toBe('HISTORY_CORRUPT');
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses another SQLite database rather than adding tables to it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'perfgate-history-')), 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE invoices (id INTEGER)');
    db.close();
    const before = readFileSync(path);
    expect(errorCode(() => HistoryStore.open(path, { create: true }))).toBe('HISTORY_CORRUPT');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database from a newer perfgate', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'perfgate-history-')), 'new.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(errorCode(() => HistoryStore.open(path, { create: true }))).toBe('HISTORY_TOO_NEW');
  });

  it('says when there is no history yet instead of creating one', () => {
    expect(errorCode(() => HistoryStore.open(tempDb(), { create: false }))).toBe('FILE_NOT_FOUND');
  });
});
