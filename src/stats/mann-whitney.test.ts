import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { erfc, exactUDistribution, mannWhitneyU } from './mann-whitney.js';

describe('exactUDistribution', () => {
  it('n1 = n2 = 2: the 6 arrangements give U = 0,1,2,2,3,4', () => {
    expect(exactUDistribution(2, 2)).toEqual([1, 1, 2, 1, 1]);
  });

  it('sums to C(n1 + n2, n1) and is symmetric', () => {
    const counts = exactUDistribution(4, 5);
    expect(counts).toHaveLength(21);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(126);
    expect([...counts].reverse()).toEqual(counts);
    expect(exactUDistribution(10, 10).reduce((a, b) => a + b, 0)).toBe(184756);
  });
});

describe('mannWhitneyU, exact', () => {
  it('completely separated 3 v 3: U = 0, p = 2 · 1/C(6,3) = 0.1', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toEqual({ u: 0, pValue: 0.1, method: 'exact' });
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3])).toEqual({ u: 9, pValue: 0.1, method: 'exact' });
  });

  it('4 v 5 interleaved: U = 7, p = 2 · 35/126 (brute-force enumeration of the 126 splits)', () => {
    // x beats y in pairs: 1.1 → 0, 3.2 → 1 (2.0), 4.5 → 1, 9.0 → 5; U = 7; P(U ≤ 7) = 35/126.
    const result = mannWhitneyU([1.1, 3.2, 4.5, 9.0], [2.0, 5.5, 6.1, 7.3, 8.8]);
    expect(result.u).toBe(7);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(70 / 126, 12);
  });

  it('refuses the exact method on ties', () => {
    expect(() => mannWhitneyU([1, 2], [2, 3], { method: 'exact' })).toThrow(/no ties/);
  });
});

describe('mannWhitneyU, normal approximation', () => {
  it('11 v 12 without ties (above the exact limit)', () => {
    // x = 1..11, y = 4.5..15.5. Pairs with x > y: x = 5..11 beat 1..7 y's → U = 28.
    // μ = 11·12/2 = 66, σ² = 132/12 · 24 = 264, z = −(38 − 0.5)/√264 = −2.3079654558624885,
    // p = erfc(|z|/√2) = 0.021001057890991125 (Python math.erfc).
    const y = Array.from({ length: 12 }, (_, i) => i + 4.5);
    const result = mannWhitneyU([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], y);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(28);
    expect(result.z).toBeCloseTo(-2.3079654558624885, 12);
    expect(result.pValue).toBeCloseTo(0.021001057890991125, 6);
  });

  it('12 v 12 with ties: tie-corrected variance', () => {
    // Pooled tie groups: value 3 ×4 (60), 5 ×3 (24), seven pairs (7·6 = 42) → Σ(t³ − t) = 126.
    // U = 30, μ = 72, σ² = 144/12 · (25 − 126/552) = 297.2608695652174,
    // z = −(42 − 0.5)/√σ² = −2.4070173724489456, p = 0.016083404765685327 (Python math.erfc).
    const x = [1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9];
    const y = [3, 4, 5, 5, 6, 7, 8, 9, 10, 10, 11, 12];
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(30);
    expect(result.z).toBeCloseTo(-2.4070173724489456, 12);
    expect(result.pValue).toBeCloseTo(0.016083404765685327, 6);
  });

  it('small samples with ties fall back to the normal approximation', () => {
    // x = [1,2,2], y = [2,3,4]: x's 2s tie one y → U = 0.5 + 0.5 = 1; ties: one group of 3 (24).
    // σ² = 9/12 · (7 − 24/30) = 4.65, z = −(3.5 − 0.5)/√4.65.
    const result = mannWhitneyU([1, 2, 2], [2, 3, 4]);
    expect(result).toMatchObject({ u: 1, method: 'normal' });
    expect(result.z).toBeCloseTo(-3 / Math.sqrt(4.65), 12);
  });

  it('all values tied: z = 0, p = 1', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5])).toEqual({ u: 3, z: 0, pValue: 1, method: 'normal' });
  });

  it('caps p at 1 when U is at the mean', () => {
    expect(mannWhitneyU([1, 4], [2, 3], { method: 'normal' }).pValue).toBe(1);
  });
});

describe('erfc', () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1.959963984540054 / Math.SQRT2, 0.05],
    [3, 2.209049699858544e-5],
    [-1, 1.8427007929497148],
  ])('erfc(%d) ≈ %d within 1.2e-7 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1.2e-7);
  });
});

describe('validation', () => {
  it('rejects empty and non-finite samples', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(PerfgateError);
    expect(() => mannWhitneyU([1], [2, Number.NaN])).toThrow(/y\[1\] is NaN/);
  });
});
