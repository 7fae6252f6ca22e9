import { randomInt } from 'node:crypto';

/** A source of uniform numbers in [0, 1), like Math.random but reproducible when seeded. */
export type Random = () => number;

/**
 * mulberry32: tiny, fast and good enough for simulated latency and test data.
 * Not for anything security-related.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for seeds and feature hashing. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * One independent stream per purpose ("latency", "faults", ...), so adding a draw in one place
 * does not shift the numbers every other feature sees. With SMM_SEED unset, runs are random.
 */
export function randomFromEnv(env: NodeJS.ProcessEnv, stream: string): Random {
  const seedText = env.SMM_SEED;
  const baseSeed = seedText === undefined || seedText === '' ? randomInt(2 ** 31) : hashString(seedText);
  return createRandom(baseSeed ^ hashString(stream));
}

/** Box–Muller transform; 1 - u keeps the logarithm away from zero. */
export function sampleStandardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal parametrised by its median, which is how latencies are usually described. */
export function sampleLogNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * sampleStandardNormal(random));
}

export function sampleUniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}
