import { describe, expect, it } from 'vitest';
import { detectStepChanges, pooledTPValue } from './step-change.js';

describe('detectStepChanges (short series)', () => {
  it('finds the reported 16 → 56 ms p95 step over 4 + 4 runs', () => {
    const [change, ...more] = detectStepChanges([16.2, 15.1, 17.0, 16.4, 55.8, 57.9, 53.1, 56.4]);
    expect(more).toEqual([]);
    expect(change).toMatchObject({ index: 4 });
    expect(change?.meanBefore).toBeCloseTo(16.175, 3);
    expect(change?.meanAfter).toBeCloseTo(55.8, 3);
    expect(change?.pValue).toBeLessThan(0.001);
  });

  it('stays quiet on ±10 % noise, and on a step smaller than the minimum effect', () => {
    expect(detectStepChanges([100, 108, 93, 104, 97, 109, 91, 102, 95, 106])).toEqual([]);
    // 8 % higher, very steady: significant, but below the 15 % minimum change.
    expect(detectStepChanges([100, 100.5, 99.5, 100, 108, 108.5, 107.5, 108])).toEqual([]);
    expect(
      detectStepChanges([100, 100.5, 99.5, 100, 108, 108.5, 107.5, 108], { minRelativeChange: 0.05 }),
    ).toHaveLength(1);
  });

  it('finds two steps in one history, each where it began', () => {
    const values = [20, 21, 19, 20, 40, 41, 39, 40, 20, 19, 21, 20];
    expect(detectStepChanges(values).map((change) => change.index)).toEqual([4, 8]);
  });

  it('tests values with zeros as they are (no logarithm), and needs 3 points a side', () => {
    expect(detectStepChanges([0, 0, 0, 0, 5, 5, 5, 5]).map((change) => change.index)).toEqual([4]);
    expect(detectStepChanges([16, 16, 56, 56, 56])).toEqual([]);
  });

  it('computes the pooled two-sample t-test (reference: R t.test(var.equal = TRUE))', () => {
    // t.test(c(1,2,3,4), c(3,4,5,6), var.equal=TRUE): t = -2.1909, df = 6, p-value = 0.07099
    expect(pooledTPValue([1, 2, 3, 4, 3, 4, 5, 6], 0, 4, 8)).toBeCloseTo(0.07099, 4);
  });

  it('rejects invalid options', () => {
    expect(() => detectStepChanges([1, 2, 3], { minSegment: 1 })).toThrow(/minSegment must be ≥ 2/);
    expect(() => detectStepChanges([1, 2, 3], { significance: 1 })).toThrow(/significance/);
  });
});
