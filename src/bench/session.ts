/**
 * Process orchestration for one suite (one bench file), pure apart from the injected runner:
 * rounds of separate processes, base and candidate interleaved with alternating order (machine
 * drift is shared by neighbours in time: research/bench-tools.md B2/B3), then more rounds for the
 * benchmarks whose verdict is still inconclusive, up to `maxProcesses` per side.
 */
import type { BenchmarkMeasurement } from './types.js';
import { compareProcesses, judgeSuite, type VerdictPolicy } from './verdict.js';

export type Side = 'base' | 'candidate';

export interface ProcessRequest {
  side: Side;
  /** Measure only these benchmarks (the unclear ones in adaptive rounds); all when undefined. */
  only?: readonly string[];
  /** 0-based round number, for progress and seeding. */
  round: number;
}

/** Runs one process of the suite's file on one side; resolves with its measurements. */
export type ProcessRunner = (request: ProcessRequest) => Promise<BenchmarkMeasurement[]>;

export interface SessionPlan {
  /** Processes per side before adaptive rounds (≥ 1). */
  processes: number;
  /** Upper limit per side including adaptive rounds (≥ processes). */
  maxProcesses: number;
  policy: VerdictPolicy;
  /** Where the base comes from: a git ref measured now, a stored baseline, or nothing. */
  base:
    | { kind: 'measured' }
    | { kind: 'stored'; processMedians: ReadonlyMap<string, readonly number[]> }
    | { kind: 'none' };
  onRound?: (round: number, only: readonly string[] | undefined) => void;
}

export interface SampledBenchmark {
  name: string;
  /** One measurement per candidate process. */
  candidate: BenchmarkMeasurement[];
  /** One median per base process (measured now or read from the baseline); empty when there is none. */
  baseMedians: number[];
}

export interface SuiteSamples {
  benchmarks: SampledBenchmark[];
  rounds: number;
}

/** Names whose verdict is still inconclusive with the data so far (suite-adjusted). */
export function unclearBenchmarks(samples: readonly SampledBenchmark[], policy: VerdictPolicy): string[] {
  const comparable = samples.filter((s) => s.baseMedians.length > 0 && s.candidate.length > 0);
  const judged = judgeSuite(
    comparable.map((s) =>
      compareProcesses(
        s.baseMedians,
        s.candidate.map((m) => m.stats.median),
      ),
    ),
    policy,
  );
  return comparable.filter((_, i) => judged[i]?.verdict.kind === 'inconclusive').map((s) => s.name);
}

class SuiteCollector {
  private readonly byName = new Map<string, SampledBenchmark>();
  private readonly measuredBase = new Map<string, number[]>();

  constructor(private readonly plan: SessionPlan) {}

  add(side: Side, measurements: readonly BenchmarkMeasurement[]): void {
    for (const measurement of measurements) {
      if (side === 'base') {
        const medians = this.measuredBase.get(measurement.name) ?? [];
        medians.push(measurement.stats.median);
        this.measuredBase.set(measurement.name, medians);
        continue;
      }
      const entry = this.byName.get(measurement.name) ?? {
        name: measurement.name,
        candidate: [],
        baseMedians: [],
      };
      entry.candidate.push(measurement);
      this.byName.set(measurement.name, entry);
    }
  }

  snapshot(): SampledBenchmark[] {
    const { base } = this.plan;
    return [...this.byName.values()].map((entry) => ({
      ...entry,
      baseMedians: [
        ...((base.kind === 'stored'
          ? base.processMedians.get(entry.name)
          : this.measuredBase.get(entry.name)) ?? []),
      ],
    }));
  }
}

/** Runs the rounds of one suite and returns every measurement, grouped by benchmark. */
export async function sampleSuite(runner: ProcessRunner, plan: SessionPlan): Promise<SuiteSamples> {
  const collector = new SuiteCollector(plan);
  const runRound = async (round: number, only: readonly string[] | undefined) => {
    plan.onRound?.(round, only);
    const sides: Side[] =
      plan.base.kind !== 'measured'
        ? ['candidate']
        : round % 2 === 0
          ? ['candidate', 'base']
          : ['base', 'candidate'];
    for (const side of sides) collector.add(side, await runner({ side, round, ...(only ? { only } : {}) }));
  };
  let rounds = 0;
  for (; rounds < plan.processes; rounds++) await runRound(rounds, undefined);
  while (plan.base.kind !== 'none' && rounds < plan.maxProcesses) {
    const unclear = unclearBenchmarks(collector.snapshot(), plan.policy);
    if (unclear.length === 0) break;
    await runRound(rounds++, unclear);
  }
  return { benchmarks: collector.snapshot(), rounds };
}
