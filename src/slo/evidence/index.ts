import { PerfgateError } from '../../core/errors.js';
import { isArtilleryReport, loadEvidenceFromArtillery } from './artillery.js';
import { benchEvidenceFromResult, isBenchResult } from './bench.js';
import type { Evidence } from './types.js';

export * from './artillery.js';
export * from './bench.js';
export * from './latency.js';
export type * from './types.js';

/** Detects the kind of a parsed results file and reads it; `INVALID_ARGUMENT` for anything else. */
export function evidenceFromResult(result: unknown, source: string): Evidence {
  if (isArtilleryReport(result)) return loadEvidenceFromArtillery(result, source);
  if (isBenchResult(result)) return benchEvidenceFromResult(result, source);
  throw new PerfgateError('INVALID_ARGUMENT', `${source}: neither a load-test nor a benchmark result`, {
    hint: 'expected Artillery-layout JSON (aggregate.counters) or benchmark results (benchmarks: [...])',
  });
}
