/**
 * The `-o out.json` document of `perfgate bench` (JSON Schema: schema/bench-results.schema.json),
 * the data the report writers render. Times are nanoseconds per call; changes are percentages
 * (positive = slower); p-values are two-sided Mann–Whitney on per-process medians, adjusted
 * across the run.
 */
import { type Baseline, type BaselineEntry, type MachineFingerprint, withSession } from './baseline.js';
import type { GateOutcome } from './gate.js';
import type { InstructionCounts } from './instruction-report.js';
import type { BenchmarkReport, SuiteReport } from './report.js';
import type { VerdictPolicy } from './verdict.js';

export const BENCH_RESULTS_SCHEMA_VERSION = 2;

export interface BenchSettings {
  processes: number;
  maxProcesses: number;
  alpha: number;
  falseDiscovery: VerdictPolicy['falseDiscovery'];
  thresholds: { minor: number; major: number; critical: number; gate: number | null };
  compareRef: string | null;
  /** `wall`: time per call; `instructions`: instructions per call under callgrind, wall time beside it. */
  mode: 'wall' | 'instructions';
  /** Wall mode: whether counts settle disturbed verdicts (tie-break.ts); `no-valgrind` when asked for without valgrind. */
  tieBreak?: 'instructions' | 'off' | 'no-valgrind';
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

/** The baseline entry a measured benchmark leaves behind (summaries and per-process figures only). */
export function baselineEntryOf(
  bench: BenchmarkReport,
  previous: BaselineEntry | undefined,
  counted?: readonly number[],
): BaselineEntry {
  const sameCode = bench.verdict.kind === 'unchanged';
  const perCall = counted ?? bench.instructions?.perCall;
  return withSession(
    {
      unit: 'ns',
      time: bench.time,
      median: bench.median,
      ci: { lower: bench.ci.lower, upper: bench.ci.upper },
      mean: bench.stats.mean,
      p95: bench.stats.p95,
      p99: bench.stats.p99,
      processMedians: bench.processMedians,
      processP10: bench.processP10,
      ...(bench.processStates ? { processStates: bench.processStates } : {}),
      iterations: bench.iterations,
      batchSize: bench.batchSize,
      metadata: bench.metadata,
      ...(perCall?.length ? { instructions: { perCall: [...perCall] } } : {}),
    },
    previous,
    sameCode,
  );
}

/** The entries of a suite to store, keyed by benchmark name (with the counts made for them, in wall mode). */
export function baselineEntries(
  suite: SuiteReport,
  previous: Baseline | undefined,
  counts?: InstructionCounts,
): Baseline['benchmarks'] {
  return Object.fromEntries(
    suite.benchmarks.map((bench) => [
      bench.name,
      baselineEntryOf(bench, previous?.benchmarks[bench.name], counts?.get(bench.name)),
    ]),
  );
}
