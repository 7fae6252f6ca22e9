import { describe, expect, it } from 'vitest';
import type { IterationFn } from '../../../src/load/contracts.js';
import { type LoadResults, mergeResults, mergeSegments } from '../../../src/load/metrics/results.js';
import type { IterationFactory } from '../../../src/load/run/generator.js';
import { runLoadTest } from '../../../src/load/run/run-load-test.js';
import { decodeLatencyHistogram } from '../../../src/stats/hdr.js';
import { FakeClock } from './fake-clock.js';

const SCRIPT = {
  config: { target: 'http://127.0.0.1:9', phases: [{ duration: 2, arrivalRate: 10 }] },
  scenarios: [{ flow: [{ get: { url: '/' } }] }],
};

/** Records each arrival's wall-clock intended start; latency depends on the generator's region. */
function stubVu(starts: number[], latencyMs: number): IterationFactory {
  return ({ metrics, clock, testZeroMs }): IterationFn =>
    async ({ intendedStartMs }) => {
      starts.push(clock.now() - (clock.monotonic() - testZeroMs) + intendedStartMs);
      metrics.counter('vusers.created');
      metrics.counter('http.requests');
      metrics.summary('perfgate.http.duration', latencyMs);
      return { state: 'completed' };
    };
}

async function segment(index: number, options: { startAt?: number; region?: string; latencyMs: number }) {
  const clock = new FakeClock();
  const starts: number[] = [];
  const results = await clock.run(
    runLoadTest(SCRIPT, {
      clock,
      intervalMs: 1_000,
      segment: { index, count: 2 },
      createIteration: stubVu(starts, options.latencyMs),
      ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
      ...(options.region === undefined ? {} : { region: options.region }),
    }),
  );
  return { results, starts };
}

const p50 = (r: { histograms: Readonly<Record<string, string>> }) =>
  decodeLatencyHistogram(r.histograms['perfgate.http.duration'] ?? '').summary().p50;

describe('--start-at and regions in the load engine', () => {
  it('starts the schedule at the given instant: arrival i is due at startAt + its offset, on every segment', async () => {
    const wallStart = new FakeClock().wallStart;
    const startAt = wallStart + 30_000;
    const first = await segment(0, { startAt, latencyMs: 5 });
    const second = await segment(1, { startAt, latencyMs: 5 });
    const all = [...first.starts, ...second.starts].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => startAt + i * 100));
    expect(first.results.perfgate.generators).toEqual([
      { segment: '1/2', startAt, startedAt: startAt, endedAt: expect.any(Number), status: 'completed' },
    ]);
  });

  it('keeps each region’s histograms exactly through merges, next to the whole run', async () => {
    const eu = (await segment(0, { region: 'eu-west-1', latencyMs: 40 })).results;
    const us = (await segment(1, { region: 'us-east-1', latencyMs: 120 })).results;
    expect(eu.perfgate.region).toBe('eu-west-1');
    const merged = mergeResults([eu, us]);
    const regions = merged.perfgate.regions ?? {};
    expect(Object.keys(regions)).toEqual(['eu-west-1', 'us-east-1']);
    expect(regions['eu-west-1']?.segments).toEqual(['1/2']);
    expect(regions['eu-west-1']?.counters['http.requests']).toBe(10);
    // Exactly each region's own generator's histogram (HDR buckets: 40 ms reads as 40.031).
    expect(p50(regions['eu-west-1'] ?? { histograms: {} })).toBe(p50(eu.perfgate));
    expect(p50(regions['us-east-1'] ?? { histograms: {} })).toBe(p50(us.perfgate));
    expect(p50(eu.perfgate)).toBeCloseTo(40, 0);
    expect(p50(us.perfgate)).toBeCloseTo(120, 0);
    expect(merged.aggregate.counters['http.requests']).toBe(20);
    // A merge of merges (regions already merged) gives the same regions.
    const twice = mergeResults([merged] as LoadResults[]);
    expect(twice.perfgate.regions).toEqual(regions);
    expect(merged.perfgate.missingSegments).toBeUndefined();
  });

  it('merges different scripts freely, but one test’s segments only once each', async () => {
    const whole = (await segment(0, { latencyMs: 5 })).results;
    const twice = [whole, whole];
    expect(mergeResults(twice).aggregate.counters['http.requests']).toBe(20);
    expect(() => mergeSegments(twice)).toThrow(/segment 1\/2 appears twice/);
    expect(mergeSegments([whole]).perfgate.missingSegments).toEqual(['2/2']);
  });
});
