import { describe, expect, it } from 'vitest';
import { bestSplit, detectChangePoints } from './change-points.js';
import { mulberry32, type Random } from './random.js';

/** Normal noise by Box–Muller from a seeded generator. */
function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function noisySeries(length: number, seed: number, level: (i: number) => number, sd: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length }, (_, i) => level(i) + sd * gaussian(random));
}

describe('E-divisive means change points', () => {
  it.each([
    [40, 20, 1],
    [60, 12, 2],
    [30, 24, 3],
  ])('finds a +20 %% step in %i values at index %i within ±1 (seed %i)', (length, step, seed) => {
    const series = noisySeries(length, seed, (i) => (i < step ? 100 : 120), 3);
    const changes = detectChangePoints(series, { random: mulberry32(42) });
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(Math.abs((change?.index ?? -99) - step)).toBeLessThanOrEqual(1);
    expect(change?.relativeChange).toBeGreaterThan(0.12);
    expect(change?.relativeChange).toBeLessThan(0.28);
    expect(change?.pValue).toBeLessThanOrEqual(0.01);
  });

  it.each([1, 2, 3, 4, 5])('finds nothing in flat noise (seed %i)', (seed) => {
    const series = noisySeries(50, seed, () => 100, 3);
    expect(detectChangePoints(series, { random: mulberry32(7) })).toEqual([]);
  });

  it('finds two steps, up then back down, in index order', () => {
    const series = noisySeries(60, 9, (i) => (i < 20 ? 50 : i < 40 ? 65 : 50), 2);
    const changes = detectChangePoints(series, { random: mulberry32(1) });
    expect(changes.map((change) => change.index)).toEqual([20, 40]);
    expect(changes[0]?.meanAfter).toBeGreaterThan(changes[0]?.meanBefore ?? Infinity);
    expect(changes[1]?.meanAfter).toBeLessThan(changes[1]?.meanBefore ?? -Infinity);
  });

  it('is reproducible for a seed', () => {
    const series = noisySeries(40, 5, (i) => (i < 25 ? 10 : 11), 0.6);
    const first = detectChangePoints(series, { random: mulberry32(3) });
    expect(detectChangePoints(series, { random: mulberry32(3) })).toEqual(first);
  });

  it('drops changes below the minimum relative change', () => {
    const series = noisySeries(40, 11, (i) => (i < 20 ? 100 : 104), 0.5);
    expect(detectChangePoints(series, { random: mulberry32(1) })).toHaveLength(1);
    expect(detectChangePoints(series, { random: mulberry32(1), minRelativeChange: 0.1 })).toEqual([]);
  });

  it('needs at least two segments of minSegment values', () => {
    expect(detectChangePoints([1, 1, 9, 9, 9], { random: mulberry32(1) })).toEqual([]);
    expect(bestSplit([1, 2, 3, 4, 5], { minSegment: 3, alpha: 1 })).toBeUndefined();
  });

  it('computes Q̂ by the definition on a hand-checked example', () => {
    // X = [0, 0, 0], Y = [3, 3, 3]: Ê = 2·(9·3)/9 − 0 − 0 = 6, Q̂ = 9/6 · 6 = 9.
    expect(bestSplit([0, 0, 0, 3, 3, 3], { minSegment: 3, alpha: 1 })).toEqual({ tau: 3, q: 9 });
  });

  it('rejects bad input with INVALID_ARGUMENT', () => {
    expect(() => detectChangePoints([1, Number.NaN, 2], { random: mulberry32(1) })).toThrow(/series\[1\]/);
    expect(() => detectChangePoints([1, 2], { random: mulberry32(1), alpha: 2 })).toThrow(/alpha/);
  });
});
