import { describe, expect, it } from 'vitest';
import { latencyFromSummary, percentileOf, shareAbove } from './latency.js';

const summary = {
  min: 10,
  max: 1_000,
  count: 100,
  p50: 100,
  median: 100,
  p75: 200,
  p90: 400,
  p95: 500,
  p99: 900,
  p999: 990,
};

describe('latency evidence from a percentile summary', () => {
  const latency = latencyFromSummary('perfgate.http.duration', summary);

  it('interpolates the share above a threshold linearly between percentiles', () => {
    expect(shareAbove(latency, 5)).toBe(1);
    expect(shareAbove(latency, 1_000)).toBe(0);
    expect(shareAbove(latency, 500)).toBeCloseTo(0.05, 12);
    // between p90 = 400 and p95 = 500: 1 − (0.9 + 0.05 · 50/100) = 0.075
    expect(shareAbove(latency, 450)).toBeCloseTo(0.075, 12);
    // between min = 10 and p50 = 100: 1 − 0.5 · 45/90 = 0.75
    expect(shareAbove(latency, 55)).toBeCloseTo(0.75, 12);
    expect(latency.exact).toBe(false);
  });

  it('reads reported percentiles and interpolates others', () => {
    expect(percentileOf(latency, 95)).toEqual({ value: 500, interpolated: false });
    expect(percentileOf(latency, 99.9)).toEqual({ value: 990, interpolated: false });
    const p80 = percentileOf(latency, 80);
    expect(p80?.interpolated).toBe(true);
    expect(p80?.value).toBeCloseTo(200 + 200 * (0.05 / 0.15), 9);
  });

  it('keeps the CDF increasing when percentiles repeat', () => {
    const flat = latencyFromSummary('x', { min: 5, max: 5, count: 3, p50: 5, p95: 5, p99: 5 });
    expect(flat.cdf).toEqual([[5, 1]]);
    expect(shareAbove(flat, 5)).toBe(0);
    expect(shareAbove(flat, 4)).toBe(1);
  });
});
