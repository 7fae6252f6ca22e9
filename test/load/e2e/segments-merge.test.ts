import { describe, expect, it } from 'vitest';
import type { IterationFn } from '../../../src/load/contracts.js';
import { type LoadResults, mergeResults } from '../../../src/load/metrics/results.js';
import type { IterationFactory } from '../../../src/load/run/generator.js';
import { runLoadTest } from '../../../src/load/run/run-load-test.js';
import type { Segment } from '../../../src/load/schedule/segment.js';
import { decodeLatencyHistogram } from '../../../src/stats/hdr.js';
import { FakeClock } from '../engine/fake-clock.js';

const SCRIPT = {
  config: {
    target: 'http://127.0.0.1:9',
    phases: [
      { duration: 3, arrivalRate: 20 },
      { duration: 2, arrivalRate: 5, rampTo: 30 },
    ],
    ensure: { thresholds: [{ 'stub.latency.p99': 100 }] },
  },
  scenarios: [{ flow: [{ get: { url: '/' } }] }],
};

/** A stub VU whose samples depend only on its intended start: any split must add up to the same data. */
const stubVu: IterationFactory = ({ metrics, clock }): IterationFn => {
  return async ({ intendedStartMs }) => {
    metrics.counter('vusers.created');
    metrics.counter(`stub.phase.${intendedStartMs < 3_000 ? 'steady' : 'ramp'}`);
    metrics.summary('stub.latency', (intendedStartMs % 97) + 0.5);
    metrics.rate('stub.rate');
    await clock.sleep(50);
    metrics.counter('vusers.completed');
    return { state: 'completed' };
  };
};

async function run(segment?: Segment): Promise<LoadResults> {
  const clock = new FakeClock();
  return clock.run(
    runLoadTest(SCRIPT, {
      clock,
      intervalMs: 1_000,
      createIteration: stubVu,
      ...(segment ? { segment } : {}),
    }),
  );
}

describe('segments and merge', () => {
  it('two merged segments equal one whole run: counts exact, histograms equal', async () => {
    const whole = await run();
    const merged = mergeResults([await run({ index: 0, count: 2 }), await run({ index: 1, count: 2 })]);
    expect(whole.aggregate.counters['vusers.created']).toBe(95);
    expect(merged.aggregate.counters).toEqual(whole.aggregate.counters);
    expect(merged.aggregate.summaries).toEqual(whole.aggregate.summaries);
    const decoded = (r: LoadResults) =>
      Object.fromEntries(
        Object.entries(r.perfgate.histograms).map(([k, v]) => [k, decodeLatencyHistogram(v).summary()]),
      );
    expect(decoded(merged)).toEqual(decoded(whole));
    expect(merged.intermediate.map((w) => w.counters)).toEqual(whole.intermediate.map((w) => w.counters));
    expect(merged.perfgate.segments).toEqual(['1/2', '2/2']);
    expect(merged.perfgate.ensure).toEqual(whole.perfgate.ensure);
  });

  it('writes Artillery intermediate windows of the interval and an aggregate that sums them', async () => {
    const whole = await run();
    expect(whole.intermediate.length).toBeGreaterThanOrEqual(5);
    const summed = whole.intermediate.reduce((sum, w) => sum + (w.counters['vusers.created'] ?? 0), 0);
    expect(summed).toBe(95);
    expect(whole.aggregate.rates['stub.rate']).toBe(
      Math.round(95 / ((whole.aggregate.lastMetricAt - whole.aggregate.firstMetricAt) / 1000)),
    );
    expect(whole.perfgate.status).toBe('completed');
    expect(whole.perfgate.schemaVersion).toBe(1);
  });
});
