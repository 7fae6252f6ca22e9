import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { bootstrapMedianRatio } from './bootstrap.js';
import { mulberry32 } from './random.js';

// Twenty per-process medians with ~3 % spread around 100 (the between-process CV of B2/B3).
const base = [
  97.1, 101.3, 99.8, 102.9, 98.4, 100.6, 103.2, 96.9, 100.1, 99.2, 101.8, 98.9, 100.4, 102.2, 97.7, 99.5,
  101.1, 100.9, 98.1, 99.9,
];

describe('bootstrapMedianRatio', () => {
  it('identical samples: estimate 1 and a CI containing 1', () => {
    const ci = bootstrapMedianRatio(base, [...base], { random: mulberry32(1) });
    expect(ci.estimate).toBe(1);
    expect(ci.lower).toBeLessThan(1);
    expect(ci.upper).toBeGreaterThan(1);
    expect(ci).toMatchObject({ confidence: 0.95, resamples: 2000 });
  });

  it('a 10 % slower candidate: CI around 1.10 that excludes 1', () => {
    const candidate = base.map((value, i) => value * 1.1 * (i % 2 === 0 ? 1.01 : 0.99));
    const ci = bootstrapMedianRatio(base, candidate, { random: mulberry32(2) });
    expect(ci.estimate).toBeCloseTo(1.1, 1);
    expect(ci.lower).toBeGreaterThan(1.05);
    expect(ci.upper).toBeLessThan(1.15);
    expect(ci.lower).toBeLessThan(1.1);
    expect(ci.upper).toBeGreaterThan(1.1);
  });

  it('is reproducible for a seed, and a higher confidence widens the interval', () => {
    const candidate = base.map((value) => value * 1.05);
    const first = bootstrapMedianRatio(base, candidate, { random: mulberry32(99), resamples: 500 });
    const again = bootstrapMedianRatio(base, candidate, { random: mulberry32(99), resamples: 500 });
    expect(again).toEqual(first);
    const wider = bootstrapMedianRatio(base, candidate, {
      random: mulberry32(99),
      resamples: 500,
      confidence: 0.99,
    });
    expect(wider.lower).toBeLessThanOrEqual(first.lower);
    expect(wider.upper).toBeGreaterThanOrEqual(first.upper);
  });

  it.each([
    [[], [1], {}, /base sample is empty/],
    [[1], [0], {}, /candidate samples must be positive/],
    [[1, Number.NaN], [1], {}, /base\[1\] is NaN/],
    [[1], [1], { resamples: 0 }, /resamples/],
    [[1], [1], { confidence: 1 }, /confidence/],
  ])('rejects invalid input %j / %j / %j', (b, c, extra, message) => {
    const run = () => bootstrapMedianRatio(b, c, { random: mulberry32(0), ...extra });
    expect(run).toThrow(PerfgateError);
    expect(run).toThrow(message);
  });
});
