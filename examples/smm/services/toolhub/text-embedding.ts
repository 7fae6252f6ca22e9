import { hashString } from '../lib/prng.js';

/** The embedding width of common small sentence encoders (e.g. MiniLM), so sizes look familiar. */
export const EMBEDDING_DIMENSIONS = 384;

/** Scales a vector to unit length in place; returns false when it is all zeros and cannot be. */
export function normalizeInPlace(vector: Float32Array): boolean {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  if (sumOfSquares === 0 || !Number.isFinite(sumOfSquares)) return false;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return true;
}

function addHashedFeature(vector: Float32Array, feature: string, weight: number): void {
  const hash = hashString(feature);
  // The top bit picks the sign: the "hashing trick" keeps collisions from always adding up.
  const sign = hash & 0x80000000 ? -1 : 1;
  const index = hash % vector.length;
  vector[index] = (vector[index] as number) + sign * weight;
}

/**
 * A deterministic stand-in for a sentence encoder: hashed character trigrams plus whole words,
 * normalised. Texts that share words and spellings get a high cosine similarity, which is all
 * the demo needs. Returns undefined for text without letters or digits.
 */
export function embedText(text: string, dimensions = EMBEDDING_DIMENSIONS): Float32Array | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  const vector = new Float32Array(dimensions);
  for (const word of words) {
    addHashedFeature(vector, `w:${word}`, 2);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) addHashedFeature(vector, `t:${padded.slice(i, i + 3)}`, 1);
  }
  return normalizeInPlace(vector) ? vector : undefined;
}
