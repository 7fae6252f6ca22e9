/**
 * What the parent and a benchmark child process say to each other: the request goes in argv as
 * JSON; the child prints exactly one marker line on stdout with its measurements or its error
 * (bench files may print whatever else they like).
 */
import type { ProcessCalibration } from '../../bench/calibration.js';
import type { BenchmarkMeasurement } from '../../bench/types.js';
import type { RegionReport } from './instruction-regions.js';

export const RESULT_MARKER = '@@perfgate-bench-result ';

export interface ChildRequest {
  /** Absolute path of the bench file. */
  file: string;
  /** Only these benchmarks; all registered when absent. */
  only?: string[];
  /** Defaults under each benchmark's own options (from `benchmarks:` of the config). */
  defaults: { iterations?: number; warmupIterations?: number; gcBetweenSamples?: boolean };
  /** Measure the calibration workloads first (calibration.ts). Default true. */
  calibrate?: boolean;
  /** `instructions`: run marked regions for callgrind instead of timing (instruction-regions.ts). */
  mode?: 'wall' | 'instructions';
}

export type ChildResponse =
  | { state: 'ok'; measurements: BenchmarkMeasurement[]; calibration?: ProcessCalibration }
  | { state: 'regions'; regions: RegionReport[] }
  | { state: 'errored'; message: string; benchmark?: string };
