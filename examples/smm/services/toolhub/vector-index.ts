import { type Random, sampleStandardNormal } from '../lib/prng.js';
import { EMBEDDING_DIMENSIONS, embedText, normalizeInPlace } from './text-embedding.js';

export interface Tool {
  readonly id: string;
  readonly name: string;
}

export interface SearchHit {
  readonly id: string;
  readonly name: string;
  /** Cosine similarity in [-1, 1]; vectors are unit length, so it is a dot product. */
  readonly score: number;
}

/** All vectors in one flat Float32Array (row i at i*dimensions): compact and cache-friendly. */
export interface VectorIndex {
  readonly tools: readonly Tool[];
  readonly dimensions: number;
  readonly vectors: Float32Array;
}

/** Splits a whitespace-separated word list; keeps the vocabularies below readable. */
function words(text: string): string[] {
  return text.trim().split(/\s+/);
}

const VERBS = words(`
  search create update delete list summarize translate analyze export import
  sync validate schedule fetch render classify extract compress monitor notify`);
const NOUNS = words(`
  files emails tickets invoices calendar contacts images logs metrics documents
  repositories orders payments users reports datasets videos messages alerts workflows`);
const VARIANTS = words('basic pro batch stream lite v2 v3 async bulk secure fast cloud local');

/** Noise mixed into each tool's name embedding, so tools with the same verb and noun still differ. */
const NOISE_WEIGHT = 0.6;

/** Tool i gets a name like `search-files-pro`; the 5,200 combinations cover the default index size. */
export function toolAt(index: number): Tool {
  const verb = VERBS[index % VERBS.length] ?? 'use';
  const noun = NOUNS[Math.floor(index / VERBS.length) % NOUNS.length] ?? 'things';
  const variant = VARIANTS[Math.floor(index / (VERBS.length * NOUNS.length)) % VARIANTS.length] ?? 'basic';
  const round = Math.floor(index / (VERBS.length * NOUNS.length * VARIANTS.length));
  const suffix = round === 0 ? '' : `-${round + 1}`;
  return { id: `tool-${String(index + 1).padStart(5, '0')}`, name: `${verb}-${noun}-${variant}${suffix}` };
}

/** Each vector is the tool name's embedding plus Gaussian noise, normalised, so text queries work. */
export function buildVectorIndex(
  size: number,
  random: Random,
  dimensions = EMBEDDING_DIMENSIONS,
): VectorIndex {
  const tools: Tool[] = [];
  const vectors = new Float32Array(size * dimensions);
  const noiseScale = NOISE_WEIGHT / Math.sqrt(dimensions);
  for (let i = 0; i < size; i++) {
    const tool = toolAt(i);
    tools.push(tool);
    const row = vectors.subarray(i * dimensions, (i + 1) * dimensions);
    row.set(embedText(tool.name.replaceAll('-', ' '), dimensions) ?? new Float32Array(dimensions));
    for (let d = 0; d < dimensions; d++)
      row[d] = (row[d] as number) + noiseScale * sampleStandardNormal(random);
    normalizeInPlace(row);
  }
  return { tools, dimensions, vectors };
}

export function vectorOf(index: VectorIndex, position: number): Float32Array {
  return index.vectors.subarray(position * index.dimensions, (position + 1) * index.dimensions);
}
