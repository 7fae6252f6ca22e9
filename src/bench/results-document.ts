/**
 * The `-o out.json` document of `perfgate bench` (JSON Schema: schema/bench-results.schema.json),
 * the data the report writers render. Times are nanoseconds per call; changes are percentages
 * (positive = slower); p-values are two-sided Mann–Whitney on per-process medians, adjusted
 * across the run.
 */
import type { Baseline, BaselineEntry, MachineFingerprint } from './baseline.js';
import type { GateOutcome } from './gate.js';
import type { BenchmarkReport, SuiteReport } from './report.js';
import type { VerdictPolicy } from './verdict.js';

export const BENCH_RESULTS_SCHEMA_VERSION = 1;

export interface BenchSettings {
  processes: number;
  maxProcesses: number;
  alpha: number;
  falseDiscovery: VerdictPolicy['falseDiscovery'];
  thresholds: { minor: number; major: number; critical: number; gate: number | null };
  compareRef: string | null;
}

export interface BenchResults {
  schemaVersion: typeof BENCH_RESULTS_SCHEMA_VERSION;
  kind: 'perfgate-bench';
  startedAt: string;
  durationMs: number;
  fingerprint: MachineFingerprint;
  settings: BenchSettings;
  suites: SuiteReport[];
  gate: GateOutcome;
}

/** The baseline entry a measured benchmark leaves behind (summaries and per-process medians only). */
export function baselineEntryOf(bench: BenchmarkReport): BaselineEntry {
  return {
    unit: 'ns',
    median: bench.median,
    ci: { lower: bench.ci.lower, upper: bench.ci.upper },
    mean: bench.stats.mean,
    p95: bench.stats.p95,
    p99: bench.stats.p99,
    processMedians: bench.processMedians,
    iterations: bench.iterations,
    batchSize: bench.batchSize,
    metadata: bench.metadata,
  };
}

/** The entries of a suite to store, keyed by benchmark name. */
export function baselineEntries(suite: SuiteReport): Baseline['benchmarks'] {
  return Object.fromEntries(suite.benchmarks.map((bench) => [bench.name, baselineEntryOf(bench)]));
}
