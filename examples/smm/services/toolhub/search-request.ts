import { BodyReader } from '../lib/validate.js';
import { embedText, normalizeInPlace } from './text-embedding.js';

export const DEFAULT_TOP_K = 5;
export const MAX_TOP_K = 50;
const MAX_QUERY_CHARS = 10_000;

export interface SearchRequest {
  /** Unit-length query vector, whether it came as text or as numbers. */
  readonly vector: Float32Array;
  readonly k: number;
}

function readQueryVector(reader: BodyReader, dimensions: number): Float32Array | undefined {
  const query = reader.raw('query');
  if (typeof query === 'string') {
    if (query.length > MAX_QUERY_CHARS)
      reader.addIssue(`query: must be at most ${MAX_QUERY_CHARS} characters`);
    const vector = embedText(query, dimensions);
    if (vector === undefined) reader.addIssue('query: text must contain letters or digits');
    return vector;
  }
  if (!Array.isArray(query)) {
    reader.addIssue(`query: must be a string or an array of ${dimensions} numbers`);
    return undefined;
  }
  if (query.length !== dimensions) {
    reader.addIssue(`query: must have ${dimensions} dimensions, got ${query.length}`);
    return undefined;
  }
  if (!query.every((value) => typeof value === 'number' && Number.isFinite(value))) {
    reader.addIssue('query: every element must be a finite number');
    return undefined;
  }
  const vector = Float32Array.from(query as number[]);
  if (!normalizeInPlace(vector)) reader.addIssue('query: vector must not be all zeros');
  return vector;
}

export function parseSearchRequest(body: unknown, dimensions: number): SearchRequest {
  const reader = new BodyReader(body).allowOnly(['query', 'k']);
  const vector = readQueryVector(reader, dimensions);
  const k = reader.optionalNumber('k', { min: 1, max: MAX_TOP_K, integer: true }) ?? DEFAULT_TOP_K;
  reader.finish();
  return { vector: vector ?? new Float32Array(dimensions), k };
}
