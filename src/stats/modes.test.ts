import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { findModes } from './modes.js';

describe('findModes', () => {
  it('finds the two speeds of a bimodal benchmark, fastest first', () => {
    const modes = findModes([1.61, 3.02, 1.58, 2.97, 1.63, 3.05, 1.6]);
    expect(modes.map((mode) => [mode.centre, mode.count])).toEqual([
      [1.605, 4],
      [3.02, 3],
    ]);
  });

  it('one mode when the spread has no gap, and one stray process is an outlier, not a mode', () => {
    expect(findModes([100, 103, 106, 109, 112, 116])).toHaveLength(1);
    const modes = findModes([100, 101, 99, 102, 180]);
    expect(modes).toHaveLength(1);
    expect(modes[0]?.max).toBe(180);
  });

  it('a stray value between two modes joins the nearer one', () => {
    const modes = findModes([1, 1.01, 1.02, 1.5, 3, 3.03]);
    expect(modes.map((mode) => mode.count)).toEqual([4, 2]);
  });

  it('rejects empty and non-positive input', () => {
    expect(() => findModes([])).toThrow(PerfgateError);
    expect(() => findModes([1, 0])).toThrow(PerfgateError);
  });
});
