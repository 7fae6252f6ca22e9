import { describe, expect, it } from 'vitest';
import { describeSamples } from './describe.js';
import { bootstrapMedianInterval } from './median-interval.js';
import { tukeyOutliers } from './outliers.js';
import { mulberry32 } from './random.js';
import { sortSamples } from './sorted.js';

// Reference values from numpy 1.x: np.percentile (linear = type 7), std(ddof=1), median |x − median|.
describe('describeSamples', () => {
  it('matches numpy on a small reference vector', () => {
    const d = describeSamples(sortSamples([9, 2, 4, 4, 5, 4, 7, 5]));
    expect(d).toMatchObject({ n: 8, min: 2, max: 9, mean: 5, median: 4.5, p75: 5.5, mad: 0.5 });
    expect(d.p95).toBeCloseTo(8.3, 12);
    expect(d.p99).toBeCloseTo(8.86, 12);
    expect(d.stddev).toBeCloseTo(2.138089935299395, 12);
    expect(d.outliers).toMatchObject({ low: 0, high: 1, severe: 0 });
  });

  it('reports zero spread for a single value', () => {
    expect(describeSamples(sortSamples([3]))).toMatchObject({ stddev: 0, mad: 0, p99: 3 });
  });

  it('rejects an empty sample', () => {
    expect(() => describeSamples(sortSamples([]))).toThrow(/empty/);
  });
});

describe('tukeyOutliers', () => {
  it('counts mild and severe outliers beyond the type-7 quartile fences', () => {
    // numpy: Q1 = 0.975, Q3 = 1.25, so fences 0.5625 / 1.6625 (mild) and 0.15 / 2.075 (severe).
    const result = tukeyOutliers(sortSamples([1.2, 0.9, 15, 1.1, 1.0, 1.3, 0.95, 1.05, 1.15, 40, -30]));
    expect(result.lowerFence).toBeCloseTo(0.5625, 12);
    expect(result.upperFence).toBeCloseTo(1.6625, 12);
    expect(result).toMatchObject({ low: 1, high: 2, severe: 3 });
  });

  it('finds none in a tight sample', () => {
    expect(tukeyOutliers(sortSamples([1, 2, 3, 4, 5]))).toMatchObject({ low: 0, high: 0, severe: 0 });
  });
});

describe('bootstrapMedianInterval', () => {
  it('brackets the median and is reproducible for a seed', () => {
    const values = [101, 99, 100, 103, 98, 100.5, 102];
    const a = bootstrapMedianInterval(values, { random: mulberry32(7) });
    const b = bootstrapMedianInterval(values, { random: mulberry32(7) });
    expect(a).toEqual(b);
    expect(a.estimate).toBe(100.5);
    expect(a.lower).toBeLessThanOrEqual(100.5);
    expect(a.upper).toBeGreaterThanOrEqual(100.5);
    expect(a.lower).toBeGreaterThanOrEqual(98);
    expect(a.upper).toBeLessThanOrEqual(103);
  });

  it('is narrower for a tighter sample', () => {
    const random = mulberry32(1);
    const wide = bootstrapMedianInterval([80, 90, 100, 110, 120, 95, 105], { random });
    const tight = bootstrapMedianInterval([98, 99, 100, 101, 102, 99.5, 100.5], { random });
    expect(tight.upper - tight.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it('returns the value itself for one value and rejects bad input', () => {
    expect(bootstrapMedianInterval([5], { random: mulberry32(1) })).toMatchObject({ lower: 5, upper: 5 });
    expect(() => bootstrapMedianInterval([], { random: mulberry32(1) })).toThrow(/empty/);
    expect(() => bootstrapMedianInterval([1, Number.NaN], { random: mulberry32(1) })).toThrow(/finite/);
    expect(() => bootstrapMedianInterval([1], { random: mulberry32(1), confidence: 1 })).toThrow(
      /confidence/,
    );
  });
});
