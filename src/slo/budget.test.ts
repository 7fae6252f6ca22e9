import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import {
  budgetConsumed,
  budgetStatus,
  burnRate,
  errorBudget,
  errorRatio,
  objectiveFromPercent,
  stripFloatNoise,
  timeToExhaustionMs,
} from './budget.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('errorBudget', () => {
  it.each([
    [0.995, 0.005],
    [0.999, 0.001],
    [0.9999, 0.0001],
    [0.9, 0.1],
    [objectiveFromPercent(99.5), 0.005],
  ])('B = 1 − %d is %d without float noise', (objective, budget) => {
    expect(errorBudget(objective)).toBe(budget);
  });

  it.each([99.9, 0, -0.5, 1.01, Number.NaN])('rejects objective %d', (objective) => {
    expect(() => errorBudget(objective)).toThrow(PerfgateError);
    expect(() => errorBudget(objective)).toThrow(/fraction in \(0, 1\]/);
  });

  it('gives a 100 % objective a zero budget: no error burns 0, any error burns at +Infinity', () => {
    expect(errorBudget(objectiveFromPercent(100))).toBe(0);
    expect(burnRate(0, 0)).toBe(0);
    expect(burnRate(1e-9, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('hints at percentages', () => {
    try {
      errorBudget(99.9);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        hint: expect.stringMatching(/objectiveFromPercent/),
      });
    }
  });
});

describe('errorRatio', () => {
  it('reads good or bad counts', () => {
    expect(errorRatio({ total: 1_000, bad: 10 })).toBe(0.01);
    expect(errorRatio({ total: 1_000, good: 990 })).toBe(0.01);
    expect(errorRatio({ total: 0, good: 0 })).toBeUndefined();
  });

  it.each([
    { total: -1, bad: 0 },
    { total: 10, bad: 11 },
    { total: 10, good: 11 },
    { total: Number.POSITIVE_INFINITY, bad: 1 },
  ])('rejects %j', (counts) => {
    expect(() => errorRatio(counts)).toThrow(PerfgateError);
  });
});

describe('budgetStatus', () => {
  // Hand-computed: T = 99.5 %, B = 0.5 %; window w, period P = 30d.
  //   E = bad/total, BR = E/B, C = BR·w/P, R = 1 − C, exhaustion = R·P/BR.
  it.each([
    // bad, total, window, E,     BR,  C,           R,            exhaustion
    [10, 1_000, DAY, 0.01, 2, 2 / 30, 1 - 2 / 30, 14 * DAY],
    [5, 1_000, DAY, 0.005, 1, 1 / 30, 29 / 30, 29 * DAY],
    [50, 1_000, 3 * DAY, 0.05, 10, 1, 0, 0],
    [100, 1_000, 6 * DAY, 0.1, 20, 4, -3, 0],
    [0, 1_000, DAY, 0, 0, 0, 1, undefined],
    [72, 1_000, HOUR, 0.072, 14.4, 0.02, 0.98, (0.98 * 30 * DAY) / 14.4],
  ])('bad=%d total=%d window=%dms', (bad, total, windowMs, e, br, consumed, remaining, exhaustion) => {
    const status = budgetStatus({ objective: 0.995, counts: { bad, total }, windowMs, periodMs: 30 * DAY });
    expect(status.state).toBe('ok');
    if (status.state !== 'ok') return;
    expect(status.budget).toBe(0.005);
    expect(status.errorRatio).toBeCloseTo(e, 12);
    expect(status.burnRate).toBeCloseTo(br, 12);
    expect(status.consumed).toBeCloseTo(consumed, 12);
    expect(status.remaining).toBeCloseTo(remaining, 12);
    if (exhaustion === undefined) expect(status.timeToExhaustionMs).toBeUndefined();
    else expect((status.timeToExhaustionMs ?? Number.NaN) / DAY).toBeCloseTo(exhaustion / DAY, 9);
  });

  it('spec example: 99.5 %, 10 of 1,000 bad over 1d of 30d → burn 2, 6.67 % used, 14 days left', () => {
    const status = budgetStatus({
      objective: objectiveFromPercent(99.5),
      counts: { good: 990, total: 1_000 },
      windowMs: DAY,
      periodMs: 30 * DAY,
    });
    expect(status).toMatchObject({ state: 'ok', errorRatio: 0.01, budget: 0.005, burnRate: 2 });
    if (status.state !== 'ok') return;
    expect(status.consumed).toBeCloseTo(0.0667, 4);
    expect(status.remaining).toBeCloseTo(0.9333, 4);
    expect((status.timeToExhaustionMs ?? 0) / DAY).toBeCloseTo(14, 9);
  });

  it('zero traffic is no-data, never NaN or Infinity', () => {
    const status = budgetStatus({
      objective: 0.999,
      counts: { total: 0, bad: 0 },
      windowMs: DAY,
      periodMs: 30 * DAY,
    });
    expect(status).toEqual({
      state: 'no-data',
      objective: 0.999,
      budget: 0.001,
      windowMs: DAY,
      periodMs: 30 * DAY,
    });
  });

  it.each([
    [0, 30 * DAY],
    [31 * DAY, 30 * DAY],
    [DAY, 0],
    [Number.NaN, 30 * DAY],
  ])('rejects window %d for period %d', (windowMs, periodMs) => {
    expect(() => budgetStatus({ objective: 0.99, counts: { total: 1, bad: 0 }, windowMs, periodMs })).toThrow(
      PerfgateError,
    );
  });

  it('rejects T over 100 %', () => {
    const input = { objective: 1.5, counts: { total: 10, bad: 0 }, windowMs: DAY, periodMs: 30 * DAY };
    expect(() => budgetStatus(input)).toThrow(/objective/);
  });
});

describe('budgetConsumed', () => {
  it('counts a window longer than the period as the period: at most 1 / B', () => {
    // B = 5 %: all events failing for 51 days spends 20 periods' worth, not 34.
    expect(budgetConsumed(20, 51 * DAY, 30 * DAY)).toBe(20);
    expect(budgetConsumed(20, 15 * DAY, 30 * DAY)).toBe(10);
    expect(budgetConsumed(0, 15 * DAY, 30 * DAY)).toBe(0);
  });
});

describe('timeToExhaustionMs', () => {
  it('is R·P/BR, 0 once exhausted, undefined at burn 0', () => {
    expect(timeToExhaustionMs(0.5, 1, 30 * DAY)).toBe(15 * DAY);
    expect(timeToExhaustionMs(1, 10, 30 * DAY)).toBe(3 * DAY);
    expect(timeToExhaustionMs(-0.2, 3, 30 * DAY)).toBe(0);
    expect(timeToExhaustionMs(0.7, 0, 30 * DAY)).toBeUndefined();
  });
});

describe('stripFloatNoise', () => {
  it('keeps 12 significant digits and leaves 0 and non-finite values alone', () => {
    expect(stripFloatNoise(1 - 0.999)).toBe(0.001);
    expect(stripFloatNoise(13.440000000000001)).toBe(13.44);
    expect(stripFloatNoise(0)).toBe(0);
    expect(stripFloatNoise(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
