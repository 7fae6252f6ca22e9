/**
 * model-router: a registry of LLM models and a router that sends each prompt to the cheapest
 * model that fits, after a realistic upstream latency. Start: `node --import tsx ./services/model-router.ts`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Histogram } from 'prom-client';
import { HttpError, json } from './lib/http-json.js';
import { createServiceMetrics } from './lib/metrics.js';
import { randomFromEnv } from './lib/prng.js';
import { createIdGenerator, RecentStore, readListLimit } from './lib/recent-store.js';
import type { Route } from './lib/router.js';
import { startService } from './lib/server.js';
import {
  type Model,
  type NewModel,
  parseNewModel,
  parseRouteRequest,
  pickCheapestModel,
  SEED_MODELS,
} from './model-router/catalog.js';
import { sampleRoutingLatencyMs } from './model-router/latency.js';

const MAX_MODELS = 10_000;

const metrics = createServiceMetrics('model_router');
const requestDuration = new Histogram({
  name: 'model_router_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern, method and status code.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
  registers: [metrics.registry],
});

const models = new RecentStore<Model>(MAX_MODELS);
const nextModelId = createIdGenerator('mdl', randomFromEnv(process.env, 'model-router/ids'));
const latencyRandom = randomFromEnv(process.env, 'model-router/latency');

function registerModel(newModel: NewModel): Model {
  const model: Model = { id: nextModelId(), ...newModel, createdAt: new Date().toISOString() };
  models.set(model.id, model);
  return model;
}

for (const seed of SEED_MODELS) registerModel(seed);

const routes: Route[] = [
  {
    method: 'POST',
    path: '/api/models',
    handler: async (context) => json(201, registerModel(parseNewModel(await context.readJson()))),
  },
  {
    method: 'GET',
    path: '/api/models',
    handler: (context) =>
      json(200, { models: models.list(readListLimit(context.query)), total: models.size }),
  },
  {
    method: 'GET',
    path: '/api/models/:id',
    handler: (context) => {
      const model = models.get(context.params.id ?? '');
      if (model === undefined) throw new HttpError(404, `model ${context.params.id} not found`);
      return json(200, model);
    },
  },
  {
    method: 'POST',
    path: '/api/route',
    handler: async (context) => {
      const request = parseRouteRequest(await context.readJson());
      const model = pickCheapestModel(models.values(), request);
      if (model === undefined) throw new HttpError(422, 'no registered model fits the request');
      const latencyMs = sampleRoutingLatencyMs(latencyRandom);
      await sleep(latencyMs);
      return json(200, { model, latencyMs });
    },
  },
];

startService({
  name: 'model-router',
  defaultPort: 4101,
  metrics,
  routes,
  onRequestFinished: ({ route, method, status, durationSeconds }) =>
    requestDuration.observe({ route, method, status: String(status) }, durationSeconds),
});
