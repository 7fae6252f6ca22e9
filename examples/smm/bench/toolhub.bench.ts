/**
 * ToolHub vector search: exact top-k by cosine similarity over the service's real index code
 * (services/toolhub), the spec's `ToolHub Vector Search` benchmark. Run: `npx perfgate bench`
 * from examples/smm (TypeScript runs without a build).
 */
import { benchmark } from 'perfgate/bench';
import { createRandom } from '../services/lib/prng.js';
import { embedText } from '../services/toolhub/text-embedding.js';
import { searchTopK } from '../services/toolhub/top-k.js';
import { buildVectorIndex } from '../services/toolhub/vector-index.js';

/** The service's default index size is a few thousand tools; 2,000 keeps a call near 1 ms. */
const INDEX_SIZE = 2_000;
const QUERIES = [
  'search files',
  'summarize emails fast',
  'export invoices in bulk',
  'monitor logs',
  'sync calendar',
];

const index = buildVectorIndex(INDEX_SIZE, createRandom(42));
const queries = QUERIES.map((text) => embedText(text) ?? new Float32Array(index.dimensions));
let next = 0;

benchmark(
  'ToolHub Vector Search',
  () => {
    next = (next + 1) % queries.length;
    return searchTopK(index, queries[next] ?? new Float32Array(index.dimensions), 10);
  },
  {
    iterations: 50,
    warmupIterations: 10,
    metadata: { testType: 'vector_search', indexSize: INDEX_SIZE, topK: 10 },
  },
);

let nextText = 0;
benchmark(
  'ToolHub query embedding',
  () => {
    nextText = (nextText + 1) % QUERIES.length;
    return embedText(QUERIES[nextText] ?? '');
  },
  { metadata: { testType: 'embedding' } },
);
