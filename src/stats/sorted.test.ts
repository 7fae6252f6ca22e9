import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import {
  MAD_NORMAL_SCALE,
  mad,
  max,
  mean,
  median,
  min,
  quantile,
  sortSamples,
  stddev,
  summarize,
  variance,
} from './sorted.js';

describe('sortSamples', () => {
  it('sorts numerically without mutating its input', () => {
    const input = [10, 9, 100, 1];
    expect([...sortSamples(input)]).toEqual([1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, 1]);
  });

  it.each([
    [[1, Number.NaN], /samples\[1\] is NaN/],
    [[Number.POSITIVE_INFINITY], /samples\[0\] is Infinity/],
    [[0, 1, Number.NEGATIVE_INFINITY], /samples\[2\] is -Infinity/],
  ])('rejects non-finite values naming the index (%j)', (values, message) => {
    expect(() => sortSamples(values)).toThrow(PerfgateError);
    expect(() => sortSamples(values)).toThrow(message);
  });
});

// Hyndman–Fan type 7 = numpy.percentile(a, 100·q) default / R quantile(type = 7):
// h = (n − 1)·q, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
describe('quantile (type 7)', () => {
  it.each([
    // h = 3·0.25 = 0.75 → 1 + 0.75·1
    [[1, 2, 3, 4], 0.25, 1.75],
    // h = 1.5 → 2 + 0.5·1
    [[1, 2, 3, 4], 0.5, 2.5],
    // h = 2.25 → 3 + 0.25·1
    [[1, 2, 3, 4], 0.75, 3.25],
    // h = 4·0.4 = 1.6 → 20 + 0.6·(35 − 20)
    [[15, 20, 35, 40, 50], 0.4, 29],
    // h = 4·0.95 = 3.8 → 40 + 0.8·10
    [[15, 20, 35, 40, 50], 0.95, 48],
    [[15, 20, 35, 40, 50], 0, 15],
    [[15, 20, 35, 40, 50], 1, 50],
    [[7], 0.99, 7],
  ])('%j at q=%d is %d', (values, q, expected) => {
    expect(quantile(sortSamples(values), q)).toBeCloseTo(expected, 12);
  });

  it('matches numpy.percentile(range(1, 101), [95, 99]) = [95.05, 99.01]', () => {
    const sorted = sortSamples(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(quantile(sorted, 0.95)).toBeCloseTo(95.05, 10);
    expect(quantile(sorted, 0.99)).toBeCloseTo(99.01, 10);
  });

  it.each([-0.1, 1.1, Number.NaN])('rejects q = %d', (q) => {
    expect(() => quantile(sortSamples([1, 2]), q)).toThrow(/q must be in \[0, 1\]/);
  });
});

describe('descriptive statistics', () => {
  // Classic example: mean 5, Σ(x − 5)² = 32, sample variance 32/7, sample sd √(32/7) ≈ 2.13809.
  const data = sortSamples([2, 4, 4, 4, 5, 5, 7, 9]);

  it('computes mean, median, sample variance and stddev', () => {
    expect(mean(data)).toBe(5);
    expect(median(data)).toBe(4.5);
    expect(variance(data)).toBeCloseTo(32 / 7, 12);
    expect(stddev(data)).toBeCloseTo(2.138089935299395, 12);
    expect(min(data)).toBe(2);
    expect(max(data)).toBe(9);
  });

  it('computes the raw MAD: median 2, |x − 2| = 0,0,1,1,2,4,7 → 1', () => {
    expect(mad(sortSamples([1, 1, 2, 2, 4, 6, 9]))).toBe(1);
    expect(MAD_NORMAL_SCALE).toBeCloseTo(1.4826, 4);
  });

  it('throws on empty input instead of returning NaN', () => {
    const empty = sortSamples([]);
    for (const f of [mean, median, min, max, mad, summarize, variance]) {
      expect(() => f(empty)).toThrow(PerfgateError);
    }
  });

  it('requires two values for variance', () => {
    expect(() => variance(sortSamples([3]))).toThrow(/at least 2 values/);
  });

  it('summarizes, with stddev undefined for a single value', () => {
    expect(summarize(data)).toEqual({
      n: 8,
      mean: 5,
      median: 4.5,
      p95: expect.closeTo(8.3, 12), // h = 6.65 → 7 + 0.65·2
      p99: expect.closeTo(8.86, 12), // h = 6.93 → 7 + 0.93·2
      min: 2,
      max: 9,
      stddev: expect.closeTo(2.138089935299395, 12),
    });
    expect(summarize(sortSamples([4]))).toEqual({
      n: 1,
      mean: 4,
      median: 4,
      p95: 4,
      p99: 4,
      min: 4,
      max: 4,
      stddev: undefined,
    });
  });
});
