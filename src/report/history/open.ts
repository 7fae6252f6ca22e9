import type { HistoryStore, OpenOptions } from './store.js';

/** Opens (and migrates) the history at `path`; creates it and its folder when `options.create`. */
export async function openHistoryStore(path: string, options: OpenOptions): Promise<HistoryStore> {
  // Imported on first use: commands that keep no history never load the SQLite engine.
  const { openSqliteHistory } = await import('./sqlite-store.js');
  return openSqliteHistory(path, options);
}
