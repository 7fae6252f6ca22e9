/**
 * Model routing: validating a /api/route body and picking the cheapest model that fits, with the
 * model router's real catalog code (services/model-router/catalog.ts) over a catalog of 200 models.
 */
import { benchmark } from 'perfgate/bench';
import { createRandom } from '../services/lib/prng.js';
import {
  type Model,
  parseRouteRequest,
  pickCheapestModel,
  SEED_MODELS,
} from '../services/model-router/catalog.js';

const random = createRandom(7);
const CATALOG_SIZE = 200;

const catalog: Model[] = Array.from({ length: CATALOG_SIZE }, (_, i) => {
  const seed = SEED_MODELS[i % SEED_MODELS.length] ?? SEED_MODELS[0];
  return {
    id: `model-${i}`,
    name: `${seed?.name ?? 'model'}-${i}`,
    provider: seed?.provider ?? 'demo',
    contextWindow: Math.round(4_096 + random() * 196_000),
    costPer1kTokens: Number((0.0001 + random() * 0.02).toFixed(5)),
    createdAt: '2026-01-01T00:00:00.000Z',
  };
});

const bodies = [
  { prompt: 'Summarise this ticket thread.' },
  { prompt: 'x'.repeat(40_000), maxCostPer1kTokens: 0.01 },
  { prompt: 'Translate the release notes to German.', minContextWindow: 100_000 },
  { prompt: 'Classify these 50 support emails.', maxCostPer1kTokens: 0.001, minContextWindow: 16_000 },
];
let next = 0;

benchmark(
  'Model routing (validate + pick cheapest)',
  () => {
    next = (next + 1) % bodies.length;
    return pickCheapestModel(catalog, parseRouteRequest(bodies[next]));
  },
  { metadata: { testType: 'model_routing', catalogSize: CATALOG_SIZE } },
);
