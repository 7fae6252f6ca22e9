import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { bootstrapMinLogRatio, bootstrapPValue, expectedMin, ratioIntervalOf } from './min-ratio.js';
import { mulberry32 } from './random.js';

// Per-process 10th percentiles of one benchmark: a tight fast group and two disturbed processes.
const base = [100.2, 100.8, 101.1, 100.5, 99.9, 100.4, 150.3, 171.9];

describe('bootstrapMinLogRatio', () => {
  it('compares the fastest processes: disturbed ones on either side change nothing', () => {
    const candidate = [100.6, 100.1, 160.4, 100.9, 100.3, 180.2];
    const distribution = bootstrapMinLogRatio(base, candidate, { random: mulberry32(1) });
    // 8 base processes against 6: the base's minimum as 6 processes would show it.
    expect(Math.exp(distribution.estimate)).toBeCloseTo(100.1 / expectedMin(base, 6), 10);
    const interval = ratioIntervalOf(distribution, 0.95);
    expect(interval.lower).toBeLessThan(1);
    expect(interval.upper).toBeGreaterThan(1);
    expect(interval.upper).toBeLessThan(1.03);
    expect(bootstrapPValue(distribution)).toBeGreaterThan(0.05);
  });

  it('compares sides of different sizes as equally many processes: more processes are not faster', () => {
    expect(expectedMin([1, 2], 1)).toBe(1.5);
    expect(expectedMin([3, 1, 2], 3)).toBe(1);
    // One speed, 10 processes then and 3 now: the bare minima would read +1 %, as a slowdown.
    const then = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];
    const now = [101, 104, 107];
    const distribution = bootstrapMinLogRatio(then, now, { random: mulberry32(4) });
    expect(Math.exp(distribution.estimate)).toBeLessThan(1);
    expect(Math.exp(distribution.estimate)).toBeCloseTo(101 / expectedMin(then, 3), 10);
    const interval = ratioIntervalOf(distribution, 0.95);
    expect(interval.lower).toBeLessThan(1);
    expect(interval.upper).toBeGreaterThan(1);
  });

  it('a 30 % slower candidate: the interval excludes 1 and the p-value agrees', () => {
    const candidate = base.map((value) => value * 1.3);
    const distribution = bootstrapMinLogRatio(base, candidate, { random: mulberry32(2) });
    const interval = ratioIntervalOf(distribution, 0.99);
    expect(interval.estimate).toBeCloseTo(1.3, 10);
    expect(interval.lower).toBeGreaterThan(1.2);
    expect(bootstrapPValue(distribution)).toBeLessThan(0.01);
  });

  it('extra error widens the interval around the same estimate, and a shift divides the ratio', () => {
    const candidate = base.map((value) => value * 1.05);
    const plain = ratioIntervalOf(bootstrapMinLogRatio(base, candidate, { random: mulberry32(3) }), 0.95);
    const wide = ratioIntervalOf(
      bootstrapMinLogRatio(base, candidate, { random: mulberry32(3), extraLogSd: 0.05 }),
      0.95,
    );
    expect(wide.estimate).toBeCloseTo(plain.estimate, 12);
    expect(wide.lower).toBeLessThan(plain.lower - 0.05);
    expect(wide.upper).toBeGreaterThan(plain.upper + 0.05);
    const shifted = bootstrapMinLogRatio(base, candidate, {
      random: mulberry32(3),
      logShift: Math.log(1.05),
    });
    expect(Math.exp(shifted.estimate)).toBeCloseTo(1, 10);
  });

  it('is reproducible from the seed and rejects bad input', () => {
    const a = bootstrapMinLogRatio(base, base, { random: mulberry32(9) });
    const b = bootstrapMinLogRatio(base, base, { random: mulberry32(9) });
    expect(a.replicates).toEqual(b.replicates);
    expect(() => bootstrapMinLogRatio([], base, { random: mulberry32(1) })).toThrow(PerfgateError);
    expect(() => bootstrapMinLogRatio([1, -1], base, { random: mulberry32(1) })).toThrow(PerfgateError);
  });
});
