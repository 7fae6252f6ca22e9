/**
 * One process's measurement of one benchmark: setup, calibration (batch size), warmup, timed
 * samples, heap delta, teardown. Sub-microsecond functions run in batches so a sample lasts at
 * least `minSampleTimeNs`, which makes the timer's own cost (60-150 ns per read here) negligible
 * and reports per-call time (research/bench-tools.md B1: tinybench reads an empty function as 70 ns).
 */
import { describeSamples } from '../stats/describe.js';
import { median, sortSamples } from '../stats/sorted.js';
import { type BatchLoop, createBatchLoop, isThenable } from './batch-loop.js';
import {
  type BenchmarkDefinition,
  type BenchmarkFn,
  type BenchmarkMeasurement,
  DCE_CHECK_BELOW_NS,
  DCE_FACTOR,
  DEFAULT_ITERATIONS,
  DEFAULT_MIN_SAMPLE_TIME_NS,
  DEFAULT_MIN_SAMPLING_TIME_MS,
  DEFAULT_WARMUP_ITERATIONS,
  MAX_BATCH_SIZE,
  MAX_SAMPLES,
  type MeasureEnvironment,
} from './types.js';

/** Growth per calibration step is capped so one slow outlier cannot explode the batch. */
const MAX_GROWTH = 100;
const DCE_REFERENCE_SAMPLES = 15;
const emptyFunction: BenchmarkFn = () => undefined;

/**
 * Untimed calls before calibration, for at least this long: a cold first call (interpreter,
 * inline caches not yet warm) can take 100× the steady-state time and would size the batch for it.
 */
const PRE_CALIBRATION_WARMUP_NS = 5_000_000;

/** Calls `fn` in growing batches until `minNs` have passed (at least one call). */
async function warmUp(loop: BatchLoop, fn: BenchmarkFn, minNs: number): Promise<void> {
  let count = 1;
  for (let total = 0; total < minNs; count = Math.min(MAX_BATCH_SIZE, count * 2)) {
    total += await loop(fn, count);
  }
}

/** The smallest batch whose time reaches `minSampleNs` (or {@link MAX_BATCH_SIZE}). */
export async function calibrateBatchSize(
  loop: BatchLoop,
  fn: BenchmarkFn,
  minSampleNs: number,
): Promise<number> {
  let count = 1;
  for (;;) {
    const elapsed = await loop(fn, count);
    if (elapsed >= minSampleNs || count >= MAX_BATCH_SIZE) return count;
    const growth =
      elapsed > 0 ? Math.min(MAX_GROWTH, Math.max(2, (1.2 * minSampleNs) / elapsed)) : MAX_GROWTH;
    count = Math.min(MAX_BATCH_SIZE, Math.ceil(count * growth));
  }
}

interface SamplingPlan {
  batchSize: number;
  /** Samples to take at least. */
  count: number;
  /** Keep sampling (up to {@link MAX_SAMPLES}) until this much time was measured. */
  minTotalNs: number;
}

async function sampleBatches(
  loop: BatchLoop,
  fn: BenchmarkFn,
  plan: SamplingPlan,
  collectGarbage: (() => void) | undefined,
): Promise<number[]> {
  const samples: number[] = [];
  let total = 0;
  while (samples.length < plan.count || (total < plan.minTotalNs && samples.length < MAX_SAMPLES)) {
    collectGarbage?.();
    const elapsed = await loop(fn, plan.batchSize);
    total += elapsed;
    samples.push(elapsed / plan.batchSize);
  }
  return samples;
}

function heapNow(env: MeasureEnvironment): number | undefined {
  if (env.heapUsed === undefined) return undefined;
  env.collectGarbage?.();
  return env.heapUsed();
}

/** Measures one benchmark in this process. Rejects with whatever the function, setup or teardown throws. */
export async function measureBenchmark(
  definition: BenchmarkDefinition,
  env: MeasureEnvironment,
): Promise<BenchmarkMeasurement> {
  const { fn, options } = definition;
  await options.setup?.();
  try {
    const probe = fn();
    const async = isThenable(probe);
    if (async) await probe;
    const loop = createBatchLoop(env.clock, async);
    const minSampleNs = options.minSampleTimeNs ?? DEFAULT_MIN_SAMPLE_TIME_NS;
    await warmUp(loop, fn, PRE_CALIBRATION_WARMUP_NS);
    const batchSize = await calibrateBatchSize(loop, fn, minSampleNs);
    const heapBefore = heapNow(env);
    const warmup = { batchSize, count: options.warmupIterations ?? DEFAULT_WARMUP_ITERATIONS, minTotalNs: 0 };
    await sampleBatches(loop, fn, warmup, undefined);
    const gc = options.gcBetweenSamples === true ? env.collectGarbage : undefined;
    const minTotalNs = (options.minSamplingTimeMs ?? DEFAULT_MIN_SAMPLING_TIME_MS) * 1e6;
    const plan = { batchSize, count: options.iterations ?? DEFAULT_ITERATIONS, minTotalNs };
    const samplesNs = await sampleBatches(loop, fn, plan, gc);
    const heapAfter = heapNow(env);
    const stats = describeSamples(sortSamples(samplesNs));
    const warnings = await deadCodeWarnings(stats.median, async, batchSize, env);
    return {
      name: definition.name,
      metadata: { ...(options.metadata ?? {}) },
      unit: 'ns',
      async,
      batchSize,
      samplesNs,
      stats,
      heapDeltaBytes:
        heapBefore === undefined || heapAfter === undefined ? undefined : heapAfter - heapBefore,
      warnings,
    };
  } finally {
    await options.teardown?.();
  }
}

/** True when a per-call time is within {@link DCE_FACTOR} of an empty function's (or below it). */
export function looksOptimisedAway(medianNs: number, emptyNs: number): boolean {
  return medianNs <= DCE_FACTOR * emptyNs;
}

/**
 * A result within {@link DCE_FACTOR} of an empty function run through the same kind of loop
 * looks optimised away (the JIT removed the work because nothing used its result).
 */
async function deadCodeWarnings(
  medianNs: number,
  async: boolean,
  batchSize: number,
  env: MeasureEnvironment,
): Promise<string[]> {
  if (medianNs >= DCE_CHECK_BELOW_NS) return [];
  const loop = createBatchLoop(env.clock, async);
  const plan = { batchSize, count: DCE_REFERENCE_SAMPLES, minTotalNs: 0 };
  const reference = await sampleBatches(loop, emptyFunction, plan, undefined);
  const emptyNs = median(sortSamples(reference));
  if (!looksOptimisedAway(medianNs, emptyNs)) return [];
  return [
    `looks optimised away: ${medianNs.toFixed(2)} ns per call, within ${DCE_FACTOR}× of an empty function ` +
      `(${emptyNs.toFixed(2)} ns); return a value that depends on varying input`,
  ];
}
