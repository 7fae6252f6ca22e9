import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { mulberry32, randomIndex } from './random.js';

describe('mulberry32', () => {
  it('reproduces the reference stream for seed 42 (checked against an independent Python port)', () => {
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });

  it('gives the same stream for the same seed, a different one for another seed, all in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const streamA = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(streamA);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(streamA);
    expect(streamA.every((value) => value >= 0 && value < 1)).toBe(true);
    const average = streamA.reduce((sum, value) => sum + value, 0) / streamA.length;
    expect(average).toBeGreaterThan(0.45);
    expect(average).toBeLessThan(0.55);
  });

  it('rejects a non-integer seed', () => {
    expect(() => mulberry32(1.5)).toThrow(PerfgateError);
  });
});

describe('randomIndex', () => {
  it('maps [0, 1) onto 0..n−1 and clamps a Random that returns 1', () => {
    expect(randomIndex(() => 0, 5)).toBe(0);
    expect(randomIndex(() => 0.999999, 5)).toBe(4);
    expect(randomIndex(() => 1, 5)).toBe(4);
  });
});
