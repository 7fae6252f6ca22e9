/**
 * toolhub: semantic tool search. Holds an in-memory index of tool embeddings (5,000 × 384 by
 * default) and answers exact cosine top-k queries. Start: `node --import tsx ./services/toolhub.ts`.
 */
import { Histogram } from 'prom-client';
import { HttpError, json } from './lib/http-json.js';
import { createServiceMetrics } from './lib/metrics.js';
import { randomFromEnv } from './lib/prng.js';
import type { Route } from './lib/router.js';
import { exitWithStartupError, startService } from './lib/server.js';
import { readNumberEnv } from './lib/validate.js';
import { parseSearchRequest } from './toolhub/search-request.js';
import { searchTopK } from './toolhub/top-k.js';
import { buildVectorIndex, vectorOf } from './toolhub/vector-index.js';

const DEFAULT_INDEX_SIZE = 5_000;

const metrics = createServiceMetrics('toolhub');
const searchDuration = new Histogram({
  name: 'toolhub_vector_search_duration_seconds',
  help: 'Time to embed the query and find the top-k tools.',
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.3, 1],
  registers: [metrics.registry],
});

function readIndexSize(): number {
  try {
    return readNumberEnv(process.env, 'SMM_TOOLHUB_VECTORS', DEFAULT_INDEX_SIZE, {
      min: 1,
      max: 200_000,
      integer: true,
    });
  } catch (error) {
    exitWithStartupError('toolhub', (error as Error).message);
  }
}

const index = buildVectorIndex(readIndexSize(), randomFromEnv(process.env, 'toolhub/vectors'));
const positionById = new Map(index.tools.map((tool, position) => [tool.id, position]));

const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/tools/search',
    handler: async (context) => {
      const body = await context.readJson();
      const startedAt = performance.now();
      const request = parseSearchRequest(body, index.dimensions);
      const results = searchTopK(index, request.vector, request.k);
      const tookMs = performance.now() - startedAt;
      searchDuration.observe(tookMs / 1000);
      return json(200, { results, tookMs: Number(tookMs.toFixed(3)) });
    },
  },
  {
    method: 'GET',
    path: '/api/tools/:id',
    handler: (context) => {
      const position = positionById.get(context.params.id ?? '');
      const tool = position === undefined ? undefined : index.tools[position];
      if (position === undefined || tool === undefined)
        throw new HttpError(404, `tool ${context.params.id} not found`);
      return json(200, { ...tool, vector: Array.from(vectorOf(index, position)) });
    },
  },
];

startService({ name: 'toolhub', defaultPort: 4102, metrics, routes });
