/**
 * The history database's schema, as numbered migrations. SQLite's `user_version` holds how many
 * have been applied; each runs once, in a transaction, in order. Append new migrations; never
 * edit a released one.
 */
export const HISTORY_MIGRATIONS: readonly string[] = [
  // 1: runs and one row per metric value.
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     run_key TEXT NOT NULL UNIQUE,
     recorded_at INTEGER NOT NULL,
     title TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'untrusted')),
     commit_sha TEXT,
     branch TEXT,
     environment TEXT,
     gates_total INTEGER NOT NULL,
     gates_failed INTEGER NOT NULL
   );
   CREATE TABLE metrics (
     run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     value REAL NOT NULL,
     unit TEXT,
     better TEXT NOT NULL CHECK (better IN ('lower', 'higher')),
     PRIMARY KEY (run_id, name)
   );`,
  // 2: the names of failed gates per run, and an index for per-metric series.
  `ALTER TABLE runs ADD COLUMN failed_gates TEXT NOT NULL DEFAULT '[]';
   CREATE INDEX metrics_by_name ON metrics (name, run_id);`,
];

export const HISTORY_SCHEMA_VERSION = HISTORY_MIGRATIONS.length;
