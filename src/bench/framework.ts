/**
 * The spec's in-process API: `await new BenchmarkFramework().benchmark(name, fn, options)` measures
 * in this one process and returns the result. Regression verdicts need several processes; those
 * come from `perfgate bench`, which runs files that register benchmarks with `benchmark()`.
 */
import { getHeapStatistics } from 'node:v8';
import { measureBenchmark } from './measure.js';
import type { BenchmarkFn, BenchmarkMeasurement, BenchmarkOptions, MeasureEnvironment } from './types.js';

/** A measurement with the spec's headline statistics at top level (nanoseconds per call). */
export interface BenchmarkResult extends BenchmarkMeasurement {
  mean: number;
  median: number;
  p95: number;
  p99: number;
}

export interface FrameworkOptions extends Partial<MeasureEnvironment> {
  /** Applied under each benchmark's own options. */
  defaults?: BenchmarkOptions;
}

/** High-resolution monotonic nanoseconds; `performance.now()` is backed by the hrtime clock in Node. */
export const performanceClock = (): number => performance.now() * 1e6;

function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
}

export class BenchmarkFramework {
  private readonly env: MeasureEnvironment;
  private readonly defaults: BenchmarkOptions;
  /** Every result this framework produced, in order. */
  readonly results: BenchmarkResult[] = [];

  /** The clock, collector and heap probe may be injected; defaults use hrtime, `gc` if exposed and V8. */
  constructor(options: FrameworkOptions = {}) {
    const collectGarbage = options.collectGarbage ?? exposedGc();
    this.env = {
      clock: options.clock ?? performanceClock,
      heapUsed: options.heapUsed ?? (() => getHeapStatistics().used_heap_size),
      ...(collectGarbage ? { collectGarbage } : {}),
    };
    this.defaults = options.defaults ?? {};
  }

  /** Measures `fn` (sync or async) in this process; rejects with what it, setup or teardown throws. */
  async benchmark(name: string, fn: BenchmarkFn, options: BenchmarkOptions = {}): Promise<BenchmarkResult> {
    const measurement = await measureBenchmark(
      { name, fn, options: { ...this.defaults, ...options } },
      this.env,
    );
    const { mean, median, p95, p99 } = measurement.stats;
    const result = { ...measurement, mean, median, p95, p99 };
    this.results.push(result);
    return result;
  }
}
