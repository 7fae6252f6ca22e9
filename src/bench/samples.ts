/** What a suite's session collected: per benchmark the candidate's measurements and the base's values. */
import type { ProcessCalibration } from './calibration.js';
import type { BenchmarkMeasurement } from './types.js';

export interface SampledBenchmark {
  name: string;
  /** One measurement per candidate process. */
  candidate: BenchmarkMeasurement[];
  /** One value (10th percentile per call) per base process, measured now or stored; empty when none. */
  baseValues: number[];
  /** The machine state (calibration.ts) of each base process, parallel to `baseValues`, when known. */
  baseStates?: number[];
  /** σ (log) of the spread between sessions; 0 when both sides ran interleaved in this session. */
  sessionSpread: number;
}

export interface SuiteSamples {
  benchmarks: SampledBenchmark[];
  rounds: number;
  /** Each process's calibration, per side (the stored baseline's for a stored base). */
  calibration: { candidate: ProcessCalibration[]; base: ProcessCalibration[]; stored?: ProcessCalibration };
}
