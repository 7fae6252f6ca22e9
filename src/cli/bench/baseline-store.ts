/**
 * Baseline files on disk: read strictly (a corrupt file is an error naming it, exit 2) and
 * written atomically (a temp file in the same directory, then rename), so a crash or Ctrl-C mid-write
 * never leaves a half-written baseline behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Baseline, parseBaseline, serializeBaseline } from '../../bench/baseline.js';

/** The baseline file of a suite. */
export function baselinePath(baselineDir: string, suite: string): string {
  return join(baselineDir, `${suite}.json`);
}

/** The stored baseline, or undefined when the file does not exist; throws BASELINE_INVALID when corrupt. */
export function readBaseline(path: string): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  return parseBaseline(readFileSync(path, 'utf8'), path);
}

/** Writes `text` to `path` atomically (creating the directory); the temp file never outlives a failure. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flush: true });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileAtomic(path, serializeBaseline(baseline));
}
