/**
 * The benchmark model: what a benchmark is, how one process measures it, and what it reports.
 * Times are nanoseconds per call throughout (`unit: 'ns'`).
 */
import type { SampleDescription } from '../stats/describe.js';

/** The function under test; its return value is consumed (kept in a sink) so it cannot be elided. */
export type BenchmarkFn = () => unknown;

export interface BenchmarkOptions {
  /**
   * Timed samples per process at least (each a batch of calls sized by calibration). Default 50.
   * Sampling goes on past this until `minSamplingTimeMs` has been measured.
   */
  iterations?: number;
  /**
   * Measured time per process at least, so one scheduler hiccup cannot cover a whole process's
   * samples (its median is the unit of every verdict). Default 50 ms; 0 disables.
   */
  minSamplingTimeMs?: number;
  /** Untimed batches run after calibration, before sampling. Default 10. */
  warmupIterations?: number;
  /** Free-form labels carried into results and baselines (e.g. `{ testType: 'vector_search' }`). */
  metadata?: Record<string, string | number | boolean>;
  /** Runs once per process before calibration; may be async. */
  setup?: () => unknown;
  /** Runs once per process after sampling, even when the benchmark throws; may be async. */
  teardown?: () => unknown;
  /**
   * Collect garbage before each sample when a collector is available (`node --expose-gc`). Default
   * false: a full GC costs milliseconds, more than many benchmarks' whole sample.
   */
  gcBetweenSamples?: boolean;
  /** A sample lasts at least this long; shorter calls are batched. Default 100 µs (timer cost < 0.2 %). */
  minSampleTimeNs?: number;
}

/** A benchmark registered by name, as a bench file declares it. */
export interface BenchmarkDefinition {
  name: string;
  fn: BenchmarkFn;
  options: BenchmarkOptions;
}

/** One process's measurement of one benchmark. */
export interface BenchmarkMeasurement {
  name: string;
  metadata: Record<string, string | number | boolean>;
  unit: 'ns';
  /** Whether the function returned a promise (and was awaited). */
  async: boolean;
  /** Calls per timed sample, chosen by calibration. */
  batchSize: number;
  /** Per-call time of each sample, in the order measured. */
  samplesNs: number[];
  stats: SampleDescription;
  /** Heap used after minus before (after a GC when available); undefined when unmeasurable. */
  heapDeltaBytes: number | undefined;
  /**
   * The memory calibration workload's 10th percentile measured just before and just after this
   * benchmark, the slower of the two (calibration.ts): the machine's state at the time. Undefined
   * when not measured.
   */
  stateNs?: number;
  warnings: string[];
}

/** The injected world of a measurement (STYLE.md #5). */
export interface MeasureEnvironment {
  /** Monotonic nanoseconds from an arbitrary origin. */
  clock: () => number;
  /** Full garbage collection, when exposed (`globalThis.gc` under `--expose-gc`). */
  collectGarbage?: () => void;
  /** Bytes of JS heap in use. */
  heapUsed?: () => number;
}

export const DEFAULT_ITERATIONS = 50;
export const DEFAULT_WARMUP_ITERATIONS = 10;
export const DEFAULT_MIN_SAMPLE_TIME_NS = 100_000;
export const DEFAULT_MIN_SAMPLING_TIME_MS = 50;
/** Sampling never takes more samples than this per process, whatever `minSamplingTimeMs` asks. */
export const MAX_SAMPLES = 10_000;
/** Batches never exceed this many calls (bounds the calibration of a function that reads 0 ns). */
export const MAX_BATCH_SIZE = 1 << 24;
/** Below this per-call time a result is compared with an empty function to detect dead-code elimination. */
export const DCE_CHECK_BELOW_NS = 10;
/** A result within this factor of an empty function's time looks optimised away (mitata uses 1.42). */
export const DCE_FACTOR = 1.5;
