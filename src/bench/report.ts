/**
 * The results of a `perfgate bench` run as plain data (the `-o` JSON; schema/bench-results.schema.json):
 * per benchmark the compared time (the fastest process's 10th percentile per call: compare.ts),
 * the median of per-process medians with its bootstrap CI for people, the pooled sample
 * statistics, the base it was compared with and the verdict with the interval it was read from.
 * Verdicts are adjusted across every compared benchmark of the run.
 */
import { describeSamples, type SampleDescription } from '../stats/describe.js';
import { bootstrapMedianInterval } from '../stats/median-interval.js';
import { findModes, type Mode } from '../stats/modes.js';
import { mulberry32 } from '../stats/random.js';
import { median, sortSamples } from '../stats/sorted.js';
import type { ProcessCalibration } from './calibration.js';
import { processValue } from './compare.js';
import type { SampledBenchmark, SuiteSamples } from './samples.js';
import { compareSamples, suiteShift } from './suite-comparison.js';
import { type BenchVerdict, type JudgedComparison, judgeSuite, type VerdictPolicy } from './verdict.js';

const CI_SEED = 0xc1;

export type BaseSource = 'ref' | 'baseline';
export type ReportedVerdict = BenchVerdict | { kind: 'new' };

export interface BenchmarkReport {
  name: string;
  metadata: Record<string, string | number | boolean>;
  unit: 'ns';
  /** The compared figure: the lowest of the per-process 10th percentiles (ns per call). */
  time: number;
  /** Each process's 10th percentile per call, in the order measured. */
  processP10: number[];
  /** Each process's machine state around the benchmark (calibration.ts: the slower of before and after), when measured. */
  processStates?: number[];
  /** Median of the per-process medians (ns per call), for people. */
  median: number;
  /** 95 % bootstrap CI of that median, over processes. */
  ci: { lower: number; upper: number; confidence: number };
  processMedians: number[];
  /** The speeds the processes settled in, fastest first, when there is more than one. */
  modes?: Mode[];
  /** Every sample of every process, pooled (for spread and tails; verdicts use processP10). */
  stats: SampleDescription;
  iterations: number;
  batchSize: number;
  async: boolean;
  /** Median over processes of the heap delta, when measured. */
  heapDeltaBytes: number | null;
  warnings: string[];
  base: { source: BaseSource; time: number; processP10: number[] } | null;
  /** The comparison the verdict was read from (of instructions in `--mode instructions`). */
  comparison: Omit<JudgedComparison, 'verdict'> | null;
  verdict: ReportedVerdict;
  /** `--mode instructions`: instructions per call (callgrind), per process, and the base's. */
  instructions?: { perCall: number[]; figure: number; base: number[] | null };
  /** `--mode instructions`, or a verdict settled by counts: the wall-time comparison, kept beside it. */
  wall?: { comparison: Omit<JudgedComparison, 'verdict'> | null; verdict: ReportedVerdict };
  /**
   * Set when wall time was disturbed and instruction counts settled the verdict (tie-break.ts):
   * `comparison` is then of instructions per call and `wall` holds the disturbed wall comparison.
   */
  settledBy?: 'instructions';
}

export interface SuiteReport {
  name: string;
  file: string;
  /** Rounds of processes run (per side). */
  rounds: number;
  baselineFile: string | null;
  warnings: string[];
  /** Each candidate process's calibration workloads (calibration.ts). */
  calibration: ProcessCalibration[];
  benchmarks: BenchmarkReport[];
}

export interface SuiteInput {
  name: string;
  file: string;
  samples: SuiteSamples;
  baseSource: BaseSource | null;
  baselineFile: string | null;
  warnings: string[];
}

function describeBenchmark(
  sample: SampledBenchmark,
): Omit<BenchmarkReport, 'base' | 'comparison' | 'verdict'> {
  const processMedians = sample.candidate.map((m) => m.stats.median);
  const processP10 = sample.candidate.map(processValue);
  const states = sample.candidate.flatMap((m) => (m.stateNs === undefined ? [] : [m.stateNs]));
  const ci = bootstrapMedianInterval(processMedians, { random: mulberry32(CI_SEED) });
  const heapDeltas = sample.candidate.flatMap((m) =>
    m.heapDeltaBytes === undefined ? [] : [m.heapDeltaBytes],
  );
  const modes = processP10.every((v) => v > 0) ? findModes(processP10) : [];
  const first = sample.candidate[0];
  return {
    name: sample.name,
    metadata: first?.metadata ?? {},
    unit: 'ns',
    time: Math.min(...processP10),
    processP10,
    ...(states.length === processP10.length ? { processStates: states } : {}),
    median: ci.estimate,
    ci: { lower: ci.lower, upper: ci.upper, confidence: ci.confidence },
    processMedians,
    ...(modes.length > 1 ? { modes } : {}),
    stats: describeSamples(sortSamples(sample.candidate.flatMap((m) => m.samplesNs))),
    iterations: first?.samplesNs.length ?? 0,
    batchSize: first?.batchSize ?? 1,
    async: first?.async ?? false,
    heapDeltaBytes: heapDeltas.length === 0 ? null : median(sortSamples(heapDeltas)),
    warnings: [...new Set(sample.candidate.flatMap((m) => m.warnings))],
  };
}

function suiteWarnings(suite: SuiteInput): string[] {
  const shift = suiteShift(suite.samples);
  if (shift === undefined) return suite.warnings;
  const pct = (log: number) => `${log >= 0 ? '+' : ''}${((Math.exp(log) - 1) * 100).toFixed(0)} %`;
  return [
    ...suite.warnings,
    `the machine is in another state than when the baseline was recorded (calibration: compute ${pct(shift.compute)}, ` +
      `memory ${pct(shift.memory)}): times corrected by ${pct(shift.logCorrection)}, intervals widened accordingly`,
  ];
}

/** Builds every suite's report, judging all comparisons of the run together. */
export function buildSuiteReports(suites: readonly SuiteInput[], policy: VerdictPolicy): SuiteReport[] {
  const compared = suites.map(
    (suite) => new Map(compareSamples(suite.samples).map((c) => [c.name, c.comparison])),
  );
  const pending = compared.flatMap((bySuite, suite) =>
    [...bySuite].map(([name, comparison]) => ({ suite, name, comparison })),
  );
  const judged = judgeSuite(
    pending.map((entry) => entry.comparison),
    policy,
  );
  const judgedOf = new Map(pending.map((entry, i) => [`${entry.suite}\u0000${entry.name}`, judged[i]]));
  return suites.map((suite, suiteIndex) => ({
    name: suite.name,
    file: suite.file,
    rounds: suite.samples.rounds,
    baselineFile: suite.baselineFile,
    warnings: suiteWarnings(suite),
    calibration: suite.samples.calibration.candidate,
    benchmarks: suite.samples.benchmarks.map((sample): BenchmarkReport => {
      const described = describeBenchmark(sample);
      if (suite.baseSource === null || sample.baseValues.length === 0) {
        return { ...described, base: null, comparison: null, verdict: { kind: 'new' } };
      }
      const base = {
        source: suite.baseSource,
        time: Math.min(...sample.baseValues),
        processP10: [...sample.baseValues],
      };
      const result = judgedOf.get(`${suiteIndex}\u0000${sample.name}`);
      if (result === undefined)
        return { ...described, base, comparison: null, verdict: { kind: 'inconclusive' } };
      const { verdict, ...comparison } = result;
      return { ...described, base, comparison, verdict };
    }),
  }));
}
