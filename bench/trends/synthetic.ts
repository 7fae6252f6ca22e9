/**
 * Synthetic run histories for measuring trend detection: a level with multiplicative noise
 * (uniform ±10 %, or Gaussian with σ = 10 %), with or without one step. Seeded, so every
 * measurement is reproducible.
 */
import { mulberry32, type Random } from '../../src/stats/random.js';

export type Noise = 'uniform ±10 %' | 'gaussian σ 10 %';

export interface SeriesSpec {
  length: number;
  /** Index of the first point of the new level; none for pure noise. */
  stepAt?: number;
  before: number;
  after: number;
  noise: Noise;
}

function gaussian(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function noisySeries(spec: SeriesSpec, random: Random): number[] {
  return Array.from({ length: spec.length }, (_, i) => {
    const level = spec.stepAt !== undefined && i >= spec.stepAt ? spec.after : spec.before;
    const factor = spec.noise === 'uniform ±10 %' ? (random() * 2 - 1) * 0.1 : 0.1 * gaussian(random);
    return level * (1 + factor);
  });
}

/** Share of `trials` series in which `found` says the step was seen (or, for noise, anything). */
export function rate(
  spec: SeriesSpec,
  trials: number,
  seed: number,
  found: (series: number[]) => boolean,
): number {
  const random = mulberry32(seed);
  let hits = 0;
  for (let i = 0; i < trials; i++) if (found(noisySeries(spec, random))) hits++;
  return hits / trials;
}
