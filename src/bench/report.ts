/**
 * The results of a `perfgate bench` run as plain data (the `-o` JSON; schema/bench-results.schema.json):
 * per benchmark the median of per-process medians with its bootstrap CI, the pooled sample
 * statistics, the base it was compared with and the verdict. p-values are adjusted across every
 * compared benchmark of the run.
 */
import { describeSamples, type SampleDescription } from '../stats/describe.js';
import { bootstrapMedianInterval } from '../stats/median-interval.js';
import { mulberry32 } from '../stats/random.js';
import { median, sortSamples } from '../stats/sorted.js';
import type { SampledBenchmark, SuiteSamples } from './session.js';
import {
  type BenchVerdict,
  type Comparison,
  compareProcesses,
  judgeSuite,
  type VerdictPolicy,
} from './verdict.js';

const CI_SEED = 0xc1;

export type BaseSource = 'ref' | 'baseline';
export type ReportedVerdict = BenchVerdict | { kind: 'new' };

export interface BenchmarkReport {
  name: string;
  metadata: Record<string, string | number | boolean>;
  unit: 'ns';
  /** Median of the per-process medians (ns per call). */
  median: number;
  /** 95 % bootstrap CI of that median, over processes. */
  ci: { lower: number; upper: number; confidence: number };
  processMedians: number[];
  /** Every sample of every process, pooled (for spread and tails; verdicts use processMedians). */
  stats: SampleDescription;
  iterations: number;
  batchSize: number;
  async: boolean;
  /** Median over processes of the heap delta, when measured. */
  heapDeltaBytes: number | null;
  warnings: string[];
  base: { source: BaseSource; median: number; processMedians: number[] } | null;
  comparison: (Comparison & { adjustedPValue: number }) | null;
  verdict: ReportedVerdict;
}

export interface SuiteReport {
  name: string;
  file: string;
  /** Rounds of processes run (per side). */
  rounds: number;
  baselineFile: string | null;
  warnings: string[];
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

function comparable(sample: SampledBenchmark): boolean {
  const positive = (values: readonly number[]) => values.length > 0 && values.every((v) => v > 0);
  return positive(sample.baseMedians) && positive(sample.candidate.map((m) => m.stats.median));
}

function describeBenchmark(
  sample: SampledBenchmark,
): Omit<BenchmarkReport, 'base' | 'comparison' | 'verdict'> {
  const processMedians = sample.candidate.map((m) => m.stats.median);
  const ci = bootstrapMedianInterval(processMedians, { random: mulberry32(CI_SEED) });
  const heapDeltas = sample.candidate.flatMap((m) =>
    m.heapDeltaBytes === undefined ? [] : [m.heapDeltaBytes],
  );
  const first = sample.candidate[0];
  return {
    name: sample.name,
    metadata: first?.metadata ?? {},
    unit: 'ns',
    median: ci.estimate,
    ci: { lower: ci.lower, upper: ci.upper, confidence: ci.confidence },
    processMedians,
    stats: describeSamples(sortSamples(sample.candidate.flatMap((m) => m.samplesNs))),
    iterations: first?.samplesNs.length ?? 0,
    batchSize: first?.batchSize ?? 1,
    async: first?.async ?? false,
    heapDeltaBytes: heapDeltas.length === 0 ? null : median(sortSamples(heapDeltas)),
    warnings: [...new Set(sample.candidate.flatMap((m) => m.warnings))],
  };
}

/** Builds every suite's report, judging all comparisons of the run together. */
export function buildSuiteReports(suites: readonly SuiteInput[], policy: VerdictPolicy): SuiteReport[] {
  const pending: { suite: number; index: number; comparison: Comparison }[] = [];
  const reports = suites.map((suite, suiteIndex) => {
    const benchmarks = suite.samples.benchmarks.map((sample, index): BenchmarkReport => {
      const described = describeBenchmark(sample);
      if (suite.baseSource === null || sample.baseMedians.length === 0) {
        return { ...described, base: null, comparison: null, verdict: { kind: 'new' } };
      }
      const base = {
        source: suite.baseSource,
        median: median(sortSamples(sample.baseMedians)),
        processMedians: [...sample.baseMedians],
      };
      if (comparable(sample)) {
        pending.push({
          suite: suiteIndex,
          index,
          comparison: compareProcesses(sample.baseMedians, described.processMedians),
        });
      }
      return { ...described, base, comparison: null, verdict: { kind: 'inconclusive' } };
    });
    return {
      name: suite.name,
      file: suite.file,
      rounds: suite.samples.rounds,
      baselineFile: suite.baselineFile,
      warnings: suite.warnings,
      benchmarks,
    };
  });
  const judged = judgeSuite(
    pending.map((p) => p.comparison),
    policy,
  );
  pending.forEach((p, i) => {
    const target = reports[p.suite]?.benchmarks[p.index];
    const result = judged[i];
    if (target && result) {
      const { verdict, ...comparison } = result;
      target.comparison = comparison;
      target.verdict = verdict;
    }
  });
  return reports;
}
