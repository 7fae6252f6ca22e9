import { describe, expect, it } from 'vitest';
import { BenchmarkFramework, performanceClock } from './framework.js';
import { looksOptimisedAway, measureBenchmark } from './measure.js';

/** A fake world where reading the clock costs 100 ns and each call of `work` costs `perCall` ns. */
function fakeWorld(perCall: number) {
  let now = 0;
  return {
    clock: () => {
      now += 100;
      return now;
    },
    work: () => {
      now += perCall;
      return now;
    },
  };
}

describe('measureBenchmark', () => {
  it('batches calls so the timer cost does not count as the function’s time', async () => {
    const world = fakeWorld(2);
    const result = await measureBenchmark(
      {
        name: 'cheap',
        fn: world.work,
        options: { iterations: 20, warmupIterations: 2, minSamplingTimeMs: 0 },
      },
      { clock: world.clock },
    );
    // One timer pair per call would read 102 ns; batched, the 100 ns spread over the batch vanishes.
    expect(result.batchSize).toBeGreaterThan(10_000);
    expect(result.stats.median).toBeGreaterThanOrEqual(2);
    expect(result.stats.median).toBeLessThan(2.02);
    expect(result.samplesNs).toHaveLength(20);
    expect(result.warnings).toEqual([]);
  });

  it('samples on past `iterations` until the minimum sampling time is measured', async () => {
    const world = fakeWorld(2);
    const result = await measureBenchmark(
      {
        name: 'cheap',
        fn: world.work,
        options: { iterations: 3, warmupIterations: 0, minSamplingTimeMs: 1 },
      },
      { clock: world.clock },
    );
    // Each sample lasts ~100 µs of fake time, so 1 ms of sampling takes about ten.
    expect(result.samplesNs.length).toBeGreaterThanOrEqual(8);
    expect(result.samplesNs.length).toBeLessThanOrEqual(11);
  });

  it('does not batch a slow function', async () => {
    const world = fakeWorld(250_000);
    const result = await measureBenchmark(
      { name: 'slow', fn: world.work, options: { iterations: 5, warmupIterations: 1 } },
      { clock: world.clock },
    );
    expect(result.batchSize).toBe(1);
    expect(result.stats.median).toBe(250_100);
  });

  it('calls a result within 1.5× of an empty function optimised away', () => {
    expect(looksOptimisedAway(0.4, 0.35)).toBe(true);
    expect(looksOptimisedAway(0.2, 0.35)).toBe(true);
    expect(looksOptimisedAway(2, 0.35)).toBe(false);
  });

  it('reads an empty function far below the timer’s cost on the real clock', async () => {
    const result = await new BenchmarkFramework({ clock: performanceClock }).benchmark('empty', () => {}, {
      iterations: 10,
      warmupIterations: 2,
      minSampleTimeNs: 50_000,
    });
    // A timer read costs 60-150 ns here; a batched empty call is a fraction of a nanosecond to a few ns.
    expect(result.batchSize).toBeGreaterThan(100);
    expect(result.median).toBeLessThan(30);
  });

  it('awaits async functions and reports them as async', async () => {
    let resolved = 0;
    const framework = new BenchmarkFramework();
    const result = await framework.benchmark(
      'async',
      async () => {
        await Promise.resolve();
        resolved++;
        return resolved;
      },
      { iterations: 5, warmupIterations: 1, minSampleTimeNs: 20_000 },
    );
    expect(result.async).toBe(true);
    expect(resolved).toBeGreaterThanOrEqual(result.batchSize * 6);
    expect(result.median).toBeGreaterThan(0);
    expect(framework.results).toEqual([result]);
  });

  it('runs setup before and teardown after, even when the function throws', async () => {
    const events: string[] = [];
    const failing = measureBenchmark(
      {
        name: 'throws',
        fn: () => {
          events.push('call');
          throw new Error('boom');
        },
        options: { setup: async () => events.push('setup'), teardown: () => events.push('teardown') },
      },
      { clock: performanceClock },
    );
    await expect(failing).rejects.toThrow('boom');
    expect(events).toEqual(['setup', 'call', 'teardown']);
  });

  it('reports the spec’s statistics and a heap delta', async () => {
    const result = await new BenchmarkFramework().benchmark(
      'allocates',
      () => Array.from({ length: 100 }, (_, i) => i),
      { iterations: 8, warmupIterations: 1, minSamplingTimeMs: 0, metadata: { testType: 'alloc' } },
    );
    expect(result.metadata).toEqual({ testType: 'alloc' });
    expect(result.p95).toBeGreaterThanOrEqual(result.median);
    expect(result.p99).toBeGreaterThanOrEqual(result.p95);
    expect(typeof result.heapDeltaBytes).toBe('number');
    expect(result.stats.n).toBe(8);
  });
});
