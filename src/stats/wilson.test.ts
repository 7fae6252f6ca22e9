import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { eventsToShowExcess, wilsonInterval, wilsonLowerBound } from './wilson.js';

describe('wilsonInterval', () => {
  // Reference vectors: scipy 1.17 `binomtest(k, n).proportion_ci(confidence_level=c, method='wilson')`.
  const reference: [number, number, number, number, number][] = [
    [0, 10, 0.95, 0, 0.27753279986288926],
    [1, 10, 0.95, 0.017876213095072896, 0.4041500267952385],
    [1, 50, 0.95, 0.0035392592716462223, 0.10495443589637814],
    [3, 40, 0.9, 0.030370252611738993, 0.17348017873690036],
    [50, 1000, 0.99, 0.035025075722532446, 0.0709069726905337],
    [7, 7, 0.95, 0.6456695649333126, 1],
    [0, 1, 0.95, 0, 0.7934506856227626],
    [12, 4000, 0.95, 0.0017169926319576998, 0.005236693998005578],
  ];

  it.each(reference)('%d of %d at %d matches scipy', (events, total, confidence, lower, upper) => {
    const interval = wilsonInterval(events, total, confidence);
    expect(interval.lower).toBeCloseTo(lower, 8);
    expect(interval.upper).toBeCloseTo(upper, 8);
    expect(interval.estimate).toBe(events / total);
  });

  it('gives the one-sided bound of the two-sided interval at twice the error', () => {
    // One-sided 95 % = the lower end of the two-sided 90 % interval.
    expect(wilsonLowerBound(3, 40, 0.95)).toBeCloseTo(0.030370252611738993, 8);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(1, 0, 0.95)).toThrow(PerfgateError);
    expect(() => wilsonInterval(5, 4, 0.95)).toThrow(PerfgateError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(PerfgateError);
  });
});

describe('eventsToShowExcess', () => {
  it('is the first n at which the one-sided Wilson bound clears the limit', () => {
    const observed = 1 / 50; // one 5xx in 50 requests against a 99.5 % objective
    const needed = eventsToShowExcess(observed, 0.005, 0.95);
    expect(needed).toBe(60);
    const n = needed ?? 0;
    expect(wilsonLowerBound(observed * n, n, 0.95)).toBeGreaterThan(0.005);
    expect(wilsonLowerBound(observed * (n - 1), n - 1, 0.95)).toBeLessThanOrEqual(0.005);
  });

  it('is undefined when the ratio is not over the limit, and 1 for a zero limit', () => {
    expect(eventsToShowExcess(0.004, 0.005, 0.95)).toBeUndefined();
    expect(eventsToShowExcess(0.005, 0.005, 0.95)).toBeUndefined();
    expect(eventsToShowExcess(0.1, 0, 0.95)).toBe(1);
  });
});
