import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['1.5s', 1_500],
    ['1h30m', 5_400_000],
    [' 2m ', 120_000],
  ])('reads %s as %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it('applies the default unit to bare numbers and numeric strings', () => {
    expect(parseDuration(60, 's')).toBe(60_000);
    expect(parseDuration('60', 's')).toBe(60_000);
    expect(parseDuration(60)).toBe(60);
  });

  it.each(['soon', '', '5 minutes', '10x', 'ms', '-5s', '1h soon'])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('rejects negative and non-finite numbers', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [1_500, '1.5s'],
    [60_000, '1m'],
    [5_400_000, '1h30m'],
    [600_000, '10m'],
    // Rounding never carries into a second unit of the same size.
    [999.7, '1s'],
    [59_999, '1m'],
    [1_199_700, '20m'],
    [3_599_600, '1h'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
