import { describe, expect, it } from 'vitest';
import { defaultIntervalMs, MIN_WINDOWS } from './interval.js';

describe('defaultIntervalMs', () => {
  it.each([
    [5_000, 500],
    [6_000, 500],
    [10_000, 500],
    [30_000, 1_000],
    [60_000, 2_000],
    [120_000, 5_000],
    [200_000, 10_000],
    [3_600_000, 10_000],
  ])('a %d ms run → %d ms windows', (planned, expected) => {
    expect(defaultIntervalMs(planned)).toBe(expected);
  });

  it('gives runs of 10 s and more at least ~20 windows and never more than 10 s', () => {
    for (let planned = 10_000; planned <= 600_000; planned += 1_000) {
      const interval = defaultIntervalMs(planned);
      expect(interval).toBeLessThanOrEqual(10_000);
      expect(planned / interval).toBeGreaterThanOrEqual(MIN_WINDOWS);
    }
    // A 6 s run still gets well over 5 points.
    expect(6_000 / defaultIntervalMs(6_000)).toBeGreaterThanOrEqual(5);
  });
});
