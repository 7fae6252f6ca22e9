import { describe, expect, it } from 'vitest';
import { closestMatch } from './suggest.js';

describe('closestMatch', () => {
  const keys = ['services', 'slos', 'load', 'benchmarks', 'regression', 'environments'];

  it.each([
    ['servces', 'services'],
    ['sevrices', 'services'],
    ['Services', 'services'],
    ['benchmark', 'benchmarks'],
    ['enviroments', 'environments'],
    ['slo', 'slos'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(closestMatch(typo, keys)).toBe(expected);
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestMatch('kubernetes', keys)).toBeUndefined();
    expect(closestMatch('x', keys)).toBeUndefined();
  });
});
