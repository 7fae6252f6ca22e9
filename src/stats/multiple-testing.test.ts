import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { benjaminiHochbergAdjust, holmAdjust } from './multiple-testing.js';

const closeTo = (values: number[]) => values.map((value) => expect.closeTo(value, 12));

describe('holmAdjust', () => {
  it('matches a hand computation, in input order', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual(closeTo([0.03, 0.06, 0.06, 0.02]));
  });

  it('caps at 1 and handles ties and empty input', () => {
    expect(holmAdjust([0.5, 0.5, 0.01])).toEqual(closeTo([1, 1, 0.03]));
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('benjaminiHochbergAdjust', () => {
  it('matches a hand computation, in input order', () => {
    // Sorted p·m/rank: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
    expect(benjaminiHochbergAdjust([0.01, 0.04, 0.03, 0.005])).toEqual(closeTo([0.02, 0.04, 0.04, 0.02]));
  });

  it('is monotone via the running minimum and capped at 1', () => {
    // Sorted 0.01, 0.04, 0.045 (m = 3): 0.03, 0.06, 0.045 → running min from the top 0.03, 0.045, 0.045.
    expect(benjaminiHochbergAdjust([0.045, 0.01, 0.04])).toEqual(closeTo([0.045, 0.03, 0.045]));
    expect(benjaminiHochbergAdjust([0.9, 1])).toEqual(closeTo([1, 1]));
  });
});

describe('validation', () => {
  it.each([[[0.1, 1.2]], [[-0.01]], [[Number.NaN]]])('rejects %j', (pValues) => {
    expect(() => holmAdjust(pValues)).toThrow(PerfgateError);
    expect(() => benjaminiHochbergAdjust(pValues)).toThrow(/must be in \[0, 1\]/);
  });
});
