/**
 * Reads benchmark results into BenchEvidence. Accepted shape (until src/bench fixes its own):
 * a top-level `benchmarks: [{ name, stats: { mean, median, p95, p99, … (ms) }, opsPerSecond?,
 * memory?: { heapDeltaBytes?, heapUsedBytes?, rssBytes? } }]`, optionally beside
 * `perfgate: { kind: 'bench' }`.
 */
import { PerfgateError } from '../../core/errors.js';
import type { BenchEvidence, BenchmarkEvidence } from './types.js';

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numbersOf = (value: unknown): Record<string, number> =>
  Object.fromEntries(
    Object.entries(isObject(value) ? value : {}).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
    ),
  );

/** True when `result` carries benchmark results. */
export function isBenchResult(result: unknown): boolean {
  if (!isObject(result)) return false;
  const marked = isObject(result.perfgate) && result.perfgate.kind === 'bench';
  return marked || Array.isArray(result.benchmarks);
}

function benchmarkOf(entry: unknown, index: number, source: string): BenchmarkEvidence {
  if (!isObject(entry) || typeof entry.name !== 'string' || !isObject(entry.stats)) {
    throw new PerfgateError('INVALID_ARGUMENT', `${source}: benchmarks[${index}] needs a name and stats`);
  }
  const benchmark: BenchmarkEvidence = { name: entry.name, stats: numbersOf(entry.stats) };
  if (typeof entry.opsPerSecond === 'number') benchmark.opsPerSecond = entry.opsPerSecond;
  if (isObject(entry.memory)) benchmark.memory = numbersOf(entry.memory);
  return benchmark;
}

export function benchEvidenceFromResult(result: unknown, source: string): BenchEvidence {
  if (!isObject(result) || !Array.isArray(result.benchmarks)) {
    throw new PerfgateError('INVALID_ARGUMENT', `${source}: not a benchmark result (no benchmarks array)`);
  }
  const benchmarks = result.benchmarks.map((entry, index) => benchmarkOf(entry, index, source));
  return { kind: 'bench', source, benchmarks };
}
