import { type HistoryStore, isHistoryUrl, type OpenOptions } from './store.js';

/**
 * Opens (and migrates) the history at `path`: a `postgres://` URL (a shared PostgreSQL store) or an
 * SQLite file, created with its folder when `options.create`.
 */
export async function openHistoryStore(path: string, options: OpenOptions): Promise<HistoryStore> {
  if (isHistoryUrl(path)) {
    const { openPostgresHistory } = await import('./postgres-store.js');
    return openPostgresHistory(path, options);
  }
  // Imported on first use: commands that keep no history never load the SQLite engine.
  const { openSqliteHistory } = await import('./sqlite-store.js');
  return openSqliteHistory(path, options);
}
