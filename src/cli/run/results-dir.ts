/**
 * Where a run's files go: `perf-results/<timestamp>/` (or `--results-dir DIR` as given), and the
 * `perf-results/latest` pointer to the newest run: a relative symlink, or a `latest` text file
 * holding the directory name where symlinks are not allowed.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export const DEFAULT_RESULTS_ROOT = 'perf-results';

export interface ResultsDir {
  dir: string;
  /** The `latest` pointer to update once the reports are written; undefined with `--results-dir`. */
  latest?: string;
}

/** `2026-11-27T03-40-15Z`: sortable, and legal in file names everywhere. */
export function runStamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

export function createResultsDir(cwd: string, explicit: string | undefined, epochMs: number): ResultsDir {
  if (explicit !== undefined) {
    const dir = resolve(cwd, explicit);
    mkdirSync(dir, { recursive: true });
    return { dir };
  }
  const root = resolve(cwd, DEFAULT_RESULTS_ROOT);
  let dir = resolve(root, runStamp(epochMs));
  // Two runs in the same second (tests, scripts): never mix their files.
  for (let n = 2; !tryCreate(dir); n++) dir = resolve(root, `${runStamp(epochMs)}-${n}`);
  return { dir, latest: resolve(root, 'latest') };
}

function tryCreate(dir: string): boolean {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Points `latest` at `dir` (a sibling); returns how. */
export function pointLatest(latest: string, dir: string): 'symlink' | 'file' {
  rmSync(latest, { force: true, recursive: false });
  try {
    symlinkSync(basename(dir), latest, 'dir');
    return 'symlink';
  } catch {
    writeFileSync(latest, `${basename(dir)}\n`);
    return 'file';
  }
}
