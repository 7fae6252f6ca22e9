import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { binCounts, createLatencyHistogram, decodeLatencyHistogram, mergeEncodedHistograms } from './hdr.js';
import { mulberry32 } from './random.js';

describe('latency histogram', () => {
  it('gives HdrHistogram percentiles within 0.1% (reference: 1..1000 ms uniform)', () => {
    const histogram = createLatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(1000);
    expect(summary.min).toBeCloseTo(1, 2);
    expect(summary.p50).toBeGreaterThanOrEqual(500);
    expect(summary.p50).toBeLessThanOrEqual(500.5);
    expect(summary.p99).toBeGreaterThanOrEqual(990);
    expect(summary.p99).toBeLessThanOrEqual(991);
    expect(summary.max).toBeGreaterThanOrEqual(1000);
    expect(summary.max).toBeLessThanOrEqual(1000.5);
    expect(summary.mean).toBeCloseTo(500.5, 0);
  });

  it('keeps microseconds below a millisecond', () => {
    const histogram = createLatencyHistogram();
    histogram.record(0.123);
    histogram.record(-5);
    expect(histogram.summary().max).toBe(0.123);
    expect(histogram.summary().min).toBe(0);
  });

  it('merges exactly: two halves encoded, decoded and merged equal the whole', () => {
    const whole = createLatencyHistogram();
    const halves = [createLatencyHistogram(), createLatencyHistogram()];
    for (let i = 0; i < 5000; i++) {
      const ms = (i * 7919) % 3000;
      whole.record(ms);
      halves[i % 2]?.record(ms);
    }
    const merged = mergeEncodedHistograms(halves.map((h) => h.encode()));
    expect(merged.summary()).toEqual(whole.summary());
    expect(decodeLatencyHistogram(whole.encode()).summary()).toEqual(whole.summary());
  });

  it("agrees with HdrHistogram's own percentile and mean getters", () => {
    const histogram = createLatencyHistogram();
    for (let i = 1; i <= 20_000; i++) histogram.record(((i * 7919) % 10_007) / 13 + (i % 3 === 0 ? 400 : 0));
    const { raw } = histogram;
    const at = (p: number) => Math.round(raw.getValueAtPercentile(p)) / 1000;
    const summary = histogram.summary();
    expect([
      summary.p50,
      summary.p75,
      summary.p90,
      summary.p95,
      summary.p99,
      summary.p999,
      summary.max,
    ]).toEqual([50, 75, 90, 95, 99, 99.9, 100].map(at));
    expect(summary.mean).toBeCloseTo(raw.mean / 1000, 2);
  });

  it('records into the same buckets as the library, across the range and past a resize', () => {
    const fast = createLatencyHistogram();
    const reference = build({
      bitBucketSize: 32,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 2,
      numberOfSignificantValueDigits: 3,
      useWebAssembly: false,
    });
    const random = mulberry32(7);
    const values = [0, 1, 2047, 2048, 4095, 4096, 65_535, 2 ** 31 - 1, 2 ** 31, 2 ** 33 + 5];
    for (let i = 0; i < 20_000; i++) values.push(Math.floor(2 ** (random() * 34)));
    for (const micros of values) {
      fast.record(micros / 1000);
      reference.recordValue(micros);
    }
    expect(fast.count).toBe(values.length);
    expect(fast.encode()).toBe(encodeIntoCompressedBase64(reference));
    expect(fast.raw.minNonZeroValue).toBe(reference.minNonZeroValue);
    expect(fast.raw.maxValue).toBe(reference.maxValue);
  });

  it('summarises an empty histogram as zeros', () => {
    expect(createLatencyHistogram().summary()).toMatchObject({ count: 0, p99: 0, max: 0 });
  });
});

describe('binCounts', () => {
  it('counts samples per latency range and drops none inside the edges', () => {
    const histogram = createLatencyHistogram();
    for (const ms of [1, 1.5, 2, 3, 9.9, 10, 50, 99]) histogram.record(ms);
    expect(binCounts(histogram, [1, 2, 10, 100])).toEqual([2, 3, 3]);
    expect(binCounts(histogram, [0, 1000]).reduce((a, b) => a + b, 0)).toBe(8);
    expect(binCounts(histogram, [20, 30])).toEqual([0]);
  });
});
