import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { normalQuantile } from './normal.js';

describe('normalQuantile', () => {
  // Reference vectors: scipy 1.17 `scipy.stats.norm.ppf(p)`.
  const reference: [number, number][] = [
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
    [1e-6, -4.753424308822899],
    [0.02425, -1.972961051311885],
    [0.3, -0.5244005127080409],
  ];

  it.each(reference)('Φ⁻¹(%d) matches scipy', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 7);
  });

  it('is antisymmetric around 0.5', () => {
    expect(normalQuantile(0.01)).toBeCloseTo(-normalQuantile(0.99), 12);
  });

  it('rejects p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(PerfgateError);
  });
});
