/**
 * Process orchestration for one suite (one bench file), pure apart from the injected runner:
 * rounds of separate processes, base and candidate interleaved with alternating order (machine
 * drift is shared by neighbours in time: research/bench-tools.md B2/B3), then more rounds only for
 * the benchmarks whose verdict more processes could still change (suite-comparison.ts), up to
 * `maxProcesses` per side.
 */
import type { ProcessCalibration } from './calibration.js';
import { processValue } from './compare.js';
import type { SampledBenchmark, SuiteSamples } from './samples.js';
import { judgeSamples, rerunCouldDecide } from './suite-comparison.js';
import type { BenchmarkMeasurement } from './types.js';
import type { VerdictPolicy } from './verdict.js';

export type Side = 'base' | 'candidate';

export interface ProcessRequest {
  side: Side;
  /** Measure only these benchmarks (the unclear ones in adaptive rounds); all when undefined. */
  only?: readonly string[];
  /** 0-based round number, for progress and seeding. */
  round: number;
}

/** What one process measured: its benchmarks, and the calibration workloads when it ran them. */
export interface ProcessResult {
  measurements: BenchmarkMeasurement[];
  calibration?: ProcessCalibration;
}

/** Runs one process of the suite's file on one side; resolves with its measurements. */
export type ProcessRunner = (request: ProcessRequest) => Promise<ProcessResult>;

/** A baseline as the session needs it: per benchmark the per-process values and the session spread. */
export interface StoredBase {
  values: ReadonlyMap<string, readonly number[]>;
  /** The machine state of each stored process, parallel to `values`, when recorded. */
  states?: ReadonlyMap<string, readonly number[]>;
  /** σ (log) of the spread between sessions, per benchmark. */
  sessionSpread: ReadonlyMap<string, number>;
  calibration?: ProcessCalibration;
}

export interface SessionPlan {
  /** Processes per side before adaptive rounds (≥ 1). */
  processes: number;
  /** Upper limit per side including adaptive rounds (≥ processes). */
  maxProcesses: number;
  policy: VerdictPolicy;
  /** Where the base comes from: a git ref measured now, a stored baseline, or nothing. */
  base: { kind: 'measured' } | ({ kind: 'stored' } & StoredBase) | { kind: 'none' };
  onRound?: (round: number, only: readonly string[] | undefined) => void;
}

class SuiteCollector {
  private readonly byName = new Map<string, BenchmarkMeasurement[]>();
  private readonly measuredBase = new Map<string, number[]>();
  private readonly measuredStates = new Map<string, number[]>();
  private readonly calibration = { candidate: [] as ProcessCalibration[], base: [] as ProcessCalibration[] };

  constructor(private readonly plan: SessionPlan) {}

  add(side: Side, result: ProcessResult): void {
    if (result.calibration) this.calibration[side].push(result.calibration);
    for (const measurement of result.measurements) {
      if (side === 'base') {
        const values = this.measuredBase.get(measurement.name) ?? [];
        values.push(processValue(measurement));
        this.measuredBase.set(measurement.name, values);
        if (measurement.stateNs !== undefined) {
          const states = this.measuredStates.get(measurement.name) ?? [];
          states.push(measurement.stateNs);
          this.measuredStates.set(measurement.name, states);
        }
        continue;
      }
      const entry = this.byName.get(measurement.name) ?? [];
      entry.push(measurement);
      this.byName.set(measurement.name, entry);
    }
  }

  snapshot(rounds: number): SuiteSamples {
    const { base } = this.plan;
    const benchmarks = [...this.byName].map(([name, candidate]): SampledBenchmark => {
      const baseValues = [
        ...((base.kind === 'stored' ? base.values.get(name) : this.measuredBase.get(name)) ?? []),
      ];
      const states = base.kind === 'stored' ? base.states?.get(name) : this.measuredStates.get(name);
      return {
        name,
        candidate: [...candidate],
        baseValues,
        ...(states && states.length === baseValues.length ? { baseStates: [...states] } : {}),
        sessionSpread: base.kind === 'stored' ? (base.sessionSpread.get(name) ?? 0) : 0,
      };
    });
    return {
      benchmarks,
      rounds,
      calibration: {
        candidate: [...this.calibration.candidate],
        base: [...this.calibration.base],
        ...(base.kind === 'stored' && base.calibration ? { stored: base.calibration } : {}),
      },
    };
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
    const unclear = judgeSamples(collector.snapshot(rounds), plan.policy)
      .filter((judged) => rerunCouldDecide(judged, plan.policy))
      .map((judged) => judged.name);
    if (unclear.length === 0) break;
    await runRound(rounds++, unclear);
  }
  return collector.snapshot(rounds);
}
