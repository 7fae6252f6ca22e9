import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, decodeLatencyHistogram, mergeEncodedHistograms } from './hdr.js';

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

  it('summarises an empty histogram as zeros', () => {
    expect(createLatencyHistogram().summary()).toMatchObject({ count: 0, p99: 0, max: 0 });
  });
});
