/**
 * Reads benchmark results into BenchEvidence. Two shapes:
 * - `perfgate bench -o` (src/bench/results-document.ts): `{ kind: 'perfgate-bench', suites: [{ name,
 *   benchmarks: [{ name, unit: 'ns', median, stats: { mean, median, p75, p95, p99, … }, heapDeltaBytes }] }] }`;
 *   times are converted from ns to ms, ops/s = 1e9 / median; an SLO names a benchmark as `name`
 *   or `suite/name`;
 * - plain: a top-level `benchmarks: [{ name, stats: { mean, median, p95, p99, … (ms) }, opsPerSecond?,
 *   memory?: { heapDeltaBytes?, heapUsedBytes?, rssBytes? } }]`.
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
  return marked || result.kind === 'perfgate-bench' || Array.isArray(result.benchmarks);
}

const NS_PER_MS = 1e6;

/** `perfgate bench` documents: every benchmark of every suite, twice named (`name`, `suite/name`). */
function fromBenchDocument(result: Json, source: string): BenchEvidence {
  const suites = Array.isArray(result.suites) ? result.suites.filter(isObject) : [];
  const benchmarks = suites.flatMap((suite) =>
    (Array.isArray(suite.benchmarks) ? suite.benchmarks.filter(isObject) : []).flatMap(
      (bench): BenchmarkEvidence[] => {
        if (typeof bench.name !== 'string') return [];
        const stats = Object.fromEntries(
          Object.entries(numbersOf(bench.stats))
            .filter(([key]) => key !== 'n' && key !== 'stddev' && key !== 'mad')
            .map(([key, ns]) => [key, ns / NS_PER_MS]),
        );
        const entry: BenchmarkEvidence = { name: bench.name, stats };
        if (typeof bench.median === 'number' && bench.median > 0) entry.opsPerSecond = 1e9 / bench.median;
        if (typeof bench.heapDeltaBytes === 'number') entry.memory = { heapDeltaBytes: bench.heapDeltaBytes };
        return [entry, { ...entry, name: `${String(suite.name)}/${bench.name}` }];
      },
    ),
  );
  return { kind: 'bench', source, benchmarks };
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
  if (isObject(result) && result.kind === 'perfgate-bench') return fromBenchDocument(result, source);
  if (!isObject(result) || !Array.isArray(result.benchmarks)) {
    throw new PerfgateError('INVALID_ARGUMENT', `${source}: not a benchmark result (no benchmarks array)`);
  }
  const benchmarks = result.benchmarks.map((entry, index) => benchmarkOf(entry, index, source));
  return { kind: 'bench', source, benchmarks };
}
