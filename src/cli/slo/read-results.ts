import { resolve } from 'node:path';
import { PerfgateError } from '../../core/errors.js';
import { type Evidence, evidenceFromResult } from '../../slo/evidence/index.js';
import type { CliIo } from '../io.js';

/** Reads and detects each results file (load test or benchmark); `FILE_NOT_FOUND`/`INVALID_ARGUMENT` otherwise. */
export function readEvidence(io: CliIo, files: readonly string[]): Evidence[] {
  return files.map((file) => {
    const path = resolve(io.cwd, file);
    if (!io.fileExists(path)) throw new PerfgateError('FILE_NOT_FOUND', `results file not found: ${file}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(io.readFile(path));
    } catch (error) {
      throw new PerfgateError('INVALID_ARGUMENT', `${file}: not valid JSON (${(error as Error).message})`);
    }
    return evidenceFromResult(parsed, file);
  });
}
